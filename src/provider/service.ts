// The dApp side of the wallet: EIP-1193 requests from pages (origin from the browser's sender),
// per-origin permissions, the approval queue and window, and the events pushed back to tabs.
// Requests that need the user become approvals; their answers are pushed to the requesting frame
// when the user decides, even if the service worker restarted in between.
import type { Address } from 'viem'
import { toErrorShape, WalletError, type ErrorShape } from '../errors.ts'
import type { ProviderEventName } from '../wire/push.ts'
import type { ProviderReply, ProviderRequest } from '../wire/page.ts'
import { ApprovalQueue } from '../approvals/queue.ts'
import type { ApprovalDecision, ApprovalRequest, PendingApproval } from '../approvals/types.ts'
import { publicClientFor } from '../chains/rpc-client.ts'
import { rpcCall } from '../chains/rpc-raw.ts'
import { isOpStackChain } from '../chains/predeploys.ts'
import { decodeCall } from '../tx/decode.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { ConnectionStore, type Connection } from './connections.ts'
import { PermissionStore, toEip2255 } from './permissions.ts'
import { READ_METHODS } from './read-methods.ts'
import { RPC, rpcError } from './rpc-errors.ts'
import type { TxPipeline } from '../tx/pipeline.ts'
import { chainIdParam, paramsArray, personalSignParams, plainObject, readableText, txParams, typedDataParams } from './params.ts'
import { completeApproval, type ApprovalContext } from './complete.ts'
import { prepareForApproval } from './prepare-approval.ts'
import { parseAddChain, parseWatchAsset } from './chain-params.ts'
import type { UserTokenStore } from '../tokens/user-tokens.ts'
import { sameAddress } from '../util/address.ts'

export const APPROVAL_WINDOW = { path: 'approval.html', width: 380, height: 640 }

type Outcome = { result: unknown } | { approval: ApprovalRequest }

export interface ProviderDeps {
  wallet: Wallet
  /** the one transaction pipeline: prepare, quote, send */
  pipeline: TxPipeline
  /** where wallet_watchAsset adds tokens */
  userTokens: UserTokenStore
}

export class ProviderService implements ApprovalContext {
  readonly wallet: Wallet
  readonly permissions: PermissionStore
  readonly connections: ConnectionStore
  readonly approvals: ApprovalQueue
  readonly pipeline: TxPipeline
  readonly tokens: UserTokenStore

  constructor(deps: ProviderDeps) {
    this.wallet = deps.wallet
    this.permissions = new PermissionStore(deps.wallet.local)
    this.connections = new ConnectionStore(deps.wallet.session)
    this.approvals = new ApprovalQueue(deps.wallet.session, () => deps.wallet.platform.now())
    this.pipeline = deps.pipeline
    this.tokens = deps.userTokens
    deps.wallet.onChange((what) => {
      if (what === 'settings') return
      const push = what === 'chain' ? this.pushChainChanged() : this.pushAccountsChanged()
      push.catch((err) => console.error('provider event failed', err))
    })
  }

  // ---------------------------------------------------------------- requests from pages

  async request(req: ProviderRequest, who: Connection): Promise<ProviderReply> {
    try {
      await this.connections.seen(who)
      const out = await this.dispatch(req, who)
      if ('result' in out) return { result: out.result }
      const item = await this.approvals.add({ ...who, requestId: req.id }, out.approval)
      if (!item) throw new WalletError(RPC.limitExceeded, 'Too many requests are waiting for the user on this site; wait for them to be answered.')
      await this.showApprovalWindow()
      return { deferred: true }
    } catch (err) {
      return { error: providerError(err) }
    }
  }

