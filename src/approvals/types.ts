// What a dApp asks the user to approve. Payloads are plain JSON (amounts as decimal or hex
// strings, never bigint): they live in storage.session and cross extension messaging.
import type { Address, Hex } from 'viem'
import type { Network } from '../chains/types.ts'
import type { DecodedCall, FeeQuote, PreparedTx } from '../tx/types.ts'
import type { RequestId } from '../wire/ids.ts'

export interface Requester {
  origin: string
  tabId: number
  frameId: number
  requestId: RequestId
}

export type ApprovalKind = ApprovalRequest['kind']

export type ApprovalRequest =
  | { kind: 'connect'; method: 'eth_requestAccounts' | 'wallet_requestPermissions' }
  | { kind: 'switchChain'; chainId: number; chainName: string }
  | { kind: 'addChain'; network: Network; opStack: boolean; rpcChainId: number }
  | { kind: 'personalSign'; address: Address; message: Hex; text: string | null }
  | { kind: 'typedData'; address: Address; typedData: unknown; domainChainId: number | null }
  | { kind: 'sendTx'; tx: PreparedTx; fee: FeeQuote | null; feeError?: string; decoded: DecodedCall | null; chainName: string; willRevert?: string }
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
  | { approved: true; accounts?: Address[]; approveAmount?: string }
