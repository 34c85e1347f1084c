import { test } from 'node:test'
import assert from 'node:assert/strict'
import { LOCAL_KEYS } from '../../src/keyring/storage-keys.ts'
import { onboarded, PASSWORD, rejectsWith, TEST_ACCOUNTS } from './fixtures/keyring-harness.ts'

const addr = (i: number) => TEST_ACCOUNTS[i][0] as string

test('addAccount derives the next BIP44 index: the well-known addresses, in order, default names', async () => {
  const { kr } = await onboarded()
  for (let i = 1; i < 5; i++) {
    const a = await kr.addAccount()
    assert.deepEqual(a, { address: addr(i), name: `Account ${i + 1}`, hidden: false, order: i, kind: 'hd', index: i })
  }
  const named = await kr.addAccount('  Savings  ')
  assert.equal(named.name, 'Savings')
  assert.equal(named.address, addr(5))
})

test('rename, hide and reorder: public data only, kept across lock/unlock', async () => {
  const { kr } = await onboarded()
  await kr.addAccount()
  await kr.addAccount()
  assert.equal((await kr.renameAccount(addr(1).toLowerCase(), 'Trading')).name, 'Trading')
  await rejectsWith(kr.renameAccount(addr(1), '   '), 'BAD_ACCOUNT_NAME')
  await rejectsWith(kr.renameAccount(addr(1), 'x'.repeat(41)), 'BAD_ACCOUNT_NAME')
  await rejectsWith(kr.renameAccount(addr(7), 'Nope'), 'UNKNOWN_ACCOUNT')
  assert.equal((await kr.setHidden(addr(0), true)).hidden, true)
  const order = await kr.reorder([addr(2), addr(0), addr(1)])
  assert.deepEqual(order.map((a) => a.address), [addr(2), addr(0), addr(1)])
  await rejectsWith(kr.reorder([addr(2), addr(0)]), 'BAD_ORDER')
  await rejectsWith(kr.reorder([addr(2), addr(0), addr(0)]), 'BAD_ORDER')
  await rejectsWith(kr.reorder([addr(2), addr(0), addr(5)]), 'BAD_ORDER')
  await kr.lock()
  await rejectsWith(kr.renameAccount(addr(0), 'Locked'), 'LOCKED')
  const status = await kr.unlock(PASSWORD)
  assert.deepEqual(
    status.accounts.map((a) => [a.address, a.name, a.hidden]),
    [[addr(2), 'Account 3', false], [addr(0), 'Account 1', true], [addr(1), 'Trading', false]],
  )
  // a new account goes to the end of the user's order
  assert.equal((await kr.addAccount()).order, 3)
})

test('the last visible account cannot be hidden', async () => {
  const { kr } = await onboarded()
  await rejectsWith(kr.setHidden(addr(0), true), 'LAST_VISIBLE_ACCOUNT')
  await kr.addAccount()
  await kr.setHidden(addr(0), true)
  await rejectsWith(kr.setHidden(addr(1), true), 'LAST_VISIBLE_ACCOUNT')
  await kr.setHidden(addr(0), false)
})

test('import extra private keys: encrypted into the vault, listed as imported, removable', async () => {
  const { kr, local } = await onboarded()
  const vaultBefore = await local.get(LOCAL_KEYS.vault)
  const imported = await kr.importPrivateKey(TEST_ACCOUNTS[8][1].slice(2).toUpperCase())
  assert.deepEqual(imported, { address: addr(8), name: 'Imported 1', hidden: false, order: 1, kind: 'imported', index: null })
  assert.notDeepEqual(await local.get(LOCAL_KEYS.vault), vaultBefore, 'the vault was re-encrypted with the key')
  await rejectsWith(kr.importPrivateKey(TEST_ACCOUNTS[8][1]), 'DUPLICATE_ACCOUNT')
  await rejectsWith(kr.importPrivateKey(TEST_ACCOUNTS[0][1]), 'DUPLICATE_ACCOUNT')
  await rejectsWith(kr.importPrivateKey('0x1234'), 'BAD_PRIVATE_KEY')

  // it survives lock/unlock, and exports back
  await kr.lock()
  await kr.unlock(PASSWORD)
  assert.equal(await kr.exportPrivateKey(PASSWORD, addr(8)), TEST_ACCOUNTS[8][1])

  await rejectsWith(kr.removeImportedKey(addr(0)), 'NOT_IMPORTED')
  await kr.removeImportedKey(addr(8))
  assert.deepEqual((await kr.status()).accounts.map((a) => a.address), [addr(0)])
  await rejectsWith(kr.getSigner(addr(8)), 'UNKNOWN_ACCOUNT')
  await kr.lock()
  await kr.unlock(PASSWORD)
  await rejectsWith(kr.exportPrivateKey(PASSWORD, addr(8)), 'UNKNOWN_ACCOUNT')
  // and it can be imported again
  await kr.importPrivateKey(TEST_ACCOUNTS[8][1])
})

