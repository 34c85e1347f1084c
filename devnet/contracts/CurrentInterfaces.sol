// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Interfaces shared by the devnet's doubles of the contracts the OP Stack chains run today
// (OptimismPortal2 5.x, AnchorStateRegistry 3.x and the game types registered with them).
// Game status values are the OP Stack's GameStatus enum: 0 IN_PROGRESS, 1 CHALLENGER_WINS,
// 2 DEFENDER_WINS.

interface ICurrentDisputeGame {
    function status() external view returns (uint8);
    function createdAt() external view returns (uint64);
    function resolvedAt() external view returns (uint64);
    function rootClaim() external view returns (bytes32);
    function l2SequenceNumber() external view returns (uint256);
    function gameData() external view returns (uint32 gameType_, bytes32 rootClaim_, bytes memory extraData_);
    function wasRespectedGameTypeWhenCreated() external view returns (bool);
    function anchorStateRegistry() external view returns (address);
}

interface ICurrentDisputeGameFactory {
    function gameAtIndex(uint256 _index) external view returns (uint32 gameType_, uint64 timestamp_, address proxy_);
    function games(uint32 _gameType, bytes32 _rootClaim, bytes calldata _extraData)
        external
        view
        returns (address proxy_, uint64 timestamp_);
}

interface ICurrentAnchorStateRegistry {
    function disputeGameFactory() external view returns (address);
    function superchainConfig() external view returns (address);
    function disputeGameFinalityDelaySeconds() external view returns (uint256);
    function respectedGameType() external view returns (uint32);
    function retirementTimestamp() external view returns (uint64);
    function disputeGameBlacklist(address _game) external view returns (bool);
    function getAnchorRoot() external view returns (bytes32, uint256);
    function isGameRegistered(address _game) external view returns (bool);
    function isGameRespected(address _game) external view returns (bool);
    function isGameBlacklisted(address _game) external view returns (bool);
    function isGameRetired(address _game) external view returns (bool);
    function isGameProper(address _game) external view returns (bool);
    function isGameFinalized(address _game) external view returns (bool);
    function isGameClaimValid(address _game) external view returns (bool);
    function setAnchorState(address _game) external;
}

/// The parts of the contracts-bedrock 0.17.3 SuperchainConfig the doubles read.
interface ISuperchainConfigLike {
    function guardian() external view returns (address);
    function paused() external view returns (bool);
}

/// The parts of the contracts-bedrock 0.17.3 SystemConfig the portal reads.
interface ISystemConfigLike {
    struct ResourceConfig {
        uint32 maxResourceLimit;
        uint8 elasticityMultiplier;
        uint8 baseFeeMaxChangeDenominator;
        uint32 minimumBaseFee;
        uint32 systemTxMaxGas;
        uint128 maximumBaseFee;
    }

    function resourceConfig() external view returns (ResourceConfig memory);
}

/// The SP1 verifier interface (the devnet's SP1MockVerifier accepts only the empty proof).
interface ISP1VerifierLike {
    function verifyProof(bytes32 programVKey, bytes calldata publicValues, bytes calldata proofBytes) external view;
}

/// Reads the clone-with-immutable-args data the DisputeGameFactory appends to every call of a
/// game: (creator, rootClaim, l1Head, extraData...) followed by a 2-byte big-endian length.
abstract contract CloneArgs {
    function _argsOffset() internal pure returns (uint256 offset) {
        assembly {
            offset := sub(calldatasize(), shr(240, calldataload(sub(calldatasize(), 2))))
        }
    }

    function _argBytes32(uint256 pos) internal pure returns (bytes32 word) {
        uint256 offset = _argsOffset() + pos;
        assembly {
            word := calldataload(offset)
        }
    }

    function _argUint256(uint256 pos) internal pure returns (uint256) {
        return uint256(_argBytes32(pos));
    }

    function _argAddress(uint256 pos) internal pure returns (address) {
        return address(bytes20(_argBytes32(pos)));
    }

    function _argUint32(uint256 pos) internal pure returns (uint32) {
        return uint32(bytes4(_argBytes32(pos)));
    }

    function _argBytes(uint256 pos, uint256 len) internal pure returns (bytes memory out) {
        uint256 offset = _argsOffset() + pos;
        out = new bytes(len);
        assembly {
            calldatacopy(add(out, 0x20), offset, len)
        }
    }
}
