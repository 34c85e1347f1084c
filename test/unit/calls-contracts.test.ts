// Every UI call's params are checked at the background's boundary from its contract: a malformed
// call gets BAD_PARAMS naming the field (never a throw deep inside a handler), an unknown call
// UNKNOWN_CALL, and what passes is what the handler receives.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkUiCall, PASSIVE_UI_CALLS, UI_CONTRACTS } from '../../src/calls.ts'
import { createServer } from '../../src/wire/messaging.ts'

const bad = (call: string, params: unknown) => {
  try {
    checkUiCall(call, params)
  } catch (err) {
    return err as { code: string; message: string }
  }
  assert.fail(`${call} accepted ${JSON.stringify(params)}`)
}

test('malformed params get BAD_PARAMS with the call and the field', () => {
  let e = bad('wallet.switchChain', { chainId: '901' })
  assert.equal(e.code, 'BAD_PARAMS')
  assert.match(e.message, /^"wallet\.switchChain": chainId: expected a number/)
  e = bad('tokens.add', { chainId: 1, address: '0x1234' })
  assert.match(e.message, /address: expected an address: 0x followed by 40 hex digits/)
  e = bad('flows.start', { kind: 'bridge', intent: { direction: 'sideways', l2ChainId: 901, token: { symbol: 'ETH', decimals: 18, l1: null, l2: null }, amount: '1', from: '0x' + '1'.repeat(40) } })
  assert.match(e.message, /intent\.direction/)
  e = bad('flows.start', { kind: 'steal', intent: {} })
  assert.equal(e.code, 'BAD_PARAMS')
  e = bad('flows.confirm', { id: 'x', step: -1 })
  assert.match(e.message, /step/)
  e = bad('tx.send', { tx: { chainId: 1 }, title: 'x' })
  assert.match(e.message, /tx\.from/)
  e = bad('keyring.unlock', {})
  assert.match(e.message, /password/)
  e = bad('balances.refresh', { chainIds: Array.from({ length: 500 }, () => 1) })
  assert.match(e.message, /chainIds/)
  assert.deepEqual(checkUiCall('app.ping', null), {}, 'absent params are read as {}')
  assert.equal(bad('app.ping', 'x').code, 'BAD_PARAMS')
})

test('what passes the check is what the handler gets (unknown fields dropped)', () => {
  assert.deepEqual(checkUiCall('wallet.switchChain', { chainId: 901, extra: 'x' }), { chainId: 901 })
  const intent = { direction: 'deposit', l2ChainId: 901, token: { symbol: 'PHA', decimals: 18, l1: '0x' + 'a'.repeat(40), l2: null }, amount: '10', from: '0x' + 'b'.repeat(40) }
  assert.deepEqual(checkUiCall('flows.start', { kind: 'bridge', intent }), { kind: 'bridge', intent })
})

test('an unknown call is UNKNOWN_CALL; the server answers coded errors and never throws', async () => {
  assert.equal(bad('wallet.steal', {}).code, 'UNKNOWN_CALL')
  const server = createServer('ui', { 'wallet.switchChain': (p: unknown) => p } as never, { check: checkUiCall })
  assert.deepEqual(await server.handle({ channel: 'ui', call: 'wallet.switchChain', params: { chainId: 'x' } }, null), {
    ok: false,
    error: { code: 'BAD_PARAMS', message: '"wallet.switchChain": chainId: expected a number' },
  })
  assert.deepEqual(await server.handle({ channel: 'ui', call: 'wallet.switchChain', params: { chainId: 5 } }, null), { ok: true, result: { chainId: 5 } })
})

test('every call has a contract; the passive ones are the screens\' own re-reads', () => {
  assert.ok(Object.keys(UI_CONTRACTS).length > 60)
  for (const name of ['tx.quote', 'balances.refresh', 'bridge.overview', 'bridge.refresh', 'flows.get', 'app.ping']) assert.ok(PASSIVE_UI_CALLS.has(name), name)
  for (const name of ['keyring.unlock', 'flows.confirm', 'tx.send', 'flows.start']) assert.ok(!PASSIVE_UI_CALLS.has(name), name)
})
