// The bridge as the background runs it: tracked items in storage, one tracker tick at a time on an
// alarm (every minute while anything moves, and right at the next predicted transition, so it works
// with the popup closed and across service-worker restarts), a notification and the badge count
// when a withdrawal becomes ready to prove or to finalize, rediscovery from chain logs, and the
// views the screens show.
import type { Address } from 'viem'
import type { RpcClient } from '../chains/rpc-client.ts'
import type { Network } from '../chains/types.ts'
import { publicClientFor } from '../chains/rpc-client.ts'
import { exitDuration, formatDuration } from '../rollup/exit-time.ts'
import type { RollupParams } from '../rollup/params.ts'
import { Mutex } from '../util/mutex.ts'
import type { BridgeContext } from './context.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { chunksFor, discoverDeposits, discoverWithdrawals, DEPOSIT_LOOKBACK_S, withdrawalLookback } from './discover.ts'
import { BridgeStore, isFinished } from './store.ts'
import { applyReplaced, type Replaced } from './replaced.ts'
import { bridgeTokens, type BridgeTokenOption, type RegistryToken } from './tokens.ts'
import { Tracker, type TickReport } from './tracker.ts'
import type { BridgeItem, WithdrawalItem } from './types.ts'
import { amountText, depositView, withdrawalView, type ClockSample, type ItemView } from './view.ts'

export const BRIDGE_ALARM = 'bridge-tracker'
/** While anything is in flight the tracker looks at least this often (browsers allow >= 30 s). */
export const CHECK_EVERY_MS = 60_000

export interface BridgeServiceDeps {
  wallet: Wallet
  /** the token registry (src/tokens); without one, ETH only */
  registry?: () => Promise<RegistryToken[]>
  client?: (n: Network) => RpcClient
  /** eth_getLogs ranges for rediscovery (public nodes refuse large ones) */
  scan?: { l1ChunkBlocks?: number; l2ChunkBlocks?: number; maxChunks?: number }
}

export interface Arrival {
  chainId: number
  address: string
}

export interface ChainView {
  l2ChainId: number
  name: string
  l1Name: string
  ok: boolean
  error?: string
  checkedAt?: number
}

export interface Overview {
  items: ItemView[]
  chains: ChainView[]
  /** withdrawals waiting for the user (the badge) */
  actionable: number
}

export class BridgeService implements BridgeContext {
  readonly store: BridgeStore
  readonly tracker: Tracker
  readonly client: (n: Network) => RpcClient
  private checking: Promise<TickReport> | null = null
  private readonly chainStatus = new Map<number, ChainView>()
  private readonly discovering = new Mutex()
  private readonly arrivalListeners = new Set<(arrivals: Arrival[]) => Promise<void>>()

  constructor(private readonly deps: BridgeServiceDeps) {
    this.store = new BridgeStore(deps.wallet.local)
    this.client = deps.client ?? ((n) => publicClientFor(n))
    this.tracker = new Tracker({
      store: this.store,
      network: (id) => deps.wallet.networks.get(id),
      client: this.client,
      now: () => deps.wallet.platform.now(),
    })
    deps.wallet.alarms.on(BRIDGE_ALARM, async () => {
      // the alarm that rang is spent: one is set again before the tick, so a background stopped in
      // the middle of it still wakes within a minute (the tick's end sets the real next one)
      this.schedule(this.now() + CHECK_EVERY_MS)
      await this.check()
    })
    // a wallet just set up (or a new account): find its past bridging once
    deps.wallet.onChange((what) => {
      if (what === 'accounts') void this.autoDiscover().catch((err) => console.error('bridge discovery failed', err))
    })
  }

  /** Money arrived: a deposit credited on its L2, a withdrawal paid out on its L1 (balances refresh there). */
  onArrival(listener: (arrivals: Arrival[]) => Promise<void>): () => void {
    this.arrivalListeners.add(listener)
    return () => this.arrivalListeners.delete(listener)
  }

  get wallet(): Wallet {
    return this.deps.wallet
  }

  // ------------------------------------------------------------------ BridgeContext

  network(chainId: number): Promise<Network> {
    return this.deps.wallet.networks.require(chainId)
  }

  networks(): Promise<Network[]> {
    return this.deps.wallet.networks.list()
  }

  params(l2: Network, opts: { fresh?: boolean } = {}): Promise<RollupParams> {
    return this.tracker.paramsFor(l2, opts)
  }

  now(): number {
    return this.deps.wallet.platform.now()
  }

  /** At background start: keep watching what was in flight; look for past bridging of accounts never scanned. */
  async start(): Promise<void> {
    const items = await this.store.list()
    if (items.some((i) => !isFinished(i))) this.schedule(this.wallet.platform.now() + 1000)
    this.updateBadge(items)
    void this.autoDiscover().catch((err) => console.error('bridge discovery failed', err))
  }

  /** One tracker tick (one at a time; a second caller gets the running one). */
  check(): Promise<TickReport> {
    this.checking ??= this.runCheck().finally(() => {
      this.checking = null
    })
    return this.checking
  }

