import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Keyring } from '../../src/keyring/keyring.ts'
import { LOCAL_KEYS, SESSION_KEYS } from '../../src/keyring/storage-keys.ts'
import { DEFAULT_PBKDF2_ITERATIONS } from '../../src/keyring/vault-crypto.ts'
import { MemoryKV } from '../../src/storage/kv.ts'
import { harness, onboarded, PASSWORD, rejectsWith, TEST_ACCOUNTS, TEST_PHRASE } from './fixtures/keyring-harness.ts'

test('a fresh keyring: not initialized, locked, no accounts, 15 min auto-lock; unlock says NO_VAULT', async () => {
  const { kr } = harness()
  assert.deepEqual(await kr.status(), { initialized: false, unlocked: false, accounts: [], autoLockMinutes: 15 })
  await rejectsWith(kr.unlock(PASSWORD), 'NO_VAULT')
})

test('create: a phrase is shown, nothing is stored until initialize; then unlocked with account 1', async () => {
  const { kr, local, session } = harness()
  const phrase = kr.createPhrase(24)
  assert.equal(phrase.split(' ').length, 24)
  assert.deepEqual(await local.all(), {})
  const status = await kr.initialize({ mnemonic: phrase, password: PASSWORD })
  assert.equal(status.initialized, true)
  assert.equal(status.unlocked, true)
  assert.equal(status.accounts.length, 1)
  assert.deepEqual({ ...status.accounts[0], address: undefined }, { address: undefined, name: 'Account 1', hidden: false, order: 0, kind: 'hd', index: 0 })
  assert.ok((await local.get(LOCAL_KEYS.vault)) !== undefined)
  assert.ok((await session.get(SESSION_KEYS.session)) !== undefined)
})

test('import the standard phrase: the well-known first address; lock and unlock', async () => {
  const { kr, session } = await onboarded()
  assert.equal((await kr.status()).accounts[0].address, TEST_ACCOUNTS[0][0])
  await kr.lock()
  assert.equal((await kr.status()).unlocked, false)
  assert.deepEqual(await session.all(), {}, 'locking clears the session')
  await rejectsWith(kr.addAccount(), 'LOCKED')
  await rejectsWith(kr.getSigner(TEST_ACCOUNTS[0][0]), 'LOCKED')
  const status = await kr.unlock(PASSWORD)
  assert.equal(status.unlocked, true)
  assert.equal(status.accounts[0].address, TEST_ACCOUNTS[0][0])
})

test('import with a BIP39 passphrase: other accounts, and revealPhrase gives the phrase back', async () => {
  const { kr } = harness()
  const status = await kr.initialize({ mnemonic: TEST_PHRASE, passphrase: 'TREZOR', password: PASSWORD })
  assert.notEqual(status.accounts[0].address, TEST_ACCOUNTS[0][0])
  assert.equal(await kr.revealPhrase(PASSWORD), TEST_PHRASE)
})

test('import a private key as the wallet: one imported account, no phrase to reveal or derive from', async () => {
  const { kr } = harness()
  const status = await kr.initialize({ privateKey: TEST_ACCOUNTS[4][1], password: PASSWORD })
  assert.deepEqual(
    status.accounts.map((a) => [a.address, a.kind, a.index, a.name]),
    [[TEST_ACCOUNTS[4][0], 'imported', null, 'Imported 1']],
  )
  await rejectsWith(kr.revealPhrase(PASSWORD), 'NO_PHRASE')
  await rejectsWith(kr.addAccount(), 'NO_PHRASE')
  assert.equal(await kr.exportPrivateKey(PASSWORD, TEST_ACCOUNTS[4][0]), TEST_ACCOUNTS[4][1])
})

test('initialize refuses bad input before writing anything', async () => {
  const { kr, local } = harness()
  await rejectsWith(kr.initialize({ mnemonic: TEST_PHRASE, password: 'short' }), 'PASSWORD_TOO_SHORT')
  await rejectsWith(kr.initialize({ mnemonic: TEST_PHRASE.replace('junk', 'junc'), password: PASSWORD }), 'BAD_MNEMONIC_WORD')
  await rejectsWith(kr.initialize({ mnemonic: TEST_PHRASE.replace('junk', 'test'), password: PASSWORD }), 'BAD_MNEMONIC_CHECKSUM')
  await rejectsWith(kr.initialize({ privateKey: '0x' + '0'.repeat(64), password: PASSWORD }), 'BAD_PRIVATE_KEY')
  assert.deepEqual(await local.all(), {})
  assert.equal((await kr.status()).initialized, false)
})

test('a second initialize is refused: an existing wallet is only replaced through reset', async () => {
  const { kr, local } = await onboarded()
  const before = await local.get(LOCAL_KEYS.vault)
  await rejectsWith(kr.initialize({ privateKey: TEST_ACCOUNTS[1][1], password: PASSWORD }), 'ALREADY_INITIALIZED')
  assert.deepEqual(await local.get(LOCAL_KEYS.vault), before)
})

