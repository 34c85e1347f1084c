import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MemoryKV } from '../../src/storage/kv.ts'
import { migrate, readSettings, SCHEMA_KEY, SCHEMA_VERSION, KEYS, DEFAULT_SETTINGS } from '../../src/storage/schema.ts'

test('a fresh store migrates to the current schema with default settings', async () => {
  const kv = new MemoryKV()
  assert.deepEqual(await migrate(kv), { from: 0, to: SCHEMA_VERSION })
  assert.equal(await kv.get(SCHEMA_KEY), SCHEMA_VERSION)
  assert.deepEqual(await kv.get(KEYS.settings), DEFAULT_SETTINGS)
  assert.deepEqual(await migrate(kv), { from: SCHEMA_VERSION, to: SCHEMA_VERSION })
})

test('existing settings survive migration', async () => {
  const kv = new MemoryKV()
  await kv.set({ [KEYS.settings]: { activeChainId: 901, defaultWallet: true } })
  await migrate(kv)
  assert.deepEqual(await kv.get(KEYS.settings), { ...DEFAULT_SETTINGS, activeChainId: 901, defaultWallet: true })
})

test('a store from a newer wallet is refused, not overwritten', async () => {
  const kv = new MemoryKV()
  await kv.set({ [SCHEMA_KEY]: SCHEMA_VERSION + 5, x: 1 })
  await assert.rejects(migrate(kv), /newer version/)
  assert.equal(await kv.get('x'), 1)
})

test('corrupt settings are repaired field by field', () => {
  assert.deepEqual(readSettings('garbage'), DEFAULT_SETTINGS)
  assert.deepEqual(readSettings({ activeChainId: -3, defaultWallet: 'yes', autoLockMinutes: 1e9 }), DEFAULT_SETTINGS)
  assert.equal(readSettings({ activeChainId: 10 }).activeChainId, 10)
})