  private async runCheck(): Promise<TickReport> {
    const report = await this.tracker.tick()
    const names = await this.names()
    const clocks: Record<string, ClockSample> = {}
    for (const c of report.chains) {
      const n = names.get(c.l2ChainId)
      this.chainStatus.set(c.l2ChainId, { l2ChainId: c.l2ChainId, name: n?.l2 ?? `Chain ${c.l2ChainId}`, l1Name: n?.l1 ?? 'L1', ok: c.ok, ...(c.error ? { error: c.error } : {}), checkedAt: c.localNow })
      const l1 = (await this.wallet.networks.get(c.l2ChainId))?.rollup?.l1ChainId
      if (c.ok && c.l1Now !== undefined && l1 !== undefined) clocks[String(l1)] = { l1: c.l1Now, local: c.localNow }
    }
    if (Object.keys(clocks).length) await this.store.setClocks(clocks)
    await this.announce(report, names)
    const arrivals = report.transitions.flatMap((t) =>
      t.what === 'credited' ? [{ chainId: t.item.l2ChainId, address: t.item.to }] : t.what === 'finalized' ? [{ chainId: t.item.l1ChainId, address: t.item.to }] : [],
    )
    if (arrivals.length) await Promise.all([...this.arrivalListeners].map((l) => l(arrivals).catch((err) => console.error('after an arrival', err))))
    const items = await this.store.list()
    this.updateBadge(items)
    const now = this.wallet.platform.now()
    if (report.active > 0) this.schedule(Math.min(now + CHECK_EVERY_MS, report.nextAt !== null && report.nextAt > now ? report.nextAt + 1000 : Infinity))
    else this.wallet.platform.clearAlarm(BRIDGE_ALARM)
    return report
  }

  /** A tracked transaction lost its nonce to a speed-up or a cancel that was mined: its item follows (./replaced.ts). */
  async followReplaced(r: Replaced): Promise<void> {
    if (await applyReplaced(this.store, r)) this.schedule(this.wallet.platform.now() + 1000)
  }

  /** Looks again soon (after a send: the receipt comes within seconds on a rollup). */
  schedule(when: number): void {
    this.wallet.platform.setAlarm(BRIDGE_ALARM, when)
  }

  private async announce(report: TickReport, names: Map<number, { l1: string; l2: string }>): Promise<void> {
    for (const t of report.transitions) {
      if (t.item.kind !== 'withdrawal') continue
      const w = t.item
      const n = names.get(w.l2ChainId) ?? { l1: 'L1', l2: `chain ${w.l2ChainId}` }
      const what = t.what
      if (what === 'ready-to-prove' && !w.notified?.prove) {
        this.wallet.platform.notify(`bridge:${w.id}:prove`, 'Withdrawal ready to prove', `${amountText(w)} from ${n.l2}: prove it on ${n.l1} to start its waiting period.`)
        await this.markNotified(w.id, 'prove')
      } else if (what === 'ready-to-finalize' && !w.notified?.finalize) {
        this.wallet.platform.notify(`bridge:${w.id}:finalize`, 'Withdrawal ready to finalize', `${amountText(w)} from ${n.l2} can be finalized on ${n.l1} now.`)
        await this.markNotified(w.id, 'finalize')
      } else if (what === 'reprove') {
        this.wallet.platform.notify(`bridge:${w.id}:reprove`, 'Withdrawal needs a new proof', `${amountText(w)} from ${n.l2}: ${w.reprove ?? 'its proof no longer counts.'}`)
        await this.markNotified(w.id, 'prove', false)
      }
    }
  }

  private markNotified(id: string, what: 'prove' | 'finalize', value = true): Promise<unknown> {
    return this.store.update<WithdrawalItem>(id, (w) => ({ ...w, notified: { ...w.notified, [what]: value } }))
  }

  private updateBadge(items: BridgeItem[]): void {
    const n = actionable(items)
    this.wallet.platform.setBadge(n ? String(n) : '')
  }

  private async names(): Promise<Map<number, { l1: string; l2: string }>> {
    const all = await this.wallet.networks.list()
    const byId = new Map(all.map((n) => [n.chainId, n]))
    return new Map(all.filter((n) => n.rollup).map((n) => [n.chainId, { l2: n.name, l1: byId.get(n.rollup!.l1ChainId)?.name ?? `chain ${n.rollup!.l1ChainId}` }]))
  }

  // ------------------------------------------------------------------ views

  async overview(): Promise<Overview> {
    const [items, names, clocks, params] = await Promise.all([this.store.list(), this.names(), this.store.clocks(), this.store.params()])
    const now = this.wallet.platform.now()
    const views = items.map((i) => this.view(i, names, clocks, params, now))
    const chains = [...this.chainStatus.values()].filter((c) => items.some((i) => i.l2ChainId === c.l2ChainId && !isFinished(i)))
    return { items: views, chains, actionable: actionable(items) }
  }

  async item(id: string): Promise<ItemView | null> {
    const item = await this.store.get(id)
    if (!item) return null
    const [names, clocks, params] = await Promise.all([this.names(), this.store.clocks(), this.store.params()])
    return this.view(item, names, clocks, params, this.wallet.platform.now())
  }

