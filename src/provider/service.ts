// The dApp side of the wallet: EIP-1193 requests from pages (origin from the browser's sender),
// per-origin permissions, a chain per site, filters per site, EIP-5792 batches, the approval queue
// and window, and the events pushed back to pages. Each document talks over its own channel
// (./documents.ts): an answer goes to the document that asked and nowhere else, events go only to
// the documents of the origin they concern, and a document that goes away (navigation, closed tab)
// withdraws its pending approvals. Requests that need the user become approvals, bounded per site
// and in all (../approvals/queue.ts); a site whose requests the user keeps rejecting waits a while
// (./limits.ts). How each method is answered: ./methods.ts (and docs/provider.md).
import { recoverMessageAddress, type Address } from 'viem'
import { toErrorShape, WalletError, type ErrorShape } from '../errors.ts'
import type { ProviderAnswer, ProviderEventName } from '../wire/push.ts'
import type { ProviderReply, ProviderRequest } from '../wire/page.ts'
import type { RequestId } from '../wire/ids.ts'
import { ApprovalQueue, type QueueEntry } from '../approvals/queue.ts'
import type { ApprovalDecision, ApprovalRequest, PendingApproval } from '../approvals/types.ts'
import { publicClientFor } from '../chains/rpc-client.ts'
import { rpcCall } from '../chains/rpc-raw.ts'
import { siteOf } from '../util/origin.ts'
import { Mutex } from '../util/mutex.ts'
import { isOpStackChain } from '../chains/predeploys.ts'
import type { Network } from '../chains/types.ts'
import { decodeCall } from '../tx/decode.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { ConnectionStore } from './connections.ts'
import { DocumentRegistry, type PageChannel, type PageDoc } from './documents.ts'
import { Cooldown, FetchBudget } from './limits.ts'
import { PermissionStore, toEip2255 } from './permissions.ts'
import { RPC, rpcError } from './rpc-errors.ts'
import type { TxPipeline } from '../tx/pipeline.ts'
import { chainIdParam, hexData, paramsArray, personalSignParams, plainObject, readableText, txParams, typedDataParams } from './params.ts'
import { completeApproval, type ApprovalContext } from './complete.ts'
import { checkRpcUrls, parseAddChain, parseWatchAsset } from './chain-params.ts'
import type { UserTokenStore } from '../tokens/user-tokens.ts'
import { sameAddress } from '../util/address.ts'
import { classify, refusalReason } from './methods.ts'
import { SiteChainStore } from './site-chains.ts'
import { FilterService, type FilterKind } from './filters.ts'
import { BatchRunner, BatchStore, callsParams, callsStatus, capabilitiesParams, randomBatchId, type BatchRecord } from './batches.ts'
import { prepareBatch } from './batch-prepare.ts'
import { prepareSiteTx } from './site-tx.ts'
import { printable } from '../util/display.ts'

export const APPROVAL_WINDOW = { path: 'approval.html', width: 380, height: 640 }
/** The requester origin of the wallet's own approvals (speed up, cancel, send again); as in the activity list. */
export const WALLET_ORIGIN = 'wallet'
/** Where wallet_showCallsStatus takes the user: the popup's activity, in a window of the popup's size, showing
 *  the batch's transactions alone (`?tx=` their hashes; the whole list while none is sent yet). */
export const ACTIVITY_WINDOW = { path: 'popup.html#/activity', width: 360, height: 600 }
export function batchActivityPath(rec: BatchRecord): string {
  const hashes = rec.calls.flatMap((c) => (c.hash ? [c.hash] : []))
  return hashes.length ? `${ACTIVITY_WINDOW.path}?tx=${hashes.join(',')}` : ACTIVITY_WINDOW.path
}

type Outcome = { result: unknown } | { approval: ApprovalRequest }

export interface ProviderDeps {
  wallet: Wallet
  /** the one transaction pipeline: prepare, quote, send */
  pipeline: TxPipeline
  /** where wallet_watchAsset adds tokens */
  userTokens: UserTokenStore
  /** tests: shorter waits for batch receipts */
  batchPollMs?: number
  /** after a worker restart, how long a document has to say hello again before its approvals are withdrawn */
  reconnectGraceMs?: number
}

/** A request the window showed that went away without the user's answer, and why. */
export interface Withdrawn {
  id: string
  origin: string
  reason: string
}

/** What the approval window follows (the 'approvals' topic): the queue in the order it shows it, and recent withdrawals. */
export interface ApprovalsView {
  ids: string[]
  withdrawn: Withdrawn[]
}

export const RECONNECT_GRACE_MS = 5_000

/** What the popup shows of the site in the active tab. */
export interface SiteView {
  origin: string
  chainId: number
  /** true while the site has no chain of its own and follows the wallet's */
  followsWallet: boolean
  connected: boolean
  /** chains the user approved for the site: it may switch to them without asking */
  approved: number[]
}

const FILTER_KIND: Record<string, FilterKind> = { eth_newFilter: 'log', eth_newBlockFilter: 'block', eth_newPendingTransactionFilter: 'pending' }

