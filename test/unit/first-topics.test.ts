// What the popup asks for before its first screen (ui/popup/first-topics.ts): Home's balances and
// prices only for an unlocked, running wallet with an account, and only when Home is the screen; the
// account Home showed last, guessed before the state comes, kept true by each state.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { guessedHomeTopics, HOME_ACCOUNT_KEY, homeTopics, rememberHomeAccount } from '../../ui/popup/first-topics.ts'

const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const unlocked = { unlocked: true, selected: ACCOUNT }

test('an unlocked wallet on Home: the account’s balances (lower-cased key) and the prices', () => {
  const want = [
    { topic: 'balances', key: ACCOUNT.toLowerCase() },
    { topic: 'prices', key: null },
  ]
  for (const hash of ['', '#', '#/', '#/home', '#home', '#/home?from=badge']) assert.deepEqual(homeTopics(unlocked, hash), want, `hash "${hash}"`)
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

/** a Storage as the popup's localStorage behaves, in memory */
function memoryStore(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init))
  return {
    map: m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, String(v)),
    removeItem: (k: string) => void m.delete(k),
  }
}

test('the account Home showed last is asked for before the state comes, on Home only', () => {
  const store = memoryStore({ [HOME_ACCOUNT_KEY]: ACCOUNT.toLowerCase() })
  assert.deepEqual(guessedHomeTopics('', store), [
    { topic: 'balances', key: ACCOUNT.toLowerCase() },
    { topic: 'prices', key: null },
  ])
  assert.deepEqual(guessedHomeTopics('#/send', store), [])
  assert.deepEqual(guessedHomeTopics('', memoryStore()), [], 'no guess on a first open')
  assert.deepEqual(guessedHomeTopics('', null), [], 'no storage')
  for (const bad of ['0x1234', 'alice.eth', `${ACCOUNT.toLowerCase()}00`, '<img src=x>']) assert.deepEqual(guessedHomeTopics('', memoryStore({ [HOME_ACCOUNT_KEY]: bad })), [], `a stored "${bad}" is no address`)
  const throwing = { getItem: () => { throw new Error('SecurityError') }, setItem: () => undefined, removeItem: () => undefined }
  assert.deepEqual(guessedHomeTopics('', throwing), [], 'a storage that refuses access')
})

test('the guess follows the wallet: the selected account when unlocked, kept while locked, gone with the wallet', () => {
  const store = memoryStore()
  rememberHomeAccount(unlocked, store)
  assert.equal(store.map.get(HOME_ACCOUNT_KEY), ACCOUNT.toLowerCase())
  const other = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
  rememberHomeAccount({ unlocked: true, selected: other }, store)
  assert.equal(store.map.get(HOME_ACCOUNT_KEY), other.toLowerCase(), 'another account selected')
  rememberHomeAccount({ initialized: true, unlocked: false, selected: null }, store)
  assert.equal(store.map.get(HOME_ACCOUNT_KEY), other.toLowerCase(), 'kept while locked: the next unlock shows it')
  rememberHomeAccount({ ...unlocked, halted: { reason: 'migration' } }, store)
  assert.equal(store.map.get(HOME_ACCOUNT_KEY), other.toLowerCase(), 'a halted wallet changes nothing')
  rememberHomeAccount({ initialized: false }, store)
  assert.equal(store.map.has(HOME_ACCOUNT_KEY), false, 'no wallet: no guess')
  const full = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError') }, removeItem: () => undefined }
  assert.doesNotThrow(() => rememberHomeAccount(unlocked, full), 'a full storage is not an error')
})