  private async dispatch(req: ProviderRequest, who: Connection): Promise<Outcome> {
    const m = req.method
    const network = await this.wallet.activeNetwork()
    switch (m) {
      case 'eth_chainId':
        return { result: toHexChainId(network.chainId) }
      case 'net_version':
        return { result: String(network.chainId) }
      case 'eth_accounts':
        return { result: await this.accountsFor(who.origin) }
      case 'eth_requestAccounts': {
        const accounts = await this.accountsFor(who.origin)
        if (accounts.length) return { result: accounts }
        // not connected, or connected but locked: the window asks to unlock and/or to connect
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
        if (chainId === network.chainId) return { result: null }
        if (await this.permissions.get(who.origin)) {
          await this.wallet.switchChain(chainId)
          return { result: null }
        }
        return { approval: { kind: 'switchChain', chainId, chainName: target.name } }
      }
      case 'wallet_addEthereumChain': {
        const [p] = paramsArray(req.params, m, 1)
        const proposed = parseAddChain(p)
        const known = await this.wallet.networks.get(proposed.chainId)
        if (known) {
          if (known.chainId === network.chainId) return { result: null }
          return { approval: { kind: 'switchChain', chainId: known.chainId, chainName: known.name } }
        }
        const rpcChainId = Number(BigInt(String(await rpcCall(proposed.rpcUrls, 'eth_chainId', [], { timeoutMs: 8000, chainName: proposed.name }))))
        if (rpcChainId !== proposed.chainId) {
          throw rpcError.invalidParams(`the RPC at ${proposed.rpcUrls[0]} serves chain ${rpcChainId}, not ${proposed.chainId}: refusing to add it.`)
        }
        const opStack = await isOpStackChain(publicClientFor(proposed)).catch(() => false)
        return { approval: { kind: 'addChain', network: proposed, opStack, rpcChainId } }
      }
      case 'wallet_watchAsset': {
        const asset = await parseWatchAsset(req.params, network)
        return { approval: { kind: 'watchAsset', chainId: network.chainId, ...asset } }
      }
      case 'personal_sign': {
        const { message, address } = personalSignParams(req.params)
        await this.permissions.require(who.origin, address)
        return { approval: { kind: 'personalSign', address, message, text: readableText(message) } }
      }
      case 'eth_signTypedData_v4': {
        const { address, typedData, domainChainId } = typedDataParams(req.params)
        await this.permissions.require(who.origin, address)
        if (domainChainId !== null && domainChainId !== network.chainId) {
          throw rpcError.invalidParams(`the typed data is for chain ${domainChainId} but the active chain is ${network.chainId} (${network.name}); switch chains first.`)
        }
        return { approval: { kind: 'typedData', address, typedData, domainChainId } }
      }
      case 'eth_sendTransaction': {
        const [p] = paramsArray(req.params, m, 1)
        const txReq = txParams(p, network.chainId)
        await this.permissions.require(who.origin, txReq.from)
        const { tx, fee, feeError, willRevert } = await prepareForApproval(this.pipeline, network.chainId, txReq)
        return { approval: { kind: 'sendTx', tx, fee, ...(feeError ? { feeError } : {}), ...(willRevert ? { willRevert } : {}), decoded: decodeCall(tx.data), chainName: network.name } }
      }
      default:
        if (READ_METHODS.has(m)) {
          const params = req.params === undefined ? [] : paramsArray(req.params, m)
          try {
            const result = await rpcCall(network.rpcUrls, m, params, { chainName: network.name })
            await this.markReachable(network.chainId)
            return { result }
          } catch (err) {
            if ((err as { code?: unknown }).code === RPC.chainDisconnected) await this.markUnreachable(network.chainId, (err as Error).message)
            throw err
          }
        }
        throw rpcError.unsupported(m)
    }
  }

  /** The accounts an origin may see now: none when locked or not connected; the selected one first. */
  async accountsFor(origin: string): Promise<Address[]> {
    const grant = await this.permissions.get(origin)
    if (!grant) return []
    const state = await this.wallet.state()
    if (!state.unlocked) return []
    const visible = new Set(state.accounts.filter((a) => !a.hidden).map((a) => a.address.toLowerCase()))
    const allowed = grant.accounts.filter((a) => visible.has(a.toLowerCase()))
    const sel = state.selected && allowed.find((a) => sameAddress(a, state.selected!))
    return sel ? [sel, ...allowed.filter((a) => a !== sel)] : allowed
  }

  async revoke(origin: string): Promise<void> {
    if (await this.permissions.revoke(origin)) await this.pushAccountsChanged(origin)
  }

  // ---------------------------------------------------------------- approvals

  /** The approval the window shows now (the oldest), with the queue length. */
  async currentApproval(): Promise<{ approval: PendingApproval | null; total: number }> {
    const list = await this.approvals.list()
    return { approval: list[0] ?? null, total: list.length }
  }

  /** The user decided. The answer goes to the page; the window moves on or closes. */
  async resolveApproval(id: string, decision: ApprovalDecision): Promise<{ result: unknown } | { error: ErrorShape }> {
    const item = await this.approvals.take(id)
    if (!item) throw new WalletError('ALREADY_SETTLED', 'This request was already answered or withdrawn.')
    let reply: { result: unknown } | { error: ErrorShape }
    if (!decision.approved) {
      reply = { error: { code: RPC.userRejected, message: 'The user rejected the request.' } }
    } else {
      try {
        reply = { result: await completeApproval(this, item, decision) }
      } catch (err) {
        reply = { error: providerError(err) }
      }
    }
    await this.answer(item, reply)
    if ((await this.approvals.list()).length === 0) await this.closeApprovalWindow()
    return reply
  }

