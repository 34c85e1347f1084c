// SPDX-License-Identifier: MIT
// Devnet doubles of the PHA migration claimers (interfaces: phala_claimer_abi / khala_claimer_abi).
// A claim is approved by an ECDSA signature of the claim backend's signer over
//
//   digest = keccak256(abi.encode(block.chainid, address(this), user, free, staked, receiver))
//
// signed as an EIP-191 personal message ("\x19Ethereum Signed Message:\n32" || digest). The real digest
// is unconfirmed; this one binds the chain, the claimer, the account, both amounts and the receiver, so an
// approval cannot be replayed elsewhere or redirected. `user` is the h160 of the parachain account (first
// 20 bytes of its public key). `staked` is in vPHA shares. The owner funds the claimer once with
// deposit(free, staked): PHA for the free balances and vPHA for the staked ones.
pragma solidity ^0.8.24;

import "./Base.sol";

interface IL1StandardBridge {
    function depositERC20To(address l1Token, address l2Token, address to, uint256 amount, uint32 minGasLimit, bytes calldata extraData) external;
}

abstract contract ClaimerBase is OwnableBase, SafeTokenCalls {
    IERC20Min public immutable asset;
    IERC20Min public immutable vault;
    address public signer;
    bool public deposited;
    mapping(address => bool) public claimed;

    event Deposited(uint256 free, uint256 staked);
    event SignerSet(address indexed signer);

    error AlreadyClaimed(address user);
    error AlreadyDeposited();
    error InvalidReceiver(address receiver);
    error InvalidSignature();
    error NoAssetsToClaim(address user);
    error NotDeposited();

    constructor(address asset_, address vault_, address owner_, address signer_) OwnableBase(owner_) {
        asset = IERC20Min(asset_);
        vault = IERC20Min(vault_);
        signer = signer_;
        emit SignerSet(signer_);
    }

    function claimDigest(address user, uint256 free, uint256 staked, address receiver) public view returns (bytes32) {
        return keccak256(abi.encode(block.chainid, address(this), user, free, staked, receiver));
    }

    function setSigner(address signer_) external onlyOwner {
        signer = signer_;
        emit SignerSet(signer_);
    }

    /// Funds the claimer once: pulls `free` PHA and `staked` vPHA from the owner.
    function deposit(uint256 free, uint256 staked) external onlyOwner {
        if (deposited) revert AlreadyDeposited();
        deposited = true;
        if (free > 0) _safeTransferFrom(asset, msg.sender, address(this), free);
        if (staked > 0) _safeTransferFrom(vault, msg.sender, address(this), staked);
        emit Deposited(free, staked);
    }

    function claim(address user, uint256 free, uint256 staked, address receiver, bytes calldata signature) external {
        _checkClaim(user, free, staked, receiver);
        bytes32 ethHash = keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", claimDigest(user, free, staked, receiver)));
        if (ECDSARecover.recover(ethHash, signature) != signer) revert InvalidSignature();
        claimed[user] = true;
        _pay(user, free, staked, receiver);
    }

    function adminClaim(address user, uint256 free, uint256 staked, address receiver) external onlyOwner {
        _checkClaim(user, free, staked, receiver);
        claimed[user] = true;
        _pay(user, free, staked, receiver);
    }

    function _checkClaim(address user, uint256 free, uint256 staked, address receiver) internal view {
        if (!deposited) revert NotDeposited();
        if (receiver == address(0)) revert InvalidReceiver(receiver);
        if (claimed[user]) revert AlreadyClaimed(user);
        if (free == 0 && staked == 0) revert NoAssetsToClaim(user);
    }

    function _pay(address user, uint256 free, uint256 staked, address receiver) internal virtual;
}

/// Khala: free PHA and staked vPHA both paid on Ethereum.
contract KhalaClaimer is ClaimerBase {
    event Claimed(address indexed user, uint256 free, uint256 staked, address receiver);

    constructor(address asset_, address vault_, address owner_, address signer_) ClaimerBase(asset_, vault_, owner_, signer_) {}

    function _pay(address user, uint256 free, uint256 staked, address receiver) internal override {
        if (free > 0) _safeTransfer(asset, receiver, free);
        if (staked > 0) _safeTransfer(vault, receiver, staked);
        emit Claimed(user, free, staked, receiver);
    }
}

/// Phala: free PHA paid on Ethereum, staked vPHA bridged to the receiver on Phala L2 through the
/// L1StandardBridge (the L2 token is the OptimismMintableERC20 paired with vPHA).
contract PhalaClaimer is ClaimerBase {
    address private _l1Bridge;
    address private _l2Token;
    uint32 private _minGasLimit;

    event BridgeConfigUpdated(address indexed l1Bridge, address indexed l2Token, uint32 minGasLimit);
    event ClaimedAndBridged(address indexed user, uint256 free, uint256 staked, address l1Receiver, address l2Receiver);

    error InvalidBridgeConfig();

    constructor(address asset_, address vault_, address owner_, address signer_, address l1Bridge_, address l2Token_, uint32 minGasLimit_)
        ClaimerBase(asset_, vault_, owner_, signer_)
    {
        _setBridgeConfig(l1Bridge_, l2Token_, minGasLimit_);
    }

    function bridgeConfig() external view returns (address l1Bridge, address l2Token, uint32 minGasLimit) {
        return (_l1Bridge, _l2Token, _minGasLimit);
    }

    function setBridgeConfig(address l1Bridge_, address l2Token_, uint32 minGasLimit_) external onlyOwner {
        if (l1Bridge_ == address(0) || l2Token_ == address(0) || minGasLimit_ == 0) revert InvalidBridgeConfig();
        _setBridgeConfig(l1Bridge_, l2Token_, minGasLimit_);
    }

    function _setBridgeConfig(address l1Bridge_, address l2Token_, uint32 minGasLimit_) internal {
        _l1Bridge = l1Bridge_;
        _l2Token = l2Token_;
        _minGasLimit = minGasLimit_;
        emit BridgeConfigUpdated(l1Bridge_, l2Token_, minGasLimit_);
    }

    function _pay(address user, uint256 free, uint256 staked, address receiver) internal override {
        if (free > 0) _safeTransfer(asset, receiver, free);
        if (staked > 0) {
            // without a bridge there is nowhere to send the vPHA: refuse rather than strand it
            if (_l1Bridge == address(0) || _l2Token == address(0)) revert InvalidBridgeConfig();
            if (!vault.approve(_l1Bridge, staked)) revert SafeERC20FailedOperation(address(vault));
            IL1StandardBridge(_l1Bridge).depositERC20To(address(vault), _l2Token, receiver, staked, _minGasLimit, "");
        }
        emit ClaimedAndBridged(user, free, staked, receiver, receiver);
    }
}
