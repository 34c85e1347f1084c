// Tracked deposits and withdrawals as they are stored (storage.local) and cross messaging: plain
// JSON, amounts as decimal strings, block numbers as numbers, chain times in L1 seconds.
import type { Address, Hex } from 'viem'

/** What moves: ETH, or an ERC-20 with its address on each side. */
export interface BridgeToken {
  symbol: string
  decimals: number
  /** null for ETH */
  l1: Address | null
  l2: Address | null
}

/** The message the L2ToL1MessagePasser recorded: what prove and finalize submit. */
export interface WithdrawalMessage {
  nonce: string
  sender: Address
  target: Address
  value: string
  gasLimit: string
  data: Hex
  withdrawalHash: Hex
}

export type WithdrawalStatus =
  /** signed; the L2 transaction is not mined yet */
  | 'initiating'
  /** mined; no state proposal covers its block yet */
  | 'waiting-proposal'
  | 'ready-to-prove'
  /** the prove transaction was sent */
  | 'proving'
  /** proven; waiting for the proof (and game) to age */
  | 'proven'
  | 'ready-to-finalize'
  | 'finalizing'
  | 'finalized'
  /** the L2 transaction reverted or vanished: nothing to withdraw */
  | 'failed'

export interface Prediction {
  /** L1 seconds; null when the wallet cannot predict */
  at: number | null
  reason: string
  /** L1 time the prediction was made */
  madeAt: number
}

export interface WithdrawalItem {
  kind: 'withdrawal'
  /** `${l2ChainId}:${l2Hash}` (plus `:${i}` for a second withdrawal in one transaction) */
  id: string
  l2ChainId: number
  l1ChainId: number
  /** the wallet account that initiated it */
  account: Address
  /** who receives on L1 */
  to: Address
  token: BridgeToken
  amount: string
  l2Hash: Hex
  /** ms since epoch (this computer's clock) when the wallet stored it */
  createdAt: number
  status: WithdrawalStatus
  l2Block?: number
  /** L2 block time of the initiation (L2 seconds) */
  l2Timestamp?: number
  message?: WithdrawalMessage
  /** the first prediction of each step, kept to measure how true it came, and the current one */
  eta?: { prove?: Prediction; finalize?: Prediction; firstProve?: Prediction; firstFinalize?: Prediction }
  /** when each step really opened / happened (L1 seconds), as the tracker saw it */
  opened?: { prove?: number; finalize?: number }
  proof?: {
    /** the prove transaction */
    hash?: Hex
    submitter: Address
    /** L1 seconds of the proof, once seen on chain */
    provenAt?: number
    /** OptimismPortal2: the game proven against */
    game?: Address
    gameIndex?: number
    gameType?: number
    gameCreatedAt?: number
    gameResolvedAt?: number
    gameStatus?: number
    /** legacy portal: the output proven against */
    outputIndex?: number
    outputRoot?: Hex
    outputTimestamp?: number
  }
  finalizeHash?: Hex
  finalizedAt?: number
  /** the proof no longer counts (game lost or blacklisted, respected game type changed, output deleted): prove again */
  reprove?: string
  /** a problem the user should see (a failed transaction, a chain that does not answer) */
  error?: string
  /** transitions already announced, so a notification fires once */
  notified?: { prove?: boolean; finalize?: boolean }
  /** found in chain logs rather than sent from this wallet */
  discovered?: boolean
}

export type DepositStatus =
  /** sent on L1, not mined yet */
  | 'pending'
  /** mined on L1; the L2 has not included the deposit yet */
  | 'waiting-l2'
  | 'credited'
  /** reverted on L1, or the deposit transaction failed on L2 */
  | 'failed'

export interface DepositItem {
  kind: 'deposit'
  /** `${l2ChainId}:${l1Hash}` */
  id: string
  l1ChainId: number
  l2ChainId: number
  account: Address
  to: Address
  token: BridgeToken
  amount: string
  l1Hash: Hex
  createdAt: number
  status: DepositStatus
  l1Block?: number
  /** L1 seconds */
  l1Timestamp?: number
  /** the L2 deposit transaction, derived from the L1 TransactionDeposited log */
  l2Hash?: Hex
  creditedAt?: number
  error?: string
  discovered?: boolean
}

export type BridgeItem = WithdrawalItem | DepositItem

export const ETH_TOKEN: BridgeToken = { symbol: 'ETH', decimals: 18, l1: null, l2: null }
