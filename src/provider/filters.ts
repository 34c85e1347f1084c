// Filters (eth_newFilter, eth_newBlockFilter, eth_newPendingTransactionFilter, eth_getFilterChanges,
// eth_getFilterLogs, eth_uninstallFilter), served per site: a page sees ids of its own, never a
// node's, so one origin cannot read or remove another's filters. Each filter lives on the site's
// chain: forwarded to the chain's RPC where the node keeps filters, emulated over eth_getLogs and
// block polling where it does not (many public RPCs refuse filters). Dropped when the site is
// disconnected or its chain changes, when its last tab goes away, or after FILTER_IDLE_MS unpolled.
// Kept in storage.session: a service-worker restart does not break a page's filters.
import type { Hex } from 'viem'
import { WalletError } from '../errors.ts'
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'
import { plainObject } from './params.ts'
import { RPC, rpcError } from './rpc-errors.ts'

export const FILTERS_KEY = 'provider.filters'

/** A filter not polled for this long is dropped (geth drops its own after 5 minutes). */
export const FILTER_IDLE_MS = 5 * 60_000
/** Filters one origin may hold; beyond it the least recently polled one goes. */
export const MAX_FILTERS_PER_ORIGIN = 50
/** Blocks one emulated poll reads logs for; a longer gap is caught up over several polls. */
export const MAX_LOG_RANGE = 1000
/** Block hashes one emulated block-filter poll returns at most (the newest ones). */
export const MAX_BLOCK_HASHES = 64

export type FilterKind = 'log' | 'block' | 'pending'

export interface FilterRecord {
  /** the id the page sees */
  id: Hex
  origin: string
  chainId: number
  kind: FilterKind
  /** the node's filter id where the node keeps the filter; absent when the wallet emulates it */
  nodeId?: string
  /** emulated: the last block whose changes were handed out (0x-hex) */
  last?: Hex
  /** log filters: the criteria as the page gave them */
  criteria?: Record<string, unknown>
  polledAt: number
}

export interface FilterDeps {
  kv: KV
  now(): number
  /** a JSON-RPC call to a chain's node (its own errors kept) */
  rpc(chainId: number, method: string, params: unknown[]): Promise<unknown>
}

const NEW_FILTER_METHOD: Record<FilterKind, string> = { log: 'eth_newFilter', block: 'eth_newBlockFilter', pending: 'eth_newPendingTransactionFilter' }

export class FilterService {
  private readonly mutex = new Mutex()
  private cache: Map<string, FilterRecord> | null = null
  /** chains whose node refused filters: emulated from then on (until the worker restarts) */
  private readonly emulatedChains = new Set<number>()

  constructor(private readonly deps: FilterDeps) {}

  /** Which chains are emulated (tests and the bench). */
  isEmulated(chainId: number): boolean {
    return this.emulatedChains.has(chainId)
  }

  async list(origin?: string): Promise<FilterRecord[]> {
    return [...(await this.load()).values()].filter((f) => !origin || f.origin === origin)
  }

  /** eth_newFilter / eth_newBlockFilter / eth_newPendingTransactionFilter. */
  async create(origin: string, chainId: number, kind: FilterKind, params: unknown[]): Promise<Hex> {
    const criteria = kind === 'log' ? logCriteria(params[0]) : undefined
    let nodeId: string | undefined
    let last: Hex | undefined
    if (!this.emulatedChains.has(chainId)) {
      try {
        const id = await this.deps.rpc(chainId, NEW_FILTER_METHOD[kind], criteria ? [criteria] : [])
        if (typeof id !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(id)) throw rpcError.internal(`The node answered ${NEW_FILTER_METHOD[kind]} with no filter id.`)
        nodeId = id
      } catch (err) {
        if (!lacksFilters(err)) throw err
        this.emulatedChains.add(chainId)
      }
    }
    if (nodeId === undefined) last = asHex(await this.blockNumber(chainId))
    const rec: FilterRecord = { id: randomFilterId(), origin, chainId, kind, ...(nodeId ? { nodeId } : {}), ...(last ? { last } : {}), ...(criteria ? { criteria } : {}), polledAt: this.deps.now() }
    const evicted = await this.mutex.run(async () => {
      const map = await this.load()
      const gone = this.expire(map)
      const mine = [...map.values()].filter((f) => f.origin === origin).sort((a, b) => a.polledAt - b.polledAt)
      for (const f of mine.slice(0, Math.max(0, mine.length - MAX_FILTERS_PER_ORIGIN + 1))) {
        map.delete(f.id)
        gone.push(f)
      }
      map.set(rec.id, rec)
      await this.save(map)
      return gone
    })
    this.uninstallAtNode(evicted)
    return rec.id
  }