test('reveal and export need the password again, even while unlocked', async () => {
  const { kr } = await onboarded()
  await rejectsWith(kr.revealPhrase('not the password'), 'WRONG_PASSWORD')
  await rejectsWith(kr.exportPrivateKey('not the password', TEST_ACCOUNTS[0][0]), 'WRONG_PASSWORD')
  assert.equal(await kr.revealPhrase(PASSWORD), TEST_PHRASE)
  await kr.addAccount()
  assert.equal(await kr.exportPrivateKey(PASSWORD, TEST_ACCOUNTS[1][0].toLowerCase()), TEST_ACCOUNTS[1][1])
  await rejectsWith(kr.exportPrivateKey(PASSWORD, TEST_ACCOUNTS[5][0]), 'UNKNOWN_ACCOUNT')
})

test('reset removes vault, accounts and session; a new wallet can be made', async () => {
  const { kr, local, session } = await onboarded()
  await kr.reset()
  assert.deepEqual(await local.all(), {})
  assert.deepEqual(await session.all(), {})
  assert.deepEqual(await kr.status(), { initialized: false, unlocked: false, accounts: [], autoLockMinutes: 15 })
  await kr.initialize({ privateKey: TEST_ACCOUNTS[2][1], password: 'another password' })
  assert.equal((await kr.status()).accounts[0].address, TEST_ACCOUNTS[2][0])
})

test('reset is the way out of a corrupt vault, which unlock reports without crashing', async () => {
  const { kr, local } = await onboarded()
  await kr.lock()
  const vault = (await local.get(LOCAL_KEYS.vault)) as { ct: string }
  await local.set({ [LOCAL_KEYS.vault]: { ...vault, ct: vault.ct.slice(0, 24) } })
  const e = await rejectsWith(kr.unlock(PASSWORD), 'VAULT_CORRUPT')
  assert.match(e.message, /Reset the wallet and import your secret recovery phrase/)
  assert.equal((await kr.status()).unlocked, false, 'the keyring still answers')
  await kr.reset()
  await kr.initialize({ mnemonic: TEST_PHRASE, password: PASSWORD })
  assert.equal((await kr.status()).accounts[0].address, TEST_ACCOUNTS[0][0])
})

test('an old vault at a lower KDF cost is raised to the current cost on unlock', async () => {
  const local = new MemoryKV()
  const old = harness({ local, iterations: 1_000 })
  await old.kr.initialize({ mnemonic: TEST_PHRASE, password: PASSWORD })
  const newer = harness({ local, iterations: 2_000 })
  await newer.kr.unlock(PASSWORD)
  const vault = (await local.get(LOCAL_KEYS.vault)) as { kdf: { iterations: number; salt: string } }
  assert.equal(vault.kdf.iterations, 2_000)
  // and it still opens, with the session key too (restart) and with the password
  assert.equal((await newer.restart().status()).unlocked, true)
  await newer.kr.lock()
  await newer.kr.unlock(PASSWORD)
  // a keyring configured lower never lowers it
  const lower = harness({ local, iterations: 500 })
  await lower.kr.unlock(PASSWORD)
  assert.equal(((await local.get(LOCAL_KEYS.vault)) as { kdf: { iterations: number } }).kdf.iterations, 2_000)
})

test('the production default is used when no cost is given', async () => {
  const local = new MemoryKV()
  const kr = new Keyring({ local, session: new MemoryKV() })
  await kr.initialize({ privateKey: TEST_ACCOUNTS[0][1], password: PASSWORD })
  const vault = (await local.get(LOCAL_KEYS.vault)) as { kdf: { iterations: number } }
  assert.equal(vault.kdf.iterations, DEFAULT_PBKDF2_ITERATIONS)
  assert.ok(vault.kdf.iterations >= 600_000)
})

test('events: unlocked, accounts, locked', async () => {
  const { kr } = harness()
  const seen: string[] = []
  kr.subscribe((e) => seen.push(e))
  await kr.initialize({ mnemonic: TEST_PHRASE, password: PASSWORD })
  await kr.addAccount()
  await kr.lock()
  assert.deepEqual(seen, ['unlocked', 'accounts', 'locked'])
})

test('the vault keeps a slot for substrate secrets: entries survive every re-encryption verbatim', async () => {
  const { sealVault, openVault } = await import('../../src/keyring/vault.ts')
  const substrate = [{ kind: 'sr25519', suri: 'opaque to this keyring', meta: { name: 'Khala', n: [1, 2, 3] } }]
  const local = new MemoryKV()
  const { record } = await sealVault({ v: 1, hd: { mnemonic: TEST_PHRASE, passphrase: '' }, keys: [], substrate }, PASSWORD, 500)
  await local.set({ [LOCAL_KEYS.vault]: record })
  const { kr } = harness({ local, iterations: 1_000 })
  await kr.unlock(PASSWORD) // also raises the KDF cost: one re-encryption
  await kr.importPrivateKey(TEST_ACCOUNTS[3][1])
  await kr.removeImportedKey(TEST_ACCOUNTS[3][0])
  await kr.changePassword(PASSWORD, 'another password')
  const opened = await openVault(await local.get(LOCAL_KEYS.vault), 'another password')
  assert.ok(opened.ok)
  assert.deepEqual(opened.payload.substrate, substrate)
})
