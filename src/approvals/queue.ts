// Pending approvals in storage.session: they survive a service-worker restart (the approval window
// keeps its place) but not a browser restart. One approval window shows them in turn, one site at a
// time (a site's second request comes after every other site's first), so a site that floods the
// wallet cannot bury another site's request.
//
// Bounded, because storage.session is small (10 MB in Chrome, shared with the keyring's session): at
// most LIMITS.perSite requests per site (a registrable domain: all subdomains of a flooding domain
// count as one), LIMITS.total in all (a site with nothing waiting may still add one, up to
// LIMITS.hardTotal). Small payloads are stored whole; a large one (a long message, a contract
// deployment) is kept in this worker's memory and only what is needed to answer its page is stored:
// after a worker restart such a request is answered "send it again" instead of being shown.
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'
import { siteOf } from '../util/origin.ts'
import type { ApprovalKind, ApprovalRequest, PendingApproval, Requester } from './types.ts'

export const APPROVAL_KEYS = {
  pending: 'approvals.pending',
  window: 'approvals.window',
} as const

export const LIMITS = {
  /** requests waiting per site (registrable domain) */
  perSite: 10,
  /** requests waiting in all; beyond it only a site with none waiting may add one */
  total: 100,
  /** never more than this */
  hardTotal: 150,
  /** a payload up to this size (UTF-8 bytes of its JSON) is stored whole in storage.session */
  storedItemBytes: 8 * 1024,
  /** all stored payloads together stay under this (storage.session keeps room for everything else) */
  storedTotalBytes: 512 * 1024,
  /** payloads kept in memory only, together */
  memoryTotalBytes: 24 * 1024 * 1024,
} as const

/** What storage.session holds per request: the payload, or null when it is kept in memory only. */
export interface QueueEntry {
  id: string
  createdAt: number
  requester: Requester
  /** the requester's registrable domain */
  site: string
  kind: ApprovalKind
  /** UTF-8 bytes of the payload's JSON */
  bytes: number
  request: ApprovalRequest | null
}

export type AddResult = { ok: true; item: PendingApproval; first: boolean } | { ok: false; reason: 'site' | 'total' | 'memory'; message: string }

export class ApprovalQueue {
  private readonly mutex = new Mutex()
  /** payloads too large to store: this worker's memory only */
  private readonly memory = new Map<string, ApprovalRequest>()
  private cache: QueueEntry[] | null = null

  constructor(
    private readonly kv: KV,
    private readonly now: () => number,
  ) {}

  /** Every entry as stored, in arrival order (this queue is the only writer, so it is read once). */
  async entries(): Promise<QueueEntry[]> {
    if (!this.cache) {
      const raw = await this.kv.get<unknown>(APPROVAL_KEYS.pending)
      this.cache = Array.isArray(raw) ? (raw as unknown[]).filter(isEntry).map(normalise) : []
    }
    return [...this.cache]
  }

  /** The requests the window can show, in the order it shows them (fair between sites). */
  async list(): Promise<PendingApproval[]> {
    return fairOrder(await this.entries())
      .map((e) => this.pending(e))
      .filter((p): p is PendingApproval => p !== null)
  }

  /** How many requests each site has waiting. */
  async perSite(): Promise<Map<string, number>> {
    const out = new Map<string, number>()
    for (const e of await this.entries()) out.set(e.site, (out.get(e.site) ?? 0) + 1)
    return out
  }

  add(requester: Requester, request: ApprovalRequest): Promise<AddResult> {
    return this.mutex.run(async () => {
      const list = await this.entries()
      const site = siteOf(requester.origin)
      // the same request of the same document again (its relay sends it again when the worker stopped
      // before saying it waits for the user): the one already waiting, never a second
      const same = list.find((p) => p.requester.doc === requester.doc && p.requester.origin === requester.origin && p.requester.requestId === requester.requestId)
      if (same) return { ok: true, item: { id: same.id, createdAt: same.createdAt, requester: same.requester, request: same.request ?? this.memory.get(same.id) ?? request }, first: false }
      const mine = list.filter((p) => p.site === site).length
      if (mine >= LIMITS.perSite) return { ok: false, reason: 'site', message: `Too many requests from ${site} are waiting for the user (limit ${LIMITS.perSite}); wait for them to be answered.` }
      if (list.length >= LIMITS.hardTotal || (list.length >= LIMITS.total && mine > 0)) {
        return { ok: false, reason: 'total', message: 'Too many requests are waiting for the user; wait for them to be answered.' }
      }
      const bytes = utf8Length(JSON.stringify(request))
      const stored = list.reduce((n, p) => n + (p.request ? p.bytes : 0), 0)
      const id = randomId()
      let kept: ApprovalRequest | null = request
      if (bytes > LIMITS.storedItemBytes || stored + bytes > LIMITS.storedTotalBytes) {
        const inMemory = [...this.memory.keys()].reduce((n, k) => n + (list.find((p) => p.id === k)?.bytes ?? 0), 0)
        if (inMemory + bytes > LIMITS.memoryTotalBytes) return { ok: false, reason: 'memory', message: 'The requests waiting for the user are too large together; wait for them to be answered.' }
        this.memory.set(id, request)
        kept = null
      }
      const entry: QueueEntry = { id, createdAt: this.now(), requester, site, kind: request.kind, bytes, request: kept }
      try {
        await this.write([...list, entry])
      } catch (err) {
        this.memory.delete(id)
        throw err
      }
      return { ok: true, item: { id, createdAt: entry.createdAt, requester, request }, first: list.length === 0 }
    })
  }

