// Fixed facts of the devnet: chain ids, predeploy addresses, defaults.
import type { Address } from 'viem'

export const L1_CHAIN_ID = 900
export const FAULT_CHAIN_ID = 901
export const VALIDITY_CHAIN_ID = 902

/** OP Stack L2 predeploys (specs: predeploys.md). The devnet places the implementation code directly there. */
export const PREDEPLOYS = {
  L2CrossDomainMessenger: '0x4200000000000000000000000000000000000007',
  GasPriceOracle: '0x420000000000000000000000000000000000000F',
  L2StandardBridge: '0x4200000000000000000000000000000000000010',
  SequencerFeeVault: '0x4200000000000000000000000000000000000011',
  OptimismMintableERC20Factory: '0x4200000000000000000000000000000000000012',
  L1Block: '0x4200000000000000000000000000000000000015',
  L2ToL1MessagePasser: '0x4200000000000000000000000000000000000016',
  BaseFeeVault: '0x4200000000000000000000000000000000000019',
  L1FeeVault: '0x420000000000000000000000000000000000001A',
} as const satisfies Record<string, Address>

export const MULTICALL3: Address = '0xcA11bde05977b3631167028862bE2a173976CA11'
/** The devnet's ETH / USD feed (devnet/contracts/DevPriceFeed.sol), placed like Multicall3, and its first answer ($3,000, 8 decimals). */
export const ETH_USD_FEED: Address = '0x00000000000000000000000000000000000FEED1'
export const ETH_USD_FIRST_ANSWER = 300_000_000_000n

/** Game types (OP Stack GameTypes + OP Succinct + Base). 8, 42 and 621 exist on the `current` contracts only. */
export const GAME_TYPE = { CANNON: 0, PERMISSIONED_CANNON: 1, OP_SUCCINCT: 6, CANNON_KONA: 8, OP_SUCCINCT_LITE: 42, AGGREGATE_VERIFIER: 621 } as const

/** Which L1 contracts the rollups run: 'legacy' = OptimismPortal2 3.10 (contracts-bedrock 0.17.3); 'current' = OptimismPortal2 5.x + AnchorStateRegistry 3.x. */
export type ContractsShape = 'legacy' | 'current'

/** L1 data fee parameters written into L1Block on each L2 (Ecotone/Fjord fields) and into SystemConfig. */
export interface L1FeeParams {
  /** L1 base fee the L2 charges for, wei */
  l1BaseFee: bigint
  /** L1 blob base fee, wei */
  blobBaseFee: bigint
  /** Ecotone base fee scalar (OP Mainnet: 5227) */
  baseFeeScalar: number
  /** Ecotone blob base fee scalar (OP Mainnet: 1014213) */
  blobBaseFeeScalar: number
}

export const DEFAULT_L1_FEE: L1FeeParams = {
  l1BaseFee: 2_000_000_000n,
  blobBaseFee: 1_000_000_000n,
  baseFeeScalar: 5227,
  blobBaseFeeScalar: 1014213,
}

/** Dispute and finalization delays, seconds. */
export interface Delays {
  /** fault games: each side's chess clock (maxClockDuration); a game resolves once it has run out */
  gameClockSeconds: number
  /** fault games: clock extension (must be <= gameClockSeconds) */
  clockExtensionSeconds: number
  /** OptimismPortal2: proven withdrawal must wait this long before finalizing */
  proofMaturitySeconds: number
  /** OptimismPortal2: resolved game must wait this long before withdrawals against it finalize */
  disputeGameFinalitySeconds: number
  /** legacy portal + output oracle: output and proof must be this old before finalizing */
  finalizationPeriodSeconds: number
  /** `current` only, type 42 (OP Succinct Lite): maxChallengeDuration, how long a proposal can be challenged */
  challengeWindowSeconds: number
  /** `current` only, type 42: maxProveDuration, how long the proposer has to prove after a challenge */
  proveWindowSeconds: number
  /** `current` only, type 621 (AggregateVerifier): FAST_FINALIZATION_DELAY, after TEE + ZK proofs (Base: 1 day) */
  aggregateFastSeconds: number
  /** `current` only, type 621: SLOW_FINALIZATION_DELAY, after one proof (Base: 5 days) */
  aggregateSlowSeconds: number
}

// Mainnet keeps maturity (7 d) >= game clock (3.5 d), so a proof matures only after its game
// could resolve; the devnet keeps that ordering at a minutes scale.
export const DEFAULT_DELAYS: Delays = {
  gameClockSeconds: 120,
  clockExtensionSeconds: 30,
  proofMaturitySeconds: 240,
  disputeGameFinalitySeconds: 120,
  finalizationPeriodSeconds: 120,
  challengeWindowSeconds: 120,
  proveWindowSeconds: 60,
  aggregateFastSeconds: 120,
  aggregateSlowSeconds: 600,
}

/** Bond the proposer posts per fault game (mainnet: 0.08 ETH). */
export const FAULT_GAME_BOND = 80_000_000_000_000_000n

/** Challenger bond of a type-42 game on the devnet. */
export const LITE_CHALLENGER_BOND = 1_000_000_000_000_000n
