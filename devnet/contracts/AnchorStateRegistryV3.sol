// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./CurrentInterfaces.sol";

/// @title AnchorStateRegistryV3 (devnet double of AnchorStateRegistry 3.x)
/// @notice Which dispute games count, as OptimismPortal2 5.x asks it: the respected game type,
///         the retirement timestamp (every game created at or before it is retired), the
///         blacklist, the finality delay after resolution, and the anchor state. Written for the
///         devnet from the published interface and behaviour of AnchorStateRegistry 3.x.
/// @dev    Differences: the guardian and the pause flag come from the contracts-bedrock 0.17.3
///         SuperchainConfig given at initialization (the devnet's SystemConfig predates
///         `guardian()`/`paused()`); no ProxyAdmin-owner check on `initialize`; and
///         `tryUpdateAnchorState()` exists only because the published 1.2.0 games call it when
///         they resolve: it does nothing (3.x moves the anchor through `setAnchorState`).
contract AnchorStateRegistryV3 {
    struct Proposal {
        bytes32 root;
        uint256 l2SequenceNumber;
    }

    uint8 internal constant DEFENDER_WINS = 2;
    uint8 internal constant CHALLENGER_WINS = 1;

    uint256 internal immutable DISPUTE_GAME_FINALITY_DELAY_SECONDS;

    bool private initialized;
    address public systemConfig;
    address public superchainConfig;
    address public disputeGameFactory;
    /// @notice The game whose claim is the anchor state (zero: the starting anchor root).
    address public anchorGame;
    Proposal internal startingAnchorRoot;
    mapping(address => bool) public disputeGameBlacklist;
    uint32 public respectedGameType;
    /// @notice Games created at or before this timestamp are retired.
    uint64 public retirementTimestamp;

    event AnchorUpdated(address indexed game);
    event RespectedGameTypeSet(uint32 gameType);
    event RetirementTimestampSet(uint256 timestamp);
    event DisputeGameBlacklisted(address indexed disputeGame);

    error AnchorStateRegistry_InvalidAnchorGame();
    error AnchorStateRegistry_Unauthorized();

    constructor(uint256 _disputeGameFinalityDelaySeconds) {
        DISPUTE_GAME_FINALITY_DELAY_SECONDS = _disputeGameFinalityDelaySeconds;
        initialized = true;
    }

    function initialize(
        address _systemConfig,
        address _superchainConfig,
        address _disputeGameFactory,
        Proposal memory _startingAnchorRoot,
        uint32 _startingRespectedGameType
    ) external {
        require(!initialized, "AnchorStateRegistryV3: already initialized");
        initialized = true;
        systemConfig = _systemConfig;
        superchainConfig = _superchainConfig;
        disputeGameFactory = _disputeGameFactory;
        startingAnchorRoot = _startingAnchorRoot;
        respectedGameType = _startingRespectedGameType;
        // Like the real registry: whatever existed before this registry does not count.
        retirementTimestamp = uint64(block.timestamp);
    }

    function version() external pure returns (string memory) {
        return "3.9.0";
    }

    function paused() public view returns (bool) {
        return ISuperchainConfigLike(superchainConfig).paused();
    }

    function disputeGameFinalityDelaySeconds() external view returns (uint256) {
        return DISPUTE_GAME_FINALITY_DELAY_SECONDS;
    }

    // ------------------------------------------------------------------ guardian actions

    function setRespectedGameType(uint32 _gameType) external {
        _assertOnlyGuardian();
        respectedGameType = _gameType;
        emit RespectedGameTypeSet(_gameType);
    }

    /// @notice Retires every game created up to now (a separate action from changing the type).
    function updateRetirementTimestamp() external {
        _assertOnlyGuardian();
        retirementTimestamp = uint64(block.timestamp);
        emit RetirementTimestampSet(block.timestamp);
    }

    function blacklistDisputeGame(address _disputeGame) external {
        _assertOnlyGuardian();
        disputeGameBlacklist[_disputeGame] = true;
        emit DisputeGameBlacklisted(_disputeGame);
    }

    // ------------------------------------------------------------------ anchor state

    /// @custom:legacy One anchor for every game type now.
    function anchors(uint32) external view returns (bytes32, uint256) {
        return getAnchorRoot();
    }

    function getAnchorRoot() public view returns (bytes32, uint256) {
        if (anchorGame == address(0)) return (startingAnchorRoot.root, startingAnchorRoot.l2SequenceNumber);
        return (ICurrentDisputeGame(anchorGame).rootClaim(), ICurrentDisputeGame(anchorGame).l2SequenceNumber());
    }

    function getStartingAnchorRoot() external view returns (Proposal memory) {
        return startingAnchorRoot;
    }

    /// @notice Anyone may move the anchor to a newer game whose claim is valid.
    function setAnchorState(address _game) external {
        if (!isGameClaimValid(_game)) revert AnchorStateRegistry_InvalidAnchorGame();
        (, uint256 anchorL2) = getAnchorRoot();
        if (ICurrentDisputeGame(_game).l2SequenceNumber() <= anchorL2) revert AnchorStateRegistry_InvalidAnchorGame();
        anchorGame = _game;
        emit AnchorUpdated(_game);
    }

    /// @notice Called by the contracts-bedrock 1.2.0 games when they resolve. Does nothing here.
    function tryUpdateAnchorState() external { }

    // ------------------------------------------------------------------ game checks

    /// @notice Created by this registry's factory and pointing back at this registry.
    function isGameRegistered(address _game) public view returns (bool) {
        (uint32 gameType, bytes32 rootClaim, bytes memory extraData) = ICurrentDisputeGame(_game).gameData();
        (address registered,) = ICurrentDisputeGameFactory(disputeGameFactory).games(gameType, rootClaim, extraData);
        return registered == _game && ICurrentDisputeGame(_game).anchorStateRegistry() == address(this);
    }

    /// @notice The game's own record of whether its type was the respected one when it was created.
    function isGameRespected(address _game) public view returns (bool) {
        return ICurrentDisputeGame(_game).wasRespectedGameTypeWhenCreated();
    }

    function isGameBlacklisted(address _game) public view returns (bool) {
        return disputeGameBlacklist[_game];
    }

    function isGameRetired(address _game) public view returns (bool) {
        return ICurrentDisputeGame(_game).createdAt() <= retirementTimestamp;
    }

    function isGameResolved(address _game) public view returns (bool) {
        uint8 s = ICurrentDisputeGame(_game).status();
        return ICurrentDisputeGame(_game).resolvedAt() != 0 && (s == DEFENDER_WINS || s == CHALLENGER_WINS);
    }

    /// @notice Registered, not blacklisted, not retired, not paused. Says nothing about the claim.
    function isGameProper(address _game) public view returns (bool) {
        if (!isGameRegistered(_game)) return false;
        if (isGameBlacklisted(_game)) return false;
        if (isGameRetired(_game)) return false;
        if (paused()) return false;
        return true;
    }

    /// @notice Resolved more than the finality delay ago.
    function isGameFinalized(address _game) public view returns (bool) {
        if (!isGameResolved(_game)) return false;
        if (block.timestamp - ICurrentDisputeGame(_game).resolvedAt() <= DISPUTE_GAME_FINALITY_DELAY_SECONDS) return false;
        return true;
    }

    function isGameClaimValid(address _game) public view returns (bool) {
        if (!isGameProper(_game)) return false;
        if (!isGameRespected(_game)) return false;
        if (!isGameFinalized(_game)) return false;
        return ICurrentDisputeGame(_game).status() == DEFENDER_WINS;
    }

    function _assertOnlyGuardian() internal view {
        if (msg.sender != ISuperchainConfigLike(superchainConfig).guardian()) revert AnchorStateRegistry_Unauthorized();
    }
}
