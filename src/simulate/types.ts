// What the wallet knows about a transaction before it is signed: what the call is (decoded from the
// shipped selector table), what it would do to the account (simulated on the chain's own RPC), who
// the addresses are, and the warnings a user must not miss. Plain JSON: it crosses extension
// messaging (amounts as decimal strings, signed where they are changes).
import type { Address, Hex } from 'viem'
import type { DecodedCall } from '../tx/types.ts'

/** How the transaction was simulated: eth_simulateV1 (with traceTransfers), the eth_call probe with state overrides, or not at all. */
export type SimulationMethod = 'simulateV1' | 'callOverrides' | 'none'

export interface BalanceChange {
  /** null: the chain's native currency */
  token: Address | null
  /** signed base units, decimal string ("-500000000000000000") */
  delta: string
}

export interface ApprovalChange {
  /** the token approved (for Permit2: the token inside Permit2) */
  token: Address
  spender: Address
  /** base units, decimal string */
  amount: string
  standard: 'erc20' | 'permit2'
  /** Permit2: the contract holding the allowance, and when it expires (unix seconds) */
  via?: Address
  expiration?: number
}

export interface OperatorChange {
  collection: Address
  operator: Address
  approved: boolean
}

export interface NftMove {
  collection: Address
  tokenId: string
  /** 1 for ERC-721 */
  amount: string
  direction: 'in' | 'out'
  standard: 'erc721' | 'erc1155'
}

export interface Simulation {
  method: SimulationMethod
  /** what was used and what that leaves out, in a sentence */
  note: string
  status: 'success' | 'reverted' | 'unknown'
  /** the decoded reason when it reverts ("TestSwap: INSUFFICIENT_OUTPUT_AMOUNT", "Panic: division by zero", a custom error) */
  revert?: { reason: string; data?: Hex }
  gasUsed?: string
  changes: BalanceChange[]
  approvals: ApprovalChange[]
  operators: OperatorChange[]
  nfts: NftMove[]
  /** the block it was simulated on top of */
  blockNumber?: string
}

export interface TokenMeta {
  address: Address
  kind: 'erc20' | 'erc721' | 'erc1155' | 'unknown'
  symbol: string | null
  name: string | null
  decimals: number | null
}

export type WarningCode =
  | 'reverts'
  | 'unlimited-approval'
  | 'large-approval'
  | 'approval-for-all'
  | 'spender-eoa'
  | 'first-interaction'
  | 'recipient-token'
  | 'recipient-contract-nft'
  | 'self-send'
  | 'no-simulation'
  | 'unknown-call'

export interface Warning {
  code: WarningCode
  level: 'danger' | 'warning' | 'info'
  title: string
  text: string
}

/** An approval the user may lower before signing (ERC-20 approve, Permit2 approve). */
export interface EditableApproval {
  standard: 'erc20' | 'permit2'
  token: Address
  spender: Address
  /** what the dApp asked for, base units */
  amount: string
  unlimited: boolean
}

export interface TxInsight {
  chainId: number
  from: Address
  to: Address | null
  decoded: DecodedCall | null
  /** what the target is: no code (a person's account), a contract, a token */
  target: { code: boolean; token: TokenMeta | null } | null
  simulation: Simulation
  /** metadata of every token the insight mentions, by checksummed address */
  tokens: Record<string, TokenMeta>
  /** addresses the insight mentions that have no code (a spender that is a person, not a contract) */
  eoas: Address[]
  warnings: Warning[]
  editableApproval: EditableApproval | null
  /** ms since epoch */
  at: number
}

/** Amounts at or above this many whole tokens, or 2^255 base units and up, are "unlimited" for the warning. */
export const UNLIMITED_THRESHOLD = 2n ** 255n
