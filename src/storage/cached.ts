// A KV that keeps in memory what it read or wrote, for the background over browser.storage.local:
// the wallet reads the same entries on every screen open (its state, the balances, the prices), each
// a round trip to the browser process, which is at its busiest while a popup opens. Writes go through
// and update the memory first, so a read right after a write sees it (as browser.storage orders a
// get after a set). A change the memory did not make itself may come from another context or from a
// test writing storage directly: every storage.onChanged forgets the keys it names, and the next read
// asks the storage again (forgetting rather than taking the event's value: the events of two quick
// writes arrive after both, and the first would otherwise replace the second). A read that a change
// overtook is returned but not kept.
import type { KV } from './kv.ts'

type Entry = { value: unknown }

export class CachedKV implements KV {
  private readonly known = new Map<string, Entry>()
  /** how many times each key changed; a read keeps its answer only if none happened meanwhile */
  private readonly changes = new Map<string, number>()

  constructor(private readonly kv: KV) {}

  /** storage.onChanged for this area: the keys it names are read from the storage again. */
  changed(keys: string[]): void {
    for (const k of keys) this.forget(k)
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    return (await this.getMany([key]))[key] as T | undefined
  }

  async getMany(keys: string[]): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {}
    const missing: string[] = []
    for (const k of keys) {
      const e = this.known.get(k)
      if (!e) missing.push(k)
      else if (e.value !== undefined) out[k] = structuredClone(e.value)
    }
    if (!missing.length) return out
    const before = missing.map((k) => this.count(k))
    const got = await this.kv.getMany(missing)
    missing.forEach((k, i) => {
      if (k in got) out[k] = got[k]
      if (this.count(k) === before[i]) this.known.set(k, { value: k in got ? structuredClone(got[k]) : undefined })
    })
    return out
  }

  async set(entries: Record<string, unknown>): Promise<void> {
    const keys = Object.keys(entries)
    for (const k of keys) {
      this.bump(k)
      this.known.set(k, { value: structuredClone(entries[k]) })
    }
    try {
      await this.kv.set(entries)
    } catch (err) {
      for (const k of keys) this.forget(k)
      throw err
    }
  }

  async remove(keys: string[]): Promise<void> {
    for (const k of keys) {
      this.bump(k)
      this.known.set(k, { value: undefined })
    }
    try {
      await this.kv.remove(keys)
    } catch (err) {
      for (const k of keys) this.forget(k)
      throw err
    }
  }

  /** Every entry, from the storage itself (migrations, the plaintext-secrets test). */
  all(): Promise<Record<string, unknown>> {
    return this.kv.all()
  }

  private forget(key: string): void {
    this.bump(key)
    this.known.delete(key)
  }

  private bump(key: string): void {
    this.changes.set(key, this.count(key) + 1)
  }

  private count(key: string): number {
    return this.changes.get(key) ?? 0
  }
}
