// Topics: a subscriber gets the value at once and again on each change of its key; changes that
// land while a read is on its way are coalesced into one more read; work a topic does while it is
// watched starts with the first subscriber and stops after the last.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { TopicHub, type TopicValue } from '../../src/topics/hub.ts'

const tick = () => new Promise((r) => setTimeout(r, 5))

test('the value at once, again on a change of that key only, nothing after unsubscribing', async () => {
  const hub = new TopicHub()
  const data: Record<string, number> = { a: 1, b: 10 }
  hub.define<number>('n', { read: async (k) => data[k!] })
  const got: TopicValue<unknown>[] = []
  const stop = hub.subscribe('n', 'a', (v) => got.push(v))
  await tick()
  assert.deepEqual(got, [{ value: 1 }])
  data.a = 2
  hub.publish('n', 'b')
  await tick()
  assert.equal(got.length, 1, 'another key changed: nothing')
  hub.publish('n', 'a')
  await tick()
  assert.deepEqual(got.at(-1), { value: 2 })
  hub.publish('n') // every key
  await tick()
  assert.equal(got.length, 3)
  stop()
  hub.publish('n', 'a')
  await tick()
  assert.equal(got.length, 3)
})

test('a failing read reaches the subscriber as a coded error; an unknown topic says so', async () => {
  const hub = new TopicHub()
  hub.define('x', { read: async () => Promise.reject(Object.assign(new Error('gone'), { code: 'UNKNOWN_FLOW' })) })
  const got: TopicValue<unknown>[] = []
  hub.subscribe('x', 'id', (v) => got.push(v))
  hub.subscribe('nope', null, (v) => got.push(v))
  await tick()
  assert.deepEqual(got, [{ error: { code: 'UNKNOWN_TOPIC', message: 'No topic "nope".' } }, { error: { code: 'UNKNOWN_FLOW', message: 'gone' } }])
})

test('changes during a read coalesce into one more read; watch work runs while watched', async () => {
  const hub = new TopicHub()
  let reads = 0
  let watching = 0
  hub.define<number>('slow', {
    read: async () => {
      reads++
      await new Promise((r) => setTimeout(r, 20))
      return reads
    },
    watch: () => {
      watching++
      return () => void watching--
    },
  })
  const a = hub.subscribe('slow', null, () => undefined)
  const b = hub.subscribe('slow', null, () => undefined)
  assert.equal(watching, 1, 'one watch for two subscribers')
  await new Promise((r) => setTimeout(r, 50))
  const before = reads
  for (let i = 0; i < 5; i++) hub.publish('slow')
  await new Promise((r) => setTimeout(r, 100))
  assert.ok(reads - before <= 2, `five changes, ${reads - before} reads`)
  a()
  assert.equal(watching, 1)
  b()
  assert.equal(watching, 0, 'the last one left: the work stops')
})
