// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface ISP1VerifierLike {
    function verifyProof(bytes32 programVKey, bytes calldata publicValues, bytes calldata proofBytes) external view;
}

interface IDisputeGameFactoryLike {
    function create(uint32 gameType, bytes32 rootClaim, bytes calldata extraData) external payable returns (address);
}

/// @title OPSuccinctL2OutputOracle (devnet double, v3.0.0 interface)
/// @notice The validity output oracle of OP Succinct as Phala ran it, with the v3 ABI: lowercase
///         getters only (`submissionInterval()`, `l2BlockTime()`, `finalizationPeriodSeconds()`),
///         config-named proofs checked by an SP1 verifier, checkpointed L1 block hashes, optimistic
///         mode, and `dgfProposeL2Output` for the OPSuccinctDisputeGame (type 6) shape.
///         Written for the devnet from the published interface and behaviour; the SP1 verifier
///         behind it is a mock (see SP1MockVerifier).
/// @dev One deliberate addition: the legacy OptimismPortal (contracts-bedrock 0.17.3) reads
///      `FINALIZATION_PERIOD_SECONDS()` from its oracle. v3 has no such getter. So that the portal's
///      own checks run while the oracle still looks like v3 to everyone else, that getter answers
///      only the portal registered with `setLegacyPortal` and reverts for any other caller, just as
///      a call to a missing function on the real v3 oracle would.
contract OPSuccinctL2OutputOracle {
    struct OutputProposal {
        bytes32 outputRoot;
        uint128 timestamp;
        uint128 l2BlockNumber;
    }

    struct OpSuccinctConfig {
        bytes32 aggregationVkey;
        bytes32 rangeVkeyCommitment;
        bytes32 rollupConfigHash;
    }

    struct InitParams {
        address challenger;
        address proposer;
        address owner;
        uint256 finalizationPeriodSeconds;
        uint256 l2BlockTime;
        bytes32 aggregationVkey;
        bytes32 rangeVkeyCommitment;
        bytes32 rollupConfigHash;
        bytes32 startingOutputRoot;
        uint256 startingBlockNumber;
        uint256 startingTimestamp;
        uint256 submissionInterval;
        address verifier;
        uint256 fallbackTimeout;
    }

    /// @dev Public values the aggregation proof commits to.
    struct AggregationOutputs {
        bytes32 l1Head;
        bytes32 l2PreRoot;
        bytes32 claimRoot;
        uint256 claimBlockNum;
        bytes32 rollupConfigHash;
        bytes32 rangeVkeyCommitment;
        address proverAddress;
    }

    uint32 internal constant OP_SUCCINCT_GAME_TYPE = 6;

    string public constant version = "v3.0.0";
    uint8 public constant initializerVersion = 3;
    bytes32 public constant GENESIS_CONFIG_NAME = keccak256("opsuccinct_genesis");

    uint8 private initializedVersion;

    uint256 public startingBlockNumber;
    uint256 public startingTimestamp;
    uint256 public submissionInterval;
    uint256 public l2BlockTime;
    address public challenger;
    address public proposer;
    uint256 public finalizationPeriodSeconds;
    address public verifier;
    address public owner;
    bool public optimisticMode;
    uint256 public fallbackTimeout;
    address public disputeGameFactory;

    mapping(address => bool) public approvedProposers;
    mapping(uint256 => bytes32) public historicBlockHashes;
    mapping(bytes32 => OpSuccinctConfig) public opSuccinctConfigs;

    OutputProposal[] internal outputs;
    bool internal insideFactoryCreate;
    address internal legacyPortal;

    event OutputProposed(
        bytes32 indexed outputRoot, uint256 indexed l2OutputIndex, uint256 indexed l2BlockNumber, uint256 l1Timestamp
    );
    event OutputsDeleted(uint256 indexed prevNextOutputIndex, uint256 indexed newNextOutputIndex);
    event OpSuccinctConfigUpdated(
        bytes32 indexed configName, bytes32 aggregationVkey, bytes32 rangeVkeyCommitment, bytes32 rollupConfigHash
    );
    event OpSuccinctConfigDeleted(bytes32 indexed configName);
    event VerifierUpdated(address indexed oldVerifier, address indexed newVerifier);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event ProposerUpdated(address indexed proposer, bool added);
    event SubmissionIntervalUpdated(uint256 oldSubmissionInterval, uint256 newSubmissionInterval);
    event OptimisticModeToggled(bool indexed enabled, uint256 finalizationPeriodSeconds);
    event DisputeGameFactorySet(address indexed disputeGameFactory);
    event Initialized(uint8 version);

    error L1BlockHashNotAvailable();
    error L1BlockHashNotCheckpointed();

    modifier onlyOwner() {
        require(msg.sender == owner, "L2OutputOracle: caller is not the owner");
        _;
    }

    constructor() {
        // The implementation itself is never initialized; only proxies are.
        initializedVersion = type(uint8).max;
    }

    function initialize(InitParams memory p) external {
        require(initializedVersion < initializerVersion, "Initializable: contract is already initialized");
        initializedVersion = initializerVersion;
        require(p.submissionInterval > 0, "L2OutputOracle: submission interval must be greater than 0");
        require(p.l2BlockTime > 0, "L2OutputOracle: L2 block time must be greater than 0");
        require(
            p.startingTimestamp <= block.timestamp,
            "L2OutputOracle: starting L2 timestamp must be less than current time"
        );

        submissionInterval = p.submissionInterval;
        l2BlockTime = p.l2BlockTime;
        if (outputs.length == 0) {
            // The proofs chain from a known root, so the starting output is the first entry.
            outputs.push(
                OutputProposal({
                    outputRoot: p.startingOutputRoot,
                    timestamp: uint128(p.startingTimestamp),
                    l2BlockNumber: uint128(p.startingBlockNumber)
                })
            );
            startingBlockNumber = p.startingBlockNumber;
            startingTimestamp = p.startingTimestamp;
        }
        challenger = p.challenger;
        proposer = p.proposer;
        finalizationPeriodSeconds = p.finalizationPeriodSeconds;
        approvedProposers[p.proposer] = true;
        fallbackTimeout = p.fallbackTimeout;
        opSuccinctConfigs[GENESIS_CONFIG_NAME] = OpSuccinctConfig(p.aggregationVkey, p.rangeVkeyCommitment, p.rollupConfigHash);
        verifier = p.verifier;
        owner = p.owner;
        disputeGameFactory = address(0);
        insideFactoryCreate = false;
        emit Initialized(initializerVersion);
    }

    // ---------------------------------------------------------------- proposals

    /// @notice Validity proposal: `_proof` proves the transition from the latest output to `_outputRoot`.
    function proposeL2Output(
        bytes32 _configName,
        bytes32 _outputRoot,
        uint256 _l2BlockNumber,
        uint256 _l1BlockNumber,
        bytes memory _proof,
        address _proverAddress
    ) external {
        require(!optimisticMode, "L2OutputOracle: optimistic mode is enabled");
        // tx.origin, because inside the type-6 game the caller is the freshly cloned game.
        require(
            approvedProposers[tx.origin] || approvedProposers[address(0)]
                || block.timestamp - lastProposalTimestamp() > fallbackTimeout,
            "L2OutputOracle: only approved proposers can propose new outputs"
        );
        require(
            _l2BlockNumber >= nextBlockNumber(),
            "L2OutputOracle: block number must be greater than or equal to next expected block number"
        );
        require(
            computeL2Timestamp(_l2BlockNumber) < block.timestamp, "L2OutputOracle: cannot propose L2 output in the future"
        );
        if (disputeGameFactory != address(0)) {
            require(
                insideFactoryCreate,
                "L2OutputOracle: cannot propose L2 output from outside DisputeGameFactory.create while disputeGameFactory is set"
            );
        } else {
            require(
                !insideFactoryCreate,
                "L2OutputOracle: cannot propose L2 output from inside DisputeGameFactory.create without setting disputeGameFactory"
            );
        }
        require(_outputRoot != bytes32(0), "L2OutputOracle: L2 output proposal cannot be the zero hash");

        OpSuccinctConfig memory config = opSuccinctConfigs[_configName];
        require(isValidOpSuccinctConfig(config), "L2OutputOracle: invalid OP Succinct configuration");

        bytes32 l1Head = historicBlockHashes[_l1BlockNumber];
        if (l1Head == bytes32(0)) revert L1BlockHashNotCheckpointed();

        bytes memory publicValues = abi.encode(
            AggregationOutputs({
                l1Head: l1Head,
                l2PreRoot: outputs[outputs.length - 1].outputRoot,
                claimRoot: _outputRoot,
                claimBlockNum: _l2BlockNumber,
                rollupConfigHash: config.rollupConfigHash,
                rangeVkeyCommitment: config.rangeVkeyCommitment,
                proverAddress: _proverAddress
            })
        );
        ISP1VerifierLike(verifier).verifyProof(config.aggregationVkey, publicValues, _proof);

        _record(_outputRoot, _l2BlockNumber);
    }

    /// @notice Optimistic-mode proposal (no proof), the original L2OutputOracle rule set.
    function proposeL2Output(bytes32 _outputRoot, uint256 _l2BlockNumber, bytes32 _l1BlockHash, uint256 _l1BlockNumber)
        external
        payable
    {
        require(optimisticMode, "L2OutputOracle: optimistic mode is not enabled");
        require(
            approvedProposers[msg.sender] || approvedProposers[address(0)],
            "L2OutputOracle: only approved proposers can propose new outputs"
        );
        require(
            _l2BlockNumber == nextBlockNumber(), "L2OutputOracle: block number must be equal to next expected block number"
        );
        require(
            computeL2Timestamp(_l2BlockNumber) < block.timestamp, "L2OutputOracle: cannot propose L2 output in the future"
        );
        require(_outputRoot != bytes32(0), "L2OutputOracle: L2 output proposal cannot be the zero hash");
        if (_l1BlockHash != bytes32(0)) {
            require(
                blockhash(_l1BlockNumber) == _l1BlockHash,
                "L2OutputOracle: block hash does not match the hash at the expected height"
            );
        }
        _record(_outputRoot, _l2BlockNumber);
    }

    /// @notice Creates an OPSuccinctDisputeGame (type 6) whose initialization proposes through this oracle.
    function dgfProposeL2Output(
        bytes32 _configName,
        bytes32 _outputRoot,
        uint256 _l2BlockNumber,
        uint256 _l1BlockNumber,
        bytes memory _proof,
        address _proverAddress
    ) external payable returns (address _game) {
        require(!optimisticMode, "L2OutputOracle: optimistic mode is enabled");
        require(disputeGameFactory != address(0), "L2OutputOracle: dispute game factory is not set");
        insideFactoryCreate = true;
        _game = IDisputeGameFactoryLike(disputeGameFactory).create{ value: msg.value }(
            OP_SUCCINCT_GAME_TYPE,
            _outputRoot,
            abi.encodePacked(_l2BlockNumber, _l1BlockNumber, _proverAddress, _configName, _proof)
        );
        insideFactoryCreate = false;
    }

    function checkpointBlockHash(uint256 _blockNumber) external {
        bytes32 h = blockhash(_blockNumber);
        if (h == bytes32(0)) revert L1BlockHashNotAvailable();
        historicBlockHashes[_blockNumber] = h;
    }

    function deleteL2Outputs(uint256 _l2OutputIndex) external {
        require(msg.sender == challenger, "L2OutputOracle: only the challenger address can delete outputs");
        require(
            _l2OutputIndex < outputs.length, "L2OutputOracle: cannot delete outputs after the latest output index"
        );
        require(
            block.timestamp - outputs[_l2OutputIndex].timestamp < finalizationPeriodSeconds,
            "L2OutputOracle: cannot delete outputs that have already been finalized"
        );
        uint256 previous = outputs.length;
        while (outputs.length > _l2OutputIndex) outputs.pop();
        emit OutputsDeleted(previous, _l2OutputIndex);
    }

    function _record(bytes32 _outputRoot, uint256 _l2BlockNumber) internal {
        emit OutputProposed(_outputRoot, outputs.length, _l2BlockNumber, block.timestamp);
        outputs.push(
            OutputProposal({
                outputRoot: _outputRoot,
                timestamp: uint128(block.timestamp),
                l2BlockNumber: uint128(_l2BlockNumber)
            })
        );
    }

    // ---------------------------------------------------------------- views

    function getL2Output(uint256 _l2OutputIndex) external view returns (OutputProposal memory) {
        return outputs[_l2OutputIndex];
    }

    /// @notice Index of the first output at or after `_l2BlockNumber` (binary search).
    function getL2OutputIndexAfter(uint256 _l2BlockNumber) public view returns (uint256) {
        require(
            _l2BlockNumber <= latestBlockNumber(),
            "L2OutputOracle: cannot get output for a block that has not been proposed"
        );
        require(outputs.length > 0, "L2OutputOracle: cannot get output as no outputs have been proposed yet");
        uint256 lo = 0;
        uint256 hi = outputs.length;
        while (lo < hi) {
            uint256 mid = (lo + hi) / 2;
            if (outputs[mid].l2BlockNumber < _l2BlockNumber) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    function getL2OutputAfter(uint256 _l2BlockNumber) external view returns (OutputProposal memory) {
        return outputs[getL2OutputIndexAfter(_l2BlockNumber)];
    }

    function latestOutputIndex() public view returns (uint256) {
        return outputs.length - 1;
    }

    function nextOutputIndex() public view returns (uint256) {
        return outputs.length;
    }

    function latestBlockNumber() public view returns (uint256) {
        return outputs.length == 0 ? startingBlockNumber : outputs[outputs.length - 1].l2BlockNumber;
    }

    function nextBlockNumber() public view returns (uint256) {
        return latestBlockNumber() + submissionInterval;
    }

    function lastProposalTimestamp() public view returns (uint256) {
        return outputs.length == 0 ? startingTimestamp : outputs[outputs.length - 1].timestamp;
    }

    function computeL2Timestamp(uint256 _l2BlockNumber) public view returns (uint256) {
        return startingTimestamp + (_l2BlockNumber - startingBlockNumber) * l2BlockTime;
    }

    function isValidOpSuccinctConfig(OpSuccinctConfig memory _config) public pure returns (bool) {
        return _config.aggregationVkey != bytes32(0) && _config.rangeVkeyCommitment != bytes32(0)
            && _config.rollupConfigHash != bytes32(0);
    }

    /// @notice Deprecated in v3 (per-config now); they read the genesis config.
    function aggregationVkey() external view returns (bytes32) {
        return opSuccinctConfigs[GENESIS_CONFIG_NAME].aggregationVkey;
    }

    function rangeVkeyCommitment() external view returns (bytes32) {
        return opSuccinctConfigs[GENESIS_CONFIG_NAME].rangeVkeyCommitment;
    }

    function rollupConfigHash() external view returns (bytes32) {
        return opSuccinctConfigs[GENESIS_CONFIG_NAME].rollupConfigHash;
    }

    /// @notice Devnet-only, see the contract notes: answers the registered legacy portal, reverts for anyone else.
    function FINALIZATION_PERIOD_SECONDS() external view returns (uint256) {
        require(msg.sender == legacyPortal && msg.sender != address(0), "OPSuccinctL2OutputOracle v3: no such getter");
        return finalizationPeriodSeconds;
    }

    // ---------------------------------------------------------------- owner

    /// @notice Devnet-only: the legacy OptimismPortal that may read FINALIZATION_PERIOD_SECONDS().
    function setLegacyPortal(address _portal) external onlyOwner {
        legacyPortal = _portal;
    }

    function addProposer(address _proposer) external onlyOwner {
        approvedProposers[_proposer] = true;
        emit ProposerUpdated(_proposer, true);
    }

    function removeProposer(address _proposer) external onlyOwner {
        approvedProposers[_proposer] = false;
        emit ProposerUpdated(_proposer, false);
    }

    function updateSubmissionInterval(uint256 _submissionInterval) external onlyOwner {
        require(_submissionInterval > 0, "L2OutputOracle: submission interval must be greater than 0");
        emit SubmissionIntervalUpdated(submissionInterval, _submissionInterval);
        submissionInterval = _submissionInterval;
    }

    function updateVerifier(address _verifier) external onlyOwner {
        emit VerifierUpdated(verifier, _verifier);
        verifier = _verifier;
    }

    function addOpSuccinctConfig(
        bytes32 _configName,
        bytes32 _rollupConfigHash,
        bytes32 _aggregationVkey,
        bytes32 _rangeVkeyCommitment
    ) external onlyOwner {
        require(_configName != bytes32(0), "L2OutputOracle: config name cannot be empty");
        require(!isValidOpSuccinctConfig(opSuccinctConfigs[_configName]), "L2OutputOracle: config already exists");
        OpSuccinctConfig memory config = OpSuccinctConfig(_aggregationVkey, _rangeVkeyCommitment, _rollupConfigHash);
        require(isValidOpSuccinctConfig(config), "L2OutputOracle: invalid OP Succinct configuration parameters");
        opSuccinctConfigs[_configName] = config;
        emit OpSuccinctConfigUpdated(_configName, _aggregationVkey, _rangeVkeyCommitment, _rollupConfigHash);
    }

    function deleteOpSuccinctConfig(bytes32 _configName) external onlyOwner {
        delete opSuccinctConfigs[_configName];
        emit OpSuccinctConfigDeleted(_configName);
    }

    function enableOptimisticMode(uint256 _finalizationPeriodSeconds) external onlyOwner {
        require(!optimisticMode, "L2OutputOracle: optimistic mode is enabled");
        finalizationPeriodSeconds = _finalizationPeriodSeconds;
        optimisticMode = true;
        emit OptimisticModeToggled(true, _finalizationPeriodSeconds);
    }

    function disableOptimisticMode(uint256 _finalizationPeriodSeconds) external onlyOwner {
        require(optimisticMode, "L2OutputOracle: optimistic mode is not enabled");
        finalizationPeriodSeconds = _finalizationPeriodSeconds;
        optimisticMode = false;
        emit OptimisticModeToggled(false, _finalizationPeriodSeconds);
    }

    function setDisputeGameFactory(address _disputeGameFactory) external onlyOwner {
        disputeGameFactory = _disputeGameFactory;
        emit DisputeGameFactorySet(_disputeGameFactory);
    }

    function transferOwnership(address _owner) external onlyOwner {
        emit OwnershipTransferred(owner, _owner);
        owner = _owner;
    }
}
