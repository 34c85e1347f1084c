// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./CurrentInterfaces.sol";

/// The proof verifier interface Base's AggregateVerifier calls (one for TEE proofs, one for ZK).
interface IAggregateProofVerifier {
    function verify(bytes calldata proof, bytes32 imageId, bytes32 journal) external view returns (bool);
    function nullified() external view returns (bool);
}

/// @title AggregateProofMockVerifier (devnet)
/// @notice Stands in for Base's TEE and ZK verifiers: the devnet can produce neither an enclave
///         attestation nor a ZK proof, so it accepts exactly the one-byte proof 0x00 and nothing
///         else. Never nullified.
contract AggregateProofMockVerifier is IAggregateProofVerifier {
    function verify(bytes calldata proof, bytes32, bytes32) external pure returns (bool) {
        return proof.length == 1 && proof[0] == 0x00;
    }

    function nullified() external pure returns (bool) {
        return false;
    }
}

/// @title AggregateVerifier (devnet double of Base's AggregateVerifier, game type 621)
/// @notice A proposal backed by proofs of two kinds, TEE and ZK, written for the devnet from the
///         published interface and behaviour of base/contracts' AggregateVerifier:
///         - the game says when it expects to resolve: `expectedResolution()`, never (uint64 max)
///           without a proof; a first proof sets it to now + SLOW_FINALIZATION_DELAY (slow path); a
///           second proof of the other kind lowers it to min(current, now + FAST_FINALIZATION_DELAY)
///           (fast path); it only ever decreases;
///         - `resolve()` once `expectedResolution <= block.timestamp`: DEFENDER_WINS; a game whose
///           parent lost, or whose parent is blacklisted or retired, loses; a game cannot resolve
///           before its parent has;
///         - a proposal names its parent game by address (the registry's address for the first one,
///           which then starts from the registry's starting anchor root) and must be exactly
///           BLOCK_INTERVAL L2 blocks after it; the parent must be registered, respected, not
///           blacklisted, not retired and not lost.
/// @dev    Differences, because the devnet's contracts-bedrock 0.17.3 DisputeGameFactory only calls
///         `initialize()`: the game is created without a proof and the proposer submits its first
///         proof with `verifyProposalProof` right after (on Base the first proof comes with the
///         creation, `initializeWithInitData`). The finalization delays are constructor arguments
///         (Base: constants of 1 and 5 days). Left out: the ZK `challenge` of an intermediate root
///         and `nullify`, bonds in DelayedWETH and `claimCredit` (the bond stays in the game), the
///         L1-origin and L2-timestamp checks, the ProtocolVersions schedule, real TEE/ZK
///         verification (see AggregateProofMockVerifier).
contract AggregateVerifier is CloneArgs {
    enum GameStatus {
        IN_PROGRESS,
        CHALLENGER_WINS,
        DEFENDER_WINS
    }

    enum ProofType {
        TEE,
        ZK
    }

    struct Proposal {
        bytes32 root;
        uint256 l2SequenceNumber;
    }

    uint256 public constant PROOF_THRESHOLD = 1;

    uint64 public immutable SLOW_FINALIZATION_DELAY;
    uint64 public immutable FAST_FINALIZATION_DELAY;
    uint32 internal immutable GAME_TYPE;
    address internal immutable ANCHOR_STATE_REGISTRY;
    address public immutable DISPUTE_GAME_FACTORY;
    address public immutable TEE_VERIFIER;
    address public immutable ZK_VERIFIER;
    bytes32 public immutable TEE_IMAGE_HASH;
    bytes32 public immutable ZK_RANGE_HASH;
    bytes32 public immutable ZK_AGGREGATE_HASH;
    bytes32 public immutable CONFIG_HASH;
    uint256 public immutable L2_CHAIN_ID;
    uint256 public immutable BLOCK_INTERVAL;
    uint256 public immutable INTERMEDIATE_BLOCK_INTERVAL;

    uint64 public createdAt;
    uint64 public resolvedAt;
    GameStatus public status;
    bool internal initialized;
    bool public wasRespectedGameTypeWhenCreated;
    Proposal public startingOutputRoot;
    address public bondRecipient;
    uint256 public bondAmount;
    mapping(ProofType => address) internal proofTypeToProver;
    uint64 public expectedResolution;
    uint8 public proofCount;

    event Resolved(GameStatus status);
    event Proved(address indexed proposer, ProofType indexed proofType);

    error AlreadyInitialized();
    error BadExtraData();
    error InvalidBlockInterval(uint256 blockInterval, uint256 intermediateBlockInterval);
    error UnexpectedBlockNumber(uint256 expectedBlockNumber, uint256 actualBlockNumber);
    error IntermediateRootMismatch(bytes32 intermediateRoot, bytes32 claim);
    error InvalidParentGame();
    error GameNotInProgress();
    error GameOver();
    error GameNotOver();
    error ClaimAlreadyResolved();
    error ParentGameNotResolved();
    error AlreadyProven(ProofType proofType);
    error InvalidProof();
    error InvalidProofType();
    error NotEnoughProofs();
    error InvalidIntermediateRootIndex();

    struct Config {
        uint32 gameType;
        address anchorStateRegistry;
        address disputeGameFactory;
        address teeVerifier;
        address zkVerifier;
        bytes32 teeImageHash;
        bytes32 zkRangeHash;
        bytes32 zkAggregateHash;
        bytes32 configHash;
        uint256 l2ChainId;
        uint256 blockInterval;
        uint256 intermediateBlockInterval;
        uint64 fastFinalizationDelay;
        uint64 slowFinalizationDelay;
    }

    constructor(Config memory c) {
        if (c.blockInterval == 0 || c.intermediateBlockInterval == 0 || c.blockInterval % c.intermediateBlockInterval != 0) {
            revert InvalidBlockInterval(c.blockInterval, c.intermediateBlockInterval);
        }
        GAME_TYPE = c.gameType;
        ANCHOR_STATE_REGISTRY = c.anchorStateRegistry;
        DISPUTE_GAME_FACTORY = c.disputeGameFactory;
        TEE_VERIFIER = c.teeVerifier;
        ZK_VERIFIER = c.zkVerifier;
        TEE_IMAGE_HASH = c.teeImageHash;
        ZK_RANGE_HASH = c.zkRangeHash;
        ZK_AGGREGATE_HASH = c.zkAggregateHash;
        CONFIG_HASH = c.configHash;
        L2_CHAIN_ID = c.l2ChainId;
        BLOCK_INTERVAL = c.blockInterval;
        INTERMEDIATE_BLOCK_INTERVAL = c.intermediateBlockInterval;
        FAST_FINALIZATION_DELAY = c.fastFinalizationDelay;
        SLOW_FINALIZATION_DELAY = c.slowFinalizationDelay;
    }

    function initialize() external payable {
        if (initialized) revert AlreadyInitialized();
        // selector + creator + rootClaim + l1Head + l2BlockNumber + parent + roots + 2 length bytes
        if (msg.data.length != 0x8E + 0x20 * intermediateOutputRootsCount()) revert BadExtraData();
        if (intermediateOutputRoot(intermediateOutputRootsCount() - 1) != rootClaim()) {
            revert IntermediateRootMismatch(intermediateOutputRoot(intermediateOutputRootsCount() - 1), rootClaim());
        }

        ICurrentAnchorStateRegistry asr = ICurrentAnchorStateRegistry(ANCHOR_STATE_REGISTRY);
        if (parentAddress() != ANCHOR_STATE_REGISTRY) {
            address parent = parentAddress();
            if (!_isValidGame(parent)) revert InvalidParentGame();
            startingOutputRoot = Proposal({
                root: ICurrentDisputeGame(parent).rootClaim(),
                l2SequenceNumber: ICurrentDisputeGame(parent).l2SequenceNumber()
            });
        } else {
            (bool ok, bytes memory ret) = ANCHOR_STATE_REGISTRY.staticcall(abi.encodeWithSignature("getStartingAnchorRoot()"));
            require(ok && ret.length == 64, "AggregateVerifier: no starting anchor root");
            (bytes32 root, uint256 l2) = abi.decode(ret, (bytes32, uint256));
            startingOutputRoot = Proposal({ root: root, l2SequenceNumber: l2 });
        }
        if (l2SequenceNumber() != startingOutputRoot.l2SequenceNumber + BLOCK_INTERVAL) {
            revert UnexpectedBlockNumber(startingOutputRoot.l2SequenceNumber + BLOCK_INTERVAL, l2SequenceNumber());
        }

        initialized = true;
        createdAt = uint64(block.timestamp);
        wasRespectedGameTypeWhenCreated = asr.respectedGameType() == GAME_TYPE;
        // No proof yet: no resolution in sight.
        expectedResolution = type(uint64).max;
        bondRecipient = gameCreator();
        bondAmount = msg.value;
    }

    /// @notice Adds a TEE or ZK proof of the proposal. The first byte of `proofBytes` is the proof
    ///         type (0 TEE, 1 ZK); the rest goes to that type's verifier.
    function verifyProposalProof(bytes calldata proofBytes) external {
        if (status != GameStatus.IN_PROGRESS) revert GameNotInProgress();
        if (gameOver()) revert GameOver();
        if (proofBytes.length < 2) revert InvalidProof();
        if (uint8(proofBytes[0]) > uint8(ProofType.ZK)) revert InvalidProofType();
        ProofType proofType = ProofType(uint8(proofBytes[0]));
        if (proofTypeToProver[proofType] != address(0)) revert AlreadyProven(proofType);

        bytes32 journal = keccak256(
            abi.encodePacked(
                msg.sender,
                l1Head(),
                startingOutputRoot.root,
                uint64(startingOutputRoot.l2SequenceNumber),
                rootClaim(),
                uint64(l2SequenceNumber()),
                intermediateOutputRoots(),
                CONFIG_HASH,
                proofType == ProofType.TEE ? TEE_IMAGE_HASH : ZK_RANGE_HASH
            )
        );
        (address verifier, bytes32 imageId) =
            proofType == ProofType.TEE ? (TEE_VERIFIER, TEE_IMAGE_HASH) : (ZK_VERIFIER, ZK_AGGREGATE_HASH);
        if (!IAggregateProofVerifier(verifier).verify(proofBytes[1:], imageId, journal)) revert InvalidProof();

        proofTypeToProver[proofType] = msg.sender;
        proofCount += 1;
        // One proof: the slow path; both kinds: the fast path. Never later than already expected.
        uint64 delay = proofCount >= 2 ? FAST_FINALIZATION_DELAY : SLOW_FINALIZATION_DELAY;
        uint64 candidate = uint64(block.timestamp) + delay;
        if (candidate < expectedResolution) expectedResolution = candidate;
        emit Proved(msg.sender, proofType);
    }

    function resolve() external returns (GameStatus) {
        if (status != GameStatus.IN_PROGRESS) revert ClaimAlreadyResolved();
        GameStatus parentStatus = _parentGameStatus();
        if (parentStatus == GameStatus.IN_PROGRESS) revert ParentGameNotResolved();
        if (parentStatus == GameStatus.CHALLENGER_WINS) {
            status = GameStatus.CHALLENGER_WINS;
        } else {
            if (!gameOver()) revert GameNotOver();
            if (proofCount < PROOF_THRESHOLD) revert NotEnoughProofs();
            status = GameStatus.DEFENDER_WINS;
        }
        resolvedAt = uint64(block.timestamp);
        emit Resolved(status);
        return status;
    }

    function gameOver() public view returns (bool) {
        return expectedResolution <= block.timestamp;
    }

    // ------------------------------------------------------------------ getters

    function teeProver() external view returns (address) {
        return proofTypeToProver[ProofType.TEE];
    }

    function zkProver() external view returns (address) {
        return proofTypeToProver[ProofType.ZK];
    }

    function gameType() external view returns (uint32) {
        return GAME_TYPE;
    }

    function anchorStateRegistry() external view returns (address) {
        return ANCHOR_STATE_REGISTRY;
    }

    function gameData() external view returns (uint32, bytes32, bytes memory) {
        return (GAME_TYPE, rootClaim(), extraData());
    }

    function startingBlockNumber() external view returns (uint256) {
        return startingOutputRoot.l2SequenceNumber;
    }

    function startingRootHash() external view returns (bytes32) {
        return startingOutputRoot.root;
    }

    function intermediateOutputRootsCount() public view returns (uint256) {
        return BLOCK_INTERVAL / INTERMEDIATE_BLOCK_INTERVAL;
    }

    function intermediateOutputRoots() public view returns (bytes memory) {
        return _argBytes(0x88, 0x20 * intermediateOutputRootsCount());
    }

    function intermediateOutputRoot(uint256 index) public view returns (bytes32) {
        if (index >= intermediateOutputRootsCount()) revert InvalidIntermediateRootIndex();
        return _argBytes32(0x88 + 0x20 * index);
    }

    /// @notice abi.encodePacked(uint256 l2BlockNumber, address parent, bytes32[] intermediateRoots)
    function extraData() public view returns (bytes memory) {
        return _argBytes(0x54, 0x34 + 0x20 * intermediateOutputRootsCount());
    }

    function gameCreator() public pure returns (address) {
        return _argAddress(0x00);
    }

    function rootClaim() public pure returns (bytes32) {
        return _argBytes32(0x14);
    }

    function l1Head() public pure returns (bytes32) {
        return _argBytes32(0x34);
    }

    function l2SequenceNumber() public pure returns (uint256) {
        return _argUint256(0x54);
    }

    /// @notice Alias of l2SequenceNumber() (the wallet's and viem's older name).
    function l2BlockNumber() external pure returns (uint256) {
        return l2SequenceNumber();
    }

    function parentAddress() public pure returns (address) {
        return _argAddress(0x74);
    }

    function version() external pure returns (string memory) {
        return "0.1.0";
    }

    function _parentGameStatus() internal view returns (GameStatus) {
        if (parentAddress() == ANCHOR_STATE_REGISTRY) return GameStatus.DEFENDER_WINS;
        address parent = parentAddress();
        ICurrentAnchorStateRegistry asr = ICurrentAnchorStateRegistry(ANCHOR_STATE_REGISTRY);
        if (asr.isGameBlacklisted(parent) || asr.isGameRetired(parent)) return GameStatus.CHALLENGER_WINS;
        return GameStatus(ICurrentDisputeGame(parent).status());
    }

    function _isValidGame(address game) internal view returns (bool) {
        ICurrentAnchorStateRegistry asr = ICurrentAnchorStateRegistry(ANCHOR_STATE_REGISTRY);
        return asr.isGameRegistered(game) && asr.isGameRespected(game) && !asr.isGameBlacklisted(game)
            && !asr.isGameRetired(game) && ICurrentDisputeGame(game).status() != uint8(GameStatus.CHALLENGER_WINS);
    }
}
