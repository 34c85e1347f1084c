// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IRespectedGameTypeSource {
    function respectedGameType() external view returns (uint32);
}

/// @title FaultGameForwarder
/// @notice The `current` devnet's stand-in registration for the contracts-bedrock 0.17.3
///         FaultDisputeGame / PermissionedDisputeGame (game version 1.2.0), like FaultGameV1Compat
///         on the legacy devnet: every call is delegated to the published implementation
///         unchanged (clock, bonds in DelayedWETH, resolveClaim/resolve), and it adds the two
///         getters later game versions have and the 5.x portal / 3.x registry rely on:
///         - `l2SequenceNumber()`, answered by `l2BlockNumber()`;
///         - `wasRespectedGameTypeWhenCreated()`, recorded when the game initializes by asking the
///           AnchorStateRegistry for its respected game type, as newer games do.
/// @dev The factory's clones delegatecall into this contract with their immutable arguments
///      appended to the calldata; delegating again with calldata of the same length keeps those
///      arguments where the implementation reads them. The flag lives in a hashed storage slot,
///      clear of the 1.2.0 game's own layout.
contract FaultGameForwarder {
    bytes4 internal constant L2_SEQUENCE_NUMBER = bytes4(keccak256("l2SequenceNumber()"));
    bytes4 internal constant L2_BLOCK_NUMBER = bytes4(keccak256("l2BlockNumber()"));
    bytes4 internal constant INITIALIZE = bytes4(keccak256("initialize()"));
    bytes4 internal constant WAS_RESPECTED = bytes4(keccak256("wasRespectedGameTypeWhenCreated()"));
    bytes32 internal constant RESPECTED_SLOT = keccak256("devnet.FaultGameForwarder.wasRespectedGameTypeWhenCreated");

    address internal immutable GAME_IMPL;
    address internal immutable ANCHOR_STATE_REGISTRY;
    uint32 internal immutable GAME_TYPE;

    constructor(address _gameImpl, address _anchorStateRegistry, uint32 _gameType) {
        GAME_IMPL = _gameImpl;
        ANCHOR_STATE_REGISTRY = _anchorStateRegistry;
        GAME_TYPE = _gameType;
    }

    fallback() external payable {
        bytes4 sig = msg.sig;
        if (sig == WAS_RESPECTED) {
            bytes32 slot = RESPECTED_SLOT;
            assembly {
                mstore(0, sload(slot))
                return(0, 32)
            }
        }
        address impl = GAME_IMPL;
        bool remap = sig == L2_SEQUENCE_NUMBER;
        bytes4 blockNumberSelector = L2_BLOCK_NUMBER;
        bool ok;
        uint256 out;
        uint256 outSize;
        assembly {
            let size := calldatasize()
            let ptr := mload(0x40)
            calldatacopy(ptr, 0, size)
            if remap {
                // bytes4 values sit left-aligned in a word: swap the selector, keep the rest.
                mstore(ptr, or(and(mload(ptr), not(shl(224, 0xffffffff))), blockNumberSelector))
            }
            ok := delegatecall(gas(), impl, ptr, size, 0, 0)
            // keep the answer where later Solidity code will not allocate over it
            out := ptr
            outSize := returndatasize()
            returndatacopy(out, 0, outSize)
            mstore(0x40, add(out, and(add(outSize, 0x3f), not(0x1f))))
        }
        if (ok && sig == INITIALIZE) {
            bool respected = IRespectedGameTypeSource(ANCHOR_STATE_REGISTRY).respectedGameType() == GAME_TYPE;
            bytes32 slot = RESPECTED_SLOT;
            assembly {
                sstore(slot, respected)
            }
        }
        assembly {
            if iszero(ok) { revert(out, outSize) }
            return(out, outSize)
        }
    }
}