export class ProviderService implements ApprovalContext {
  readonly wallet: Wallet
  readonly permissions: PermissionStore
  /** which origin each tab's frames showed last (the popup's site view); delivery never uses it */
  readonly connections: ConnectionStore
  /** the documents talking to the wallet now, each over its own channel */
  readonly docs = new DocumentRegistry()
  readonly approvals: ApprovalQueue
  readonly pipeline: TxPipeline
  readonly tokens: UserTokenStore
  readonly siteChains: SiteChainStore
  readonly filters: FilterService
  readonly batches: BatchStore
  readonly batchRunner: BatchRunner
  private readonly siteListeners = new Set<() => void>()
  private readonly approvalListeners = new Set<() => void>()
  private readonly withdrawn: Withdrawn[] = []
  private readonly fetchBudget: FetchBudget
  readonly cooldown: Cooldown
  private readonly windowMutex = new Mutex()
  private readonly graceMs: number

  constructor(deps: ProviderDeps) {
    this.wallet = deps.wallet
    this.graceMs = deps.reconnectGraceMs ?? RECONNECT_GRACE_MS
    this.fetchBudget = new FetchBudget(() => deps.wallet.platform.now())
    this.cooldown = new Cooldown(() => deps.wallet.platform.now())
    this.permissions = new PermissionStore(deps.wallet.local)
    this.connections = new ConnectionStore(deps.wallet.session)
    this.approvals = new ApprovalQueue(deps.wallet.session, () => deps.wallet.platform.now())
    this.pipeline = deps.pipeline
    this.tokens = deps.userTokens
    this.siteChains = new SiteChainStore(deps.wallet.local)
    this.filters = new FilterService({
      kv: deps.wallet.session,
      now: () => deps.wallet.platform.now(),
      rpc: async (chainId, method, params) => {
        const n = await this.wallet.networks.require(chainId)
        return rpcCall(n.rpcUrls, method, params, { chainName: n.name })
      },
    })
    this.batches = new BatchStore(deps.wallet.local)
    this.batchRunner = new BatchRunner({ store: this.batches, pipeline: deps.pipeline, ...(deps.batchPollMs ? { pollMs: deps.batchPollMs } : {}) })
    this.siteChains.subscribe((origin) => {
      this.siteChanged()
      void this.pushStatus(origin).catch(() => undefined)
    })
    deps.wallet.onChange((what) => {
      if (what === 'settings') return
      const push = what === 'chain' ? this.onWalletChainChanged() : this.pushAccountsChanged()
      push.catch((err) => console.error('provider event failed', err))
    })
  }

  // ---------------------------------------------------------------- requests from pages

  /**
   * A document opened its channel (or opened it again after the worker restarted): it is told
   * whether to keep it open; its approvals left from before are bound to it again; `pending` are the
   * requests it still waits for: one the wallet no longer has is answered 4900, and an approval it
   * no longer waits for is withdrawn.
   */
  async openDocument(who: PageDoc, channel: PageChannel, pending: RequestId[] = [], again: RequestId[] = []): Promise<void> {
    // a secret that belongs to another frame or origin is not this document's: refused
    const theirs = (await this.approvals.entries()).filter((e) => e.requester.doc === who.doc)
    if (theirs.some((e) => e.requester.origin !== who.origin || e.requester.tabId !== who.tabId || e.requester.frameId !== who.frameId || (e.requester.documentId && who.documentId && e.requester.documentId !== who.documentId))) {
      channel.close()
      return
    }
    this.docs.open(who, channel)
    await this.connections.seen(who).catch(() => undefined)
    // what the page still waits for: the answers promised, and the requests it sends again (their approval, if one was made, is kept)
    const waiting = new Set([...pending, ...again].map(String))
    const known = new Set(theirs.map((e) => String(e.requester.requestId)))
    const forgotten = await this.approvals.takeAll((e) => e.requester.doc === who.doc && !waiting.has(String(e.requester.requestId)))
    if (forgotten.length) await this.afterWithdrawal(forgotten, 'the page no longer waits for it')
    for (const id of pending) {
      if (!known.has(String(id))) channel.post({ kind: 'response', id, reply: { error: { code: RPC.disconnected, message: 'The wallet restarted or the page was away before this request was answered; please send it again.' } } })
    }
    channel.post({ kind: 'status', stay: await this.stays(who.origin) })
  }

  /** A document's channel closed (it navigated, its tab closed, or it went into the back/forward cache). */
  async documentGone(doc: string, channel?: PageChannel): Promise<void> {
    const who = this.docs.close(doc, channel)
    if (!who) return
    const gone = await this.approvals.takeAll((e) => e.requester.doc === doc)
    if (gone.length) await this.afterWithdrawal(gone, 'the page left (it navigated or was closed) before you answered')
    // the popup's site view: only if no newer document of that frame said hello meanwhile
    if (!this.docs.list().some((d) => d.tabId === who.tabId && d.frameId === who.frameId)) await this.connections.drop({ tabId: who.tabId, frameId: who.frameId }).catch(() => undefined)
    if (!this.docs.list().some((d) => d.origin === who.origin)) await this.filters.dropOrigin(who.origin).catch(() => undefined)
  }

