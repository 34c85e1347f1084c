// Which origin each tab's frames showed when they last talked to the wallet: what the popup shows as
// the site of the active tab (it survives a service-worker restart in storage.session). Nothing is
// ever delivered by this: answers and events go over each document's own channel (./documents.ts).
// A frame's entry goes when its document's channel closes or its tab does.
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'

export const CONNECTIONS_KEY = 'provider.connections'

export interface Connection {
  origin: string
  tabId: number
  frameId: number
}

const keyOf = (c: Connection) => `${c.tabId}:${c.frameId}`

export class ConnectionStore {
  private readonly mutex = new Mutex()
  private cache: Map<string, Connection> | null = null

  constructor(private readonly kv: KV) {}

  private async load(): Promise<Map<string, Connection>> {
    if (this.cache) return this.cache
    const raw = await this.kv.get<unknown>(CONNECTIONS_KEY)
    const map = new Map<string, Connection>()
    if (Array.isArray(raw)) {
      for (const c of raw as Connection[]) {
        if (c && typeof c.origin === 'string' && Number.isInteger(c.tabId) && Number.isInteger(c.frameId)) map.set(keyOf(c), { origin: c.origin, tabId: c.tabId, frameId: c.frameId })
      }
    }
    this.cache = map
    return map
  }

  /** Records the frame; writes storage only when something changed (this runs on every request). */
  seen(c: Connection): Promise<void> {
    return this.mutex.run(async () => {
      const map = await this.load()
      const old = map.get(keyOf(c))
      if (old && old.origin === c.origin) return
      map.set(keyOf(c), { origin: c.origin, tabId: c.tabId, frameId: c.frameId })
      await this.kv.set({ [CONNECTIONS_KEY]: [...map.values()] })
    })
  }

  async list(): Promise<Connection[]> {
    return [...(await this.load()).values()]
  }

  /** Forgets a frame (or every frame of a tab); resolves what was dropped. */
  drop(c: { tabId: number; frameId?: number }): Promise<Connection[]> {
    return this.mutex.run(async () => {
      const map = await this.load()
      const dropped: Connection[] = []
      for (const [k, v] of map) {
        if (v.tabId === c.tabId && (c.frameId === undefined || v.frameId === c.frameId)) {
          map.delete(k)
          dropped.push(v)
        }
      }
      if (dropped.length) await this.kv.set({ [CONNECTIONS_KEY]: [...map.values()] })
      return dropped
    })
  }
}
