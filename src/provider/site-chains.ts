// A chain per site, as MetaMask and Rabby keep one: each origin has its own active chain (until it
// has one, it follows the wallet's), and the chains the user approved for it. A site switches
// without a prompt only to a chain the user approved for that site before. Stored in storage.local,
// keyed by origin; forgotten when the site is disconnected.
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'

export const SITE_CHAINS_KEY = 'provider.siteChains'

/** Sites remembered at most; the least recently changed are forgotten first. */
export const MAX_SITES = 500

export interface SiteChain {
  /** the site's active chain */
  chainId: number
  /** chains the user approved for this site (its active chain always among them) */
  approved: number[]
  /** ms since epoch of the last change */
  date: number
}

export class SiteChainStore {
  private readonly mutex = new Mutex()
  private readonly listeners = new Set<(origin: string) => void>()
  private cache: Record<string, SiteChain> | null = null

  constructor(private readonly kv: KV) {}

  /** Called with the origin whose chain or approvals changed. */
  subscribe(listener: (origin: string) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Every site's entry (a copy: callers may change it). Read from storage once, then kept: this store is its only writer. */
  async all(): Promise<Record<string, SiteChain>> {
    this.cache ??= parse(await this.kv.get<unknown>(SITE_CHAINS_KEY))
    return Object.fromEntries(Object.entries(this.cache).map(([o, s]) => [o, { ...s, approved: [...s.approved] }]))
  }

  async get(origin: string): Promise<SiteChain | undefined> {
    const all = await this.all()
    return Object.prototype.hasOwnProperty.call(all, origin) ? all[origin] : undefined
  }

  /** Makes `chainId` the site's chain (and approved for it). Resolves whether the active chain changed. */
  set(origin: string, chainId: number, date: number): Promise<boolean> {
    return this.write(origin, (s) => ({ chainId, approved: [...(s?.approved ?? []), chainId], date }), (before) => before?.chainId !== chainId)
  }

  /** Approves `chainIds` for the site without switching; a site without a chain gets `activeChainId` as its own. */
  approve(origin: string, activeChainId: number, chainIds: number[], date: number): Promise<boolean> {
    return this.write(origin, (s) => ({ chainId: s?.chainId ?? activeChainId, approved: [...(s?.approved ?? []), ...chainIds], date }), () => false)
  }

  /** Forgets the site: it follows the wallet's chain again. Resolves whether it had a chain of its own. */
  forget(origin: string): Promise<boolean> {
    return this.mutex.run(async () => {
      const all = await this.all()
      if (!Object.prototype.hasOwnProperty.call(all, origin)) return false
      delete all[origin]
      await this.save(all)
      this.emit(origin)
      return true
    })
  }

  /** A network was removed: sites on it follow the wallet's chain again, and it is no longer approved anywhere. */
  forgetChain(chainId: number): Promise<string[]> {
    return this.mutex.run(async () => {
      const all = await this.all()
      const moved: string[] = []
      for (const [origin, s] of Object.entries(all)) {
        if (s.chainId === chainId) {
          delete all[origin]
          moved.push(origin)
        } else s.approved = s.approved.filter((c) => c !== chainId)
      }
      await this.save(all)
      for (const o of moved) this.emit(o)
      return moved
    })
  }

  private write(origin: string, next: (s: SiteChain | undefined) => SiteChain, changed: (before: SiteChain | undefined) => boolean): Promise<boolean> {
    return this.mutex.run(async () => {
      const all = await this.all()
      const before = Object.prototype.hasOwnProperty.call(all, origin) ? all[origin] : undefined
      const s = next(before)
      all[origin] = { ...s, approved: [...new Set([s.chainId, ...s.approved])].slice(-64) }
      const origins = Object.keys(all)
      if (origins.length > MAX_SITES) {
        for (const o of origins.sort((a, b) => all[a].date - all[b].date).slice(0, origins.length - MAX_SITES)) if (o !== origin) delete all[o]
      }
      await this.save(all)
      this.emit(origin)
      return changed(before)
    })
  }

  private async save(all: Record<string, SiteChain>): Promise<void> {
    this.cache = null // a failed write leaves storage as it was: read it again
    await this.kv.set({ [SITE_CHAINS_KEY]: all })
    this.cache = all
  }

  private emit(origin: string): void {
    for (const l of [...this.listeners]) {
      try {
        l(origin)
      } catch (err) {
        console.error('site chain listener failed', err)
      }
    }
  }
}

function parse(raw: unknown): Record<string, SiteChain> {
  const out: Record<string, SiteChain> = {}
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out
  for (const [origin, v] of Object.entries(raw as Record<string, unknown>)) {
    const s = v as Partial<SiteChain> | null
    if (!s || !Number.isSafeInteger(s.chainId) || (s.chainId as number) <= 0) continue
    const approved = Array.isArray(s.approved) ? s.approved.filter((c): c is number => Number.isSafeInteger(c) && c > 0) : []
    out[origin] = { chainId: s.chainId as number, approved: [...new Set([s.chainId as number, ...approved])], date: typeof s.date === 'number' ? s.date : 0 }
  }
  return out
}
