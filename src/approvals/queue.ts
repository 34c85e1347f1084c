// Pending approvals, oldest first, in storage.session: they survive a service-worker restart (the
// approval window keeps its place) but not a browser restart. One approval window shows them in turn.
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'
import type { ApprovalRequest, PendingApproval, Requester } from './types.ts'

export const APPROVAL_KEYS = {
  pending: 'approvals.pending',
  window: 'approvals.window',
} as const

/** A page may keep at most this many requests waiting; more are refused at once. */
export const MAX_PENDING_PER_ORIGIN = 10

export class ApprovalQueue {
  private readonly mutex = new Mutex()
  constructor(
    private readonly kv: KV,
    private readonly now: () => number,
  ) {}

  async list(): Promise<PendingApproval[]> {
    const raw = await this.kv.get<unknown>(APPROVAL_KEYS.pending)
    return Array.isArray(raw) ? (raw as PendingApproval[]).filter((p) => p && typeof p.id === 'string' && p.request && p.requester) : []
  }

  add(requester: Requester, request: ApprovalRequest): Promise<PendingApproval | null> {
    return this.mutex.run(async () => {
      const list = await this.list()
      if (list.filter((p) => p.requester.origin === requester.origin).length >= MAX_PENDING_PER_ORIGIN) return null
      const item: PendingApproval = { id: randomId(), createdAt: this.now(), requester, request }
      await this.kv.set({ [APPROVAL_KEYS.pending]: [...list, item] })
      return item
    })
  }

  /** Removes and returns the approval, or null when it was already settled (double click, second window). */
  take(id: string): Promise<PendingApproval | null> {
    return this.mutex.run(async () => {
      const list = await this.list()
      const item = list.find((p) => p.id === id) ?? null
      if (item) await this.kv.set({ [APPROVAL_KEYS.pending]: list.filter((p) => p.id !== id) })
      return item
    })
  }

  takeAll(filter: (p: PendingApproval) => boolean = () => true): Promise<PendingApproval[]> {
    return this.mutex.run(async () => {
      const list = await this.list()
      const taken = list.filter(filter)
      if (taken.length) await this.kv.set({ [APPROVAL_KEYS.pending]: list.filter((p) => !filter(p)) })
      return taken
    })
  }

  async windowId(): Promise<number | null> {
    const id = await this.kv.get<unknown>(APPROVAL_KEYS.window)
    return typeof id === 'number' ? id : null
  }

  setWindowId(id: number | null): Promise<void> {
    return id === null ? this.kv.remove([APPROVAL_KEYS.window]) : this.kv.set({ [APPROVAL_KEYS.window]: id })
  }
}

function randomId(): string {
  const b = new Uint8Array(12)
  crypto.getRandomValues(b)
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
}