  async request(req: ProviderRequest, who: PageDoc): Promise<ProviderReply> {
    try {
      if (!this.docs.matches(who)) throw rpcError.disconnected('This page is not connected to the wallet any more; reload it.')
      const halted = this.wallet.halted()
      if (halted) throw rpcError.disconnected(`The wallet is stopped: ${halted.message}`)
      const out = await this.dispatch(req, who)
      if ('result' in out) return { result: out.result }
      const site = siteOf(who.origin)
      const wait = this.cooldown.waitFor(site)
      if (wait > 0) throw new WalletError(RPC.limitExceeded, `The user rejected several requests from ${site} just now; ask again in ${Math.ceil(wait / 1000)} s.`)
      const added = await this.approvals.add({ origin: who.origin, tabId: who.tabId, frameId: who.frameId, doc: who.doc, ...(who.documentId ? { documentId: who.documentId } : {}), requestId: req.id }, out.approval)
      if (!added.ok) throw new WalletError(RPC.limitExceeded, added.message)
      // the document may have gone while the request was prepared: then it never waits
      if (!this.docs.matches(who)) {
        await this.approvals.take(added.item.id)
        throw rpcError.disconnected('The page left before the request was shown.')
      }
      this.approvalsChanged()
      await this.showApprovalWindow(added.first)
      return { deferred: true }
    } catch (err) {
      return { error: providerError(err) }
    }
  }

