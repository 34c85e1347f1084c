// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title DevEnsRegistry
/// @notice The devnet's ENS registry, written from EIP-137's interface: every node has an owner, a
/// resolver and a TTL; the owner of a node (or an operator the owner approved) controls it and
/// hands out its subnodes. The root starts with the deployer.
contract DevEnsRegistry {
    struct Record {
        address owner;
        address resolver;
        uint64 ttl;
    }

    mapping(bytes32 => Record) private records;
    mapping(address => mapping(address => bool)) private operators;

    event NewOwner(bytes32 indexed node, bytes32 indexed label, address owner);
    event Transfer(bytes32 indexed node, address owner);
    event NewResolver(bytes32 indexed node, address resolver);
    event NewTTL(bytes32 indexed node, uint64 ttl);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);

    constructor() {
        records[bytes32(0)].owner = msg.sender;
    }

    modifier authorised(bytes32 node) {
        address o = records[node].owner;
        require(o == msg.sender || operators[o][msg.sender], "ENS: not the owner of this node");
        _;
    }

    function setRecord(bytes32 node, address owner_, address resolver_, uint64 ttl_) external authorised(node) {
        _setOwner(node, owner_);
        _setResolverAndTtl(node, resolver_, ttl_);
    }

    function setSubnodeRecord(bytes32 node, bytes32 label, address owner_, address resolver_, uint64 ttl_) external authorised(node) {
        bytes32 sub = _setSubnodeOwner(node, label, owner_);
        _setResolverAndTtl(sub, resolver_, ttl_);
    }

    function setOwner(bytes32 node, address owner_) external authorised(node) {
        _setOwner(node, owner_);
    }

    function setSubnodeOwner(bytes32 node, bytes32 label, address owner_) external authorised(node) returns (bytes32) {
        return _setSubnodeOwner(node, label, owner_);
    }

    function setResolver(bytes32 node, address resolver_) external authorised(node) {
        records[node].resolver = resolver_;
        emit NewResolver(node, resolver_);
    }

    function setTTL(bytes32 node, uint64 ttl_) external authorised(node) {
        records[node].ttl = ttl_;
        emit NewTTL(node, ttl_);
    }

    function setApprovalForAll(address operator, bool approved) external {
        operators[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    function owner(bytes32 node) external view returns (address) {
        address o = records[node].owner;
        // as in ENS: the registry itself is never reported as an owner
        return o == address(this) ? address(0) : o;
    }

    function resolver(bytes32 node) external view returns (address) {
        return records[node].resolver;
    }

    function ttl(bytes32 node) external view returns (uint64) {
        return records[node].ttl;
    }

    function recordExists(bytes32 node) external view returns (bool) {
        return records[node].owner != address(0);
    }

    function isApprovedForAll(address owner_, address operator) external view returns (bool) {
        return operators[owner_][operator];
    }

    function _setOwner(bytes32 node, address owner_) private {
        records[node].owner = owner_;
        emit Transfer(node, owner_);
    }

    function _setSubnodeOwner(bytes32 node, bytes32 label, address owner_) private returns (bytes32 sub) {
        sub = keccak256(abi.encodePacked(node, label));
        records[sub].owner = owner_;
        emit NewOwner(node, label, owner_);
    }

    function _setResolverAndTtl(bytes32 node, address resolver_, uint64 ttl_) private {
        if (resolver_ != records[node].resolver) {
            records[node].resolver = resolver_;
            emit NewResolver(node, resolver_);
        }
        if (ttl_ != records[node].ttl) {
            records[node].ttl = ttl_;
            emit NewTTL(node, ttl_);
        }
    }
}
