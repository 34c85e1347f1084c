import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createClient, createServer } from '../../src/wire/messaging.ts'
import { checkPageRequest, INPAGE_TAG, MAX_REQUEST_CHARS } from '../../src/wire/page.ts'
import { isWalletToPage } from '../../src/wire/push.ts'
import { WalletError } from '../../src/errors.ts'

interface Calls {
  add: { params: { a: number; b: number }; result: number }
  boom: { params: Record<string, never>; result: never }
  slow: { params: Record<string, never>; result: string }
}

const server = createServer<Calls, { who: string }>('ui', {
  add: ({ a, b }) => a + b,
  boom: () => {
    throw new WalletError('WRONG_PASSWORD', 'That password is not right.')
  },
  slow: () => new Promise((r) => setTimeout(() => r('late'), 200)),
})
const client = createClient<Calls>('ui', (env) => server.handle(env, { who: 'test' }), { timeoutMs: 50 })

test('a typed call is answered with its result', async () => {
  assert.equal(await client('add', { a: 2, b: 3 }), 5)
})

test('an error keeps its code and sentence across the boundary', async () => {
  await assert.rejects(client('boom', {}), (e: WalletError) => e.code === 'WRONG_PASSWORD' && e.message === 'That password is not right.')
})

test('a call that gets no answer in time fails with TIMEOUT and a sentence', async () => {
  await assert.rejects(client('slow', {}), (e: WalletError) => e.code === 'TIMEOUT' && /did not answer "slow"/.test(e.message))
})

test('a dead background gives UNREACHABLE, not a hang', async () => {
  const dead = createClient<Calls>('ui', () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')))
  await assert.rejects(dead('add', { a: 1, b: 1 }), (e: WalletError) => e.code === 'UNREACHABLE')
})

test('the server answers unknown or malformed calls with an error value, never a throw', async () => {
  assert.deepEqual(await server.handle({ channel: 'ui', call: 'nope', params: {} }, { who: 'x' }), { ok: false, error: { code: 'UNKNOWN_CALL', message: 'Unknown call "nope".' } })
  assert.equal((await server.handle({ channel: 'page', call: 'add', params: {} }, { who: 'x' })).ok, false)
  assert.equal((await server.handle(null, { who: 'x' })).ok, false)
  assert.equal((await server.handle({ channel: 'ui', call: '__proto__', params: {} }, { who: 'x' })).ok, false)
  assert.equal((await server.handle({ channel: 'ui', call: 'constructor', params: {} }, { who: 'x' })).ok, false)
})

test('page requests are validated: shape, method, params, size', () => {
  const base = { source: INPAGE_TAG, kind: 'request', id: 1 }
  assert.deepEqual(checkPageRequest({ ...base, method: 'eth_chainId' }), { ok: true, request: { id: 1, method: 'eth_chainId' } })
  assert.equal(checkPageRequest({ ...base, source: 'someone-else', method: 'eth_chainId' }), null)
  assert.equal(checkPageRequest('hello'), null)
  assert.equal(checkPageRequest({ ...base, id: { x: 1 }, method: 'a' }), null)
  assert.equal(checkPageRequest({ ...base, method: 42 })?.ok, false)
  assert.equal(checkPageRequest({ ...base, method: 'x'.repeat(101) })?.ok, false)
  assert.equal(checkPageRequest({ ...base, method: 'eth_call', params: 'nope' })?.ok, false)
  const huge = checkPageRequest({ ...base, method: 'eth_call', params: ['x'.repeat(MAX_REQUEST_CHARS + 1)] })
  assert.equal(huge?.ok, false)
  assert.match((huge as { reason: string }).reason, /too large/)
})

test("what the wallet posts on a document's port is validated", () => {
  assert.equal(isWalletToPage({ kind: 'event', event: 'chainChanged', data: '0x1' }), true)
  assert.equal(isWalletToPage({ kind: 'event', event: 'steal', data: 1 }), false)
  assert.equal(isWalletToPage({ kind: 'response', id: 3, reply: { result: 1 } }), true)
  assert.equal(isWalletToPage({ kind: 'response', id: 3, reply: {} }), false)
  assert.equal(isWalletToPage({ kind: 'deferred', id: 'a:1' }), true)
  assert.equal(isWalletToPage({ kind: 'status', stay: 'yes' }), false)
})