  private async dispatch(req: ProviderRequest, who: PageDoc): Promise<Outcome> {
    const m = req.method
    const kind = classify(m)
    if (kind === 'unknown') throw rpcError.methodNotFound(m)
    if (kind === 'refused') throw rpcError.refused(m, refusalReason(m))
    const network = await this.networkFor(who.origin)
    if (kind === 'node') return { result: await this.forward(network, m, req.params) }
    if (kind === 'filter') return { result: await this.filter(who.origin, network, m, req.params) }
    switch (m) {
      case 'eth_chainId':
        return { result: toHexChainId(network.chainId) }
      case 'net_version':
        return { result: String(network.chainId) }
      case 'eth_accounts':
        return { result: await this.accountsFor(who.origin) }
      case 'eth_coinbase':
        return { result: (await this.accountsFor(who.origin))[0] ?? null }
      case 'eth_requestAccounts': {
        // connected (locked or not): the site keeps its accounts; a key is asked for only to sign
        const accounts = await this.accountsFor(who.origin)
        if (accounts.length) return { result: accounts }
        return { approval: { kind: 'connect', method: 'eth_requestAccounts' } }
      }
      case 'wallet_requestPermissions': {
        const [perm] = paramsArray(req.params, m, 1)
        const asked = Object.keys(plainObject(perm, 'the requested permissions'))
        if (asked.length !== 1 || asked[0] !== 'eth_accounts') throw rpcError.invalidParams('only the "eth_accounts" permission can be requested.')
        return { approval: { kind: 'connect', method: 'wallet_requestPermissions' } }
      }
      case 'wallet_getPermissions': {
        const grant = await this.permissions.get(who.origin)
        return { result: grant ? [toEip2255(who.origin, grant)] : [] }
      }
      case 'wallet_revokePermissions': {
        const [perm] = paramsArray(req.params, m, 1)
        const asked = Object.keys(plainObject(perm, 'the permissions to revoke'))
        if (!asked.includes('eth_accounts')) throw rpcError.invalidParams('only the "eth_accounts" permission can be revoked.')
        await this.revoke(who.origin)
        return { result: null }
      }
      case 'wallet_switchEthereumChain': {
        const [p] = paramsArray(req.params, m, 1)
        const chainId = chainIdParam(plainObject(p, 'the parameter').chainId)
        const target = await this.wallet.networks.get(chainId)
        if (!target) throw rpcError.unknownChain(toHexChainId(chainId))
        return this.switchOrAsk(who.origin, network, target)
      }
      case 'wallet_addEthereumChain': {
        const [p] = paramsArray(req.params, m, 1)
        const proposed = parseAddChain(p)
        const known = await this.wallet.networks.get(proposed.chainId)
        if (known) return this.switchOrAsk(who.origin, network, known)
        // the page is not approved yet: its fetches are rationed, and each URL is asked before it is used
        const checked = await this.fetchBudget.run(siteOf(who.origin), async () => {
          const checks = await checkRpcUrls(proposed)
          const usable = checks.filter((c) => c.chainId === proposed.chainId).map((c) => c.url)
          const opStack = usable.length ? await isOpStackChain(publicClientFor({ ...proposed, rpcUrls: usable })).catch(() => false) : false
          return { checks, usable, opStack }
        })
        if (!checked) throw tooManyFetches(who.origin)
        const { checks, usable, opStack } = checked.value
        const lying = checks.find((c) => c.chainId !== null && c.chainId !== proposed.chainId)
        if (lying) throw rpcError.invalidParams(`the RPC at ${lying.url} serves chain ${lying.chainId}, not ${proposed.chainId}: refusing to add it.`)
        if (!usable.length) throw rpcError.invalidParams(`none of the RPC URLs answered (${checks.map((c) => `${c.url}: ${c.problem ?? 'no answer'}`).join('; ')}): refusing to add the network.`)
        return { approval: { kind: 'addChain', network: { ...proposed, rpcUrls: usable }, opStack, rpcChainId: proposed.chainId, rpcChecks: checks } }
      }
      case 'wallet_watchAsset': {
        const asset = await this.fetchBudget.run(siteOf(who.origin), () => parseWatchAsset(req.params, network))
        if (!asset) throw tooManyFetches(who.origin)
        return { approval: { kind: 'watchAsset', chainId: network.chainId, ...asset.value } }
      }
      case 'personal_sign': {
        const { message, address } = personalSignParams(req.params)
        await this.permissions.require(who.origin, address)
        // the readable text is made again when the window asks (approvalWithText): stored once, not twice
        return { approval: { kind: 'personalSign', address, message, text: null } }
      }
      case 'personal_ecRecover': {
        const [msg, sig] = paramsArray(req.params, m, 2)
        if (typeof msg !== 'string') throw rpcError.invalidParams('the message must be a string (0x-hex bytes or text).')
        const { message } = personalSignParams([msg, '0x0000000000000000000000000000000000000000'])
        const signature = hexData(sig, 'the signature')
        try {
          return { result: (await recoverMessageAddress({ message: { raw: message }, signature })).toLowerCase() }
        } catch {
          throw rpcError.invalidParams('the signature is not a valid 65-byte secp256k1 signature of the message.')
        }
      }
      case 'eth_signTypedData_v3':
      case 'eth_signTypedData_v4': {
        const { address, typedData, domainChainId } = typedDataParams(req.params, m)
        if (m === 'eth_signTypedData_v3') refuseArrays(typedData)
        await this.permissions.require(who.origin, address)
        if (domainChainId !== null && domainChainId !== network.chainId) {
          throw rpcError.invalidParams(`the typed data is for chain ${domainChainId} but this site's chain is ${network.chainId} (${network.name}); switch chains first.`)
        }
        return { approval: { kind: 'typedData', address, typedData, domainChainId, method: m } }
      }
      case 'eth_sendTransaction': {
        const [p] = paramsArray(req.params, m, 1)
        const txReq = txParams(p, network.chainId)
        await this.permissions.require(who.origin, txReq.from)
        const prepared = await prepareSiteTx(this.pipeline, network.chainId, txReq)
        return { approval: { kind: 'sendTx', ...prepared, decoded: decodeCall(prepared.tx.data), chainName: network.name } }
      }
      case 'wallet_getCapabilities': {
        const { address: addr, chainIds } = capabilitiesParams(req.params)
        if (addr) await this.permissions.require(who.origin, addr)
        const known = (await this.wallet.networks.list()).map((n) => n.chainId)
        const ids = chainIds ? chainIds.filter((c) => known.includes(c)) : known
        return { result: Object.fromEntries(ids.map((c) => [toHexChainId(c), { atomic: { status: 'unsupported' } }])) }
      }
      case 'wallet_sendCalls': {
        const r = callsParams(req.params)
        if (!(await this.wallet.networks.get(r.chainId))) throw new WalletError(RPC.unsupportedChainId, `Unsupported chain id ${toHexChainId(r.chainId)}: the wallet does not know this chain.`)
        if (r.chainId !== network.chainId) throw rpcError.invalidParams(`the batch is for chain ${r.chainId} but this site's chain is ${network.chainId} (${network.name}); switch chains first.`)
        const accounts = await this.accountsFor(who.origin)
        const from = r.from ?? accounts[0]
        if (!from) throw rpcError.unauthorized(`No account is connected to ${who.origin}. Call eth_requestAccounts first.`)
        await this.permissions.require(who.origin, from)
        if (r.id !== null && (await this.batches.get(who.origin, r.id))) throw new WalletError(RPC.duplicateBatchId, `Duplicate id: this site already sent a batch with id ${r.id}.`)
        const view = await prepareBatch(this.pipeline, network, from, r.calls)
        return {
          approval: {
            kind: 'sendCalls',
            batchId: r.id ?? randomBatchId(),
            version: r.version,
            chainId: network.chainId,
            chainName: network.name,
            from,
            calls: view.calls,
            fee: view.fee,
            ...(view.feeError ? { feeError: view.feeError } : {}),
            ...(view.levels ? { levels: view.levels } : {}),
          },
        }
      }
      case 'wallet_getCallsStatus': {
        const [id] = paramsArray(req.params, m, 1)
        if (typeof id !== 'string') throw rpcError.invalidParams('the batch id must be a string.')
        const rec = await this.batches.get(who.origin, id)
        if (!rec) throw new WalletError(RPC.unknownBatchId, `Unknown bundle id ${id}: this site sent no batch with this id.`)
        return { result: callsStatus(rec) }
      }
      case 'wallet_showCallsStatus': {
        const [id] = paramsArray(req.params, m, 1)
        const rec = typeof id === 'string' ? await this.batches.get(who.origin, id) : undefined
        if (!rec) throw new WalletError(RPC.unknownBatchId, `Unknown bundle id ${printable(id, 80)}: this site sent no batch with this id.`)
        await this.wallet.platform.openWindow(batchActivityPath(rec), { width: ACTIVITY_WINDOW.width, height: ACTIVITY_WINDOW.height })
        return { result: null }
      }
      case 'metamask_getProviderState': {
        const state = await this.wallet.state()
        return { result: { isUnlocked: state.unlocked, chainId: toHexChainId(network.chainId), networkVersion: String(network.chainId), accounts: await this.accountsFor(who.origin) } }
      }
    }
    // a method in the table without a case above is a bug of the wallet, not of the page
    throw rpcError.internal(`The wallet lists ${m} but does not answer it.`)
  }

