// A KV that only reads and writes the keys the storage map declares (src/storage-map.ts): a key
// written by no declared family is a bug, caught the first time it happens rather than found in a
// user's storage later.
import type { KV } from './kv.ts'

export class UndeclaredKeyError extends Error {
  readonly code = 'UNDECLARED_STORAGE_KEY'
  constructor(area: string, key: string) {
    super(`storage.${area} key "${key}" is not declared in the storage map (src/storage-map.ts)`)
  }
}

export function guardedKV(kv: KV, area: string, declared: (key: string) => boolean): KV {
  const check = (key: string) => {
    if (!declared(key)) throw new UndeclaredKeyError(area, key)
  }
  return {
    get: async (key) => (check(key), kv.get(key)),
    getMany: async (keys) => (keys.forEach(check), kv.getMany(keys)),
    set: async (entries) => (Object.keys(entries).forEach(check), kv.set(entries)),
    remove: async (keys) => (keys.forEach(check), kv.remove(keys)),
    all: () => kv.all(),
  }
}
