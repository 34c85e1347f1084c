// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./CurrentInterfaces.sol";
import "./DevnetMerkleTrie.sol";

/// @title OptimismPortal2V5 (devnet double of OptimismPortal2 5.x)
/// @notice The portal the OP Stack chains run today (5.6.1 on Phala, OP Mainnet and Ink), written
///         for the devnet from its published interface and behaviour: the respected game type,
///         blacklist, retirement and finality delay live on the AnchorStateRegistry; proofs are
///         kept per submitter; `checkWithdrawal` asks the registry whether the game's claim is
///         valid. Deposits keep the TransactionDeposited event and the EIP-1559-style resource
///         metering (paid by burning L1 gas) of every portal version.
/// @dev    Left out: the ETHLockbox (ETH stays in the portal, `ethLockbox()` is zero), custom gas
///         token mode, interop / super roots, `proveAndFinalizeWithdrawalTransaction`, the
///         ProxyAdmin-owner checks on `initialize`. Pausing reads the contracts-bedrock 0.17.3
///         SuperchainConfig (through the registry), since the devnet's SystemConfig predates
///         `paused()`.
contract OptimismPortal2V5 {
    struct WithdrawalTransaction {
        uint256 nonce;
        address sender;
        address target;
        uint256 value;
        uint256 gasLimit;
        bytes data;
    }

    struct OutputRootProof {
        bytes32 version;
        bytes32 stateRoot;
        bytes32 messagePasserStorageRoot;
        bytes32 latestBlockhash;
    }

    struct ProvenWithdrawal {
        address disputeGameProxy;
        uint64 timestamp;
    }

    struct ResourceParams {
        uint128 prevBaseFee;
        uint64 prevBoughtGas;
        uint64 prevBlockNum;
    }

    uint8 internal constant CHALLENGER_WINS = 1;
    uint256 internal constant DEPOSIT_VERSION = 0;
    uint64 internal constant RECEIVE_DEFAULT_GAS_LIMIT = 100_000;
    address internal constant DEFAULT_L2_SENDER = 0x000000000000000000000000000000000000dEaD;
    address internal constant ESTIMATION_ADDRESS = address(1);

    uint256 internal immutable PROOF_MATURITY_DELAY_SECONDS;

    bool private initialized;

    /// @notice EIP-1559-style deposit gas market: base fee, gas bought in the current block, its number.
    ResourceParams public params;

    /// @notice The L2 sender of the withdrawal being finalized; DEFAULT_L2_SENDER otherwise.
    address public l2Sender;

    mapping(bytes32 => bool) public finalizedWithdrawals;

    ISystemConfigLike public systemConfig;

    ICurrentAnchorStateRegistry public anchorStateRegistry;

    /// @notice withdrawal hash -> proof submitter -> the game proven against and when.
    mapping(bytes32 => mapping(address => ProvenWithdrawal)) public provenWithdrawals;

    /// @notice withdrawal hash -> every address that proved it, in order.
    mapping(bytes32 => address[]) public proofSubmitters;

    event TransactionDeposited(address indexed from, address indexed to, uint256 indexed version, bytes opaqueData);
    event WithdrawalProven(bytes32 indexed withdrawalHash, address indexed from, address indexed to);
    event WithdrawalProvenExtension1(bytes32 indexed withdrawalHash, address indexed proofSubmitter);
    event WithdrawalFinalized(bytes32 indexed withdrawalHash, bool success);

    error OptimismPortal_AlreadyFinalized();
    error OptimismPortal_BadTarget();
    error OptimismPortal_CallPaused();
    error OptimismPortal_CalldataTooLarge();
    error OptimismPortal_GasEstimation();
    error OptimismPortal_GasLimitTooLow();
    error OptimismPortal_ImproperDisputeGame();
    error OptimismPortal_InvalidDisputeGame();
    error OptimismPortal_InvalidMerkleProof();
    error OptimismPortal_InvalidOutputRootProof();
    error OptimismPortal_InvalidProofTimestamp();
    error OptimismPortal_InvalidRootClaim();
    error OptimismPortal_NoReentrancy();
    error OptimismPortal_ProofNotOldEnough();
    error OptimismPortal_Unproven();
    error OutOfGas();

    constructor(uint256 _proofMaturityDelaySeconds) {
        PROOF_MATURITY_DELAY_SECONDS = _proofMaturityDelaySeconds;
        initialized = true; // the implementation itself is never used directly
    }

    /// @notice Called once through the proxy.
    function initialize(ISystemConfigLike _systemConfig, ICurrentAnchorStateRegistry _anchorStateRegistry) external {
        require(!initialized, "OptimismPortal2V5: already initialized");
        initialized = true;
        systemConfig = _systemConfig;
        anchorStateRegistry = _anchorStateRegistry;
        if (l2Sender == address(0)) l2Sender = DEFAULT_L2_SENDER;
        if (params.prevBlockNum == 0) {
            params = ResourceParams({ prevBaseFee: 1 gwei, prevBoughtGas: 0, prevBlockNum: uint64(block.number) });
        }
    }

    function version() public pure returns (string memory) {
        return "5.6.1";
    }

    // ------------------------------------------------------------------ getters

    function proofMaturityDelaySeconds() public view returns (uint256) {
        return PROOF_MATURITY_DELAY_SECONDS;
    }

    function disputeGameFactory() public view returns (address) {
        return anchorStateRegistry.disputeGameFactory();
    }

    function superchainConfig() public view returns (address) {
        return anchorStateRegistry.superchainConfig();
    }

    function paused() public view returns (bool) {
        return ISuperchainConfigLike(superchainConfig()).paused();
    }

    /// @custom:legacy
    function guardian() external view returns (address) {
        return ISuperchainConfigLike(superchainConfig()).guardian();
    }

    /// @custom:legacy forwards to the registry
    function disputeGameFinalityDelaySeconds() external view returns (uint256) {
        return anchorStateRegistry.disputeGameFinalityDelaySeconds();
    }

    /// @custom:legacy forwards to the registry
    function respectedGameType() external view returns (uint32) {
        return anchorStateRegistry.respectedGameType();
    }

    /// @custom:legacy No longer the time the respected game type changed: the registry's retirement timestamp.
    function respectedGameTypeUpdatedAt() external view returns (uint64) {
        return anchorStateRegistry.retirementTimestamp();
    }

    /// @custom:legacy forwards to the registry
    function disputeGameBlacklist(address _disputeGame) external view returns (bool) {
        return anchorStateRegistry.disputeGameBlacklist(_disputeGame);
    }

    /// @notice No ETHLockbox on the devnet: ETH stays in the portal.
    function ethLockbox() external pure returns (address) {
        return address(0);
    }

    function numProofSubmitters(bytes32 _withdrawalHash) external view returns (uint256) {
        return proofSubmitters[_withdrawalHash].length;
    }

    function minimumGasLimit(uint64 _byteCount) public pure returns (uint64) {
        return _byteCount * 40 + 21000;
    }

    // ------------------------------------------------------------------ deposits

    receive() external payable {
        depositTransaction(msg.sender, msg.value, RECEIVE_DEFAULT_GAS_LIMIT, false, bytes(""));
    }

    /// @notice Accepts ETH without a deposit (how the devnet backs the L2's genesis balances).
    function donateETH() external payable { }

    function depositTransaction(address _to, uint256 _value, uint64 _gasLimit, bool _isCreation, bytes memory _data)
        public
        payable
    {
        uint256 initialGas = gasleft();
        if (_isCreation && _to != address(0)) revert OptimismPortal_BadTarget();
        if (_gasLimit < minimumGasLimit(uint64(_data.length))) revert OptimismPortal_GasLimitTooLow();
        if (_data.length > 120_000) revert OptimismPortal_CalldataTooLarge();

        // A contract's deposit comes from its aliased address on L2.
        address from = msg.sender;
        if (!_isSenderEOA()) {
            unchecked {
                // L1 -> L2 address aliasing: + 0x1111000000000000000000000000000000001111, modulo 2^160
                from = address(uint160(msg.sender) + uint160(0x1111000000000000000000000000000000001111));
            }
        }

        emit TransactionDeposited(from, _to, DEPOSIT_VERSION, abi.encodePacked(msg.value, _value, _gasLimit, _isCreation, _data));
        _metered(_gasLimit, initialGas);
    }

    // ------------------------------------------------------------------ withdrawals

    function proveWithdrawalTransaction(
        WithdrawalTransaction memory _tx,
        uint256 _disputeGameIndex,
        OutputRootProof calldata _outputRootProof,
        bytes[] calldata _withdrawalProof
    ) external {
        if (paused()) revert OptimismPortal_CallPaused();
        if (_tx.target == address(this)) revert OptimismPortal_BadTarget();

        (,, address game) = ICurrentDisputeGameFactory(disputeGameFactory()).gameAtIndex(_disputeGameIndex);
        if (!anchorStateRegistry.isGameProper(game)) revert OptimismPortal_ImproperDisputeGame();
        if (!anchorStateRegistry.isGameRespected(game)) revert OptimismPortal_InvalidDisputeGame();
        if (ICurrentDisputeGame(game).status() == CHALLENGER_WINS) revert OptimismPortal_InvalidDisputeGame();
        // Blocks proofs in the block that created the game.
        if (block.timestamp <= ICurrentDisputeGame(game).createdAt()) revert OptimismPortal_InvalidProofTimestamp();

        // The proof must be against the output root the game claims.
        if (ICurrentDisputeGame(game).rootClaim() != _hashOutputRootProof(_outputRootProof)) {
            revert OptimismPortal_InvalidOutputRootProof();
        }
        bytes32 withdrawalHash = _hashWithdrawal(_tx);
        // L2ToL1MessagePasser.sentMessages is its storage slot 0: the entry is keccak256(hash . 0).
        bytes32 storageKey = keccak256(abi.encode(withdrawalHash, uint256(0)));
        bytes[] memory proof = _withdrawalProof;
        if (
            !DevnetMerkleTrie.verifySecureInclusion(
                abi.encode(storageKey), hex"01", proof, _outputRootProof.messagePasserStorageRoot
            )
        ) revert OptimismPortal_InvalidMerkleProof();

        // Each submitter has its own proof; proving again resets that submitter's clock.
        provenWithdrawals[withdrawalHash][msg.sender] = ProvenWithdrawal(game, uint64(block.timestamp));
        proofSubmitters[withdrawalHash].push(msg.sender);
        emit WithdrawalProven(withdrawalHash, _tx.sender, _tx.target);
        emit WithdrawalProvenExtension1(withdrawalHash, msg.sender);
    }

    function finalizeWithdrawalTransaction(WithdrawalTransaction memory _tx) external {
        finalizeWithdrawalTransactionExternalProof(_tx, msg.sender);
    }

    /// @notice Finalizes with the proof another address submitted.
    function finalizeWithdrawalTransactionExternalProof(WithdrawalTransaction memory _tx, address _proofSubmitter)
        public
    {
        if (paused()) revert OptimismPortal_CallPaused();
        if (l2Sender != DEFAULT_L2_SENDER) revert OptimismPortal_NoReentrancy();
        if (_tx.target == address(this)) revert OptimismPortal_BadTarget();

        bytes32 withdrawalHash = _hashWithdrawal(_tx);
        checkWithdrawal(withdrawalHash, _proofSubmitter);
        finalizedWithdrawals[withdrawalHash] = true;

        l2Sender = _tx.sender;
        bool success = _callWithMinGas(_tx.target, _tx.gasLimit, _tx.value, _tx.data);
        l2Sender = DEFAULT_L2_SENDER;

        emit WithdrawalFinalized(withdrawalHash, success);
        // Lets eth_estimateGas find the gas a withdrawal's call really needs.
        if (!success && tx.origin == ESTIMATION_ADDRESS) revert OptimismPortal_GasEstimation();
    }

    /// @notice Reverts unless the withdrawal, as proven by `_proofSubmitter`, can be finalized now.
    function checkWithdrawal(bytes32 _withdrawalHash, address _proofSubmitter) public view {
        ProvenWithdrawal memory proven = provenWithdrawals[_withdrawalHash][_proofSubmitter];
        if (finalizedWithdrawals[_withdrawalHash]) revert OptimismPortal_AlreadyFinalized();
        if (proven.timestamp == 0) revert OptimismPortal_Unproven();
        if (proven.timestamp <= ICurrentDisputeGame(proven.disputeGameProxy).createdAt()) {
            revert OptimismPortal_InvalidProofTimestamp();
        }
        if (block.timestamp - proven.timestamp <= PROOF_MATURITY_DELAY_SECONDS) revert OptimismPortal_ProofNotOldEnough();
        if (!anchorStateRegistry.isGameClaimValid(proven.disputeGameProxy)) revert OptimismPortal_InvalidRootClaim();
    }

    // ------------------------------------------------------------------ internals

    function _hashWithdrawal(WithdrawalTransaction memory _tx) internal pure returns (bytes32) {
        return keccak256(abi.encode(_tx.nonce, _tx.sender, _tx.target, _tx.value, _tx.gasLimit, _tx.data));
    }

    function _hashOutputRootProof(OutputRootProof calldata p) internal pure returns (bytes32) {
        return keccak256(abi.encode(p.version, p.stateRoot, p.messagePasserStorageRoot, p.latestBlockhash));
    }

    /// An EOA sends directly; so does an EIP-7702 account (code 0xef0100 ++ delegate).
    function _isSenderEOA() internal view returns (bool) {
        if (msg.sender == tx.origin) return true;
        if (msg.sender.code.length == 23) {
            bytes memory code = msg.sender.code;
            return code[0] == 0xef && code[1] == 0x01 && code[2] == 0x00;
        }
        return false;
    }

    /// Calls with at least `_minGas` for the callee (the 63/64 rule plus a margin), as the
    /// cross-domain messenger's gas accounting expects.
    function _callWithMinGas(address _target, uint256 _minGas, uint256 _value, bytes memory _data)
        internal
        returns (bool success)
    {
        bool enough;
        assembly {
            enough := iszero(lt(mul(gas(), 63), add(mul(_minGas, 64), mul(40000, 63))))
        }
        require(enough, "SafeCall: Not enough gas");
        assembly {
            success := call(gas(), _target, _value, add(_data, 32), mload(_data), 0, 0)
        }
    }

    /// The deposit gas market: an EIP-1559 base fee over L1 blocks (target = limit / elasticity),
    /// falling by 1/denominator per empty block, paid by burning `amount * baseFee / block.basefee`
    /// L1 gas (with what the deposit already used counted against it).
    function _metered(uint64 _amount, uint256 _initialGas) internal {
        ISystemConfigLike.ResourceConfig memory config = systemConfig.resourceConfig();
        uint256 blockDiff = block.number - params.prevBlockNum;
        int256 target = int256(uint256(config.maxResourceLimit)) / int256(uint256(config.elasticityMultiplier));
        int256 minFee = int256(uint256(config.minimumBaseFee));
        int256 maxFee = int256(uint256(config.maximumBaseFee));
        if (blockDiff > 0) {
            int256 prev = int256(uint256(params.prevBaseFee));
            int256 used = int256(uint256(params.prevBoughtGas)) - target;
            int256 fee = _clamp(prev + (prev * used) / (target * int256(uint256(config.baseFeeMaxChangeDenominator))), minFee, maxFee);
            if (blockDiff > 1) {
                fee = _clamp(_decay(fee, uint256(config.baseFeeMaxChangeDenominator), blockDiff - 1), minFee, maxFee);
            }
            params.prevBaseFee = uint128(uint256(fee));
            params.prevBoughtGas = 0;
            params.prevBlockNum = uint64(block.number);
        }
        params.prevBoughtGas += _amount;
        if (params.prevBoughtGas > config.maxResourceLimit) revert OutOfGas();

        uint256 cost = uint256(_amount) * uint256(params.prevBaseFee);
        uint256 gasCost = cost / (block.basefee > 1 gwei ? block.basefee : 1 gwei);
        uint256 usedGas = _initialGas - gasleft();
        if (gasCost > usedGas) _burnGas(gasCost - usedGas);
    }

    function _clamp(int256 v, int256 lo, int256 hi) internal pure returns (int256) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    /// fee * (1 - 1/d)^n in 1e18 fixed point (square-and-multiply).
    function _decay(int256 fee, uint256 d, uint256 n) internal pure returns (int256) {
        uint256 base = 1e18 - 1e18 / d;
        uint256 result = 1e18;
        while (n > 0) {
            if (n & 1 == 1) result = (result * base) / 1e18;
            base = (base * base) / 1e18;
            n >>= 1;
            if (result == 0) break;
        }
        return int256((uint256(fee) * result) / 1e18);
    }

    function _burnGas(uint256 _amount) internal view {
        uint256 i = 0;
        uint256 start = gasleft();
        while (start - gasleft() < _amount) {
            ++i;
        }
    }
}
