// The storage the core sees: a small async key-value interface. The background implements it
// over browser.storage.local / storage.session; tests use MemoryKV. One `set` call with several
// entries is applied together (browser.storage writes one call as one batch), which is what the
// vault relies on to replace itself atomically.
export interface KV {
  get<T = unknown>(key: string): Promise<T | undefined>
  getMany(keys: string[]): Promise<Record<string, unknown>>
  set(entries: Record<string, unknown>): Promise<void>
  remove(keys: string[]): Promise<void>
  /** Every entry; used by migrations and by the test that looks for plaintext secrets. */
  all(): Promise<Record<string, unknown>>
}

/** In-memory KV with the same copy-on-write semantics as browser.storage (values are cloned). */
export class MemoryKV implements KV {
  private data = new Map<string, unknown>()

  async get<T = unknown>(key: string): Promise<T | undefined> {
    return this.data.has(key) ? (structuredClone(this.data.get(key)) as T) : undefined
  }
  async getMany(keys: string[]): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {}
    for (const k of keys) if (this.data.has(k)) out[k] = structuredClone(this.data.get(k))
    return out
  }
  async set(entries: Record<string, unknown>): Promise<void> {
    const copies = Object.entries(entries).map(([k, v]) => [k, structuredClone(v)] as const)
    for (const [k, v] of copies) this.data.set(k, v)
  }
  async remove(keys: string[]): Promise<void> {
    for (const k of keys) this.data.delete(k)
  }
  async all(): Promise<Record<string, unknown>> {
    return structuredClone(Object.fromEntries(this.data))
  }
}
