// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IDevEnsRegistry {
    function owner(bytes32 node) external view returns (address);
    function resolver(bytes32 node) external view returns (address);
    function isApprovedForAll(address owner, address operator) external view returns (bool);
    function setSubnodeRecord(bytes32 node, bytes32 label, address owner, address resolver, uint64 ttl) external;
    function setSubnodeOwner(bytes32 node, bytes32 label, address owner) external returns (bytes32);
}

/// @title DevPublicResolver
/// @notice A resolver with the profiles the wallet reads, from their EIPs/ENSIPs: addr (EIP-137),
/// multi-coin addr (ENSIP-9), name (EIP-181, for reverse records) and text (EIP-634). The owner of a
/// node in the registry (or an operator it approved) writes its records.
contract DevPublicResolver {
    uint256 private constant COIN_TYPE_ETH = 60;

    IDevEnsRegistry public immutable ens;
    mapping(bytes32 => mapping(uint256 => bytes)) private addresses;
    mapping(bytes32 => string) private names;
    mapping(bytes32 => mapping(string => string)) private texts;

    event AddrChanged(bytes32 indexed node, address a);
    event AddressChanged(bytes32 indexed node, uint256 coinType, bytes newAddress);
    event NameChanged(bytes32 indexed node, string name);
    event TextChanged(bytes32 indexed node, string indexed indexedKey, string key, string value);

    constructor(IDevEnsRegistry ens_) {
        ens = ens_;
    }

    modifier authorised(bytes32 node) {
        address o = ens.owner(node);
        require(o == msg.sender || ens.isApprovedForAll(o, msg.sender), "Resolver: not the owner of this node");
        _;
    }

    function setAddr(bytes32 node, address a) external authorised(node) {
        _setAddr(node, COIN_TYPE_ETH, abi.encodePacked(a));
    }

    function setAddr(bytes32 node, uint256 coinType, bytes calldata a) external authorised(node) {
        _setAddr(node, coinType, a);
    }

    function addr(bytes32 node) public view returns (address payable) {
        bytes memory a = addresses[node][COIN_TYPE_ETH];
        if (a.length != 20) return payable(address(0));
        return payable(address(bytes20(a)));
    }

    function addr(bytes32 node, uint256 coinType) external view returns (bytes memory) {
        return addresses[node][coinType];
    }

    function setName(bytes32 node, string calldata name_) external authorised(node) {
        names[node] = name_;
        emit NameChanged(node, name_);
    }

    function name(bytes32 node) external view returns (string memory) {
        return names[node];
    }

    function setText(bytes32 node, string calldata key, string calldata value) external authorised(node) {
        texts[node][key] = value;
        emit TextChanged(node, key, key, value);
    }

    function text(bytes32 node, string calldata key) external view returns (string memory) {
        return texts[node][key];
    }

    function supportsInterface(bytes4 id) external pure returns (bool) {
        return
            id == 0x01ffc9a7 || // ERC-165
            id == 0x3b3b57de || // addr(bytes32)
            id == 0xf1cb7e06 || // addr(bytes32,uint256)
            id == 0x691f3431 || // name(bytes32)
            id == 0x59d1d43c; // text(bytes32,string)
    }

    function _setAddr(bytes32 node, uint256 coinType, bytes memory a) private {
        addresses[node][coinType] = a;
        emit AddressChanged(node, coinType, a);
        if (coinType == COIN_TYPE_ETH && a.length == 20) emit AddrChanged(node, address(bytes20(a)));
    }
}

interface INameSetter {
    function setName(bytes32 node, string calldata name) external;
}

/// @title DevReverseRegistrar
/// @notice Owns addr.reverse and gives each address its reverse node <hex address>.addr.reverse with
/// a name record (EIP-181). An address sets its own name; the registrar's owner (the devnet's
/// deployer) may set one for any address, as ENS's controllers may.
contract DevReverseRegistrar {
    /// namehash("addr.reverse")
    bytes32 public constant ADDR_REVERSE_NODE = 0x91d1777781884d03a6757a803996e38de2a42967fb37eeaca72729271025a9e2;

    IDevEnsRegistry public immutable ens;
    address public immutable defaultResolver;
    address public immutable controller;

    event ReverseClaimed(address indexed addr, bytes32 indexed node);

    constructor(IDevEnsRegistry ens_, address defaultResolver_) {
        ens = ens_;
        defaultResolver = defaultResolver_;
        controller = msg.sender;
    }

    function setName(string calldata name_) external returns (bytes32) {
        return setNameForAddr(msg.sender, msg.sender, defaultResolver, name_);
    }

    function setNameForAddr(address addr, address owner, address resolver, string calldata name_) public returns (bytes32 reverseNode) {
        require(addr == msg.sender || msg.sender == controller || ens.isApprovedForAll(addr, msg.sender), "ReverseRegistrar: not allowed to set this address's name");
        bytes32 label = sha3HexAddress(addr);
        reverseNode = keccak256(abi.encodePacked(ADDR_REVERSE_NODE, label));
        // the registrar owns the node while it writes the name, then hands it to `owner`
        ens.setSubnodeRecord(ADDR_REVERSE_NODE, label, address(this), resolver, 0);
        INameSetter(resolver).setName(reverseNode, name_);
        ens.setSubnodeOwner(ADDR_REVERSE_NODE, label, owner);
        emit ReverseClaimed(addr, reverseNode);
    }

    function node(address addr) external pure returns (bytes32) {
        return keccak256(abi.encodePacked(ADDR_REVERSE_NODE, sha3HexAddress(addr)));
    }

    /// keccak256 of the address as 40 lowercase hex characters
    function sha3HexAddress(address addr) public pure returns (bytes32) {
        bytes memory s = new bytes(40);
        uint160 v = uint160(addr);
        for (uint256 i = 40; i > 0; i--) {
            uint8 nibble = uint8(v & 0xf);
            s[i - 1] = bytes1(nibble < 10 ? nibble + 48 : nibble + 87);
            v >>= 4;
        }
        return keccak256(s);
    }
}
