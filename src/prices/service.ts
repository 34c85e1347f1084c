// USD prices without a backend: each L1 family's feeds (Ethereum's ETH/USD prices ETH on Ethereum
// and on its rollups; the devnet's own feed prices the devnet's ETH) read from chain, kept in
// storage with when they were read and how old the feed's own answer was, so the popup shows fiat
// from the cache before any RPC answers. A family is read at most once a minute; its first feed
// chain that answers wins (the L1 first, then the L2s that carry the same feed).
import type { Network } from '../chains/types.ts'
import { familyOf, l1ChainOf } from '../chains/family.ts'
import { publicClientFor } from '../chains/rpc-client.ts'
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'
import type { PriceFeed } from './feeds.ts'
import { priceKey, type Price, type PriceBook } from './book.ts'

export { priceKey, priceOf, type Price, type PriceBook } from './book.ts'
import { readFeeds } from './read.ts'

export const PRICES_KEY = 'prices'
/** How long a read counts as fresh: the UI asks again after this. */
export const PRICE_TTL_MS = 60_000
const READ_TIMEOUT_MS = 6_000

export interface PriceDeps {
  kv: KV
  networks: () => Promise<Network[]>
  /** shipped + devnet feeds */
  feeds: PriceFeed[]
  now: () => number
  client?: (n: Network) => Pick<ReturnType<typeof publicClientFor>, 'multicall'>
}

export class PriceService {
  private readonly mutex = new Mutex()
  private readonly listeners = new Set<() => void>()
  private inflight: Promise<PriceBook> | null = null

  constructor(private readonly deps: PriceDeps) {}

  subscribe(l: () => void): () => void {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  async book(): Promise<PriceBook> {
    const raw = await this.deps.kv.get<PriceBook>(PRICES_KEY)
    return raw && raw.v === 1 && raw.prices && typeof raw.prices === 'object' ? { v: 1, prices: raw.prices, errors: raw.errors ?? {} } : { v: 1, prices: {}, errors: {} }
  }

  /** Reads every family's feeds when the last read is older than the TTL (or `force`). */
  refresh(opts: { force?: boolean } = {}): Promise<PriceBook> {
    this.inflight ??= this.read(!!opts.force).finally(() => {
      this.inflight = null
    })
    return this.inflight
  }

  private async read(force: boolean): Promise<PriceBook> {
    const networks = await this.deps.networks()
    const now = this.deps.now()
    const before = await this.book()
    // feeds grouped by family, then by the chain they live on (one request per chain)
    const families = new Map<number, Map<number, PriceFeed[]>>()
    for (const f of this.deps.feeds) {
      const n = networks.find((x) => x.chainId === f.chainId)
      if (!n) continue
      const l1 = l1ChainOf(n)
      const fresh = before.prices[priceKey(l1, f.asset)]
      if (!force && fresh && now - fresh.readAt < PRICE_TTL_MS) continue
      const fam = families.get(l1) ?? new Map<number, PriceFeed[]>()
      fam.set(f.chainId, [...(fam.get(f.chainId) ?? []), f])
      families.set(l1, fam)
    }
    if (!families.size) return before
    const client = this.deps.client ?? ((n: Network) => publicClientFor(n, { timeoutMs: READ_TIMEOUT_MS }))
    const found: Record<string, Price> = {}
    const errors: Record<string, { message: string; at: number }> = {}
    await Promise.all(
      [...families].map(async ([l1, byChain]) => {
        // the L1 first, then its rollups in the wallet's order
        const order = familyOf(networks, l1).map((n) => n.chainId).filter((id) => byChain.has(id))
        const missing = new Set([...byChain.values()].flat().map((f) => f.asset))
        let lastError: string | null = null
        for (const chainId of order) {
          const feeds = byChain.get(chainId)!.filter((f) => missing.has(f.asset))
          if (!feeds.length) continue
          try {
            const got = await readFeeds(client(networks.find((n) => n.chainId === chainId)!), feeds.map((f) => f.address))
            feeds.forEach((f, i) => {
              const r = got[i]
              if (!r) return
              missing.delete(f.asset)
              found[priceKey(l1, f.asset)] = { answer: r.answer, decimals: r.decimals, updatedAt: r.updatedAt * 1000, pair: f.pair, chainId, feed: r.address, readAt: now }
            })
          } catch (err) {
            lastError = ((err as { shortMessage?: string }).shortMessage ?? (err as Error).message).split('\n')[0].slice(0, 160)
          }
          if (!missing.size) break
        }
        if (missing.size && lastError) errors[String(l1)] = { message: lastError, at: now }
      }),
    )
    return this.mutex.run(async () => {
      const cur = await this.book()
      const next: PriceBook = { v: 1, prices: { ...cur.prices, ...found }, errors: { ...Object.fromEntries(Object.entries(cur.errors).filter(([k]) => !families.has(Number(k)))), ...errors } }
      await this.deps.kv.set({ [PRICES_KEY]: next })
      for (const l of [...this.listeners]) l()
      return next
    })
  }
}
