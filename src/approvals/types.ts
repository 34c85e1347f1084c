// What a dApp asks the user to approve. Payloads are plain JSON (amounts as decimal or hex
// strings, never bigint): they live in storage.session and cross extension messaging.
import type { Address, Hex } from 'viem'
import type { Network } from '../chains/types.ts'
import type { DecodedCall, FeeQuote, PreparedTx } from '../tx/types.ts'
import type { FeeChoice, FeeFields, FeeLevelName } from '../tx/fee-levels.ts'
import type { RequestId } from '../wire/ids.ts'

export interface Requester {
  origin: string
  tabId: number
  frameId: number
  /** the document that asked (its relay's secret): the answer goes to that document's port only */
  doc: string
  /** the browser's own id of that document, where it has one (Chromium) */
  documentId?: string
  requestId: RequestId
}

export type ApprovalKind = ApprovalRequest['kind']

export type ApprovalRequest =
  | { kind: 'connect'; method: 'eth_requestAccounts' | 'wallet_requestPermissions' }
  | { kind: 'switchChain'; chainId: number; chainName: string }
  | {
      kind: 'addChain'
      /** with only the RPC URLs that answered with the claimed chain id */
      network: Network
      opStack: boolean
      rpcChainId: number
      /** every RPC URL the site proposed, with what each one answered */
      rpcChecks?: RpcUrlCheck[]
    }
  | { kind: 'personalSign'; address: Address; message: Hex; text: string | null }
  | { kind: 'typedData'; address: Address; typedData: unknown; domainChainId: number | null; method?: 'eth_signTypedData_v3' | 'eth_signTypedData_v4' }
  | {
      kind: 'sendTx'
      tx: PreparedTx
      fee: FeeQuote | null
      feeError?: string
      decoded: DecodedCall | null
      chainName: string
      /** the chain says it will revert: why */
      willRevert?: string
      /** the fees the site set itself (compared with the market in the window) */
      suggested?: FeeFields
      /** the site set the nonce of one of the wallet's pending transactions: this one replaces it */
      replaces?: { hash: Hex; title: string; floor: FeeFields }
    }
  | {
      /** the wallet's own request (origin "wallet"): speed up, cancel or send again one of its transactions */
      kind: 'replaceTx'
      mode: 'speedUp' | 'cancel' | 'resend'
      original: { hash: Hex; chainId: number; title: string; nonce: number; createdAt: number }
      title: string
      tx: PreparedTx
      fee: FeeQuote | null
      feeError?: string
      /** the least it may pay (the nodes' replacement minimum over what waits with its nonce) */
      floor: FeeFields | null
      chainName: string
    }
  | { kind: 'watchAsset'; chainId: number; address: Address; symbol: string; decimals: number; name: string | null; image: string | null }
  | {
      kind: 'sendCalls'
      /** the batch id the site gets back (its own, or one the wallet made) */
      batchId: string
      version: string
      chainId: number
      chainName: string
      from: Address
      calls: BatchCallView[]
      /** the calls' fees summed (L2 execution + L1 data + operator), as prepared (the market level) */
      fee: FeeQuote | null
      feeError?: string
      /** the other levels the user may pick for every call: their fees per gas and the sum re-quoted */
      levels?: BatchFeeLevels
    }

/** A batch's fees at a level: the fee fields each call is signed with and the calls' fees summed at them. */
export type BatchFeeLevels = Partial<Record<FeeLevelName, { fields: FeeFields; fee: FeeQuote | null }>>

/** One proposed RPC URL of wallet_addEthereumChain and what asking it for its chain id gave. */
export interface RpcUrlCheck {
  url: string
  /** the chain id it answered, or null when it did not answer */
  chainId: number | null
  /** why it is not used (no answer, another chain) */
  problem?: string
}

/** One call of a batch as the approval window shows it. */
export interface BatchCallView {
  to: Address | null
  value: Hex
  data: Hex
  decoded: DecodedCall | null
  /** the nonce it will take, if nothing else of the account goes out first */
  nonce: number
  /** the gas limit it would be signed with now, or null when it can be estimated only once the calls before it are mined */
  gas: Hex | null
  fee: FeeQuote | null
  /** the call would fail (simulated after the calls before it), or why its fee is not known yet */
  warning?: string
}

export interface PendingApproval {
  id: string
  createdAt: number
  requester: Requester
  request: ApprovalRequest
}

/** What the user decided in the approval window. */
export type ApprovalDecision =
  | { approved: false }
  | { approved: true; accounts?: Address[]; approveAmount?: string; fees?: FeeChoice; /** a batch's fee level (wallet_sendCalls) */ feeLevel?: FeeLevelName }
