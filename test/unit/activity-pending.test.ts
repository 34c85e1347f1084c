// The wallet's own pending transactions without a chain (a node double that answers counts,
// receipts and pool lookups as a real one would): the nonce tracker (the node's pending count, past
// the wallet's own transactions it does not count yet; two sends confirmed together never share a
// nonce, even behind a node whose count lags), and the watcher's families (the mined one settles and
// replaces the others; one superseded in the pool waits; one whose nonce another transaction used is
// replaced; one unknown for a while is dropped; a node that does not answer decides nothing).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { keccak256, type Address, type Hex, type PublicClient } from 'viem'
import { MemoryKV } from '../../src/storage/kv.ts'
import { ActivityStore, type ActivityRecord } from '../../src/activity/store.ts'
import { ActivityWatcher } from '../../src/activity/watcher.ts'
import { NONCE_LAG_MS, NonceTracker } from '../../src/tx/nonces.ts'
import { signAndSend } from '../../src/tx/send.ts'
import type { PreparedTx } from '../../src/tx/types.ts'
import type { Wallet } from '../../src/wallet/wallet.ts'

const A: Address = '0x00000000000000000000000000000000000000aa'
const B: Address = '0x00000000000000000000000000000000000000bb'
const h = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hex

/** A node: mined nonce count and pool per account, receipts by hash. `down` makes every call fail. */
function node() {
  const n = {
    mined: new Map<string, number>(),
    pool: new Set<Hex>(),
    poolCount: new Map<string, number>(),
    receipts: new Map<Hex, 'success' | 'reverted'>(),
    /** the pending count lags: it answers the mined count only (a load-balanced RPC) */
    lagging: false,
    down: false,
    sent: [] as Hex[],
  }
  const fail = () => {
    if (n.down) throw new Error('the node did not answer')
  }
  const client = {
    getTransactionCount: async ({ address, blockTag }: { address: Address; blockTag: string }) => {
      fail()
      const mined = n.mined.get(address.toLowerCase()) ?? 0
      return blockTag === 'pending' && !n.lagging ? mined + (n.poolCount.get(address.toLowerCase()) ?? 0) : mined
    },
    getTransactionReceipt: async ({ hash }: { hash: Hex }) => {
      fail()
      const s = n.receipts.get(hash)
      if (!s) throw Object.assign(new Error('not found'), { name: 'TransactionReceiptNotFoundError' })
      return { status: s, transactionHash: hash, blockNumber: 7n, gasUsed: 21000n, effectiveGasPrice: 2n, logs: [] }
    },
    getTransaction: async ({ hash }: { hash: Hex }) => {
      fail()
      if (!n.pool.has(hash) && !n.receipts.has(hash)) throw Object.assign(new Error('not found'), { name: 'TransactionNotFoundError' })
      return { hash }
    },
    sendRawTransaction: async ({ serializedTransaction }: { serializedTransaction: Hex }) => {
      const hash = keccak256(serializedTransaction)
      n.sent.push(serializedTransaction)
      n.pool.add(hash)
      return hash
    },
  } as unknown as PublicClient
  return { n, client }
}

const rec = (p: Partial<ActivityRecord> & { hash: Hex }): ActivityRecord => ({
  chainId: 1,
  from: A,
  to: B,
  value: '0',
  title: 't',
  origin: 'wallet',
  createdAt: 1_000,
  status: 'pending',
  signed: { type: 'eip1559', gas: '0x5208', data: '0x', maxFeePerGas: '0x2', maxPriorityFeePerGas: '0x1' },
  ...p,
})

test('the next nonce: the node\'s pending count, past the wallet\'s own recent pending ones right above it', async () => {
  const { n, client } = node()
  let now = 10_000
  const activity = new ActivityStore(new MemoryKV())
  const t = new NonceTracker(activity, () => now)
  n.mined.set(A, 5)
  assert.equal(await t.next(client, 1, A), 5)
  await activity.add(rec({ hash: h(1), nonce: 5, createdAt: now }))
  await activity.add(rec({ hash: h(2), nonce: 6, createdAt: now }))
  await activity.add(rec({ hash: h(3), nonce: 8, createdAt: now })) // a gap: not counted past
  await activity.add(rec({ hash: h(4), nonce: 7, from: B, createdAt: now })) // another account
  await activity.add(rec({ hash: h(5), nonce: 7, chainId: 2, createdAt: now })) // another chain
  assert.equal(await t.next(client, 1, A), 7, 'the node does not count 5 and 6 yet; the wallet does')
  n.poolCount.set(A, 2)
  assert.equal(await t.next(client, 1, A), 7)
  // long unknown to the node: most likely gone; its nonce is free again
  n.poolCount.set(A, 0)
  now += NONCE_LAG_MS
  assert.equal(await t.next(client, 1, A), 5)
})

