// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IPermit2Token {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @title TestPermit2
/// @notice A Permit2-like allowance holder for the signing tests, with Permit2's interface for
/// allowances (approve / allowance / permit of a PermitSingle / transferFrom) and its events, and its
/// EIP-712 types, so a wallet reads and shows it as it would the canonical Permit2.
contract TestPermit2 {
    struct PackedAllowance {
        uint160 amount;
        uint48 expiration;
        uint48 nonce;
    }

    struct PermitDetails {
        address token;
        uint160 amount;
        uint48 expiration;
        uint48 nonce;
    }

    struct PermitSingle {
        PermitDetails details;
        address spender;
        uint256 sigDeadline;
    }

    bytes32 private constant DETAILS_TYPEHASH = keccak256("PermitDetails(address token,uint160 amount,uint48 expiration,uint48 nonce)");
    bytes32 private constant SINGLE_TYPEHASH = keccak256("PermitSingle(PermitDetails details,address spender,uint256 sigDeadline)PermitDetails(address token,uint160 amount,uint48 expiration,uint48 nonce)");

    /// owner => token => spender
    mapping(address => mapping(address => mapping(address => PackedAllowance))) public allowance;

    event Approval(address indexed owner, address indexed token, address indexed spender, uint160 amount, uint48 expiration);
    event Permit(address indexed owner, address indexed token, address indexed spender, uint160 amount, uint48 expiration, uint48 nonce);

    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return keccak256(abi.encode(keccak256("EIP712Domain(string name,uint256 chainId,address verifyingContract)"), keccak256("Permit2"), block.chainid, address(this)));
    }

    function approve(address token, address spender, uint160 amount, uint48 expiration) external {
        PackedAllowance storage a = allowance[msg.sender][token][spender];
        a.amount = amount;
        a.expiration = expiration;
        emit Approval(msg.sender, token, spender, amount, expiration);
    }

    function permit(address owner, PermitSingle calldata p, bytes calldata signature) external {
        require(block.timestamp <= p.sigDeadline, "Permit2: signature expired");
        PackedAllowance storage a = allowance[owner][p.details.token][p.spender];
        require(a.nonce == p.details.nonce, "Permit2: invalid nonce");
        bytes32 details = keccak256(abi.encode(DETAILS_TYPEHASH, p.details.token, p.details.amount, p.details.expiration, p.details.nonce));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", DOMAIN_SEPARATOR(), keccak256(abi.encode(SINGLE_TYPEHASH, details, p.spender, p.sigDeadline))));
        require(signature.length == 65, "Permit2: bad signature length");
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        address signer = ecrecover(digest, v, r, s);
        require(signer != address(0) && signer == owner, "Permit2: invalid signature");
        a.amount = p.details.amount;
        a.expiration = p.details.expiration;
        a.nonce = p.details.nonce + 1;
        emit Permit(owner, p.details.token, p.spender, p.details.amount, p.details.expiration, p.details.nonce);
    }

    function transferFrom(address from, address to, uint160 amount, address token) external {
        PackedAllowance storage a = allowance[from][token][msg.sender];
        require(a.expiration == 0 || block.timestamp <= a.expiration, "Permit2: allowance expired");
        if (a.amount != type(uint160).max) {
            require(a.amount >= amount, "Permit2: insufficient allowance");
            a.amount -= amount;
        }
        require(IPermit2Token(token).transferFrom(from, to, amount), "Permit2: transfer failed");
    }
}
