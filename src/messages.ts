// Every message between contexts is defined here, and only here.
//
//   ui (popup, full pages, approval window)  --UiCalls-->    background
//   content relay (ISOLATED world)           --PageCalls-->  background
//   background --PushToTab--> content relay  --window.postMessage--> inpage provider (MAIN world)
//
// The wire format between extension contexts is { channel, call, params } answered by a Reply.
// Between the page and the relay it is PageWindowMessage. Both are validated on receipt: a message
// of the wrong shape is ignored (page side) or answered with an error (background side), never thrown.
import type { ErrorShape } from './errors.ts'
import type { AccountInfo } from './keyring/accounts.ts'
import type { PhraseLength } from './keyring/mnemonic.ts'
import type { WalletState } from './wallet/wallet.ts'
import type { Network } from './chains/types.ts'
import type { ApprovalDecision, FeeQuote, PendingApproval, PreparedTx } from './approvals/types.ts'
import type { ActivityRecord } from './activity/store.ts'
import type { OriginGrant } from './provider/permissions.ts'
import type { SubstrateAccountInfo } from './keyring/substrate-accounts.ts'
import type { SubstrateImport } from './keyring/substrate-import.ts'
import type { ClaimDeployment, ClaimNetwork } from './claim/config.ts'
import type { ClaimPreview, ClaimStatus, Eligibility } from './claim/service.ts'
import type { Positions } from './claim/positions.ts'
import type { FlowTx } from './bridge/deposit.ts'
import type { Wire } from './claim/wire.ts'
import type { AccountBalances, BalanceMeta } from './balances/cache.ts'
import type { DiscoveredRollup } from './chains/discover.ts'
import type { TokenDef, TokenPair } from './tokens/types.ts'
import type { TokenLookup } from './tokens/lookup.ts'
import type { BridgeIntent, FlowTxJson } from './bridge/flows.ts'
import type { BridgeTokenOption } from './bridge/tokens.ts'
import type { ItemView } from './bridge/view.ts'
import type { Overview } from './bridge/service.ts'
import type { CompareRow } from './bridge/compare.ts'
import type { BridgeCostView } from './bridge/cost.ts'

export type RequestId = string | number

// ---------------------------------------------------------------------------------------------
// ui -> background
// ---------------------------------------------------------------------------------------------
export interface BackgroundInfo {
  version: string
  /** ms since epoch when this service-worker instance started: changes after a restart */
  startedAt: number
}

type None = Record<string, never>

export interface UiCalls {
  'app.ping': { params: None; result: BackgroundInfo }

  // wallet & keyring (issue: keys and vault)
  'wallet.state': { params: None; result: WalletState }
  'wallet.selectAccount': { params: { address: string }; result: WalletState }
  'wallet.networks': { params: None; result: Network[] }
  'wallet.switchChain': { params: { chainId: number }; result: WalletState }
  'settings.update': { params: { autoLockMinutes?: number; defaultWallet?: boolean }; result: WalletState }
  'keyring.createPhrase': { params: { words: PhraseLength }; result: { phrase: string; confirm: number[] } }
  'keyring.verifyWords': { params: { phrase: string; answers: { position: number; word: string }[] }; result: { wrong: number[] } }
  'keyring.checkPhrase': { params: { phrase: string }; result: { words: number } }
  'keyring.initialize': {
    params: { mnemonic: string; passphrase?: string; password: string } | { privateKey: string; password: string }
    result: WalletState
  }
  'keyring.unlock': { params: { password: string }; result: WalletState }
  'keyring.lock': { params: None; result: WalletState }
  'keyring.addAccount': { params: { name?: string }; result: AccountInfo }
  'keyring.renameAccount': { params: { address: string; name: string }; result: AccountInfo }
  'keyring.setHidden': { params: { address: string; hidden: boolean }; result: AccountInfo }
  'keyring.reorder': { params: { addresses: string[] }; result: AccountInfo[] }
  'keyring.importPrivateKey': { params: { privateKey: string; name?: string }; result: AccountInfo }
  'keyring.removeImportedKey': { params: { address: string }; result: WalletState }
  'keyring.revealPhrase': { params: { password: string }; result: { phrase: string } }
  'keyring.exportPrivateKey': { params: { password: string; address: string }; result: { privateKey: string } }
  'keyring.changePassword': { params: { oldPassword: string; newPassword: string }; result: WalletState }
  'keyring.reset': { params: None; result: WalletState }

