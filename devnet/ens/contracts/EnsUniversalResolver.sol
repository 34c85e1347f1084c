// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IEnsRegistryView {
    function resolver(bytes32 node) external view returns (address);
}

/// @title DevUniversalResolver
/// @notice One entry point for clients (viem's getEnsAddress / getEnsName call it): finds the
/// resolver of a DNS-encoded name by walking up to the nearest ancestor that has one, calls it,
/// and reverse-resolves an address to its primary name, checked forward (the name must resolve
/// back to the address). Written from the ENS docs' interface (resolveWithGateways,
/// reverseWithGateways and their errors); no offchain (CCIP-read) lookups: the gateways are unused.
contract DevUniversalResolver {
    bytes32 private constant ADDR_REVERSE_NODE = 0x91d1777781884d03a6757a803996e38de2a42967fb37eeaca72729271025a9e2;
    uint256 private constant COIN_TYPE_ETH = 60;

    IEnsRegistryView public immutable registry;

    error ResolverNotFound(bytes name);
    error ResolverNotContract(bytes name, address resolver);
    error ResolverError(bytes errorData);
    error ReverseAddressMismatch(string primary, bytes primaryAddress);
    error UnsupportedResolverProfile(bytes4 selector);

    constructor(IEnsRegistryView registry_) {
        registry = registry_;
    }

    function resolve(bytes calldata name, bytes calldata data) external view returns (bytes memory, address) {
        return _resolve(name, data);
    }

    function resolveWithGateways(bytes calldata name, bytes calldata data, string[] calldata) external view returns (bytes memory, address) {
        return _resolve(name, data);
    }

    function reverse(bytes calldata lookupAddress, uint256 coinType) external view returns (string memory, address, address) {
        return _reverse(lookupAddress, coinType);
    }

    function reverseWithGateways(bytes calldata lookupAddress, uint256 coinType, string[] calldata) external view returns (string memory, address, address) {
        return _reverse(lookupAddress, coinType);
    }

    /// The resolver of a DNS-encoded name: its own, or its nearest ancestor's; `exact` when it is its own.
    function findResolver(bytes calldata name) public view returns (address resolver, bytes32 node, bool exact) {
        uint256 offset;
        (node, resolver, offset) = _find(name, 0);
        exact = offset == 0;
    }

    function supportsInterface(bytes4 id) external pure returns (bool) {
        return id == 0x01ffc9a7;
    }

    function _resolve(bytes calldata name, bytes calldata data) private view returns (bytes memory, address) {
        (address resolver, , bool exact) = findResolver(name);
        // a resolver found only on an ancestor would need ENSIP-10 wildcard support, which this devnet has not
        if (resolver == address(0) || !exact) revert ResolverNotFound(name);
        if (resolver.code.length == 0) revert ResolverNotContract(name, resolver);
        (bool ok, bytes memory ret) = resolver.staticcall(data);
        if (!ok) revert ResolverError(ret);
        return (ret, resolver);
    }

    function _reverse(bytes calldata lookupAddress, uint256 coinType) private view returns (string memory primary, address resolver, address reverseResolver) {
        if (coinType != COIN_TYPE_ETH || lookupAddress.length != 20) return ("", address(0), address(0));
        address a = address(bytes20(lookupAddress));
        bytes32 reverseNode = keccak256(abi.encodePacked(ADDR_REVERSE_NODE, _sha3Hex(a)));
        reverseResolver = registry.resolver(reverseNode);
        if (reverseResolver == address(0)) return ("", address(0), address(0));
        (bool ok, bytes memory ret) = reverseResolver.staticcall(abi.encodeWithSelector(0x691f3431, reverseNode));
        if (!ok) revert ResolverError(ret);
        primary = abi.decode(ret, (string));
        if (bytes(primary).length == 0) return ("", address(0), reverseResolver);
        bytes32 forward = _namehash(bytes(primary));
        resolver = registry.resolver(forward);
        if (resolver == address(0)) revert ReverseAddressMismatch(primary, "");
        (ok, ret) = resolver.staticcall(abi.encodeWithSelector(0x3b3b57de, forward));
        if (!ok) revert ResolverError(ret);
        address back = abi.decode(ret, (address));
        if (back != a) revert ReverseAddressMismatch(primary, abi.encodePacked(back));
    }

    function _find(bytes calldata name, uint256 offset) private view returns (bytes32 node, address resolver, uint256 at) {
        require(offset < name.length, "UniversalResolver: malformed DNS name");
        uint256 len = uint8(name[offset]);
        if (len == 0) return (bytes32(0), registry.resolver(bytes32(0)), offset);
        bytes32 label = keccak256(name[offset + 1:offset + 1 + len]);
        (bytes32 parent, address parentResolver, uint256 parentAt) = _find(name, offset + 1 + len);
        node = keccak256(abi.encodePacked(parent, label));
        resolver = registry.resolver(node);
        if (resolver != address(0)) return (node, resolver, offset);
        return (node, parentResolver, parentAt);
    }

    /// namehash of a dotted name (labels hashed from the right)
    function _namehash(bytes memory name) private pure returns (bytes32 node) {
        uint256 end = name.length;
        for (uint256 i = name.length; i > 0; i--) {
            if (name[i - 1] == ".") {
                node = keccak256(abi.encodePacked(node, _keccakRange(name, i, end)));
                end = i - 1;
            }
        }
        if (end > 0) node = keccak256(abi.encodePacked(node, _keccakRange(name, 0, end)));
    }

    function _keccakRange(bytes memory b, uint256 from, uint256 to) private pure returns (bytes32 h) {
        assembly {
            h := keccak256(add(add(b, 32), from), sub(to, from))
        }
    }

    function _sha3Hex(address addr) private pure returns (bytes32) {
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
