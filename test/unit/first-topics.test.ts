// What the popup asks for before its first screen (ui/popup/first-topics.ts): Home's balances and
// prices only for an unlocked, running wallet with an account, and only when Home is the screen.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { homeTopics } from '../../ui/popup/first-topics.ts'

const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const unlocked = { unlocked: true, selected: ACCOUNT }

test('an unlocked wallet on Home: the account’s balances (lower-cased key) and the prices', () => {
  const want = [
    { topic: 'balances', key: ACCOUNT.toLowerCase() },
    { topic: 'prices', key: null },
  ]
  for (const hash of ['', '#', '#/', '#/home', '#home']) assert.deepEqual(homeTopics(unlocked, hash), want, `hash "${hash}"`)
})

test('nothing for another screen, a locked or halted wallet, no account, or no state yet', () => {
  assert.deepEqual(homeTopics(unlocked, '#/send'), [])
  assert.deepEqual(homeTopics(unlocked, '#/home/x'), [])
  assert.deepEqual(homeTopics({ unlocked: false, selected: ACCOUNT }, ''), [])
  assert.deepEqual(homeTopics({ ...unlocked, halted: { reason: 'migration' } }, ''), [])
  assert.deepEqual(homeTopics({ unlocked: true, selected: null }, ''), [])
  assert.deepEqual(homeTopics(null, ''), [])
  assert.deepEqual(homeTopics(undefined, ''), [])
})