  private view(i: BridgeItem, names: Map<number, { l1: string; l2: string }>, clocks: Record<string, ClockSample>, params: Record<string, RollupParams>, now: number): ItemView {
    const n = names.get(i.l2ChainId) ?? { l1: `chain ${i.l1ChainId}`, l2: `chain ${i.l2ChainId}` }
    return i.kind === 'withdrawal' ? withdrawalView(i, n, clocks[String(i.l1ChainId)], params[String(i.l2ChainId)], now) : depositView(i, n)
  }

  /** ETH and every token the wallet knows on both sides of this L2's bridge. */
  async tokens(l2ChainId: number): Promise<BridgeTokenOption[]> {
    const l2 = await this.wallet.networks.require(l2ChainId)
    if (!l2.rollup) return []
    return bridgeTokens((await this.deps.registry?.()) ?? [], l2.rollup.l1ChainId, l2ChainId)
  }

  /** Today's exit on one L2, in words and seconds, from its live parameters. */
  async exitEstimate(l2ChainId: number) {
    const l2 = await this.wallet.networks.require(l2ChainId)
    const p = await this.tracker.paramsFor(l2)
    const d = exitDuration(p)
    return {
      ...d,
      text: d.totalSeconds !== null ? `About ${formatDuration(d.totalSeconds)}: ${d.reason}` : d.reason,
      params: p,
    }
  }

  // ------------------------------------------------------------------ discovery

  /** Scans the chains' logs for the accounts' deposits and withdrawals; adds what is not tracked yet. */
  discover(opts: { accounts?: Address[]; l1ChainIds?: number[] } = {}): Promise<{ found: number; errors: string[] }> {
    return this.discovering.run(() => this.scan(opts))
  }

  private async scan(opts: { accounts?: Address[]; l1ChainIds?: number[] }): Promise<{ found: number; errors: string[] }> {
    const accounts = opts.accounts ?? (await this.wallet.keyring.status()).accounts.map((a) => a.address)
    const networks = await this.wallet.networks.list()
    const rollups = networks.filter((n) => n.rollup && (!opts.l1ChainIds || opts.l1ChainIds.includes(n.rollup.l1ChainId)))
    const now = this.wallet.platform.now()
    const errors: string[] = []
    const found: BridgeItem[] = []
    const sc = this.deps.scan ?? {}
    await Promise.all(
      rollups.map(async (l2) => {
        const l1 = networks.find((n) => n.chainId === l2.rollup!.l1ChainId)
        if (!l1) return
        for (const account of accounts) {
          try {
            // as far back as the chain's own exit window requires (read from the chain), in ranges a node accepts
            const exit = await this.tracker
              .paramsFor(l2)
              .then((p) => exitDuration(p).totalSeconds)
              .catch(() => null)
            const lookback = withdrawalLookback(exit)
            const l2Chunk = sc.l2ChunkBlocks ?? 50_000
            const l1Chunk = sc.l1ChunkBlocks ?? 10_000
            const [ws, ds] = await Promise.all([
              discoverWithdrawals(this.client(l2), { l2ChainId: l2.chainId, l1ChainId: l1.chainId, blockTimeSeconds: l2.blockTimeSeconds }, account, now, {
                lookbackSeconds: lookback,
                chunkBlocks: l2Chunk,
                maxChunks: sc.maxChunks ?? chunksFor(lookback, l2.blockTimeSeconds, l2Chunk),
              }),
              discoverDeposits(this.client(l1), { ...l2.rollup!, l2ChainId: l2.chainId, l1BlockTimeSeconds: l1.blockTimeSeconds }, account, now, {
                lookbackSeconds: DEPOSIT_LOOKBACK_S,
                chunkBlocks: l1Chunk,
                maxChunks: sc.maxChunks ?? chunksFor(DEPOSIT_LOOKBACK_S, l1.blockTimeSeconds, l1Chunk),
              }),
            ])
            found.push(...ws, ...ds)
          } catch (err) {
            errors.push(`${l2.name}: ${(err as { shortMessage?: string; message?: string }).shortMessage ?? (err as Error).message}`)
          }
        }
      }),
    )
    const added = await this.store.add(found)
    for (const a of accounts) await this.store.markDiscovered(a, { at: now, ...(errors.length ? { errors } : {}) })
    if (added) await this.check()
    return { found: added, errors }
  }

  /** Accounts never scanned, on the active network's family (its L1 and that L1's rollups). */
  private autoDiscover(): Promise<unknown> {
    return this.discovering.run(async () => {
      const marks = await this.store.discovery()
      const accounts = (await this.wallet.keyring.status()).accounts.map((a) => a.address).filter((a) => !marks[a.toLowerCase()])
      if (!accounts.length) return
      const active = await this.wallet.activeNetwork()
      await this.scan({ accounts, l1ChainIds: [active.rollup?.l1ChainId ?? active.chainId] })
    })
  }
}

export function actionable(items: BridgeItem[]): number {
  return items.filter((i) => i.kind === 'withdrawal' && (i.status === 'ready-to-prove' || i.status === 'ready-to-finalize')).length
}
