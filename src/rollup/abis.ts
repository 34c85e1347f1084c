// The L1 contracts of an OP Stack rollup as the withdrawal tracker reads them. Several versions are
// deployed at once across chains (legacy OptimismPortal 2.x, OptimismPortal2 3.x and 5.x, bedrock
// L2OutputOracle, OP Succinct oracles v1/v2 with uppercase getters and v3 without): the getters of
// all of them are listed here and probed with allowFailure, never assumed by chain id.
// Sources: /shared/reference/abis (Phala's portal 5.6.1, DGF/ASR/PDG, OP Succinct oracle and game)
// and the bedrock 0.17.3 artifacts (portal 3.10, legacy portal 2.8).
import { parseAbi } from 'viem'

const withdrawalTuple = '(uint256 nonce, address sender, address target, uint256 value, uint256 gasLimit, bytes data)'
const outputRootProofTuple = '(bytes32 version, bytes32 stateRoot, bytes32 messagePasserStorageRoot, bytes32 latestBlockhash)'

/** OptimismPortal2, 3.x and 5.x (3.x has respectedGameTypeUpdatedAt; 5.x has anchorStateRegistry). */
export const portal2Abi = parseAbi([
  'function version() view returns (string)',
  'function paused() view returns (bool)',
  'function disputeGameFactory() view returns (address)',
  'function anchorStateRegistry() view returns (address)',
  'function respectedGameType() view returns (uint32)',
  'function respectedGameTypeUpdatedAt() view returns (uint64)',
  'function proofMaturityDelaySeconds() view returns (uint256)',
  'function disputeGameFinalityDelaySeconds() view returns (uint256)',
  'function disputeGameBlacklist(address) view returns (bool)',
  'function provenWithdrawals(bytes32, address) view returns (address disputeGameProxy, uint64 timestamp)',
  'function finalizedWithdrawals(bytes32) view returns (bool)',
  'function numProofSubmitters(bytes32) view returns (uint256)',
  'function proofSubmitters(bytes32, uint256) view returns (address)',
  'function checkWithdrawal(bytes32 withdrawalHash, address proofSubmitter) view',
  `function proveWithdrawalTransaction(${withdrawalTuple} tx, uint256 disputeGameIndex, ${outputRootProofTuple} outputRootProof, bytes[] withdrawalProof)`,
  `function finalizeWithdrawalTransaction(${withdrawalTuple} tx)`,
  `function finalizeWithdrawalTransactionExternalProof(${withdrawalTuple} tx, address proofSubmitter)`,
  'event WithdrawalProven(bytes32 indexed withdrawalHash, address indexed from, address indexed to)',
  'event WithdrawalFinalized(bytes32 indexed withdrawalHash, bool success)',
])

/** The legacy OptimismPortal (2.x) in front of an output oracle. */
export const legacyPortalAbi = parseAbi([
  'function version() view returns (string)',
  'function l2Oracle() view returns (address)',
  'function L2_ORACLE() view returns (address)',
  'function provenWithdrawals(bytes32) view returns (bytes32 outputRoot, uint128 timestamp, uint128 l2OutputIndex)',
  'function finalizedWithdrawals(bytes32) view returns (bool)',
  `function proveWithdrawalTransaction(${withdrawalTuple} tx, uint256 l2OutputIndex, ${outputRootProofTuple} outputRootProof, bytes[] withdrawalProof)`,
  `function finalizeWithdrawalTransaction(${withdrawalTuple} tx)`,
])

export const disputeGameFactoryAbi = parseAbi([
  'function version() view returns (string)',
  'function gameCount() view returns (uint256)',
  'function gameImpls(uint32) view returns (address)',
  'function gameAtIndex(uint256) view returns (uint32 gameType, uint64 timestamp, address proxy)',
  'function findLatestGames(uint32 gameType, uint256 start, uint256 n) view returns ((uint256 index, bytes32 metadata, uint64 timestamp, bytes32 rootClaim, bytes extraData)[])',
])