  /** A read method to the site's chain's RPC, its answer and errors as they are. */
  private async forward(network: Network, method: string, params: unknown): Promise<unknown> {
    const p = params === undefined ? [] : paramsArray(params, method)
    try {
      const result = await rpcCall(network.rpcUrls, method, p, { chainName: network.name })
      await this.markReachable(network.chainId)
      return result
    } catch (err) {
      if ((err as { code?: unknown }).code === RPC.chainDisconnected) await this.markUnreachable(network.chainId, (err as Error).message)
      throw err
    }
  }

  private async filter(origin: string, network: Network, method: string, params: unknown): Promise<unknown> {
    const p = params === undefined ? [] : paramsArray(params, method)
    if (FILTER_KIND[method]) return this.filters.create(origin, network.chainId, FILTER_KIND[method], p)
    const id = paramsArray(p, method, 1)[0]
    if (method === 'eth_getFilterChanges') return this.filters.changes(origin, id)
    if (method === 'eth_getFilterLogs') return this.filters.logs(origin, id)
    return this.filters.uninstall(origin, id)
  }

  /** A switch the user approved for this site before happens at once; any other asks. */
  private async switchOrAsk(origin: string, current: Network, target: Network): Promise<Outcome> {
    if (target.chainId === current.chainId) return { result: null }
    const site = await this.siteChains.get(origin)
    if (site?.approved.includes(target.chainId)) {
      await this.setSiteChain(origin, target.chainId)
      return { result: null }
    }
    return { approval: { kind: 'switchChain', chainId: target.chainId, chainName: target.name } }
  }

  // ---------------------------------------------------------------- sites

  /** The network a site is on: its own chain, or the wallet's while it has none. */
  async networkFor(origin: string): Promise<Network> {
    const site = await this.siteChains.get(origin)
    if (site) {
      const n = await this.wallet.networks.get(site.chainId)
      if (n) return n
    }
    return this.wallet.activeNetwork()
  }

  /** Makes `chainId` the site's chain (approved for it from now on); its tabs hear chainChanged, its filters go. */
  async setSiteChain(origin: string, chainId: number): Promise<void> {
    await this.wallet.networks.require(chainId)
    const before = (await this.networkFor(origin)).chainId
    await this.siteChains.set(origin, chainId, this.wallet.platform.now())
    if (before !== chainId) await this.siteChainMoved(origin, chainId)
  }

  /** The accounts an origin may see: the granted ones still in the wallet, the selected one first. Locked or not. */
  async accountsFor(origin: string): Promise<Address[]> {
    const grant = await this.permissions.get(origin)
    if (!grant) return []
    const state = await this.wallet.state()
    const visible = new Set(state.accounts.filter((a) => !a.hidden).map((a) => a.address.toLowerCase()))
    const allowed = grant.accounts.filter((a) => visible.has(a.toLowerCase()))
    const sel = state.selected && allowed.find((a) => sameAddress(a, state.selected!))
    return sel ? [sel, ...allowed.filter((a) => a !== sel)] : allowed
  }

  /** The site was connected: it keeps the chain it is on now as its own, approved. */
  async onConnected(origin: string): Promise<void> {
    const chainId = (await this.networkFor(origin)).chainId
    await this.siteChains.approve(origin, chainId, [chainId], this.wallet.platform.now())
    this.siteChanged()
  }

  /** Disconnects a site: no accounts, no chain of its own (it follows the wallet's again), no filters. */
  async revoke(origin: string): Promise<void> {
    const before = (await this.networkFor(origin)).chainId
    if (await this.permissions.revoke(origin)) await this.pushAccountsChanged(origin)
    await this.siteChains.forget(origin)
    await this.filters.dropOrigin(origin)
    const after = (await this.networkFor(origin)).chainId
    if (after !== before) await this.pushChainChanged(origin)
    this.siteChanged()
  }

  /** The site of a tab (its top frame), as the popup shows it; null when that tab never talked to the wallet. */
  async siteForTab(tabId: number): Promise<SiteView | null> {
    const conns = (await this.connections.list()).filter((c) => c.tabId === tabId)
    const top = conns.find((c) => c.frameId === 0) ?? conns[0]
    return top ? this.siteView(top.origin) : null
  }

