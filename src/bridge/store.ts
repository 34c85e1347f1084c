// Tracked deposits and withdrawals in storage.local, from the moment the transaction is signed
// (a service worker killed between signing and the receipt loses nothing), plus the last read
// rollup parameters per L2 (screens show them at once, before any RPC answers).
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'
import type { RollupParams } from '../rollup/params.ts'
import type { BridgeItem, DepositItem, WithdrawalItem } from './types.ts'
import type { ClockSample } from './view.ts'

export const BRIDGE_KEYS = {
  items: 'bridge.items',
  params: 'bridge.params',
  discovery: 'bridge.discovery',
  clocks: 'bridge.clocks',
} as const

/** Finished items are kept this long, then dropped (ms); at most MAX_FINISHED of them. An unfinished one is never dropped. */
export const KEEP_FINISHED_MS = 90 * 24 * 3600 * 1000
export const MAX_FINISHED = 300

export interface DiscoveryMark {
  /** ms since epoch of the last complete scan */
  at: number
  errors?: string[]
}

export class BridgeStore {
  private readonly mutex = new Mutex()
  private readonly listeners = new Set<() => void>()
  constructor(private readonly kv: KV) {}

  /** Called after every change of the tracked items (the screens' subscription). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async list(): Promise<BridgeItem[]> {
    const raw = await this.kv.get<unknown>(BRIDGE_KEYS.items)
    return Array.isArray(raw) ? (raw as BridgeItem[]).filter(isItem) : []
  }

  async get(id: string): Promise<BridgeItem | undefined> {
    return (await this.list()).find((i) => i.id === id)
  }

  async withdrawals(): Promise<WithdrawalItem[]> {
    return (await this.list()).filter((i): i is WithdrawalItem => i.kind === 'withdrawal')
  }

  async deposits(): Promise<DepositItem[]> {
    return (await this.list()).filter((i): i is DepositItem => i.kind === 'deposit')
  }

  /** Adds items not stored yet (same id: the stored one wins, unless `replace`). */
  add(items: BridgeItem[], opts: { replace?: boolean } = {}): Promise<number> {
    return this.mutex.run(async () => {
      const all = await this.list()
      const ids = new Map(all.map((x, i) => [x.id, i]))
      let added = 0
      for (const item of items) {
        const at = ids.get(item.id)
        if (at === undefined) {
          ids.set(item.id, all.length)
          all.push(item)
          added++
        } else if (opts.replace) all[at] = item
      }
      await this.save(all)
      return added
    })
  }

  /** Applies `f` to each stored item under the lock; returns the items after. */
  updateAll(f: (item: BridgeItem) => BridgeItem): Promise<BridgeItem[]> {
    return this.mutex.run(async () => {
      const next = (await this.list()).map(f)
      await this.save(next)
      return next
    })
  }

  update<T extends BridgeItem>(id: string, patch: (item: T) => T): Promise<T | undefined> {
    return this.mutex.run(async () => {
      const all = await this.list()
      const i = all.findIndex((x) => x.id === id)
      if (i < 0) return undefined
      all[i] = patch(all[i] as T)
      await this.save(all)
      return all[i] as T
    })
  }

  private async save(all: BridgeItem[]): Promise<void> {
    const now = Date.now()
    const open = all.filter((x) => !isFinished(x))
    const finished = all
      .filter((x) => isFinished(x) && now - x.createdAt <= KEEP_FINISHED_MS)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, MAX_FINISHED)
    await this.kv.set({ [BRIDGE_KEYS.items]: [...open, ...finished].sort((a, b) => b.createdAt - a.createdAt) })
    for (const l of [...this.listeners]) l()
  }

  async params(): Promise<Record<string, RollupParams>> {
    const raw = await this.kv.get<Record<string, RollupParams>>(BRIDGE_KEYS.params)
    return raw && typeof raw === 'object' ? raw : {}
  }

  setParams(p: RollupParams): Promise<void> {
    return this.mutex.run(async () => {
      await this.kv.set({ [BRIDGE_KEYS.params]: { ...(await this.params()), [String(p.l2ChainId)]: p } })
    })
  }

  /** Per L1 chain id: its block time and this computer's time at the last read (view.ts converts with it). */
  async clocks(): Promise<Record<string, ClockSample>> {
    const raw = await this.kv.get<Record<string, ClockSample>>(BRIDGE_KEYS.clocks)
    return raw && typeof raw === 'object' ? raw : {}
  }

  setClocks(samples: Record<string, ClockSample>): Promise<void> {
    return this.mutex.run(async () => {
      await this.kv.set({ [BRIDGE_KEYS.clocks]: { ...(await this.clocks()), ...samples } })
    })
  }

  async discovery(): Promise<Record<string, DiscoveryMark>> {
    const raw = await this.kv.get<Record<string, DiscoveryMark>>(BRIDGE_KEYS.discovery)
    return raw && typeof raw === 'object' ? raw : {}
  }

  markDiscovered(account: string, mark: DiscoveryMark): Promise<void> {
    return this.mutex.run(async () => {
      await this.kv.set({ [BRIDGE_KEYS.discovery]: { ...(await this.discovery()), [account.toLowerCase()]: mark } })
    })
  }
}

export function isFinished(x: BridgeItem): boolean {
  return x.kind === 'withdrawal' ? x.status === 'finalized' || x.status === 'failed' : x.status === 'credited' || x.status === 'failed'
}

function isItem(x: unknown): x is BridgeItem {
  if (!x || typeof x !== 'object') return false
  const i = x as { kind?: unknown; id?: unknown }
  return (i.kind === 'withdrawal' || i.kind === 'deposit') && typeof i.id === 'string'
}