  /** eth_getFilterChanges: what is new since the last poll. */
  async changes(origin: string, id: unknown): Promise<unknown> {
    const rec = await this.find(origin, id)
    rec.polledAt = this.deps.now()
    if (rec.nodeId) return this.deps.rpc(rec.chainId, 'eth_getFilterChanges', [rec.nodeId])
    // one poll of an emulated filter at a time: two at once would hand out the same blocks twice
    return this.mutex.run(async () => {
      const from = BigInt(rec.last ?? '0x0') + 1n
      const latest = await this.blockNumber(rec.chainId)
      if (latest < from) return []
      let out: unknown[] = []
      let upTo = latest
      if (rec.kind === 'log') {
        const c = rec.criteria ?? {}
        const lo = maxBig(from, blockBound(c.fromBlock, 0n))
        const end = minBig(latest, blockBound(c.toBlock, latest))
        const hi = minBig(end, lo + BigInt(MAX_LOG_RANGE) - 1n)
        // a gap longer than one read is caught up over the next polls
        upTo = hi < end ? hi : latest
        if (c.blockHash === undefined && lo <= hi) {
          const { fromBlock: _f, toBlock: _t, ...rest } = c
          const logs = await this.deps.rpc(rec.chainId, 'eth_getLogs', [{ ...rest, fromBlock: asHex(lo), toBlock: asHex(hi) }])
          out = Array.isArray(logs) ? logs : []
        }
      } else if (rec.kind === 'block') {
        const first = maxBig(from, latest - BigInt(MAX_BLOCK_HASHES) + 1n)
        const numbers: bigint[] = []
        for (let n = first; n <= latest; n++) numbers.push(n)
        const blocks = await Promise.all(numbers.map((n) => this.deps.rpc(rec.chainId, 'eth_getBlockByNumber', [asHex(n), false])))
        out = blocks.map((b) => (b && typeof b === 'object' ? (b as { hash?: unknown }).hash : null)).filter((h): h is string => typeof h === 'string')
      }
      const map = await this.load()
      const current = map.get(rec.id)
      if (current) {
        current.last = asHex(upTo)
        current.polledAt = rec.polledAt
        await this.save(map)
      }
      return out
    })
  }

  /** eth_getFilterLogs: every log matching a log filter's criteria. */
  async logs(origin: string, id: unknown): Promise<unknown> {
    const rec = await this.find(origin, id)
    if (rec.kind !== 'log') throw rpcError.invalidParams(`filter ${rec.id} is a ${rec.kind} filter: eth_getFilterLogs reads log filters only.`)
    rec.polledAt = this.deps.now()
    if (rec.nodeId) return this.deps.rpc(rec.chainId, 'eth_getFilterLogs', [rec.nodeId])
    return this.deps.rpc(rec.chainId, 'eth_getLogs', [rec.criteria ?? {}])
  }

  /** eth_uninstallFilter: true when the page had that filter. */
  async uninstall(origin: string, id: unknown): Promise<boolean> {
    if (typeof id !== 'string') throw rpcError.invalidParams('the filter id must be a 0x-hex string.')
    const gone = await this.remove((f) => f.origin === origin && f.id === id.toLowerCase())
    return gone.length > 0
  }

  /** Drops an origin's filters (all, or those on one chain). */
  async dropOrigin(origin: string, chainId?: number): Promise<number> {
    return (await this.remove((f) => f.origin === origin && (chainId === undefined || f.chainId === chainId))).length
  }

  /** Drops every filter on a chain (its network was removed or its RPC changed). */
  async dropChain(chainId: number): Promise<number> {
    this.emulatedChains.delete(chainId)
    return (await this.remove((f) => f.chainId === chainId)).length
  }

  // ---------------------------------------------------------------- internals

  private async find(origin: string, id: unknown): Promise<FilterRecord> {
    if (typeof id !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(id)) throw rpcError.invalidParams('the filter id must be a 0x-hex string.')
    const rec = (await this.load()).get(id.toLowerCase())
    // another origin's id is as unknown as one never issued
    if (!rec || rec.origin !== origin) throw new WalletError(-32000, 'filter not found')
    return rec
  }

