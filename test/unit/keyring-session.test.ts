import { test } from 'node:test'
import assert from 'node:assert/strict'
import { LOCAL_KEYS, SESSION_KEYS } from '../../src/keyring/storage-keys.ts'
import { SUBSTRATE_ACCOUNTS_KEY } from '../../src/keyring/substrate-accounts.ts'
import { MemoryKV } from '../../src/storage/kv.ts'
import { Wallet } from '../../src/wallet/wallet.ts'
import { TestPlatform } from '../support/platform.ts'
import { onboarded, PASSWORD, rejectsWith, TEST_ACCOUNTS } from './fixtures/keyring-harness.ts'

const MIN = 60_000

test('a service-worker restart keeps the wallet unlocked: accounts and signing work from the session key', async () => {
  const { kr, restart } = await onboarded()
  await kr.addAccount()
  const after = restart()
  assert.equal(await after.restoreSession(), true)
  const status = await after.status()
  assert.equal(status.unlocked, true)
  assert.equal(status.accounts.length, 2)
  const signer = await after.getSigner(TEST_ACCOUNTS[1][0])
  assert.match(await signer.signMessage({ message: 'still here' }), /^0x[0-9a-f]{130}$/)
  await after.addAccount()
  assert.equal((await after.status()).accounts[2].address, TEST_ACCOUNTS[2][0])
})

test('the session holds a key, not the secrets', async () => {
  const { session, local } = await onboarded()
  const all = await session.all()
  assert.deepEqual(Object.keys(all).sort(), [SESSION_KEYS.lastActivity, SESSION_KEYS.session].sort())
  const rec = all[SESSION_KEYS.session] as Record<string, unknown>
  assert.deepEqual(Object.keys(rec).sort(), ['accounts', 'key', 'salt'])
  // beside the key: the account lists as checked against the vault, public data exactly as stored
  const stored = await local.getMany([LOCAL_KEYS.accounts, SUBSTRATE_ACCOUNTS_KEY])
  assert.equal(rec.accounts, JSON.stringify([stored[LOCAL_KEYS.accounts] ?? null, stored[SUBSTRATE_ACCOUNTS_KEY] ?? null]))
})

test('a browser restart (storage.session gone) means locked', async () => {
  const { local } = await onboarded()
  const { Keyring } = await import('../../src/keyring/keyring.ts')
  const kr = new Keyring({ local, session: new MemoryKV(), kdfIterations: 1_000 })
  assert.equal(await kr.restoreSession(), false)
  assert.equal((await kr.status()).unlocked, false)
  assert.equal((await kr.unlock(PASSWORD)).unlocked, true)
})

test('a session key that no longer opens the vault (damaged or stale) just means locked', async () => {
  const { local, session, restart } = await onboarded()
  await session.set({ [SESSION_KEYS.session]: { ...((await session.get(SESSION_KEYS.session)) as object), key: btoa('x'.repeat(32)) } })
  const kr = restart()
  assert.equal(await kr.restoreSession(), false)
  assert.deepEqual(await session.all(), {}, 'the useless session is cleared')
  assert.equal((await kr.unlock(PASSWORD)).unlocked, true)
  // a vault damaged while unlocked: the restart comes up locked and unlock explains
  const vault = (await local.get(LOCAL_KEYS.vault)) as { ct: string }
  await local.set({ [LOCAL_KEYS.vault]: { ...vault, ct: vault.ct.slice(8) } })
  const again = restart()
  assert.equal(await again.restoreSession(), false)
  await rejectsWith(again.unlock(PASSWORD), 'VAULT_CORRUPT')
})

test('auto-lock: default 15 min after the last activity; touch() pushes it back; checkAutoLock locks', async () => {
  const { kr, clock, session } = await onboarded()
  const start = clock.t
  assert.equal(await kr.lockDeadline(), start + 15 * MIN)
  clock.t += 10 * MIN
  assert.equal(await kr.checkAutoLock(), false)
  assert.equal(await kr.touch(), clock.t + 15 * MIN)
  assert.equal(await kr.lockDeadline(), start + 25 * MIN)
  assert.equal(await kr.checkAutoLock(start + 25 * MIN - 1), false)
  assert.equal(await kr.checkAutoLock(start + 25 * MIN), true)
  assert.equal((await kr.status()).unlocked, false)
  assert.equal(await kr.lockDeadline(), null)
  assert.deepEqual(await session.all(), {})
})

test('a late alarm cannot leave the wallet open: the next call after the deadline finds it locked', async () => {
  const { kr, clock } = await onboarded()
  const signer = await kr.getSigner(TEST_ACCOUNTS[0][0])
  clock.t += 15 * MIN
  await rejectsWith(signer.signMessage({ message: 'too late' }), 'LOCKED')
  assert.equal(await kr.touch(), null, 'activity after the deadline does not reopen it')
  assert.equal((await kr.status()).unlocked, false)
})

