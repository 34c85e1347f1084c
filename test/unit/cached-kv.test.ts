// The background's storage.local with a memory (src/storage/cached.ts): it answers from memory what
// it read or wrote, never an older value than the storage would give, and asks the storage again for
// whatever changed elsewhere.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CachedKV } from '../../src/storage/cached.ts'
import { MemoryKV, type KV } from '../../src/storage/kv.ts'

/** A MemoryKV that counts reads and can hold a read or fail a write. */
class Probe implements KV {
  readonly inner = new MemoryKV()
  reads = 0
  hold: Promise<void> | null = null
  failWrites = false
  async get<T>(key: string) {
    return (await this.getMany([key]))[key] as T | undefined
  }
  async getMany(keys: string[]) {
    this.reads++
    const got = await this.inner.getMany(keys)
    if (this.hold) await this.hold
    return got
  }
  async set(entries: Record<string, unknown>) {
    if (this.failWrites) throw new Error('QUOTA_BYTES quota exceeded')
    await this.inner.set(entries)
  }
  remove(keys: string[]) {
    return this.inner.remove(keys)
  }
  all() {
    return this.inner.all()
  }
}

test('a second read of an entry, or of one known to be absent, does not ask the storage', async () => {
  const p = new Probe()
  await p.inner.set({ a: { n: 1 } })
  const kv = new CachedKV(p)
  assert.deepEqual(await kv.get('a'), { n: 1 })
  assert.equal(await kv.get('none'), undefined)
  assert.deepEqual(await kv.getMany(['a', 'none']), { a: { n: 1 } })
  assert.equal(p.reads, 2)
})

test('a read right after a write or a removal sees it, without asking the storage', async () => {
  const p = new Probe()
  const kv = new CachedKV(p)
  await kv.set({ a: 1, b: 2 })
  await kv.remove(['b'])
  assert.deepEqual(await kv.getMany(['a', 'b']), { a: 1 })
  assert.equal(p.reads, 0)
  assert.deepEqual(await p.inner.all(), { a: 1 })
})

test('what a caller does to a value it read or wrote does not change what the memory holds', async () => {
  const kv = new CachedKV(new Probe())
  const v = { list: [1] }
  await kv.set({ a: v })
  v.list.push(2)
  const read = (await kv.get<{ list: number[] }>('a'))!
  read.list.push(3)
  assert.deepEqual(await kv.get('a'), { list: [1] })
})

test('a change made elsewhere (storage.onChanged) is read from the storage again', async () => {
  const p = new Probe()
  const kv = new CachedKV(p)
  await kv.set({ a: 1 })
  await p.inner.set({ a: 2 }) // another context, or a test writing storage directly
  kv.changed(['a'])
  assert.equal(await kv.get('a'), 2)
  assert.equal(p.reads, 1)
})

test('the events of two quick writes, arriving after both, leave the second value', async () => {
  const p = new Probe()
  const kv = new CachedKV(p)
  await kv.set({ a: 1 })
  await kv.set({ a: 2 })
  kv.changed(['a'])
  kv.changed(['a'])
  assert.equal(await kv.get('a'), 2)
})

/** 'a' = 'old' in the storage, and a read of it that the storage answers only once `release` is called. */
async function heldRead() {
  const p = new Probe()
  await p.inner.set({ a: 'old' })
  const kv = new CachedKV(p)
  let open!: () => void
  p.hold = new Promise((r) => (open = r))
  const slow = kv.get('a')
  const release = () => {
    p.hold = null
    open()
  }
  return { p, kv, slow, release }
}

test('a read overtaken by a write is answered but not kept', async () => {
  const { kv, slow, release } = await heldRead()
  await kv.set({ a: 'new' })
  release()
  assert.equal(await slow, 'old') // the storage answered before the write, as browser.storage would
  assert.equal(await kv.get('a'), 'new')
})

test('a read overtaken by a change elsewhere is not kept', async () => {
  const { p, kv, slow, release } = await heldRead()
  await p.inner.set({ a: 'new' })
  kv.changed(['a'])
  release()
  await slow
  assert.equal(await kv.get('a'), 'new')
  assert.equal(p.reads, 2)
})

test('a write the storage refused is not remembered: the next read asks the storage', async () => {
  const p = new Probe()
  await p.inner.set({ a: 1 })
  const kv = new CachedKV(p)
  p.failWrites = true
  await assert.rejects(kv.set({ a: 2 }), /quota/)
  assert.equal(await kv.get('a'), 1)
})

test('all() is the storage itself', async () => {
  const p = new Probe()
  await p.inner.set({ a: 1, b: 2 })
  const kv = new CachedKV(p)
  await kv.get('a')
  assert.deepEqual(await kv.all(), { a: 1, b: 2 })
})