  async siteView(origin: string): Promise<SiteView> {
    const [site, network, grant] = await Promise.all([this.siteChains.get(origin), this.networkFor(origin), this.permissions.get(origin)])
    return { origin, chainId: network.chainId, followsWallet: !site || site.chainId !== network.chainId, connected: !!grant, approved: site?.approved ?? [] }
  }

  /** The user chose a chain for the site in the popup. */
  async chooseSiteChain(origin: string, chainId: number): Promise<SiteView> {
    await this.setSiteChain(origin, chainId)
    return this.siteView(origin)
  }

  /** Called when what a site view shows may have changed (the 'site' topic). */
  onSiteChange(listener: () => void): () => void {
    this.siteListeners.add(listener)
    return () => this.siteListeners.delete(listener)
  }

  private siteChanged(): void {
    for (const l of [...this.siteListeners]) {
      try {
        l()
      } catch (err) {
        console.error('site listener failed', err)
      }
    }
  }

  /** A site's chain moved: its filters were for the old chain, its tabs hear chainChanged. */
  private async siteChainMoved(origin: string, chainId: number): Promise<void> {
    await this.filters.dropOrigin(origin)
    await this.pushChainChanged(origin, chainId)
  }

  /** The wallet's own chain changed: only the sites without a chain of their own follow it. */
  private async onWalletChainChanged(): Promise<void> {
    const chainId = (await this.wallet.activeNetwork()).chainId
    const origins = new Set(this.docs.list().map((c) => c.origin))
    for (const origin of origins) {
      if ((await this.networkFor(origin)).chainId !== chainId) continue
      await this.filters.dropOrigin(origin)
      await this.pushChainChanged(origin, chainId)
    }
    this.siteChanged()
  }

  // ---------------------------------------------------------------- approvals

  /**
   * The wallet's own request for the approval window (speed up, cancel, send again): queued with the
   * sites' requests, shown in the same window; its answer goes to no page, and no page's departure
   * withdraws it. Resolves with its id.
   */
  async requestWalletApproval(request: ApprovalRequest): Promise<string> {
    const added = await this.approvals.add({ origin: WALLET_ORIGIN, tabId: -1, frameId: -1, doc: WALLET_ORIGIN, requestId: `wallet-${this.wallet.platform.now()}` }, request)
    if (!added.ok) throw new WalletError('TOO_MANY', added.message)
    this.approvalsChanged()
    await this.showApprovalWindow(added.first)
    return added.item.id
  }

  /** The approval the window shows now (fair between sites), with the queue length and how many its site has waiting. */
  async currentApproval(): Promise<{ approval: PendingApproval | null; total: number; fromSite: number }> {
    const list = await this.approvals.list()
    const head = list[0] ?? null
    const site = head ? siteOf(head.requester.origin) : null
    return { approval: head && withText(head), total: list.length, fromSite: site ? list.filter((p) => siteOf(p.requester.origin) === site).length : 0 }
  }

  /** What the approval window follows: the queue in the order it shows it, and requests withdrawn lately. */
  async approvalsView(): Promise<ApprovalsView> {
    return { ids: (await this.approvals.list()).map((p) => p.id), withdrawn: [...this.withdrawn] }
  }

  /** Called when the queue changed (the 'approvals' topic). */
  onApprovalsChange(listener: () => void): () => void {
    this.approvalListeners.add(listener)
    return () => this.approvalListeners.delete(listener)
  }

  /** The user decided. The answer goes to the document that asked (only if it is still there); the window moves on or closes. */
  async resolveApproval(id: string, decision: ApprovalDecision): Promise<{ result: unknown } | { error: ErrorShape }> {
    const entry = await this.approvals.take(id)
    if (!entry) throw new WalletError('ALREADY_SETTLED', 'This request was already answered or withdrawn.')
    this.approvalsChanged()
    const site = entry.site
    let reply: { result: unknown } | { error: ErrorShape }
    const item = this.approvals.pending(entry)
    if (!decision.approved) {
      reply = { error: { code: RPC.userRejected, message: 'The user rejected the request.' } }
      this.cooldown.noteRejected(site)
    } else if (!item) {
      reply = { error: { code: RPC.disconnected, message: 'The wallet restarted while this request waited; the site must send it again.' } }
    } else if (!isWallet(entry.requester) && !this.docs.matches(entry.requester)) {
      // never sign for a page that is not the one that asked: it left, or another one loaded in its place
      reply = { error: { code: RPC.disconnected, message: `${entry.requester.origin} left before you answered (the page navigated or was closed): nothing was signed or sent.` } }
    } else {
      this.cooldown.forgive(site)
      try {
        reply = { result: await completeApproval(this, item, decision) }
      } catch (err) {
        reply = { error: providerError(err) }
      }
    }
    this.answer(entry, reply)
    if ((await this.approvals.entries()).length === 0) await this.closeApprovalWindow()
    return reply
  }