test('a key-only wallet keeps its last visible key', async () => {
  const { kr } = await onboarded()
  await kr.reset()
  await kr.initialize({ privateKey: TEST_ACCOUNTS[3][1], password: PASSWORD })
  await rejectsWith(kr.removeImportedKey(addr(3)), 'LAST_VISIBLE_ACCOUNT')
})

test('a lost account list is rebuilt from the vault on unlock (the vault is the truth)', async () => {
  const { kr, local } = await onboarded()
  await kr.importPrivateKey(TEST_ACCOUNTS[9][1])
  await kr.lock()
  await local.set({ [LOCAL_KEYS.accounts]: 'garbage' })
  const status = await kr.unlock(PASSWORD)
  assert.deepEqual(status.accounts.map((a) => [a.address, a.kind]), [[addr(0), 'hd'], [addr(9), 'imported']])
})

test('a tampered account list never makes the wallet sign with a key other than the one shown', async () => {
  const { kr, local } = await onboarded()
  await kr.addAccount()
  await kr.lock()
  const list = (await local.get(LOCAL_KEYS.accounts)) as { address: string; index: number }[]
  // swap the index behind account 2 to 0: the address shown no longer matches what index 0 derives
  await local.set({ [LOCAL_KEYS.accounts]: list.map((a) => (a.address === addr(1) ? { ...a, index: 0 } : a)) })
  const status = await kr.unlock(PASSWORD)
  // at unlock every phrase account is derived again: the entry is the phrase's index 0, which is listed already
  assert.deepEqual(status.accounts.map((a) => a.address), [addr(0)], 'the rewritten address is never shown as an account')
  assert.ok(kr.problems().some((p) => p.family === 'accounts' && p.problem.includes(addr(1))), 'and it is reported')
  await rejectsWith(kr.getSigner(addr(1)), 'UNKNOWN_ACCOUNT')
  await rejectsWith(kr.exportPrivateKey(PASSWORD, addr(1)), 'UNKNOWN_ACCOUNT')
})

test('an HD account whose address was rewritten is reported at unlock and shown with the address its phrase gives', async () => {
  const { kr, local } = await onboarded()
  await kr.addAccount('Savings')
  await kr.lock()
  const list = (await local.get(LOCAL_KEYS.accounts)) as { address: string; index: number }[]
  const attacker = '0x000000000000000000000000000000000000dEaD'
  await local.set({ [LOCAL_KEYS.accounts]: list.map((a) => (a.address === addr(1) ? { ...a, address: attacker } : a)) })
  assert.ok((await kr.status()).accounts.some((a) => a.address === attacker), 'while locked the list is what storage says')
  const status = await kr.unlock(PASSWORD)
  assert.deepEqual(status.accounts.map((a) => [a.address, a.name]), [[addr(0), 'Account 1'], [addr(1), 'Savings']])
  const problem = kr.problems().find((p) => p.key === LOCAL_KEYS.accounts)
  assert.ok(problem && problem.problem.includes(attacker) && problem.problem.includes(addr(1)), JSON.stringify(kr.problems()))
  await rejectsWith(kr.getSigner(attacker), 'UNKNOWN_ACCOUNT')
  assert.deepEqual(((await local.get(LOCAL_KEYS.accounts)) as { address: string }[]).map((a) => a.address), [addr(0), addr(1)], 'the list is made right in storage too')
})
