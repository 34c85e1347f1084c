// KV (src/storage/kv.ts) over browser.storage areas.
import browser from 'webextension-polyfill'
import { CachedKV } from '../src/storage/cached.ts'
import type { KV } from '../src/storage/kv.ts'

export function browserKV(area: 'local' | 'session'): KV {
  const store = browser.storage[area]
  return {
    async get<T>(key: string) {
      const got = await store.get(key)
      return got[key] as T | undefined
    },
    getMany: (keys) => store.get(keys),
    set: (entries) => store.set(entries),
    remove: (keys) => store.remove(keys),
    all: () => store.get(null),
  }
}

/**
 * storage.local with what was read or written kept in memory (src/storage/cached.ts); a change made
 * elsewhere is read again. Registered in the worker's first turn, with the other listeners.
 */
export function cachedLocalKV(): KV {
  const kv = new CachedKV(browserKV('local'))
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local') kv.changed(Object.keys(changes))
  })
  return kv
}