  /** "Reject all from this site": every request of the site is rejected and the site waits before it may ask again. */
  async rejectSite(site: string): Promise<number> {
    const taken = await this.approvals.takeAll((e) => e.site === site)
    if (!taken.length) return 0
    this.approvalsChanged()
    this.cooldown.start(site)
    for (const e of taken) this.answer(e, { error: { code: RPC.userRejected, message: 'The user rejected every request of this site.' } })
    if ((await this.approvals.entries()).length === 0) await this.closeApprovalWindow()
    return taken.length
  }

  /** The approval window was closed: everything it was showing is rejected. */
  async onWindowRemoved(windowId: number): Promise<void> {
    if ((await this.approvals.windowId()) !== windowId) return
    await this.approvals.setWindowId(null)
    const taken = await this.approvals.takeAll()
    if (taken.length) this.approvalsChanged()
    for (const item of taken) {
      this.cooldown.noteRejected(item.site)
      this.answer(item, { error: { code: RPC.userRejected, message: 'The user closed the approval window.' } })
    }
  }

  /** A tab closed: the popup's site view forgets it (its documents' channels close on their own). */
  async onFrameGone(tabId: number, frameId?: number): Promise<void> {
    await this.connections.drop({ tabId, ...(frameId === undefined ? {} : { frameId }) })
  }

  /**
   * After a service-worker restart: approvals whose window survived keep waiting for their documents
   * to say hello again (each relay reconnects at once when it still waits); one whose document does
   * not come back within the grace time, or whose payload was kept in the old worker's memory, is
   * withdrawn. If the window is gone every approval is dropped (its page hears 4900 when it says
   * hello). Unfinished batches carry on.
   */
  async restore(): Promise<void> {
    void this.batchRunner.resume().catch((err) => console.error('batches did not resume', err))
    const windowId = await this.approvals.windowId()
    const alive = windowId !== null && (await this.wallet.platform.windowExists(windowId))
    if (!alive) {
      if (windowId !== null) await this.approvals.setWindowId(null)
      await this.approvals.takeAll()
      return
    }
    const lost = await this.approvals.takeAll((e) => this.approvals.pending(e) === null)
    if (lost.length) await this.afterWithdrawal(lost, 'the wallet restarted and this request was too large to keep; the site must send it again')
    const timer = setTimeout(() => void this.withdrawAbsent().catch((err) => console.error('approvals not withdrawn', err)), this.graceMs)
    // in node (tests) the wait does not keep the process alive; a browser has no unref
    ;(timer as { unref?: () => void }).unref?.()
  }

  /** Approvals whose document has not said hello again: withdrawn. */
  async withdrawAbsent(): Promise<void> {
    const absent = await this.approvals.takeAll((e) => !isWallet(e.requester) && !this.docs.matches(e.requester))
    if (absent.length) await this.afterWithdrawal(absent, 'the page did not come back after the wallet restarted')
  }

  /** Requests that went away without the user: the window hears why (it closes if nothing is left); their pages hear 4900 if still there. */
  private async afterWithdrawal(entries: QueueEntry[], reason: string): Promise<void> {
    for (const e of entries) {
      this.withdrawn.push({ id: e.id, origin: e.requester.origin, reason })
      this.answer(e, { error: { code: RPC.disconnected, message: `The request was withdrawn: ${reason}.` } })
    }
    this.withdrawn.splice(0, Math.max(0, this.withdrawn.length - 20))
    this.approvalsChanged()
    if ((await this.approvals.entries()).length === 0) await this.closeApprovalWindow()
  }

  private answer(entry: QueueEntry, reply: ProviderAnswer): void {
    const { doc, requestId } = entry.requester
    // only to the document that asked, if it is still the one on that channel
    if (this.docs.matches(entry.requester)) this.docs.post(doc, { kind: 'response', id: requestId, reply })
  }

  private approvalsChanged(): void {
    for (const l of [...this.approvalListeners]) {
      try {
        l()
      } catch (err) {
        console.error('approvals listener failed', err)
      }
    }
  }

  /** Opens the window, or brings it forward for the first request of a burst only (a flood cannot keep stealing focus). */
  private showApprovalWindow(first: boolean): Promise<void> {
    return this.windowMutex.run(async () => {
      const platform = this.wallet.platform
      const existing = await this.approvals.windowId()
      if (existing !== null) {
        if (!first ? await platform.windowExists(existing) : await platform.focusWindow(existing)) return
      }
      const id = await platform.openWindow(APPROVAL_WINDOW.path, { width: APPROVAL_WINDOW.width, height: APPROVAL_WINDOW.height })
      await this.approvals.setWindowId(id)
    })
  }

  private closeApprovalWindow(): Promise<void> {
    return this.windowMutex.run(async () => {
      const id = await this.approvals.windowId()
      if (id === null) return
      await this.approvals.setWindowId(null)
      await this.wallet.platform.closeWindow(id)
    })
  }

  // ---------------------------------------------------------------- events

