// KV (src/storage/kv.ts) over browser.storage areas.
import browser from 'webextension-polyfill'
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