test('two sends confirmed together take consecutive nonces, even behind a node whose pending count lags', async () => {
  const { n, client } = node()
  n.mined.set(A, 3)
  n.lagging = true
  const activity = new ActivityStore(new MemoryKV())
  const nonces = new NonceTracker(activity, () => 1)
  const signer = { signTransaction: async (tx: { nonce: number; value: bigint }) => `0x02${tx.nonce.toString(16).padStart(4, '0')}${tx.value.toString(16).padStart(4, '0')}` as Hex }
  const ctx = { network: { name: 'test' } as never, client, signer: signer as never, activity, nonces, now: () => 1 }
  const tx = (value: number): PreparedTx => ({ chainId: 1, from: A, to: B, value: `0x${value.toString(16)}`, data: '0x', nonce: 3, gas: '0x5208', type: 'eip1559', maxFeePerGas: '0x2', maxPriorityFeePerGas: '0x1' })
  const hashes = await Promise.all([signAndSend(ctx, tx(1), { title: 'a', origin: 'wallet' }), signAndSend(ctx, tx(2), { title: 'b', origin: 'wallet' }), signAndSend(ctx, tx(3), { title: 'c', origin: 'wallet' })])
  const recorded = await Promise.all(hashes.map((x) => activity.get(1, x)))
  assert.deepEqual(recorded.map((r) => r!.nonce).sort(), [3, 4, 5])
  assert.deepEqual(recorded.map((r) => r!.signed?.maxFeePerGas), ['0x2', '0x2', '0x2'], 'what each was signed with is kept')
  // a nonce set by a site (or the user) is signed as set
  const kept = await signAndSend(ctx, { ...tx(4), nonce: 3, keepNonce: true }, { title: 'd', origin: 'https://site.example', replacement: { of: hashes[0], kind: 'custom' } })
  const k = (await activity.get(1, kept))!
  assert.equal(k.nonce, 3)
  assert.deepEqual(k.replacement, { of: hashes[0], kind: 'custom' })
})

function watcher(client: PublicClient, activity: ActivityStore, clock: { now: number }, dropAfterMs = 60_000) {
  const notes: string[] = []
  const wallet = {
    alarms: { on: () => undefined },
    platform: { now: () => clock.now, setAlarm: () => undefined, clearAlarm: () => undefined, notify: (_id: string, title: string) => void notes.push(title) },
    networks: { get: async (chainId: number) => ({ chainId, name: 'Test', rpcUrls: ['http://x'] }) },
  } as unknown as Wallet
  return { w: new ActivityWatcher({ wallet, activity, client: () => client, dropAfterMs }), notes }
}

test('a family: the mined one settles, the others are replaced by it; one superseded in the pool waits meanwhile', async () => {
  const { n, client } = node()
  const activity = new ActivityStore(new MemoryKV())
  const clock = { now: 5_000 }
  const { w, notes } = watcher(client, activity, clock)
  await activity.add(rec({ hash: h(1), nonce: 2 }))
  await activity.add(rec({ hash: h(2), nonce: 2, replacement: { of: h(1), kind: 'cancel' }, title: 'Cancel: t' }))
  // the replacement took the original's place in the pool
  n.pool.add(h(2))
  n.mined.set(A, 2)
  clock.now += 10 * 60_000
  await w.tick()
  assert.equal((await activity.get(1, h(1)))!.status, 'pending', 'superseded in the pool, not dropped')
  assert.equal((await activity.get(1, h(1)))!.missingSince, undefined)
  n.receipts.set(h(2), 'success')
  n.mined.set(A, 3)
  const settled = await w.tick()
  assert.deepEqual(settled.map((r) => r.hash), [h(2)])
  const [o, c] = [await activity.get(1, h(1)), await activity.get(1, h(2))]
  assert.deepEqual([o!.status, o!.replacedBy, o!.signed], ['replaced', h(2), undefined])
  assert.deepEqual([c!.status, c!.feePaid, c!.blockNumber], ['confirmed', String(21000n * 2n), 7])
  assert.deepEqual(notes, ['Transaction cancelled'])
})

test('a nonce used by a transaction the wallet did not record: replaced; unknown with its nonce free: dropped after a while; a silent node decides nothing', async () => {
  const { n, client } = node()
  const activity = new ActivityStore(new MemoryKV())
  const clock = { now: 5_000 }
  const { w } = watcher(client, activity, clock)
  await activity.add(rec({ hash: h(1), nonce: 0 }))
  await activity.add(rec({ hash: h(2), nonce: 1 }))
  await activity.add(rec({ hash: h(3), nonce: undefined, createdAt: 0 })) // from before nonces were kept
  n.mined.set(A, 1) // nonce 0 was mined by someone else
  n.down = true
  await w.tick()
  assert.deepEqual((await activity.list()).map((r) => r.status), ['pending', 'pending', 'pending'], 'no answer, no conclusion')
  n.down = false
  await w.tick()
  assert.equal((await activity.get(1, h(1)))!.status, 'replaced')
  assert.equal((await activity.get(1, h(1)))!.replacedBy, undefined, 'not by one of the wallet\'s')
  const missing = (await activity.get(1, h(2)))!
  assert.deepEqual([missing.status, missing.missingSince], ['pending', clock.now], 'first seen missing: not dropped yet')
  assert.equal((await activity.get(1, h(3)))!.status, 'pending', 'an old record without a nonce: dropped by its age only')
  clock.now += 60_000
  await w.tick()
  const d = (await activity.get(1, h(2)))!
  assert.equal(d.status, 'dropped')
  assert.ok(d.signed, 'kept, to be sent again')
  assert.equal((await activity.get(1, h(3)))!.status, 'dropped', 'created long enough ago')
  // back in a pool before the time is up: the clock starts again
  await activity.add(rec({ hash: h(4), nonce: 1, createdAt: clock.now }))
  await w.tick()
  n.pool.add(h(4))
  await w.tick()
  assert.equal((await activity.get(1, h(4)))!.missingSince, undefined)
})
