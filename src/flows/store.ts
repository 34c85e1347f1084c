// Flows in storage.local ('flows'): every change under one lock. Finished flows are kept a while
// (the UI may still show one that just completed), then dropped; an unfinished one is never dropped.
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'
import type { Flow } from './types.ts'

export const FLOWS_KEY = 'flows'
/** finished flows kept this long (ms) and at most this many */
export const KEEP_FINISHED_MS = 7 * 24 * 3600 * 1000
export const MAX_FINISHED = 50

export const isFinishedFlow = (f: Flow) => f.status === 'done' || f.status === 'failed' || f.status === 'cancelled'

export class FlowStore {
  private readonly mutex = new Mutex()
  constructor(
    private readonly kv: KV,
    private readonly now: () => number,
  ) {}

  async list(): Promise<Flow[]> {
    const raw = await this.kv.get<unknown>(FLOWS_KEY)
    return Array.isArray(raw) ? (raw as Flow[]).filter(isFlow) : []
  }

  async get(id: string): Promise<Flow | undefined> {
    return (await this.list()).find((f) => f.id === id)
  }

  put(flow: Flow): Promise<Flow> {
    return this.mutex.run(async () => {
      const all = (await this.list()).filter((f) => f.id !== flow.id)
      await this.save([{ ...flow, updatedAt: this.now() }, ...all])
      return flow
    })
  }

  /** Applies `f` to the stored flow under the lock; undefined when there is none. */
  update(id: string, f: (flow: Flow) => Flow): Promise<Flow | undefined> {
    return this.mutex.run(async () => {
      const all = await this.list()
      const i = all.findIndex((x) => x.id === id)
      if (i < 0) return undefined
      all[i] = { ...f(all[i]), updatedAt: this.now() }
      await this.save(all)
      return all[i]
    })
  }

  private async save(all: Flow[]): Promise<void> {
    const now = this.now()
    const open = all.filter((f) => !isFinishedFlow(f))
    const finished = all.filter((f) => isFinishedFlow(f) && now - f.updatedAt < KEEP_FINISHED_MS).slice(0, MAX_FINISHED)
    await this.kv.set({ [FLOWS_KEY]: [...open, ...finished].sort((a, b) => b.createdAt - a.createdAt) })
  }
}

function isFlow(x: unknown): x is Flow {
  if (!x || typeof x !== 'object') return false
  const f = x as Partial<Flow>
  return typeof f.id === 'string' && typeof f.kind === 'string' && Array.isArray(f.steps) && typeof f.current === 'number' && typeof f.status === 'string'
}
