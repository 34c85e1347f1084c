import { test } from 'node:test'
import assert from 'node:assert/strict'
import { LOCAL_KEYS } from '../../src/keyring/storage-keys.ts'
import { MemoryKV } from '../../src/storage/kv.ts'
import { harness, onboarded, PASSWORD, rejectsWith, TEST_ACCOUNTS, TEST_PHRASE } from './fixtures/keyring-harness.ts'

const NEW = 'a brand new password'

/** storage.local that can be made to fail its next writes, like a crash mid-operation */
class CrashingKV extends MemoryKV {
  failWrites = false
  override async set(entries: Record<string, unknown>): Promise<void> {
    if (this.failWrites) throw new Error('simulated crash during write')
    return super.set(entries)
  }
}

test('change password: new one works, old one does not, fresh salt; session follows; accounts untouched', async () => {
  const { kr, local, restart } = await onboarded()
  await kr.importPrivateKey(TEST_ACCOUNTS[7][1])
  const before = (await local.get(LOCAL_KEYS.vault)) as { kdf: { salt: string } }
  const accounts = await local.get(LOCAL_KEYS.accounts)
  await kr.changePassword(PASSWORD, NEW)
  const after = (await local.get(LOCAL_KEYS.vault)) as { kdf: { salt: string } }
  assert.notEqual(after.kdf.salt, before.kdf.salt)
  assert.deepEqual(await local.get(LOCAL_KEYS.accounts), accounts)
  // still unlocked; a restart restores with the new key; writes keep working under the new key
  assert.equal((await kr.status()).unlocked, true)
  const again = restart()
  assert.equal(await again.restoreSession(), true)
  await again.importPrivateKey(TEST_ACCOUNTS[6][1])
  await again.lock()
  await rejectsWith(again.unlock(PASSWORD), 'WRONG_PASSWORD')
  const status = await again.unlock(NEW)
  assert.equal(status.accounts.length, 3)
  assert.equal(await again.revealPhrase(NEW), TEST_PHRASE)
})

test('change password refuses a short new one before checking anything, and a wrong old one', async () => {
  const { kr, local } = await onboarded()
  const vault = await local.get(LOCAL_KEYS.vault)
  await rejectsWith(kr.changePassword(PASSWORD, 'short'), 'PASSWORD_TOO_SHORT')
  await rejectsWith(kr.changePassword('wrong password', NEW), 'WRONG_PASSWORD')
  assert.deepEqual(await local.get(LOCAL_KEYS.vault), vault)
})

test('a crash while writing the re-encrypted vault leaves the old vault, which opens with the old password', async () => {
  const local = new CrashingKV()
  const { kr, restart } = harness({ local })
  await kr.initialize({ mnemonic: TEST_PHRASE, password: PASSWORD })
  const vault = await local.get(LOCAL_KEYS.vault)
  local.failWrites = true
  const e = await rejectsWith(kr.changePassword(PASSWORD, NEW), 'STORAGE_FAILED')
  assert.match(e.message, /Nothing was changed/)
  local.failWrites = false
  assert.deepEqual(await local.get(LOCAL_KEYS.vault), vault)
  // the running keyring still writes under the old key...
  await kr.addAccount()
  await kr.importPrivateKey(TEST_ACCOUNTS[5][1])
  // ...and a fresh start opens with the old password only
  const again = restart()
  await again.lock()
  await rejectsWith(again.unlock(NEW), 'WRONG_PASSWORD')
  const status = await again.unlock(PASSWORD)
  assert.deepEqual(status.accounts.map((a) => a.address), [TEST_ACCOUNTS[0][0], TEST_ACCOUNTS[1][0], TEST_ACCOUNTS[5][0]])
})

test('a crash while importing a key leaves vault and account list as they were (one write for both)', async () => {
  const local = new CrashingKV()
  const { kr } = harness({ local })
  await kr.initialize({ mnemonic: TEST_PHRASE, password: PASSWORD })
  const before = await local.all()
  local.failWrites = true
  await rejectsWith(kr.importPrivateKey(TEST_ACCOUNTS[5][1]), 'STORAGE_FAILED')
  assert.deepEqual(await local.all(), before)
  local.failWrites = false
  await kr.lock()
  assert.deepEqual((await kr.unlock(PASSWORD)).accounts.map((a) => a.address), [TEST_ACCOUNTS[0][0]])
  await kr.importPrivateKey(TEST_ACCOUNTS[5][1])
})

test('change password works while locked too, and does not unlock', async () => {
  const { kr } = await onboarded()
  await kr.lock()
  await kr.changePassword(PASSWORD, NEW)
  assert.equal((await kr.status()).unlocked, false)
  assert.equal((await kr.unlock(NEW)).unlocked, true)
})