  // dApp connections and approvals
  'approvals.current': { params: None; result: { approval: PendingApproval | null; total: number; state: WalletState } }
  'approvals.resolve': { params: { id: string; decision: ApprovalDecision }; result: { result: unknown } | { error: ErrorShape } }
  'sites.list': { params: None; result: ({ origin: string } & OriginGrant)[] }
  'sites.revoke': { params: { origin: string }; result: ({ origin: string } & OriginGrant)[] }

  // the wallet's own transactions (send screen, bridge, claim): prepare with the fee, then send
  'tx.prepare': {
    params: { chainId: number; from: string; to: string | null; value: string; data?: string; gas?: string; gasHeadroomPercent?: number }
    result: { tx: PreparedTx; fee: FeeQuote | null; feeError?: string }
  }
  'tx.quote': { params: { tx: PreparedTx }; result: { fee: FeeQuote } }
  'tx.send': { params: { tx: PreparedTx; title: string }; result: { hash: string } }
  'tx.activity': { params: { from?: string; chainId?: number }; result: ActivityRecord[] }

  // the send screen (issue: rollup fees): a native or ERC-20 (token: its address) transfer prepared with its fee; Max for the native currency
  'send.prepare': {
    params: { chainId: number; from: string; to: string; amount: string; token: string | null }
    result: { tx: PreparedTx; fee: FeeQuote | null; feeError?: string }
  }
  'send.max': { params: { chainId: number; from: string; to: string }; result: { tx: PreparedTx; fee: FeeQuote; value: string; balance: string } }

  // the PHA migration claim: Substrate accounts (secrets only come in), eligibility, claim, then PHA to Phala L2
  'substrate.list': { params: None; result: SubstrateAccountInfo[] }
  'substrate.import': { params: SubstrateImport; result: SubstrateAccountInfo }
  'substrate.remove': { params: { account: string }; result: SubstrateAccountInfo[] }
  'claim.deployments': { params: None; result: { deployments: ClaimDeployment[]; suggested: string | null } }
  'claim.setBackend': { params: { deployment: string; network: ClaimNetwork; url: string }; result: ClaimDeployment }
  'claim.eligibility': { params: { deployment: string; network: ClaimNetwork; account: string }; result: Wire<Eligibility> }
  'claim.prepare': { params: { deployment: string; network: ClaimNetwork; account: string; receiver: string }; result: Wire<ClaimPreview> }
  'claim.send': { params: { id: string }; result: { hash: string } }
  'claim.status': { params: { hash: string }; result: Wire<ClaimStatus> }
  'claim.positions': { params: { deployment: string; owner: string }; result: Wire<Positions> }
  'claim.movePlan': { params: { deployment: string; from: string; amount: string }; result: Wire<FlowTx>[] }
  'claim.moveSend': { params: { deployment: string; from: string; amount: string; tx: PreparedTx; title: string }; result: { hash: string; tracked: boolean } }
  'claim.waitTx': { params: { chainId: number; hash: string }; result: { status: 'pending' | 'confirmed' | 'failed'; l2Deposits: string[] } }