test('the deadline survives a restart; an expired session is not restored', async () => {
  const { kr, clock, restart } = await onboarded()
  clock.t += 5 * MIN
  await kr.touch()
  const deadline = await kr.lockDeadline()
  const after = restart()
  assert.equal(await after.lockDeadline(), deadline)
  clock.t = deadline! + 1
  const late = restart()
  assert.equal(await late.restoreSession(), false)
  assert.equal((await late.status()).unlocked, false)
})

test('the idle time is the user\'s setting: 1..1440 whole minutes, stored in settings (written by the wallet, read by the keyring)', async () => {
  const { kr, clock, local, session } = await onboarded()
  const wallet = new Wallet({ local, session, platform: new TestPlatform(), networks: [] })
  const setAutoLockMinutes = (m: number) => wallet.updateSettings({ autoLockMinutes: m })
  await setAutoLockMinutes(60)
  assert.equal(await kr.getAutoLockMinutes(), 60)
  assert.equal(((await local.get('settings')) as { autoLockMinutes: number }).autoLockMinutes, 60)
  assert.equal((await kr.status()).autoLockMinutes, 60)
  assert.equal(await kr.lockDeadline(), clock.t + 60 * MIN)
  for (const bad of [0, -5, 1.5, 1441, Number.NaN]) await rejectsWith(setAutoLockMinutes(bad), 'BAD_AUTO_LOCK')
  await setAutoLockMinutes(1)
  clock.t += MIN
  assert.equal(await kr.checkAutoLock(), true)
})

test('a restart finds the account lists as last checked: no address is derived again; a list changed meanwhile is checked in full', async () => {
  const { HdWallet } = await import('../../src/keyring/hd.ts')
  const { local, restart } = await onboarded()
  const derive = HdWallet.prototype.privateKey
  let derived = 0
  HdWallet.prototype.privateKey = function (this: unknown, index: number) {
    derived++
    return derive.call(this as never, index)
  }
  try {
    const same = restart()
    assert.equal(await same.restoreSession(), true)
    assert.equal(derived, 0, 'unchanged lists: nothing derived')
    assert.deepEqual((await same.status()).accounts.map((a) => a.address), [TEST_ACCOUNTS[0][0]])

    // another program rewrites the first account's address while the worker is stopped
    const list = (await local.get(LOCAL_KEYS.accounts)) as { address: string }[]
    await local.set({ [LOCAL_KEYS.accounts]: [{ ...list[0], address: TEST_ACCOUNTS[1][0] }] })
    const changed = restart()
    assert.equal(await changed.restoreSession(), true)
    assert.ok(derived > 0, 'a changed list is checked against the phrase')
    assert.deepEqual((await changed.status()).accounts.map((a) => a.address), [TEST_ACCOUNTS[0][0]], "the phrase's address is shown")
    assert.equal(changed.problems().length, 1, JSON.stringify(changed.problems()))

    // and the lists it left are the ones the next restart finds checked
    derived = 0
    assert.equal(await restart().restoreSession(), true)
    assert.equal(derived, 0)
  } finally {
    HdWallet.prototype.privateKey = derive
  }
})

test('a restart with an imported key computes no address until that key signs; a removed key cannot sign', async () => {
  const { importedKeys } = await import('../../src/keyring/unlocked.ts')
  const { kr, restart } = await onboarded()
  const [address, key] = TEST_ACCOUNTS[8]
  await kr.importPrivateKey(key)
  // the import changed the lists since the last full check: the next restart checks them in full
  assert.equal(await restart().restoreSession(), true)
  const byAddress = importedKeys.byAddress
  let computed = 0
  importedKeys.byAddress = (payload) => {
    computed++
    return byAddress(payload)
  }
  try {
    const after = restart()
    assert.equal(await after.restoreSession(), true)
    assert.equal(computed, 0, 'unchanged lists: no imported key multiplied')
    assert.deepEqual((await after.status()).accounts.map((a) => a.address), [TEST_ACCOUNTS[0][0], address])
    const signer = await after.getSigner(address)
    assert.equal(computed, 1, 'the first use computes the addresses, once')
    const { verifyMessage } = await import('viem')
    assert.equal(await verifyMessage({ address, message: 'imported', signature: await signer.signMessage({ message: 'imported' }) }), true)
    await after.getSigner(address)
    assert.equal(computed, 1)
    await after.removeImportedKey(address)
    await rejectsWith(after.getSigner(address), 'UNKNOWN_ACCOUNT')
  } finally {
    importedKeys.byAddress = byAddress
  }
})
