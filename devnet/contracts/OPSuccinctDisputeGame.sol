// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IOPSuccinctOracleLike {
    function proposeL2Output(
        bytes32 configName,
        bytes32 outputRoot,
        uint256 l2BlockNumber,
        uint256 l1BlockNumber,
        bytes calldata proof,
        address proverAddress
    ) external;
}

/// @title OPSuccinctDisputeGame (devnet double, game type 6)
/// @notice The validity "game" of OP Succinct: created through the DisputeGameFactory by
///         `OPSuccinctL2OutputOracle.dgfProposeL2Output`, it has the oracle verify the proof
///         inside `initialize()` and is resolved (DEFENDER_WINS) at creation. Written for the
///         devnet from the published interface (v3.0.0), plus `l2SequenceNumber()` from v4,
///         which viem's `getGames` calls, and v4's `anchorStateRegistry()` (the AnchorStateRegistry
///         3.x checks that a game points back at it; zero on the legacy devnet, which has none).
///         Like v4, it records `wasRespectedGameTypeWhenCreated = true` whatever the respected type.
/// @dev A clone-with-immutable-args of this contract holds, after the factory's
///      (creator, rootClaim, l1Head) prefix, the extra data
///      abi.encodePacked(uint256 l2BlockNumber, uint256 l1BlockNumber, address prover, bytes32 configName, bytes proof).
contract OPSuccinctDisputeGame {
    enum GameStatus {
        IN_PROGRESS,
        CHALLENGER_WINS,
        DEFENDER_WINS
    }

    uint32 internal constant GAME_TYPE = 6;
    string public constant version = "v3.0.0";

    address internal immutable ORACLE;
    address internal immutable ANCHOR_STATE_REGISTRY;

    uint64 public createdAt;
    uint64 public resolvedAt;
    GameStatus public status;
    bool public wasRespectedGameTypeWhenCreated;
    bool internal initialized;

    event Resolved(GameStatus indexed status);

    error GameNotInProgress();
    error AlreadyInitialized();

    constructor(address _l2OutputOracle, address _anchorStateRegistry) {
        ORACLE = _l2OutputOracle;
        ANCHOR_STATE_REGISTRY = _anchorStateRegistry;
    }

    function initialize() external payable {
        if (initialized) revert AlreadyInitialized();
        initialized = true;
        IOPSuccinctOracleLike(ORACLE).proposeL2Output(
            configName(), rootClaim(), l2BlockNumber(), l1BlockNumber(), proof(), proverAddress()
        );
        // A validity proof needs no dispute window: the game is decided as it is created.
        createdAt = uint64(block.timestamp);
        resolvedAt = uint64(block.timestamp);
        status = GameStatus.DEFENDER_WINS;
        // Only the factory of the portal that respects type 6 is wired to this game's oracle.
        wasRespectedGameTypeWhenCreated = true;
        emit Resolved(GameStatus.DEFENDER_WINS);
    }

    function resolve() external view returns (GameStatus) {
        if (status != GameStatus.IN_PROGRESS) revert GameNotInProgress();
        return status;
    }

    function l2OutputOracle() external view returns (address) {
        return ORACLE;
    }

    function anchorStateRegistry() external view returns (address) {
        return ANCHOR_STATE_REGISTRY;
    }

    function gameType() public pure returns (uint32) {
        return GAME_TYPE;
    }

    function gameCreator() public pure returns (address) {
        return address(bytes20(_argWord(0)));
    }

    function rootClaim() public pure returns (bytes32) {
        return _argWord(20);
    }

    function l1Head() public pure returns (bytes32) {
        return _argWord(52);
    }

    function extraData() public pure returns (bytes memory) {
        return _argBytes(84, _argsLength() - 84);
    }

    function gameData() external pure returns (uint32 gameType_, bytes32 rootClaim_, bytes memory extraData_) {
        return (gameType(), rootClaim(), extraData());
    }

    function l2BlockNumber() public pure returns (uint256) {
        return uint256(_argWord(84));
    }

    function l2SequenceNumber() external pure returns (uint256) {
        return l2BlockNumber();
    }

    function l1BlockNumber() public pure returns (uint256) {
        return uint256(_argWord(116));
    }

    function proverAddress() public pure returns (address) {
        return address(bytes20(_argWord(148)));
    }

    function configName() public pure returns (bytes32) {
        return _argWord(168);
    }

    function proof() public pure returns (bytes memory) {
        return _argBytes(200, _argsLength() - 200);
    }

    // Immutable args are appended to the calldata by the factory's clone, followed by a
    // 2-byte big-endian (args length + 2).
    function _argsOffset() internal pure returns (uint256 offset) {
        assembly {
            offset := sub(calldatasize(), shr(240, calldataload(sub(calldatasize(), 2))))
        }
    }

    function _argsLength() internal pure returns (uint256 len) {
        assembly {
            len := sub(shr(240, calldataload(sub(calldatasize(), 2))), 2)
        }
    }

    function _argWord(uint256 at) internal pure returns (bytes32 word) {
        uint256 offset = _argsOffset() + at;
        assembly {
            word := calldataload(offset)
        }
    }

    function _argBytes(uint256 at, uint256 len) internal pure returns (bytes memory out) {
        uint256 offset = _argsOffset() + at;
        out = new bytes(len);
        assembly {
            calldatacopy(add(out, 0x20), offset, len)
        }
    }
}
