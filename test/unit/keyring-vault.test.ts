import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fromBase64, toBase64 } from '../../src/keyring/encoding.ts'
import { headerOf, openVault, openVaultWithKey, resealVault, sealVault, type VaultPayload, type VaultRecord } from '../../src/keyring/vault.ts'
import { DEFAULT_PBKDF2_ITERATIONS, MIN_PRODUCTION_ITERATIONS } from '../../src/keyring/vault-crypto.ts'
import { FAST_ITERATIONS, PASSWORD, rejectsWith, TEST_PHRASE } from './fixtures/keyring-harness.ts'

const payload: VaultPayload = {
  v: 1,
  hd: { mnemonic: TEST_PHRASE, passphrase: 'p' },
  keys: [{ privateKey: `0x${'11'.repeat(32)}` }],
  substrate: [{ kind: 'sr25519', secret: 'opaque to the keyring', nested: { a: [1, 2] } }],
}

const seal = () => sealVault(payload, PASSWORD, FAST_ITERATIONS)

test('seal then open with the password gives the payload back; the record carries salt, KDF and parameters', async () => {
  const { record } = await seal()
  assert.equal(record.v, 1)
  assert.equal(record.cipher, 'AES-256-GCM')
  assert.deepEqual(Object.keys(record.kdf).sort(), ['hash', 'iterations', 'name', 'salt'])
  assert.equal(record.kdf.name, 'PBKDF2')
  assert.equal(record.kdf.hash, 'SHA-256')
  assert.equal(record.kdf.iterations, FAST_ITERATIONS)
  assert.equal(fromBase64(record.kdf.salt)!.length, 32)
  assert.equal(fromBase64(record.iv)!.length, 12)
  const opened = await openVault(structuredClone(record), PASSWORD)
  assert.ok(opened.ok)
  assert.deepEqual(opened.payload, payload)
})

test('two seals of the same payload share nothing: fresh salt, IV and ciphertext', async () => {
  const a = (await seal()).record
  const b = (await seal()).record
  assert.notEqual(a.kdf.salt, b.kdf.salt)
  assert.notEqual(a.iv, b.iv)
  assert.notEqual(a.ct, b.ct)
})

test('a wrong password is told apart from damage: { ok: false }, not VAULT_CORRUPT', async () => {
  const { record } = await seal()
  assert.deepEqual(await openVault(record, PASSWORD + '!'), { ok: false })
  assert.deepEqual(await openVault(record, ''), { ok: false })
})

test('a password is compared after Unicode normalization (NFKC): the same password typed two ways', async () => {
  const { record } = await sealVault(payload, 'caf\u00e9 au lait', FAST_ITERATIONS)
  assert.ok((await openVault(record, 'cafe\u0301 au lait')).ok)
})

const ctBytes = (r: VaultRecord) => fromBase64(r.ct)!

const damage: [string, (r: VaultRecord) => unknown][] = [
  ['ciphertext truncated (tag cut off)', (r) => ({ ...r, ct: toBase64(ctBytes(r).slice(0, -16)) })],
  ['ciphertext cut by one byte', (r) => ({ ...r, ct: toBase64(ctBytes(r).slice(0, -1)) })],
  ['ciphertext emptied', (r) => ({ ...r, ct: '' })],
  ['one ciphertext bit flipped', (r) => { const c = ctBytes(r); c[5] ^= 1; return { ...r, ct: toBase64(c) } }],
  ['IV changed', (r) => ({ ...r, iv: toBase64(new Uint8Array(12)) })],
  ['salt changed', (r) => ({ ...r, kdf: { ...r.kdf, salt: toBase64(new Uint8Array(32)) } })],
  ['iterations changed', (r) => ({ ...r, kdf: { ...r.kdf, iterations: r.kdf.iterations + 1 } })],
  ['absurd iterations', (r) => ({ ...r, kdf: { ...r.kdf, iterations: 1e15 } })],
  ['unknown KDF', (r) => ({ ...r, kdf: { ...r.kdf, name: 'MD5' } })],
  ['check value changed', (r) => ({ ...r, check: toBase64(new Uint8Array(32)) })],
  ['ct missing', (r) => { const { ct: _, ...rest } = r; return rest }],
  ['kdf missing', (r) => { const { kdf: _, ...rest } = r; return rest }],
  ['sum missing', (r) => { const { sum: _, ...rest } = r; return rest }],
  ['not base64', (r) => ({ ...r, ct: r.ct.slice(0, 10) + '!!' + r.ct.slice(12) })],
  ['unknown version', (r) => ({ ...r, v: 2 })],
  ['a string', () => 'garbage'],
  ['null', () => null],
  ['an array', () => []],
]

for (const [what, change] of damage) {
  test(`damaged vault (${what}) -> VAULT_CORRUPT pointing to the recovery phrase`, async () => {
    const { record } = await seal()
    const e = await rejectsWith(openVault(change(structuredClone(record)), PASSWORD), 'VAULT_CORRUPT')
    assert.match(e.message, /recovery phrase/)
  })
}

test('a ciphertext damaged with a recomputed checksum still fails the GCM tag: VAULT_CORRUPT, since the password checked out', async () => {
  const { record, derived } = await seal()
  // re-encrypt something else under the same header, then graft its ciphertext onto the old IV
  const other = await resealVault(headerOf(record), derived.key, { v: 1, keys: [] })
  const grafted = { ...other, iv: record.iv }
  const { sum: _, ...body } = grafted
  const { createHash } = await import('node:crypto')
  const canonical = JSON.stringify([body.v, body.kdf.name, body.kdf.hash, body.kdf.iterations, body.kdf.salt, body.cipher, body.iv, body.check, body.ct])
  const resummed = { ...grafted, sum: createHash('sha256').update(canonical).digest('base64') }
  const e = await rejectsWith(openVault(resummed, PASSWORD), 'VAULT_CORRUPT')
  assert.match(e.message, /integrity/)
})

test('reseal keeps salt and KDF, changes the IV; the kept key opens it; substrate entries survive verbatim', async () => {
  const { record, derived } = await seal()
  const next: VaultPayload = { ...payload, keys: [] }
  const resealed = await resealVault(headerOf(record), derived.key, next)
  assert.equal(resealed.kdf.salt, record.kdf.salt)
  assert.notEqual(resealed.iv, record.iv)
  const opened = await openVaultWithKey(resealed, derived.key)
  assert.deepEqual(opened.payload, next)
  assert.deepEqual(opened.payload.substrate, payload.substrate)
  assert.ok((await openVault(resealed, PASSWORD)).ok)
})

test('production cost: at least 600,000 PBKDF2-SHA256 iterations by default, and a real vault opens', async () => {
  assert.ok(DEFAULT_PBKDF2_ITERATIONS >= MIN_PRODUCTION_ITERATIONS)
  assert.ok(MIN_PRODUCTION_ITERATIONS >= 600_000)
  const { record } = await sealVault(payload, PASSWORD, DEFAULT_PBKDF2_ITERATIONS)
  assert.equal(record.kdf.iterations, DEFAULT_PBKDF2_ITERATIONS)
  const t0 = performance.now()
  const opened = await openVault(record, PASSWORD)
  const ms = performance.now() - t0
  assert.ok(opened.ok)
  assert.ok(ms < 5_000, `unlock at production cost took ${ms.toFixed(0)} ms`)
})