  // balances, tokens, networks, activity status (issue: chains and balances)
  'balances.refresh': { params: { address?: string; chainIds?: number[] }; result: { balances: AccountBalances; meta: BalanceMeta; chainIds: number[] } }
  'balances.setFilter': { params: { chainIds: number[] | null }; result: { chainIds: number[] } }
  'activity.check': { params: None; result: { settled: number } }
  'tokens.list': { params: None; result: TokenDef[] }
  'tokens.lookup': { params: { chainId: number; address: string }; result: TokenLookup & { knownAs: string | null } }
  'tokens.add': { params: { chainId: number; address: string }; result: TokenDef[] }
  'tokens.remove': { params: { chainId: number; address: string }; result: TokenDef[] }
  'tokens.pair': { params: { chainId: number; address: string; otherChainId: number }; result: TokenPair | null }
  'networks.list': { params: None; result: { network: Network; ownRpcUrls: string[]; customRpc: boolean }[] }
  'networks.setRpcUrls': { params: { chainId: number; urls: string[] }; result: { network: Network; ownRpcUrls: string[]; customRpc: boolean }[] }
  'networks.checkRpc': { params: { url: string; chainId?: number }; result: { chainId: number; block: string; ms: number } }
  'networks.discover': { params: { l1ChainId: number; portal: string; l2RpcUrl?: string }; result: DiscoveredRollup }
  'networks.addRollup': { params: { l1ChainId: number; portal: string; l2RpcUrl: string; name: string; explorerUrl?: string }; result: Network }
  'networks.remove': { params: { chainId: number }; result: { network: Network; ownRpcUrls: string[]; customRpc: boolean }[] }

  // bridge and withdrawal tracker: tracked items with their timelines, flows (each tx prepared with its fee by 'tx.prepare'), prove/finalize, the L2 comparison
  'bridge.overview': { params: None; result: Overview }
  'bridge.refresh': { params: None; result: Overview }
  'bridge.item': { params: { id: string }; result: ItemView | null }
  'bridge.tokens': { params: { l2ChainId: number }; result: BridgeTokenOption[] }
  'bridge.build': {
    params: BridgeIntent
    result: { steps: FlowTxJson[]; exit: { text: string; totalSeconds: number | null; proveWaitSeconds: number | null; finalizeWaitSeconds: number | null; system: string } | null }
  }
  /** what the flow really costs: a deposit's L1 steps + the L2 gas it buys, or the whole exit (L2 initiate + L1 prove + L1 finalize); `txs`: the steps the screen prepared */
  'bridge.cost': { params: { intent: BridgeIntent; txs: PreparedTx[] }; result: BridgeCostView }
  'bridge.send': { params: { tx: PreparedTx; intent: BridgeIntent; title: string }; result: { hash: string; id: string | null } }
  'bridge.buildStep': { params: { id: string; step: 'prove' | 'finalize' }; result: { tx: FlowTxJson } }
  'bridge.sendStep': { params: { id: string; step: 'prove' | 'finalize'; tx: PreparedTx }; result: { hash: string } }
  'bridge.txStatus': { params: { chainId: number; hash: string }; result: { status: 'pending' | 'success' | 'reverted' } }
  'bridge.compare': { params: None; result: CompareRow[] }
  'bridge.discover': { params: None; result: { found: number; errors: string[] } }
}

/** The UI calls under some prefixes, e.g. UiCallsOf<'keyring' | 'wallet'>: what one module answers. */
export type UiCallsOf<P extends string> = Pick<UiCalls, Extract<keyof UiCalls, `${P}.${string}`>>

// ---------------------------------------------------------------------------------------------
// content relay -> background
// ---------------------------------------------------------------------------------------------
export interface ProviderRequest {
  id: RequestId
  method: string
  params?: unknown
}

/** The background answers at once, or says the answer will be pushed later (approval windows). */
export type ProviderReply = { result: unknown } | { error: ErrorShape } | { deferred: true }

export interface PageCalls {
  'provider.request': { params: ProviderRequest; result: ProviderReply }
}

// ---------------------------------------------------------------------------------------------
// the envelope between extension contexts
// ---------------------------------------------------------------------------------------------
export type Channel = 'ui' | 'page'
export interface Envelope<C extends Channel = Channel> {
  channel: C
  call: string
  params: unknown
}
export type Reply<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorShape }

