// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title FaultGameV1Compat
/// @notice Registered in the DisputeGameFactory in place of a contracts-bedrock 0.17.3
///         FaultDisputeGame / PermissionedDisputeGame implementation (game version 1.2.0).
///         Every call is delegated to that published implementation unchanged, so the game's
///         clock, bonds (DelayedWETH), resolution and anchor-state updates are the real ones.
///         The one addition is `l2SequenceNumber()`: later game versions (and the deployed
///         PermissionedDisputeGame on Phala) have it, and viem 2.57's `getGames` calls it on
///         every game; here it answers what `l2BlockNumber()` answers.
/// @dev The factory's clones delegatecall into this contract with their immutable arguments
///      appended to the calldata; delegating again with calldata of the same length keeps those
///      arguments where the implementation reads them (relative to the end of calldata).
contract FaultGameV1Compat {
    bytes4 internal constant L2_SEQUENCE_NUMBER = bytes4(keccak256("l2SequenceNumber()"));
    bytes4 internal constant L2_BLOCK_NUMBER = bytes4(keccak256("l2BlockNumber()"));

    address internal immutable GAME_IMPL;

    constructor(address _gameImpl) {
        GAME_IMPL = _gameImpl;
    }

    fallback() external payable {
        address impl = GAME_IMPL;
        bool remap = msg.sig == L2_SEQUENCE_NUMBER;
        bytes4 blockNumberSelector = L2_BLOCK_NUMBER;
        assembly {
            let size := calldatasize()
            let ptr := mload(0x40)
            calldatacopy(ptr, 0, size)
            if remap {
                // bytes4 values sit left-aligned in a word: swap the selector, keep the rest.
                mstore(ptr, or(and(mload(ptr), not(shl(224, 0xffffffff))), blockNumberSelector))
            }
            let ok := delegatecall(gas(), impl, ptr, size, 0, 0)
            returndatacopy(ptr, 0, returndatasize())
            if iszero(ok) { revert(ptr, returndatasize()) }
            return(ptr, returndatasize())
        }
    }
}