  /** Chains whose every RPC URL failed on the last try: the pages on them were told `disconnect`. */
  private readonly unreachable = new Set<number>()

  private async markUnreachable(chainId: number, message: string): Promise<void> {
    if (this.unreachable.has(chainId)) return
    this.unreachable.add(chainId)
    for (const c of await this.connectionsOn(chainId)) await this.push(c, 'disconnect', { code: RPC.chainDisconnected, message })
  }

  private async markReachable(chainId: number): Promise<void> {
    if (!this.unreachable.delete(chainId)) return
    for (const c of await this.connectionsOn(chainId)) await this.push(c, 'connect', { chainId: toHexChainId(chainId) })
  }

  /** The documents whose site is on `chainId`. */
  private async connectionsOn(chainId: number): Promise<PageDoc[]> {
    const chainOf = new Map<string, number>()
    const out: PageDoc[] = []
    for (const c of this.docs.list()) {
      if (!chainOf.has(c.origin)) chainOf.set(c.origin, (await this.networkFor(c.origin)).chainId)
      if (chainOf.get(c.origin) === chainId) out.push(c)
    }
    return out
  }

  /**
   * accountsChanged to every document of each origin (or of one origin), with what that origin may see.
   * A lock changes nothing here: a connected site keeps its accounts (the page's provider fires the
   * event only when the list really changed).
   */
  async pushAccountsChanged(onlyOrigin?: string): Promise<void> {
    const conns = this.docs.list().filter((c) => !onlyOrigin || c.origin === onlyOrigin)
    const byOrigin = new Map<string, Address[] | null>()
    for (const c of conns) {
      // a site never connected has nothing to hear (a disconnected one hears [] once, through onlyOrigin)
      if (!byOrigin.has(c.origin)) byOrigin.set(c.origin, onlyOrigin || (await this.permissions.get(c.origin)) ? await this.accountsFor(c.origin) : null)
      const accounts = byOrigin.get(c.origin)
      if (accounts) await this.push(c, 'accountsChanged', accounts)
    }
  }

  /** chainChanged to the documents of one origin only. */
  async pushChainChanged(origin: string, chainId?: number): Promise<void> {
    const hex = toHexChainId(chainId ?? (await this.networkFor(origin)).chainId)
    for (const c of this.docs.list()) if (c.origin === origin) await this.push(c, 'chainChanged', hex)
  }

  private async push(c: PageDoc, event: ProviderEventName, data: unknown): Promise<void> {
    if (!this.docs.post(c.doc, { kind: 'event', event, data })) await this.documentGone(c.doc)
  }

  /** A site expects events (it is connected or has a chain of its own): its documents keep their channel open. */
  private async stays(origin: string): Promise<boolean> {
    return !!(await this.permissions.get(origin)) || !!(await this.siteChains.get(origin))
  }

  private async pushStatus(origin: string): Promise<void> {
    const docs = this.docs.list().filter((d) => d.origin === origin)
    if (!docs.length) return
    const stay = await this.stays(origin)
    for (const d of docs) this.docs.post(d.doc, { kind: 'status', stay })
  }
}

/** A personal_sign approval with its readable text (stored without it: the message is there once). */
function withText(p: PendingApproval): PendingApproval {
  return p.request.kind === 'personalSign' ? { ...p, request: { ...p.request, text: readableText(p.request.message) } } : p
}

function tooManyFetches(origin: string): WalletError {
  return new WalletError(RPC.limitExceeded, `${siteOf(origin)} asked the wallet to check too many networks or tokens in a short time; try again in a few seconds.`)
}

/** eth_signTypedData_v3 has no arrays (they came with v4): refused rather than signed with v4's rules. */
function refuseArrays(typedData: Record<string, unknown>): void {
  const types = typedData.types as Record<string, unknown>
  for (const [name, fields] of Object.entries(types)) {
    if (!Array.isArray(fields)) continue
    for (const f of fields) {
      const t = f && typeof f === 'object' ? (f as { type?: unknown }).type : undefined
      if (typeof t === 'string' && t.endsWith(']')) throw rpcError.invalidParams(`eth_signTypedData_v3 has no arrays (${printable(name)}.${printable((f as { name?: unknown }).name)} is ${printable(t)}); use eth_signTypedData_v4.`)
    }
  }
}

export function toHexChainId(id: number): `0x${string}` {
  return `0x${id.toString(16)}`
}

/** dApps get numeric EIP-1193/1474 codes; the wallet's own codes are mapped, keeping the sentence. */
export function providerError(err: unknown): ErrorShape {
  const shape = toErrorShape(err, RPC.internal)
  if (typeof shape.code === 'number') return shape
  const code = shape.code === 'LOCKED' ? RPC.unauthorized : shape.code === 'UNKNOWN_ACCOUNT' ? RPC.unauthorized : RPC.internal
  return { code, message: shape.message, data: { reason: shape.code } }
}

/** The wallet's own request (speed up, cancel, send again): no page asked, none answers or withdraws it. */
function isWallet(requester: { origin: string }): boolean {
  return requester.origin === WALLET_ORIGIN
}
