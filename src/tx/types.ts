// The basic transaction and fee types every flow shares (dApp approvals, the send screen, bridge,
// claim). Payloads are plain JSON (amounts as hex or decimal strings, never bigint): they live in
// storage and cross extension messaging.
import type { Address, Hex } from 'viem'
import type { Network } from '../chains/types.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

/** A transaction as it will be signed, every number as a 0x-hex string. */
export interface PreparedTx {
  chainId: number
  from: Address
  to: Address | null
  value: Hex
  data: Hex
  nonce: number
  /** the gas limit signed */
  gas: Hex
  /** the gas it is expected to use, when the wallet estimated it and signs a limit above it (headroom) */
  gasEstimate?: Hex
  /**
   * The request set the nonce (a dApp's own, e.g. a replacement): it is signed exactly as set. Without
   * it the nonce is the account's next one, taken again at signing if others went out meanwhile.
   */
  keepNonce?: true
  type: 'eip1559' | 'legacy'
  maxFeePerGas?: Hex
  maxPriorityFeePerGas?: Hex
  gasPrice?: Hex
}

/** What a caller asks for; the rest (nonce, gas, fees, type) is filled in against the chain. */
export interface TxRequest {
  from: Address
  to?: Address | null
  value?: bigint
  data?: Hex
  gas?: bigint
  nonce?: number
  gasPrice?: bigint
  maxFeePerGas?: bigint
  maxPriorityFeePerGas?: bigint
  type?: 'eip1559' | 'legacy'
  /** headroom over the estimate when the wallet estimates the gas itself (default GAS_LIMIT_HEADROOM_PERCENT) */
  headroomPercent?: number
}

/** Fee of a transaction, in wei as decimal strings: what it will likely cost and the most it can. */
export interface FeeQuote {
  /** L2 (or L1) execution: gas × effective gas price */
  execution: string
  /** OP Stack L1 data fee (GasPriceOracle.getL1Fee); "0" on chains without one */
  l1Data: string
  /** OP Stack operator fee (Isthmus); "0" where there is none */
  operator: string
  total: string
  /** gas limit × max fee per gas + L1 data + operator: the most the user can be charged */
  max: string
  /** chain recognised as OP Stack by its GasPriceOracle predeploy */
  opStack: boolean
  /** ms since epoch of the block this was computed against */
  at: number
  /** where the base fee goes next block (EIP-1559): ±1% or more is rising/falling */
  baseFeeTrend?: 'rising' | 'falling' | 'steady'
}

/** The fee shown before a transaction is signed (the rollup fee model in src/rollup/fees.ts). */
export type FeeQuoter = (network: Network, client: RpcClient, tx: PreparedTx) => Promise<FeeQuote>

export interface DecodedCall {
  /** e.g. "transfer(address to, uint256 amount)" */
  signature: string
  functionName: string
  args: { name: string; type: string; value: string }[]
  /** where the ABI came from: a known contract, the token list, … */
  source: string
  /** the 4-byte selector */
  selector?: Hex
  /** a short title from what the call does ("Approve", "Swap", "Set approval for all") */
  title?: string
  /** what the call does, in parts, when the wallet knows the kind of call (src/tx/decode.ts) */
  action?: CallAction
  /** the calls inside a batch (Multicall3, multicall(bytes[])), each decoded as far as the wallet knows it */
  inner?: { to: Address | null; decoded: DecodedCall | null; data: Hex }[]
}

/** What a known call does. Amounts are base units as decimal strings; addresses checksummed. */
export type CallAction =
  /** ERC-20 approve (ERC-721 approve of one token has the same selector: the target says which) */
  | { kind: 'approve'; spender: Address; amount: string }
  | { kind: 'increaseAllowance'; spender: Address; amount: string }
  | { kind: 'transfer'; to: Address; amount: string }
  | { kind: 'transferFrom'; from: Address; to: Address; amount: string }
  | { kind: 'nftTransfer'; from: Address; to: Address; tokenId: string; amount: string; standard: 'erc721' | 'erc1155' }
  | { kind: 'setApprovalForAll'; operator: Address; approved: boolean }
  /** Permit2's approve: the token and spender, the amount (uint160) and when it expires (unix seconds, 0 = never set) */
  | { kind: 'permit2Approve'; token: Address; spender: Address; amount: string; expiration: number }
  | { kind: 'wrap' }
  | { kind: 'unwrap'; amount: string }
  | { kind: 'swap'; tokens: Address[]; recipient: Address | null }
  | { kind: 'batch'; count: number }
  | { kind: 'bridge'; step: 'deposit' | 'withdraw' | 'prove' | 'finalize' | 'message' }
  | { kind: 'claim' }