export function isEnvelope(x: unknown): x is Envelope {
  if (!isPlainObject(x)) return false
  return (x.channel === 'ui' || x.channel === 'page') && typeof x.call === 'string' && x.call.length <= 64
}

// ---------------------------------------------------------------------------------------------
// background -> content relay (browser.tabs.sendMessage to one tab and frame)
// ---------------------------------------------------------------------------------------------
export type ProviderEventName = 'connect' | 'disconnect' | 'accountsChanged' | 'chainChanged'

export type PushToTab =
  | { channel: 'push'; kind: 'response'; id: RequestId; reply: { result: unknown } | { error: ErrorShape } }
  | { channel: 'push'; kind: 'event'; event: ProviderEventName; data: unknown }

export function isPushToTab(x: unknown): x is PushToTab {
  if (!isPlainObject(x) || x.channel !== 'push') return false
  if (x.kind === 'response') return isRequestId(x.id) && isPlainObject(x.reply)
  if (x.kind === 'event') return typeof x.event === 'string' && PROVIDER_EVENTS.includes(x.event as ProviderEventName)
  return false
}

export const PROVIDER_EVENTS: readonly ProviderEventName[] = ['connect', 'disconnect', 'accountsChanged', 'chainChanged']

// ---------------------------------------------------------------------------------------------
// page (inpage provider, MAIN world) <-> relay (ISOLATED world), over window.postMessage
// ---------------------------------------------------------------------------------------------
export const INPAGE_TAG = 'rollup-wallet:inpage'
export const RELAY_TAG = 'rollup-wallet:relay'

export type PageWindowMessage =
  | { source: typeof INPAGE_TAG; kind: 'request'; id: RequestId; method: string; params?: unknown }
  | { source: typeof RELAY_TAG; kind: 'response'; id: RequestId; result?: unknown; error?: ErrorShape }
  | { source: typeof RELAY_TAG; kind: 'event'; event: ProviderEventName; data: unknown }
  | { source: typeof RELAY_TAG; kind: 'config'; isDefaultWallet: boolean }

/** Largest request the relay forwards, in characters of JSON: bigger ones get -32602 at once. */
export const MAX_REQUEST_CHARS = 512 * 1024
export const MAX_METHOD_CHARS = 100

/** Validates a request posted by the page. Returns a reason when malformed (answered with -32600/-32602). */
export function checkPageRequest(x: unknown): { ok: true; request: ProviderRequest } | { ok: false; id?: RequestId; reason: string } | null {
  if (!isPlainObject(x) || x.source !== INPAGE_TAG || x.kind !== 'request') return null
  const id = x.id
  if (!isRequestId(id)) return null
  if (typeof x.method !== 'string' || x.method.length === 0 || x.method.length > MAX_METHOD_CHARS) {
    return { ok: false, id, reason: 'method must be a non-empty string of at most 100 characters' }
  }
  const params = x.params
  if (params !== undefined && !Array.isArray(params) && !isPlainObject(params)) {
    return { ok: false, id, reason: 'params must be an array or an object' }
  }
  let size = 0
  try {
    size = params === undefined ? 0 : JSON.stringify(params).length
  } catch {
    return { ok: false, id, reason: 'params must be JSON (no cycles, no BigInt)' }
  }
  if (size > MAX_REQUEST_CHARS) return { ok: false, id, reason: `params too large (${size} characters, limit ${MAX_REQUEST_CHARS})` }
  return { ok: true, request: params === undefined ? { id, method: x.method } : { id, method: x.method, params } }
}

export function isRequestId(x: unknown): x is RequestId {
  return (typeof x === 'string' && x.length > 0 && x.length <= 128) || (typeof x === 'number' && Number.isSafeInteger(x))
}

/** A plain object from any realm (a page's objects seen from a content script have another realm's prototype). */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false
  return Object.prototype.toString.call(x) === '[object Object]'
}
