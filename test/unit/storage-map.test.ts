// The storage map (src/storage-map.ts): every key the wallet writes is declared (the guarded KV
// refuses the others), and each migration takes a store written at the version before it to the
// next, keeping what the user had.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MemoryKV } from '../../src/storage/kv.ts'
import { guardedKV } from '../../src/storage/guard.ts'
import { NewerStorageError, SCHEMA_KEY } from '../../src/storage/migrate.ts'
import { DEFAULT_SETTINGS, readSettings, SETTINGS_KEY } from '../../src/storage/settings.ts'
import { familyOf, isDeclared, MIGRATIONS, migrateStorage, SCHEMA_VERSION, STORAGE_MAP } from '../../src/storage-map.ts'

test('migration 0 -> 1: a fresh store gets the schema version and no settings (they default when read: the chain is the wallet\'s first network)', async () => {
  const kv = new MemoryKV()
  assert.deepEqual(await migrateStorage(kv), { from: 0, to: SCHEMA_VERSION })
  assert.equal(await kv.get(SCHEMA_KEY), SCHEMA_VERSION)
  assert.equal(await kv.get(SETTINGS_KEY), undefined)
  assert.deepEqual(await migrateStorage(kv), { from: SCHEMA_VERSION, to: SCHEMA_VERSION })
})

test('migration 0 -> 1: settings a version-0 wallet wrote survive, the missing fields get defaults', async () => {
  const kv = new MemoryKV()
  await kv.set({ [SETTINGS_KEY]: { activeChainId: 901, defaultWallet: true }, 'keyring.accounts': [{ address: '0x1' }] })
  await MIGRATIONS[0](kv)
  assert.deepEqual(await kv.get(SETTINGS_KEY), { ...DEFAULT_SETTINGS, activeChainId: 901, defaultWallet: true })
  assert.deepEqual(await kv.get('keyring.accounts'), [{ address: '0x1' }])
  const noChain = new MemoryKV()
  await noChain.set({ [SETTINGS_KEY]: { autoLockMinutes: 30 } })
  await MIGRATIONS[0](noChain)
  assert.equal(((await noChain.get(SETTINGS_KEY)) as { activeChainId?: number }).activeChainId, undefined, "a missing chain stays the wallet's default, not a fixed one")
})

test('a migration that fails leaves storage.local exactly as it was (nothing half-migrated), with a coded error', async () => {
  const kv = new MemoryKV()
  const before = { [SCHEMA_KEY]: 0, [SETTINGS_KEY]: { activeChainId: 901 }, 'keyring.vault': { v: 1, ct: 'x' }, 'keyring.accounts': [{ address: '0x1' }] }
  await kv.set(before)
  const { migrate } = await import('../../src/storage/migrate.ts')
  const migrations = [
    async (k: MemoryKV | import('../../src/storage/kv.ts').KV) => {
      await k.set({ [SETTINGS_KEY]: { activeChainId: 1 } })
      await k.remove(['keyring.accounts'])
    },
    async () => {
      throw new Error('disk on fire')
    },
  ]
  await assert.rejects(migrate(kv, migrations), (e: { code: string; message: string }) => e.code === 'STORAGE_MIGRATION_FAILED' && /1 -> 2 failed: disk on fire/.test(e.message))
  assert.deepEqual(await kv.all(), before, 'not one key changed')
  // and when every migration succeeds, all of it lands together with the version
  await migrate(kv, [migrations[0], async (k) => k.set({ extra: 1 })])
  assert.deepEqual(await kv.all(), { [SCHEMA_KEY]: 2, [SETTINGS_KEY]: { activeChainId: 1 }, 'keyring.vault': { v: 1, ct: 'x' }, extra: 1 })
})

test('a store from a newer wallet is refused with a coded error, not overwritten', async () => {
  const kv = new MemoryKV()
  await kv.set({ [SCHEMA_KEY]: SCHEMA_VERSION + 5, x: 1 })
  await assert.rejects(migrateStorage(kv), (e: NewerStorageError) => e.code === 'STORAGE_NEWER' && /newer version/.test(e.message))
  assert.equal(await kv.get('x'), 1)
  assert.equal(await kv.get(SCHEMA_KEY), SCHEMA_VERSION + 5)
})

test('corrupt settings are repaired field by field', () => {
  assert.deepEqual(readSettings('garbage'), DEFAULT_SETTINGS)
  assert.deepEqual(readSettings({ activeChainId: -3, defaultWallet: 'yes', autoLockMinutes: 1e9 }), DEFAULT_SETTINGS)
  assert.equal(readSettings({ activeChainId: 10 }).activeChainId, 10)
})

test('every family has an owner, a sentence and one area; keys are unique; prefixes match their keys', () => {
  const seen = new Set<string>()
  for (const [name, f] of Object.entries(STORAGE_MAP)) {
    assert.ok(f.owner && f.holds, name)
    const k = `${f.area}:${f.key}`
    assert.ok(!seen.has(k), `${k} declared twice`)
    seen.add(k)
    assert.equal(familyOf(f.area, f.prefix ? `${f.key}0xabc` : f.key), f)
  }
  assert.ok(isDeclared('local', 'balances.acct.0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'))
  assert.ok(!isDeclared('local', 'balances.acctX'))
  assert.ok(!isDeclared('session', 'settings'))
})

test('the guarded KV refuses an undeclared key, on read and on write, and lets declared ones through', async () => {
  const kv = guardedKV(new MemoryKV(), 'local', (k) => isDeclared('local', k))
  await kv.set({ settings: DEFAULT_SETTINGS })
  assert.deepEqual(await kv.get('settings'), DEFAULT_SETTINGS)
  await assert.rejects(kv.set({ 'made.up': 1 }), (e: { code: string }) => e.code === 'UNDECLARED_STORAGE_KEY')
  await assert.rejects(kv.get('made.up'), /not declared in the storage map/)
  await assert.rejects(kv.remove(['made.up']), /not declared/)
})
