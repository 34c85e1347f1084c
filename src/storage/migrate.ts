// Runs the storage map's migrations (src/storage-map.ts) in order at background start, before
// anything else reads storage. Each takes the whole store from version n-1 to n and is written
// together with its version number, so a worker stopped halfway resumes at the right migration.
import type { KV } from './kv.ts'

export const SCHEMA_KEY = 'schemaVersion'

export type Migration = (kv: KV) => Promise<void>

export class NewerStorageError extends Error {
  readonly code = 'STORAGE_NEWER'
  constructor(found: number, known: number) {
    super(`Storage was written by a newer version of the wallet (schema ${found}, this one knows ${known}). Nothing was changed; update the wallet.`)
  }
}

export async function migrate(kv: KV, migrations: readonly Migration[]): Promise<{ from: number; to: number }> {
  const target = migrations.length
  const raw = await kv.get<number>(SCHEMA_KEY)
  const from = typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : 0
  if (from > target) throw new NewerStorageError(from, target)
  for (let v = from; v < target; v++) {
    await migrations[v](kv)
    await kv.set({ [SCHEMA_KEY]: v + 1 })
  }
  return { from, to: target }
}
