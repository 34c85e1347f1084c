// State the screens follow without polling: a screen subscribes to a topic (with a key: an account,
// a flow id), gets its value at once, and again each time the background publishes a change of it.
// A topic may do work while it is watched (re-quote a flow's fee every block, tick the bridge
// tracker): `watch` starts it with the first subscriber and its stop runs after the last one leaves.
export type TopicValue<T> = { value: T } | { error: { code: string | number; message: string } }

export interface TopicSource<T> {
  read(key: string | null): Promise<T>
  /** work to do while someone watches (key); returns its stop */
  watch?(key: string | null, publish: () => void): () => void
}

type Push = (v: TopicValue<unknown>) => void

interface Watched {
  pushes: Set<Push>
  stop?: () => void
  /** a read in progress and whether another was asked for meanwhile (changes coalesce) */
  reading: boolean
  again: boolean
}

export class TopicHub {
  private readonly sources = new Map<string, TopicSource<unknown>>()
  private readonly watched = new Map<string, Watched>()

  define<T>(topic: string, source: TopicSource<T>): void {
    if (this.sources.has(topic)) throw new Error(`topic "${topic}" defined twice`)
    this.sources.set(topic, source as TopicSource<unknown>)
  }

  has(topic: string): boolean {
    return this.sources.has(topic)
  }

  /** Subscribes `push` to (topic, key); the value comes at once. Returns the unsubscribe. */
  subscribe(topic: string, key: string | null, push: Push): () => void {
    const source = this.sources.get(topic)
    if (!source) {
      push({ error: { code: 'UNKNOWN_TOPIC', message: `No topic "${topic}".` } })
      return () => undefined
    }
    const k = slot(topic, key)
    let w = this.watched.get(k)
    if (!w) {
      w = { pushes: new Set(), reading: false, again: false }
      this.watched.set(k, w)
      w.stop = source.watch?.(key, () => this.publish(topic, key))
    }
    w.pushes.add(push)
    void this.readTo(source, key, [push])
    return () => {
      const cur = this.watched.get(k)
      if (!cur) return
      cur.pushes.delete(push)
      if (cur.pushes.size === 0) {
        this.watched.delete(k)
        cur.stop?.()
      }
    }
  }

  /** Something changed: every subscriber of (topic, key), or of every key of topic when key is undefined, gets the new value. */
  publish(topic: string, key?: string | null): void {
    const source = this.sources.get(topic)
    if (!source) return
    for (const [k, w] of this.watched) {
      const [t, kk] = unslot(k)
      if (t !== topic || (key !== undefined && kk !== key)) continue
      if (w.reading) {
        w.again = true
        continue
      }
      void this.refresh(source, kk, w)
    }
  }

  private async refresh(source: TopicSource<unknown>, key: string | null, w: Watched): Promise<void> {
    w.reading = true
    try {
      do {
        w.again = false
        await this.readTo(source, key, [...w.pushes])
      } while (w.again)
    } finally {
      w.reading = false
    }
  }

  private async readTo(source: TopicSource<unknown>, key: string | null, pushes: Push[]): Promise<void> {
    let v: TopicValue<unknown>
    try {
      v = { value: await source.read(key) }
    } catch (err) {
      const e = err as { code?: unknown; message?: unknown }
      v = { error: { code: typeof e?.code === 'string' || typeof e?.code === 'number' ? e.code : 'INTERNAL', message: typeof e?.message === 'string' ? e.message : String(err) } }
    }
    for (const p of pushes) {
      try {
        p(v)
      } catch {
        // a subscriber that went away
      }
    }
  }
}

const slot = (topic: string, key: string | null) => `${topic}\u0000${key ?? ''}`
const unslot = (k: string): [string, string | null] => {
  const i = k.indexOf('\u0000')
  const key = k.slice(i + 1)
  return [k.slice(0, i), key === '' ? null : key]
}
