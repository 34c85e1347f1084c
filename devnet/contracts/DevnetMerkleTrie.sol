// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title DevnetMerkleTrie
/// @notice Inclusion proofs against an Ethereum Merkle-Patricia trie root, as the portal needs them
///         to check a withdrawal against the L2ToL1MessagePasser's storage root. Written for the
///         devnet from the Yellow Paper's trie definition (RLP, hex-prefix encoding, branch /
///         extension / leaf nodes). The key is hashed first ("secure" trie, like account storage).
/// @dev    Proof elements are the RLP encodings of the nodes from the root down, as eth_getProof
///         returns them. A node shorter than 32 bytes is embedded in its parent instead of being
///         referenced by hash: it may be given as a proof element of its own (viem's
///         buildProveWithdrawal appends it) or left out.
library DevnetMerkleTrie {
    struct Item {
        bool isList;
        uint256 ptr; // memory pointer to the item's first byte (its RLP header)
        uint256 payloadPtr;
        uint256 payloadLen;
    }

    struct Walk {
        bytes path; // the nibbles of keccak256(key)
        uint256 pathIdx; // nibbles consumed so far
        bytes ref; // what the next node must be: its hash (32 bytes) or its embedded encoding
        uint8 outcome; // 0 continue, 1 proven, 2 not proven
    }

    /// @notice Whether `value` is stored under keccak256(`key`) in the trie with root `root`.
    function verifySecureInclusion(bytes memory key, bytes memory value, bytes[] memory proof, bytes32 root)
        internal
        pure
        returns (bool proven)
    {
        Walk memory w = Walk({ path: _nibbles(abi.encodePacked(keccak256(key))), pathIdx: 0, ref: abi.encodePacked(root), outcome: 0 });
        uint256 next = 0;
        for (;;) {
            bytes memory node;
            if (next < proof.length) {
                node = proof[next++];
                if (w.ref.length == 32 ? keccak256(node) != bytes32(w.ref) : keccak256(node) != keccak256(w.ref)) return false;
            } else if (w.ref.length > 0 && w.ref.length < 32) {
                node = w.ref; // an embedded node that was not repeated as a proof element
            } else {
                return false;
            }
            _step(w, _decodeList(node), value);
            if (w.outcome != 0) return w.outcome == 1;
        }
    }

    /// One node down the path.
    function _step(Walk memory w, Item[] memory items, bytes memory value) private pure {
        if (items.length == 17) {
            if (w.pathIdx == w.path.length) {
                w.outcome = _payloadEquals(items[16], value) ? 1 : 2;
                return;
            }
            w.ref = _childRef(items[uint8(w.path[w.pathIdx++])]);
            if (w.ref.length == 0) w.outcome = 2;
            return;
        }
        if (items.length != 2) {
            w.outcome = 2;
            return;
        }
        bytes memory encodedPath = _payload(items[0]);
        uint8 prefix = encodedPath.length == 0 ? 0xff : uint8(encodedPath[0]) >> 4;
        if (prefix > 3) {
            w.outcome = 2;
            return;
        }
        bytes memory nodePath = _nibbles(encodedPath);
        // hex-prefix: an odd path keeps the second nibble of the first byte, an even one skips the byte
        uint256 start = (prefix & 1) == 1 ? 1 : 2;
        for (uint256 k = start; k < nodePath.length; k++) {
            if (w.pathIdx >= w.path.length || w.path[w.pathIdx] != nodePath[k]) {
                w.outcome = 2;
                return;
            }
            w.pathIdx++;
        }
        if (prefix >= 2) {
            // a leaf
            w.outcome = w.pathIdx == w.path.length && _payloadEquals(items[1], value) ? 1 : 2;
            return;
        }
        // an extension must consume at least one nibble
        if (nodePath.length == start) {
            w.outcome = 2;
            return;
        }
        w.ref = _childRef(items[1]);
        if (w.ref.length == 0) w.outcome = 2;
    }

    /// A child reference: the 32-byte hash of a node, or the raw encoding of an embedded node.
    function _childRef(Item memory child) private pure returns (bytes memory) {
        if (child.isList) return _copy(child.ptr, child.payloadPtr + child.payloadLen - child.ptr);
        bytes memory h = _payload(child);
        if (h.length != 32) return new bytes(0);
        return h;
    }

    function _payloadEquals(Item memory item, bytes memory value) private pure returns (bool) {
        if (item.isList) return false;
        return keccak256(_payload(item)) == keccak256(value);
    }

    function _payload(Item memory item) private pure returns (bytes memory) {
        return _copy(item.payloadPtr, item.payloadLen);
    }

    function _decodeList(bytes memory node) private pure returns (Item[] memory items) {
        uint256 start;
        assembly {
            start := add(node, 0x20)
        }
        uint256 end = start + node.length;
        Item memory list = _header(start, end);
        require(list.isList && list.payloadPtr + list.payloadLen == end, "DevnetMerkleTrie: node is not one RLP list");
        Item[] memory tmp = new Item[](17);
        uint256 count = 0;
        uint256 ptr = list.payloadPtr;
        while (ptr < end) {
            require(count < 17, "DevnetMerkleTrie: too many items in a node");
            Item memory it = _header(ptr, end);
            tmp[count++] = it;
            ptr = it.payloadPtr + it.payloadLen;
        }
        items = new Item[](count);
        for (uint256 i = 0; i < count; i++) items[i] = tmp[i];
    }

    /// Decodes the RLP header at `ptr`, refusing anything that runs past `end`.
    function _header(uint256 ptr, uint256 end) private pure returns (Item memory it) {
        require(ptr < end, "DevnetMerkleTrie: RLP item out of bounds");
        uint256 b0;
        assembly {
            b0 := byte(0, mload(ptr))
        }
        it.ptr = ptr;
        if (b0 < 0x80) {
            it.payloadPtr = ptr;
            it.payloadLen = 1;
        } else if (b0 < 0xb8) {
            it.payloadPtr = ptr + 1;
            it.payloadLen = b0 - 0x80;
        } else if (b0 < 0xc0) {
            uint256 lenOfLen = b0 - 0xb7;
            it.payloadPtr = ptr + 1 + lenOfLen;
            it.payloadLen = _readLength(ptr + 1, lenOfLen);
        } else if (b0 < 0xf8) {
            it.isList = true;
            it.payloadPtr = ptr + 1;
            it.payloadLen = b0 - 0xc0;
        } else {
            uint256 lenOfLen = b0 - 0xf7;
            it.isList = true;
            it.payloadPtr = ptr + 1 + lenOfLen;
            it.payloadLen = _readLength(ptr + 1, lenOfLen);
        }
        require(it.payloadPtr + it.payloadLen <= end, "DevnetMerkleTrie: RLP item out of bounds");
    }

    function _readLength(uint256 ptr, uint256 lenOfLen) private pure returns (uint256 len) {
        require(lenOfLen > 0 && lenOfLen <= 8, "DevnetMerkleTrie: bad RLP length");
        assembly {
            len := shr(sub(256, mul(8, lenOfLen)), mload(ptr))
        }
    }

    function _copy(uint256 src, uint256 len) private pure returns (bytes memory out) {
        out = new bytes(len);
        assembly {
            let dst := add(out, 0x20)
            for { let i := 0 } lt(i, len) { i := add(i, 0x20) } { mstore(add(dst, i), mload(add(src, i))) }
            // clear what the last word copied past the end (keeps the free memory clean)
            mstore(add(dst, len), 0)
        }
    }

    function _nibbles(bytes memory b) private pure returns (bytes memory out) {
        out = new bytes(b.length * 2);
        for (uint256 i = 0; i < b.length; i++) {
            out[2 * i] = bytes1(uint8(b[i]) >> 4);
            out[2 * i + 1] = bytes1(uint8(b[i]) & 0x0f);
        }
    }
}