/**
 * AnchorStateRegistry 3.x (portal 4+/5.x): respected type, finality delay and retirement live here,
 * and whether a game's claim still counts is its own answer (isGameProper: registered, not
 * blacklisted, not retired; isGameRespected: the respected type when it was created).
 */
export const anchorStateRegistryAbi = parseAbi([
  'function respectedGameType() view returns (uint32)',
  'function disputeGameFinalityDelaySeconds() view returns (uint256)',
  'function retirementTimestamp() view returns (uint64)',
  'function isGameBlacklisted(address) view returns (bool)',
  'function isGameRetired(address) view returns (bool)',
  'function isGameRespected(address) view returns (bool)',
  'function isGameProper(address) view returns (bool)',
  'function isGameRegistered(address) view returns (bool)',
  'function isGameFinalized(address) view returns (bool)',
  'function isGameClaimValid(address) view returns (bool)',
])

/**
 * Any dispute game: fault games (types 0/1/8), OP Succinct validity (6) and Lite (42: claimData
 * with the challenge and proof state and the deadline), Base's AggregateVerifier (621: the game's
 * own expectedResolution, its fast and slow finalization delays, its parent by address).
 */
export const disputeGameAbi = parseAbi([
  'function gameType() view returns (uint32)',
  'function status() view returns (uint8)',
  'function createdAt() view returns (uint64)',
  'function resolvedAt() view returns (uint64)',
  'function rootClaim() view returns (bytes32)',
  'function l2BlockNumber() view returns (uint256)',
  'function maxClockDuration() view returns (uint64)',
  'function clockExtension() view returns (uint64)',
  'function maxChallengeDuration() view returns (uint64)',
  'function wasRespectedGameTypeWhenCreated() view returns (bool)',
  'function maxProveDuration() view returns (uint64)',
  'function claimData() view returns (uint32 parentIndex, address counteredBy, address prover, bytes32 claim, uint8 status, uint64 deadline)',
  'function parentIndex() view returns (uint32)',
  'function expectedResolution() view returns (uint64)',
  'function parentAddress() view returns (address)',
  'function SLOW_FINALIZATION_DELAY() view returns (uint64)',
  'function FAST_FINALIZATION_DELAY() view returns (uint64)',
])

/** OP Succinct Lite's ProposalStatus (claimData().status). */
export const LITE_STATUS = { UNCHALLENGED: 0, CHALLENGED: 1, UNCHALLENGED_PROVEN: 2, CHALLENGED_PROVEN: 3, RESOLVED: 4 } as const

/** Output oracles: bedrock L2OutputOracle and OP Succinct v1/v2 (uppercase and lowercase getters) and v3 (lowercase only). */
export const outputOracleAbi = parseAbi([
  'function version() view returns (string)',
  'function FINALIZATION_PERIOD_SECONDS() view returns (uint256)',
  'function SUBMISSION_INTERVAL() view returns (uint256)',
  'function L2_BLOCK_TIME() view returns (uint256)',
  'function finalizationPeriodSeconds() view returns (uint256)',
  'function submissionInterval() view returns (uint256)',
  'function l2BlockTime() view returns (uint256)',
  'function aggregationVkey() view returns (bytes32)',
  'function startingBlockNumber() view returns (uint256)',
  'function startingTimestamp() view returns (uint256)',
  'function latestOutputIndex() view returns (uint256)',
  'function latestBlockNumber() view returns (uint256)',
  'function nextOutputIndex() view returns (uint256)',
  'function getL2Output(uint256) view returns ((bytes32 outputRoot, uint128 timestamp, uint128 l2BlockNumber))',
  'function getL2OutputIndexAfter(uint256) view returns (uint256)',
])

export const multicall3Abi = parseAbi(['function getCurrentBlockTimestamp() view returns (uint256)'])

/** Game status values (GameStatus enum). */
export const GAME_STATUS = { IN_PROGRESS: 0, CHALLENGER_WINS: 1, DEFENDER_WINS: 2 } as const