  private async remove(pred: (f: FilterRecord) => boolean): Promise<FilterRecord[]> {
    const gone = await this.mutex.run(async () => {
      const map = await this.load()
      const out = [...map.values()].filter(pred)
      if (!out.length) return out
      for (const f of out) map.delete(f.id)
      await this.save(map)
      return out
    })
    this.uninstallAtNode(gone)
    return gone
  }

  /** Filters nobody polled for FILTER_IDLE_MS, removed from `map` (the caller saves). */
  private expire(map: Map<string, FilterRecord>): FilterRecord[] {
    const cutoff = this.deps.now() - FILTER_IDLE_MS
    const out = [...map.values()].filter((f) => f.polledAt < cutoff)
    for (const f of out) map.delete(f.id)
    return out
  }

  /** Best effort: the node's own filters are released; a node that is down forgets them anyway. */
  private uninstallAtNode(filters: FilterRecord[]): void {
    for (const f of filters) if (f.nodeId) void this.deps.rpc(f.chainId, 'eth_uninstallFilter', [f.nodeId]).catch(() => undefined)
  }

  private async blockNumber(chainId: number): Promise<bigint> {
    const n = await this.deps.rpc(chainId, 'eth_blockNumber', [])
    if (typeof n !== 'string' || !/^0x[0-9a-fA-F]+$/.test(n)) throw rpcError.internal('The node answered eth_blockNumber with no block number.')
    return BigInt(n)
  }

  private async load(): Promise<Map<string, FilterRecord>> {
    if (this.cache) return this.cache
    const raw = await this.deps.kv.get<unknown>(FILTERS_KEY)
    const map = new Map<string, FilterRecord>()
    if (Array.isArray(raw)) {
      for (const f of raw as FilterRecord[]) {
        if (f && typeof f.id === 'string' && typeof f.origin === 'string' && Number.isSafeInteger(f.chainId) && ['log', 'block', 'pending'].includes(f.kind)) map.set(f.id, { ...f, polledAt: this.deps.now() })
      }
    }
    this.cache ??= map
    return this.cache
  }

  private async save(map: Map<string, FilterRecord>): Promise<void> {
    await this.deps.kv.set({ [FILTERS_KEY]: [...map.values()] })
  }
}

/** The node does not keep filters (method missing, or refused by the RPC provider's policy). */
export function lacksFilters(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown }
  if (e?.code === RPC.methodNotFound || e?.code === RPC.unsupportedMethod) return true
  if (e?.code === RPC.chainDisconnected) return false
  const m = typeof e?.message === 'string' ? e.message : ''
  return /not (supported|available|allowed|whitelisted|enabled)|does not exist|unsupported|unknown method|method not found|disabled|forbidden/i.test(m)
}

function logCriteria(p: unknown): Record<string, unknown> {
  const o = plainObject(p ?? {}, 'the filter')
  const out: Record<string, unknown> = {}
  for (const k of ['fromBlock', 'toBlock', 'address', 'topics', 'blockHash'] as const) if (o[k] !== undefined && o[k] !== null) out[k] = o[k]
  for (const k of ['fromBlock', 'toBlock'] as const) {
    const v = out[k]
    if (v !== undefined && (typeof v !== 'string' || !/^(0x[0-9a-fA-F]{1,16}|latest|earliest|pending|safe|finalized)$/.test(v))) throw rpcError.invalidParams(`${k} must be a block number (0x-hex) or a tag.`)
  }
  if (out.blockHash !== undefined && (out.fromBlock !== undefined || out.toBlock !== undefined)) throw rpcError.invalidParams('give blockHash or fromBlock/toBlock, not both.')
  return out
}

/** A filter's block bound as a number: a hex number as is, "earliest" 0, any other tag -> `other`. */
function blockBound(v: unknown, other: bigint): bigint {
  if (typeof v === 'string' && /^0x[0-9a-fA-F]+$/.test(v)) return BigInt(v)
  if (v === 'earliest') return 0n
  return other
}

const asHex = (n: bigint): Hex => `0x${n.toString(16)}`
const maxBig = (...xs: bigint[]) => xs.reduce((a, b) => (a > b ? a : b))
const minBig = (...xs: bigint[]) => xs.reduce((a, b) => (a < b ? a : b))

function randomFilterId(): Hex {
  const b = new Uint8Array(16)
  crypto.getRandomValues(b)
  return `0x${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`
}
