// Runs the storage map's migrations (src/storage-map.ts) in order at background start, before
// anything else reads storage. They run against a copy of storage.local; only when every one of them
// succeeded is the result written, in one write together with the new schema version. A migration
// that fails (or a store from a newer wallet) leaves storage exactly as it was, and the wallet stops
// with a sentence saying why (Wallet.start).
import type { KV } from './kv.ts'

export const SCHEMA_KEY = 'schemaVersion'

export type Migration = (kv: KV) => Promise<void>

export class NewerStorageError extends Error {
  readonly code = 'STORAGE_NEWER'
  constructor(found: number, known: number) {
    super(`Storage was written by a newer version of the wallet (schema ${found}, this one knows ${known}). Nothing was changed; update the wallet.`)
  }
}

export class MigrationError extends Error {
  readonly code = 'STORAGE_MIGRATION_FAILED'
  constructor(
    readonly from: number,
    readonly failedAt: number,
    cause: unknown,
  ) {
    super(failedAt < 0 ? String((cause as Error)?.message ?? cause) : `migration ${failedAt} -> ${failedAt + 1} failed: ${(cause as Error)?.message ?? String(cause)}`)
  }
}

/** A KV over a snapshot that records every write and removal, for committing them all at once. */
class Overlay implements KV {
  readonly written = new Map<string, unknown>()
  readonly removed = new Set<string>()
  constructor(private readonly base: Record<string, unknown>) {}

  private has(key: string): boolean {
    return this.written.has(key) || (!this.removed.has(key) && Object.prototype.hasOwnProperty.call(this.base, key))
  }
  private value(key: string): unknown {
    return this.written.has(key) ? this.written.get(key) : this.base[key]
  }
  async get<T = unknown>(key: string): Promise<T | undefined> {
    return this.has(key) ? (structuredClone(this.value(key)) as T) : undefined
  }
  async getMany(keys: string[]): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {}
    for (const k of keys) if (this.has(k)) out[k] = structuredClone(this.value(k))
    return out
  }
  async set(entries: Record<string, unknown>): Promise<void> {
    for (const [k, v] of Object.entries(entries)) {
      this.written.set(k, structuredClone(v))
      this.removed.delete(k)
    }
  }
  async remove(keys: string[]): Promise<void> {
    for (const k of keys) {
      this.written.delete(k)
      this.removed.add(k)
    }
  }
  async all(): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {}
    for (const k of new Set([...Object.keys(this.base), ...this.written.keys()])) if (this.has(k)) out[k] = structuredClone(this.value(k))
    return out
  }
}

export async function migrate(kv: KV, migrations: readonly Migration[]): Promise<{ from: number; to: number }> {
  const target = migrations.length
  const raw = await kv.get<unknown>(SCHEMA_KEY)
  // absent: a store from before versions (or a new one); anything else that is not a version is not
  // ours to guess: which migrations to run would be a guess, so nothing runs
  if (raw !== undefined && !(typeof raw === 'number' && Number.isInteger(raw) && raw >= 0)) {
    throw new MigrationError(0, -1, new Error(`the stored schema version (${JSON.stringify(raw).slice(0, 40)}) is not a version number`))
  }
  const from = typeof raw === 'number' ? raw : 0
  if (from > target) throw new NewerStorageError(from, target)
  if (from === target) return { from, to: target }
  const overlay = new Overlay(await kv.all())
  for (let v = from; v < target; v++) {
    try {
      await migrations[v](overlay)
    } catch (err) {
      throw new MigrationError(from, v, err)
    }
  }
  // one write: the migrated entries and the version together (storage.set of one call is one batch)
  await kv.set({ ...Object.fromEntries(overlay.written), [SCHEMA_KEY]: target })
  const removed = [...overlay.removed].filter((k) => k !== SCHEMA_KEY)
  if (removed.length) await kv.remove(removed)
  return { from, to: target }
}