  /** Removes and returns the entry, or null when it was already settled (double click, second window). */
  take(id: string): Promise<QueueEntry | null> {
    return this.takeAll((p) => p.id === id).then((t) => t[0] ?? null)
  }

  /** Removes and returns the entries that match (with their payloads when this worker still has them). */
  takeAll(filter: (p: QueueEntry) => boolean = () => true): Promise<QueueEntry[]> {
    return this.mutex.run(async () => {
      const list = await this.entries()
      const taken = list.filter(filter)
      if (!taken.length) return []
      await this.write(list.filter((p) => !taken.includes(p)))
      return taken.map((e) => {
        const request = e.request ?? this.memory.get(e.id) ?? null
        this.memory.delete(e.id)
        return { ...e, request }
      })
    })
  }

  /** An entry as the window shows it, or null when its payload was lost with an earlier worker. */
  pending(e: QueueEntry): PendingApproval | null {
    const request = e.request ?? this.memory.get(e.id)
    return request ? { id: e.id, createdAt: e.createdAt, requester: e.requester, request } : null
  }

  /** Bytes of storage.session the queue uses now (the stored list's JSON). */
  async storedBytes(): Promise<number> {
    return utf8Length(JSON.stringify(await this.entries()))
  }

  async windowId(): Promise<number | null> {
    const id = await this.kv.get<unknown>(APPROVAL_KEYS.window)
    return typeof id === 'number' ? id : null
  }

  setWindowId(id: number | null): Promise<void> {
    return id === null ? this.kv.remove([APPROVAL_KEYS.window]) : this.kv.set({ [APPROVAL_KEYS.window]: id })
  }

  private async write(list: QueueEntry[]): Promise<void> {
    await this.kv.set({ [APPROVAL_KEYS.pending]: list })
    this.cache = list
  }
}

/** Each site's oldest request first (sites in the order of their oldest), then each site's second, and so on. */
export function fairOrder<T extends { site: string }>(list: readonly T[]): T[] {
  const rank = new Map<string, number>()
  const ranked = list.map((e, index) => {
    const r = rank.get(e.site) ?? 0
    rank.set(e.site, r + 1)
    return { e, r, index }
  })
  return ranked.sort((a, b) => a.r - b.r || a.index - b.index).map((x) => x.e)
}

function isEntry(x: unknown): x is QueueEntry {
  if (!x || typeof x !== 'object') return false
  const e = x as Partial<QueueEntry>
  const r = e.requester as Partial<Requester> | undefined
  return (
    typeof e.id === 'string' &&
    !!r &&
    typeof r.origin === 'string' &&
    Number.isInteger(r.tabId) &&
    Number.isInteger(r.frameId) &&
    typeof r.doc === 'string' &&
    (typeof r.requestId === 'string' || typeof r.requestId === 'number') &&
    (e.request === null || (!!e.request && typeof e.request === 'object' && typeof (e.request as { kind?: unknown }).kind === 'string'))
  )
}

function normalise(e: QueueEntry): QueueEntry {
  return {
    id: e.id,
    createdAt: typeof e.createdAt === 'number' ? e.createdAt : 0,
    requester: e.requester,
    site: typeof e.site === 'string' ? e.site : siteOf(e.requester.origin),
    kind: (e.request?.kind ?? e.kind) as ApprovalKind,
    bytes: Number.isSafeInteger(e.bytes) ? e.bytes : 0,
    request: e.request,
  }
}

export function utf8Length(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

function randomId(): string {
  const b = new Uint8Array(12)
  crypto.getRandomValues(b)
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
}
