// What the home screen shows, computed from the cache alone (the popup calls this on the cached
// data before the background has answered): one row per token with its amount on each chosen
// chain, L1 first, and the total; one column per chain with how fresh its figures are.
// Pure and small: the popup bundles it.
import { familyOf } from '../chains/family.ts'
import type { AccountBalances, BalanceMeta, ChainMeta, TokenMeta } from './cache.ts'

/** A good read older than this is shown as stale even if no refresh failed since. */
export const STALE_AFTER_MS = 15 * 60_000

export type ChainStatus = 'fresh' | 'stale' | 'unknown'

export interface ChainColumn {
  chain: ChainMeta
  status: ChainStatus
  /** last good read */
  at: number | null
  block: string | null
  /** why the last refresh failed, when it did */
  error: string | null
}

export interface TokenCell {
  chainId: number
  /** null: never read (or this token's read failed) */
  amount: bigint | null
  stale: boolean
}

export interface TokenRow {
  token: TokenMeta
  /** one per chosen chain where the token exists, in column order */
  cells: TokenCell[]
  total: bigint
  /** the total leaves something out (a chain never read) or includes stale figures */
  partial: boolean
}

export interface Portfolio {
  columns: ChainColumn[]
  rows: TokenRow[]
  /** the newest good read (stale columns are named on their own) */
  updatedAt: number | null
}

const asMeta = (m: ChainMeta) => ({ chainId: m.chainId, rollup: m.l1ChainId === null ? undefined : { l1ChainId: m.l1ChainId } })

/** The chains shown when the user chose none: the active chain's L1 and its rollups. */
export function defaultChainIds(meta: BalanceMeta, activeChainId: number): number[] {
  const fam = familyOf(meta.chains.map(asMeta), activeChainId)
  return fam.length ? fam.map((c) => c.chainId) : meta.chains.slice(0, 1).map((c) => c.chainId)
}

/** The families the chain filter offers: each L1 with its rollups. */
export function chainFamilies(meta: BalanceMeta): { l1: ChainMeta; members: ChainMeta[] }[] {
  const out: { l1: ChainMeta; members: ChainMeta[] }[] = []
  for (const c of meta.chains) {
    const l1Id = c.l1ChainId !== null && meta.chains.some((x) => x.chainId === c.l1ChainId) ? c.l1ChainId : c.chainId
    let fam = out.find((f) => f.l1.chainId === l1Id)
    if (!fam) {
      fam = { l1: meta.chains.find((x) => x.chainId === l1Id)!, members: [] }
      out.push(fam)
    }
    fam.members.push(c)
  }
  for (const f of out) f.members.sort((a, b) => Number(a.chainId !== f.l1.chainId) - Number(b.chainId !== f.l1.chainId))
  return out
}

export function portfolioView(meta: BalanceMeta, account: AccountBalances | null, chainIds: number[], now: number): Portfolio {
  const chosen = new Set(chainIds)
  // L1s before L2s, otherwise in the wallet's order
  const chains = meta.chains.filter((c) => chosen.has(c.chainId)).sort((a, b) => Number(a.l1ChainId !== null) - Number(b.l1ChainId !== null))
  const columns: ChainColumn[] = chains.map((chain) => {
    const r = account?.chains[String(chain.chainId)]
    const failed = !!r?.error && (r.at === null || r.error.at >= r.at)
    const status: ChainStatus = !r || r.at === null ? 'unknown' : failed || now - r.at > STALE_AFTER_MS ? 'stale' : 'fresh'
    return { chain, status, at: r?.at ?? null, block: r?.block ?? null, error: failed ? r!.error!.message : null }
  })
  const rows: TokenRow[] = []
  for (const token of meta.tokens) {
    const cells: TokenCell[] = []
    for (const col of columns) {
      if (!token.chains.includes(col.chain.chainId)) continue
      const raw = account?.chains[String(col.chain.chainId)]?.amounts[token.id]
      cells.push({ chainId: col.chain.chainId, amount: raw === undefined ? null : BigInt(raw), stale: col.status === 'stale' })
    }
    if (!cells.length) continue
    const total = cells.reduce((s, c) => s + (c.amount ?? 0n), 0n)
    rows.push({ token, cells, total, partial: cells.some((c) => c.amount === null || c.stale) })
  }
  const times = columns.map((c) => c.at).filter((t): t is number => t !== null)
  return { columns, rows, updatedAt: times.length ? Math.max(...times) : null }
}

/**
 * Labels short enough for chips and cells: each chain's short name, without a first word every
 * chain shown shares ("Devnet L1", "Devnet OP 901" -> "L1", "OP 901").
 */
export function chainLabels(chains: ChainMeta[]): Map<number, string> {
  const first = (c: ChainMeta) => c.shortName.split(' ')[0]
  const shared = chains.length > 1 && chains.every((c) => c.shortName.includes(' ') && first(c) === first(chains[0]))
  return new Map(chains.map((c) => [c.chainId, shared ? c.shortName.slice(first(c).length + 1) : c.shortName]))
}