  /** The approval window was closed: everything it was showing is rejected. */
  async onWindowRemoved(windowId: number): Promise<void> {
    if ((await this.approvals.windowId()) !== windowId) return
    await this.approvals.setWindowId(null)
    for (const item of await this.approvals.takeAll()) {
      await this.answer(item, { error: { code: RPC.userRejected, message: 'The user closed the approval window.' } })
    }
  }

  /** A frame went away (tab closed or navigated): its pending requests are withdrawn. */
  async onFrameGone(tabId: number, frameId?: number): Promise<void> {
    await this.connections.drop({ tabId, ...(frameId === undefined ? {} : { frameId }) })
    const gone = await this.approvals.takeAll((p) => p.requester.tabId === tabId && (frameId === undefined || p.requester.frameId === frameId))
    if (gone.length && (await this.approvals.list()).length === 0) await this.closeApprovalWindow()
  }

  /**
   * After a service-worker restart: approvals whose window survived keep waiting; if the window is
   * gone they are rejected with 4900 so no page waits forever.
   */
  async restore(): Promise<void> {
    const pending = await this.approvals.list()
    const windowId = await this.approvals.windowId()
    const alive = windowId !== null && (await this.wallet.platform.windowExists(windowId))
    if (alive) return
    if (windowId !== null) await this.approvals.setWindowId(null)
    if (!pending.length) return
    for (const item of await this.approvals.takeAll()) {
      await this.answer(item, { error: { code: RPC.disconnected, message: 'The wallet restarted before this request was answered; please send it again.' } })
    }
  }

  private async answer(item: PendingApproval, reply: { result: unknown } | { error: ErrorShape }): Promise<void> {
    const { tabId, frameId, requestId } = item.requester
    await this.wallet.platform.pushToTab(tabId, frameId, { channel: 'push', kind: 'response', id: requestId, reply })
  }

  private async showApprovalWindow(): Promise<void> {
    const platform = this.wallet.platform
    const existing = await this.approvals.windowId()
    if (existing !== null && (await platform.focusWindow(existing))) return
    const id = await platform.openWindow(APPROVAL_WINDOW.path, { width: APPROVAL_WINDOW.width, height: APPROVAL_WINDOW.height })
    await this.approvals.setWindowId(id)
  }

  private async closeApprovalWindow(): Promise<void> {
    const id = await this.approvals.windowId()
    if (id === null) return
    await this.approvals.setWindowId(null)
    await this.wallet.platform.closeWindow(id)
  }

  // ---------------------------------------------------------------- events

  /** Chains whose every RPC URL failed on the last try: pages were told `disconnect`. */
  private readonly unreachable = new Set<number>()

  private async markUnreachable(chainId: number, message: string): Promise<void> {
    if (this.unreachable.has(chainId)) return
    this.unreachable.add(chainId)
    for (const c of await this.connections.list()) await this.push(c, 'disconnect', { code: RPC.chainDisconnected, message })
  }

  private async markReachable(chainId: number): Promise<void> {
    if (!this.unreachable.delete(chainId)) return
    for (const c of await this.connections.list()) await this.push(c, 'connect', { chainId: toHexChainId(chainId) })
  }

  /** accountsChanged to every frame of each origin (or of one origin), with what that origin may see. */
  async pushAccountsChanged(onlyOrigin?: string): Promise<void> {
    const conns = (await this.connections.list()).filter((c) => !onlyOrigin || c.origin === onlyOrigin)
    const byOrigin = new Map<string, Address[]>()
    for (const c of conns) {
      if (!byOrigin.has(c.origin)) byOrigin.set(c.origin, await this.accountsFor(c.origin))
      await this.push(c, 'accountsChanged', byOrigin.get(c.origin))
    }
  }

  async pushChainChanged(): Promise<void> {
    const chainId = toHexChainId((await this.wallet.activeNetwork()).chainId)
    for (const c of await this.connections.list()) await this.push(c, 'chainChanged', chainId)
  }

  private async push(c: Connection, event: ProviderEventName, data: unknown): Promise<void> {
    const ok = await this.wallet.platform.pushToTab(c.tabId, c.frameId, { channel: 'push', kind: 'event', event, data })
    if (!ok) await this.connections.drop(c)
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

