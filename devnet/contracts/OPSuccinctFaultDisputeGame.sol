// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./CurrentInterfaces.sol";

/// @title OPSuccinctFaultDisputeGame (devnet double of OP Succinct Lite 2.0.0, game type 42)
/// @notice An optimistic proposal with a ZK fallback, written for the devnet from the published
///         interface and behaviour of op-succinct's OPSuccinctFaultDisputeGame 2.0.0:
///         - a proposal names its parent game (factory index, or uint32.max to start from the
///           registry's anchor root) and is unchallenged until `maxChallengeDuration` has passed;
///         - `challenge()` (with the challenger bond) moves the deadline to challenge time +
///           `maxProveDuration`;
///         - `prove(bytes)` with a proof the SP1 verifier accepts ends the game early;
///         - `resolve()`: DEFENDER_WINS when unchallenged after the window, or proven;
///           CHALLENGER_WINS when challenged and not proven by the deadline; a game cannot resolve
///           before its parent has, and loses when its parent lost.
///         Bonds stay in the game: `resolve()` credits them as 2.0.0 does, `claimCredit()` pays them
///         out once the registry considers the game finalized (and tries to make it the anchor).
/// @dev    Left out: the AccessManager (anyone may propose and challenge on the devnet), real SP1
///         proof verification (the devnet's SP1MockVerifier accepts only the empty proof).
contract OPSuccinctFaultDisputeGame is CloneArgs {
    enum GameStatus {
        IN_PROGRESS,
        CHALLENGER_WINS,
        DEFENDER_WINS
    }

    enum ProposalStatus {
        Unchallenged,
        Challenged,
        UnchallengedAndValidProofProvided,
        ChallengedAndValidProofProvided,
        Resolved
    }

    enum BondDistributionMode {
        UNDECIDED,
        NORMAL,
        REFUND
    }

    struct ClaimData {
        uint32 parentIndex;
        address counteredBy;
        address prover;
        bytes32 claim;
        ProposalStatus status;
        uint64 deadline;
    }

    struct Proposal {
        bytes32 root;
        uint256 l2SequenceNumber;
    }

    /// The public values the aggregation proof commits to (2.0.0 includes the prover).
    struct AggregationOutputs {
        bytes32 l1Head;
        bytes32 l2PreRoot;
        bytes32 claimRoot;
        uint256 claimBlockNum;
        bytes32 rollupConfigHash;
        bytes32 rangeVkeyCommitment;
        address proverAddress;
    }

    uint32 internal constant GAME_TYPE = 42;
    string public constant version = "2.0.0";

    uint64 internal immutable MAX_CHALLENGE_DURATION;
    uint64 internal immutable MAX_PROVE_DURATION;
    address internal immutable DISPUTE_GAME_FACTORY;
    address internal immutable SP1_VERIFIER;
    bytes32 internal immutable ROLLUP_CONFIG_HASH;
    bytes32 internal immutable AGGREGATION_VKEY;
    bytes32 internal immutable RANGE_VKEY_COMMITMENT;
    uint256 internal immutable CHALLENGER_BOND;
    address internal immutable ANCHOR_STATE_REGISTRY;

    uint64 public createdAt;
    uint64 public resolvedAt;
    GameStatus public status;
    bool internal initialized;
    ClaimData public claimData;
    mapping(address => uint256) public normalModeCredit;
    mapping(address => uint256) public refundModeCredit;
    Proposal public startingOutputRoot;
    bool public wasRespectedGameTypeWhenCreated;
    BondDistributionMode public bondDistributionMode;

    event Resolved(GameStatus indexed status);
    event Challenged(address indexed challenger);
    event Proved(address indexed prover);
    event GameClosed(BondDistributionMode bondDistributionMode);

    error AlreadyInitialized();
    error IncorrectDisputeGameFactory();
    error BadExtraData();
    error InvalidParentGame();
    error UnexpectedRootClaim(bytes32 rootClaim);
    error ClaimAlreadyChallenged();
    error GameOver();
    error GameNotOver();
    error IncorrectBondAmount();
    error ClaimAlreadyResolved();
    error ParentGameNotResolved();
    error InvalidProposalStatus();
    error GameNotResolved();
    error GameNotFinalized();
    error NoCreditToClaim();
    error BondTransferFailed();

    constructor(
        uint64 _maxChallengeDuration,
        uint64 _maxProveDuration,
        address _disputeGameFactory,
        address _sp1Verifier,
        bytes32 _rollupConfigHash,
        bytes32 _aggregationVkey,
        bytes32 _rangeVkeyCommitment,
        uint256 _challengerBond,
        address _anchorStateRegistry
    ) {
        MAX_CHALLENGE_DURATION = _maxChallengeDuration;
        MAX_PROVE_DURATION = _maxProveDuration;
        DISPUTE_GAME_FACTORY = _disputeGameFactory;
        SP1_VERIFIER = _sp1Verifier;
        ROLLUP_CONFIG_HASH = _rollupConfigHash;
        AGGREGATION_VKEY = _aggregationVkey;
        RANGE_VKEY_COMMITMENT = _rangeVkeyCommitment;
        CHALLENGER_BOND = _challengerBond;
        ANCHOR_STATE_REGISTRY = _anchorStateRegistry;
    }

    function initialize() external payable {
        if (initialized) revert AlreadyInitialized();
        if (msg.sender != DISPUTE_GAME_FACTORY) revert IncorrectDisputeGameFactory();
        // selector + creator + rootClaim + l1Head + l2BlockNumber + parentIndex + 2 length bytes
        if (msg.data.length != 0x7E) revert BadExtraData();

        ICurrentAnchorStateRegistry asr = ICurrentAnchorStateRegistry(ANCHOR_STATE_REGISTRY);
        if (parentIndex() != type(uint32).max) {
            (,, address parent) = ICurrentDisputeGameFactory(DISPUTE_GAME_FACTORY).gameAtIndex(parentIndex());
            if (!asr.isGameRespected(parent) || asr.isGameBlacklisted(parent) || asr.isGameRetired(parent)) {
                revert InvalidParentGame();
            }
            startingOutputRoot = Proposal({
                root: ICurrentDisputeGame(parent).rootClaim(),
                l2SequenceNumber: ICurrentDisputeGame(parent).l2SequenceNumber()
            });
            if (ICurrentDisputeGame(parent).status() == uint8(GameStatus.CHALLENGER_WINS)) revert InvalidParentGame();
            // A parent at or behind the anchor would restart from an older state than the anchor.
            (, uint256 anchorL2) = asr.getAnchorRoot();
            if (startingOutputRoot.l2SequenceNumber <= anchorL2) revert InvalidParentGame();
        } else {
            (bytes32 root, uint256 l2) = asr.getAnchorRoot();
            startingOutputRoot = Proposal({ root: root, l2SequenceNumber: l2 });
        }
        if (l2SequenceNumber() <= startingOutputRoot.l2SequenceNumber) revert UnexpectedRootClaim(rootClaim());

        claimData = ClaimData({
            parentIndex: parentIndex(),
            counteredBy: address(0),
            prover: address(0),
            claim: rootClaim(),
            status: ProposalStatus.Unchallenged,
            deadline: uint64(block.timestamp) + MAX_CHALLENGE_DURATION
        });
        initialized = true;
        refundModeCredit[gameCreator()] += msg.value;
        createdAt = uint64(block.timestamp);
        wasRespectedGameTypeWhenCreated = asr.respectedGameType() == GAME_TYPE;
    }

    // ------------------------------------------------------------------ the game

    function challenge() external payable returns (ProposalStatus) {
        if (claimData.status != ProposalStatus.Unchallenged) revert ClaimAlreadyChallenged();
        if (gameOver()) revert GameOver();
        if (msg.value != CHALLENGER_BOND) revert IncorrectBondAmount();
        claimData.counteredBy = msg.sender;
        claimData.status = ProposalStatus.Challenged;
        // The proposer now has maxProveDuration from the challenge to prove its claim.
        claimData.deadline = uint64(block.timestamp) + MAX_PROVE_DURATION;
        refundModeCredit[msg.sender] += msg.value;
        emit Challenged(msg.sender);
        return claimData.status;
    }

    function prove(bytes calldata proofBytes) external returns (ProposalStatus) {
        if (gameOver()) revert GameOver();
        AggregationOutputs memory publicValues = AggregationOutputs({
            l1Head: l1Head(),
            l2PreRoot: startingOutputRoot.root,
            claimRoot: rootClaim(),
            claimBlockNum: l2SequenceNumber(),
            rollupConfigHash: ROLLUP_CONFIG_HASH,
            rangeVkeyCommitment: RANGE_VKEY_COMMITMENT,
            proverAddress: msg.sender
        });
        ISP1VerifierLike(SP1_VERIFIER).verifyProof(AGGREGATION_VKEY, abi.encode(publicValues), proofBytes);
        claimData.prover = msg.sender;
        claimData.status = claimData.counteredBy == address(0)
            ? ProposalStatus.UnchallengedAndValidProofProvided
            : ProposalStatus.ChallengedAndValidProofProvided;
        emit Proved(msg.sender);
        return claimData.status;
    }

    function resolve() external returns (GameStatus) {
        if (status != GameStatus.IN_PROGRESS) revert ClaimAlreadyResolved();
        GameStatus parentStatus = _parentGameStatus();
        if (parentStatus == GameStatus.IN_PROGRESS) revert ParentGameNotResolved();

        if (parentStatus == GameStatus.CHALLENGER_WINS) {
            // A game built on a losing parent loses too; its bonds go to its challenger, if any.
            status = GameStatus.CHALLENGER_WINS;
            normalModeCredit[claimData.counteredBy] = address(this).balance;
        } else {
            if (!gameOver()) revert GameNotOver();
            ProposalStatus ps = claimData.status;
            if (ps == ProposalStatus.Unchallenged || ps == ProposalStatus.UnchallengedAndValidProofProvided) {
                status = GameStatus.DEFENDER_WINS;
                normalModeCredit[gameCreator()] = address(this).balance;
            } else if (ps == ProposalStatus.Challenged) {
                status = GameStatus.CHALLENGER_WINS;
                normalModeCredit[claimData.counteredBy] = address(this).balance;
            } else if (ps == ProposalStatus.ChallengedAndValidProofProvided) {
                status = GameStatus.DEFENDER_WINS;
                if (claimData.prover == gameCreator()) {
                    normalModeCredit[claimData.prover] = address(this).balance;
                } else {
                    normalModeCredit[claimData.prover] = CHALLENGER_BOND;
                    normalModeCredit[gameCreator()] = address(this).balance - CHALLENGER_BOND;
                }
            } else {
                revert InvalidProposalStatus();
            }
        }
        claimData.status = ProposalStatus.Resolved;
        resolvedAt = uint64(block.timestamp);
        emit Resolved(status);
        return status;
    }

    /// @notice Over once the deadline has passed (strictly) or a valid proof arrived.
    function gameOver() public view returns (bool) {
        return claimData.deadline < uint64(block.timestamp) || claimData.prover != address(0);
    }

    // ------------------------------------------------------------------ bonds

    function claimCredit(address _recipient) external {
        closeGame();
        uint256 amount = bondDistributionMode == BondDistributionMode.REFUND
            ? refundModeCredit[_recipient]
            : normalModeCredit[_recipient];
        if (amount == 0) revert NoCreditToClaim();
        refundModeCredit[_recipient] = 0;
        normalModeCredit[_recipient] = 0;
        (bool ok,) = _recipient.call{ value: amount }("");
        if (!ok) revert BondTransferFailed();
    }

    /// @notice Once finalized: tries to become the anchor, then fixes how bonds are paid (normally
    ///         for a proper game, refunded otherwise).
    function closeGame() public {
        if (bondDistributionMode != BondDistributionMode.UNDECIDED) return;
        if (resolvedAt == 0) revert GameNotResolved();
        ICurrentAnchorStateRegistry asr = ICurrentAnchorStateRegistry(ANCHOR_STATE_REGISTRY);
        if (!asr.isGameFinalized(address(this))) revert GameNotFinalized();
        try asr.setAnchorState(address(this)) { } catch { }
        bondDistributionMode = asr.isGameProper(address(this)) ? BondDistributionMode.NORMAL : BondDistributionMode.REFUND;
        emit GameClosed(bondDistributionMode);
    }

    function credit(address _recipient) external view returns (uint256) {
        return bondDistributionMode == BondDistributionMode.REFUND ? refundModeCredit[_recipient] : normalModeCredit[_recipient];
    }

    // ------------------------------------------------------------------ getters

    function gameType() public pure returns (uint32) {
        return GAME_TYPE;
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

    /// @notice Alias of l2SequenceNumber().
    function l2BlockNumber() public pure returns (uint256) {
        return l2SequenceNumber();
    }

    function parentIndex() public pure returns (uint32) {
        return _argUint32(0x74);
    }

    function extraData() public pure returns (bytes memory) {
        return _argBytes(0x54, 0x24);
    }

    function gameData() external pure returns (uint32 gameType_, bytes32 rootClaim_, bytes memory extraData_) {
        return (GAME_TYPE, rootClaim(), extraData());
    }

    function startingBlockNumber() external view returns (uint256) {
        return startingOutputRoot.l2SequenceNumber;
    }

    function startingRootHash() external view returns (bytes32) {
        return startingOutputRoot.root;
    }

    function maxChallengeDuration() external view returns (uint64) {
        return MAX_CHALLENGE_DURATION;
    }

    function maxProveDuration() external view returns (uint64) {
        return MAX_PROVE_DURATION;
    }

    function disputeGameFactory() external view returns (address) {
        return DISPUTE_GAME_FACTORY;
    }

    function sp1Verifier() external view returns (address) {
        return SP1_VERIFIER;
    }

    function rollupConfigHash() external view returns (bytes32) {
        return ROLLUP_CONFIG_HASH;
    }

    function aggregationVkey() external view returns (bytes32) {
        return AGGREGATION_VKEY;
    }

    function rangeVkeyCommitment() external view returns (bytes32) {
        return RANGE_VKEY_COMMITMENT;
    }

    function challengerBond() external view returns (uint256) {
        return CHALLENGER_BOND;
    }

    function anchorStateRegistry() external view returns (address) {
        return ANCHOR_STATE_REGISTRY;
    }

    function _parentGameStatus() internal view returns (GameStatus) {
        if (parentIndex() == type(uint32).max) return GameStatus.DEFENDER_WINS;
        (,, address parent) = ICurrentDisputeGameFactory(DISPUTE_GAME_FACTORY).gameAtIndex(parentIndex());
        return GameStatus(ICurrentDisputeGame(parent).status());
    }
}
