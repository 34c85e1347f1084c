// The balance cache in storage.local. Public data only (addresses and amounts, never a secret),
// written by the background; the popup follows it through the 'balances' topic (src/topics.ts), so
// the last known balances are on screen before any RPC answers.
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'

export const BALANCE_KEYS = {
  /** BalanceMeta: the chains and tokens the cache refers to */
  meta: 'balances.meta',
  /** BalanceFilter: the chains the user chose to see (absent: the active chain's family) */
  filter: 'balances.filter',
} as const

/** AccountBalances of one account */
export const accountKey = (address: string) => `balances.acct.${address.toLowerCase()}`

export interface ChainReading {
  /** ms since epoch of the last good read; null before the first */
  at: number | null
  /** block number of the last good read (decimal string) */
  block: string | null
  /** token id -> base units (decimal string), from the last good read */
  amounts: Record<string, string>
  /** the last refresh failed after `at`: the amounts are stale */
  error: { message: string; at: number } | null
}

export interface AccountBalances {
  v: 1
  address: string
  /** chain id -> its reading */
  chains: Record<string, ChainReading>
}

export interface ChainMeta {
  chainId: number
  name: string
  shortName: string
  /** the L1 it settles to; null for an L1 */
  l1ChainId: number | null
  testnet: boolean
  explorerUrl: string | null
}

export interface TokenMeta {
  id: string
  symbol: string
  name: string
  decimals: number
  /** the chains where the token has an address */
  chains: number[]
}

export interface BalanceMeta {
  v: 1
  chains: ChainMeta[]
  tokens: TokenMeta[]
}

export interface BalanceFilter {
  chainIds: number[]
}

export class BalanceCache {
  private readonly mutex = new Mutex()
  private readonly listeners = new Set<(address: string | null) => void>()
  constructor(private readonly kv: KV) {}

  /** Called after each write: with the account whose balances changed, or null when the meta or the filter did. */
  subscribe(listener: (address: string | null) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(address: string | null): void {
    for (const l of [...this.listeners]) l(address)
  }

  async account(address: string): Promise<AccountBalances> {
    const raw = await this.kv.get<AccountBalances>(accountKey(address))
    return raw && raw.v === 1 && raw.chains && typeof raw.chains === 'object' ? raw : { v: 1, address: address.toLowerCase(), chains: {} }
  }

  /** Applies one chain's outcome (a good read, or a failure that keeps the last good values). */
  update(address: string, chainId: number, outcome: { ok: true; at: number; block: bigint; amounts: Record<string, bigint> } | { ok: false; at: number; message: string }): Promise<AccountBalances> {
    return this.mutex.run(async () => {
      const acct = await this.account(address)
      const prev: ChainReading = acct.chains[String(chainId)] ?? { at: null, block: null, amounts: {}, error: null }
      acct.chains[String(chainId)] = outcome.ok
        ? { at: outcome.at, block: outcome.block.toString(), amounts: Object.fromEntries(Object.entries(outcome.amounts).map(([k, v]) => [k, v.toString()])), error: null }
        : { ...prev, error: { message: outcome.message, at: outcome.at } }
      await this.kv.set({ [accountKey(address)]: acct })
      this.emit(address.toLowerCase())
      return acct
    })
  }

  async meta(): Promise<BalanceMeta | null> {
    const m = await this.kv.get<BalanceMeta>(BALANCE_KEYS.meta)
    return m && m.v === 1 ? m : null
  }

  /** Writes the meta only when it changed (every write wakes the popup's storage listener). */
  async setMeta(meta: BalanceMeta): Promise<void> {
    const prev = await this.meta()
    if (prev && JSON.stringify(prev) === JSON.stringify(meta)) return
    await this.kv.set({ [BALANCE_KEYS.meta]: meta })
    this.emit(null)
  }

  async filter(): Promise<BalanceFilter | null> {
    const f = await this.kv.get<BalanceFilter>(BALANCE_KEYS.filter)
    return f && Array.isArray(f.chainIds) ? { chainIds: f.chainIds.filter((n) => Number.isSafeInteger(n)) } : null
  }

  async setFilter(f: BalanceFilter | null): Promise<void> {
    if (f) await this.kv.set({ [BALANCE_KEYS.filter]: { chainIds: [...new Set(f.chainIds)] } })
    else await this.kv.remove([BALANCE_KEYS.filter])
    this.emit(null)
  }
}
