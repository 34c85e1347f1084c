// What a dApp asks the user to approve. Payloads are plain JSON (amounts as decimal or hex
// strings, never bigint): they live in storage.session and cross extension messaging.
import type { Address, Hex } from 'viem'
import type { Network } from '../chains/types.ts'
import type { RequestId } from '../messages.ts'

export interface Requester {
  origin: string
  tabId: number
  frameId: number
  requestId: RequestId
}

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
  type: 'eip1559' | 'legacy'
  maxFeePerGas?: Hex
  maxPriorityFeePerGas?: Hex
  gasPrice?: Hex
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

export interface DecodedCall {
  /** e.g. "transfer(address to, uint256 amount)" */
  signature: string
  functionName: string
  args: { name: string; type: string; value: string }[]
  /** where the ABI came from: a known contract, the token list, … */
  source: string
}

export type ApprovalKind = ApprovalRequest['kind']

export type ApprovalRequest =
  | { kind: 'connect'; method: 'eth_requestAccounts' | 'wallet_requestPermissions' }
  | { kind: 'switchChain'; chainId: number; chainName: string }
  | { kind: 'addChain'; network: Network; opStack: boolean; rpcChainId: number }
  | { kind: 'personalSign'; address: Address; message: Hex; text: string | null }
  | { kind: 'typedData'; address: Address; typedData: unknown; domainChainId: number | null }
  | { kind: 'sendTx'; tx: PreparedTx; fee: FeeQuote | null; feeError?: string; decoded: DecodedCall | null; chainName: string }
  | { kind: 'watchAsset'; chainId: number; address: Address; symbol: string; decimals: number; name: string | null; image: string | null }

export interface PendingApproval {
  id: string
  createdAt: number
  requester: Requester
  request: ApprovalRequest
}

/** What the user decided in the approval window. */
export type ApprovalDecision =
  | { approved: false }
  | { approved: true; accounts?: Address[] }
