import { test } from 'node:test'
import assert from 'node:assert/strict'
import { LOCAL_KEYS } from '../../src/keyring/storage-keys.ts'
import { onboarded, PASSWORD, rejectsWith, TEST_ACCOUNTS } from './fixtures/keyring-harness.ts'

test('two windows unlocking at once: both succeed, one unlocked state, one session', async () => {
  const { kr, session } = await onboarded()
  await kr.lock()
  let sessionWrites = 0
  const set = session.set.bind(session)
  session.set = async (entries) => {
    if ('keyring.session' in entries) sessionWrites++
    return set(entries)
  }
  const [a, b] = await Promise.all([kr.unlock(PASSWORD), kr.unlock(PASSWORD)])
  assert.equal(a.unlocked && b.unlocked, true)
  assert.equal(sessionWrites, 1, 'the second unlock found the wallet open and did not rebuild it')
})

test('concurrent wrong passwords are all counted (no lost update of the back-off counter)', async () => {
  const { kr, local } = await onboarded()
  await kr.lock()
  const results = await Promise.allSettled([kr.unlock('wrong 1 wrong'), kr.unlock('wrong 2 wrong'), kr.unlock('wrong 3 wrong'), kr.unlock(PASSWORD)])
  assert.deepEqual(
    results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok')),
    ['WRONG_PASSWORD', 'WRONG_PASSWORD', 'WRONG_PASSWORD', 'TOO_MANY_TRIES'],
  )
  assert.equal(((await local.get(LOCAL_KEYS.failures)) as { count: number }).count, 3)
})

test('concurrent addAccount calls get distinct indexes', async () => {
  const { kr } = await onboarded()
  const added = await Promise.all([kr.addAccount(), kr.addAccount(), kr.addAccount()])
  assert.deepEqual(added.map((a) => a.index), [1, 2, 3])
  assert.deepEqual((await kr.status()).accounts.map((a) => a.address), TEST_ACCOUNTS.slice(0, 4).map(([a]) => a))
})

test('unlock racing a password change, then an import: the vault stays whole and opens with the new password', async () => {
  const { kr, local } = await onboarded()
  await kr.lock()
  const NEW = 'the new password'
  const [changed, unlockedOld, unlockedNew] = await Promise.allSettled([
    kr.changePassword(PASSWORD, NEW),
    kr.unlock(PASSWORD),
    kr.unlock(NEW),
  ])
  assert.equal(changed.status, 'fulfilled')
  assert.equal(unlockedOld.status, 'rejected')
  assert.equal(((unlockedOld as PromiseRejectedResult).reason as { code: string }).code, 'WRONG_PASSWORD')
  assert.equal(unlockedNew.status, 'fulfilled')
  await kr.importPrivateKey(TEST_ACCOUNTS[9][1])
  // a fresh keyring over the same storage: the vault written by the import opens with the new password
  const { Keyring } = await import('../../src/keyring/keyring.ts')
  const { MemoryKV } = await import('../../src/storage/kv.ts')
  const fresh = new Keyring({ local, session: new MemoryKV(), kdfIterations: 1_000 })
  const status = await fresh.unlock(NEW)
  assert.equal(status.accounts.length, 2)
  assert.equal(await fresh.exportPrivateKey(NEW, TEST_ACCOUNTS[9][0]), TEST_ACCOUNTS[9][1])
})

test('a failing operation does not jam the queue', async () => {
  const { kr } = await onboarded()
  const results = await Promise.allSettled([kr.renameAccount('0x0000000000000000000000000000000000000001', 'x'), kr.addAccount()])
  assert.equal(results[0].status, 'rejected')
  assert.equal(results[1].status, 'fulfilled')
  await rejectsWith(kr.reorder([]), 'BAD_ORDER')
  assert.equal((await kr.status()).accounts.length, 2)
})
