// The flow engine over a pipeline double (no chain): what the background does with a flow between
// the user's confirmations — prepare each step with its fee, skip one no longer needed, send on
// confirmation only the step on screen and only once, follow the receipt, prepare the next step,
// stop on a revert, keep a step that could not be sent, and pick everything up after a restart.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Hex, PublicClient } from 'viem'
import { MemoryKV } from '../../src/storage/kv.ts'
import { FlowEngine } from '../../src/flows/engine.ts'
import { FlowStore } from '../../src/flows/store.ts'
import type { FlowKind } from '../../src/flows/types.ts'
import type { TxPipeline } from '../../src/tx/pipeline.ts'
import type { PreparedTx } from '../../src/tx/types.ts'

const FROM = '0x00000000000000000000000000000000000000aa'
const TO = '0x00000000000000000000000000000000000000bb'

/** A chain in memory: what was sent, which hashes are mined (with their status), what a send does. */
function world() {
  const w = {
    now: 1_000_000,
    sent: [] as { tx: PreparedTx; title: string }[],
    receipts: new Map<Hex, 'success' | 'reverted'>(),
    known: new Set<Hex>(),
    failNextSend: null as string | null,
    quotes: 0,
  }
  const client = {
    getTransactionReceipt: async ({ hash }: { hash: Hex }) => {
      const s = w.receipts.get(hash)
      if (!s) throw Object.assign(new Error('not found'), { name: 'TransactionReceiptNotFoundError' })
      return { status: s, transactionHash: hash, logs: [], blockNumber: 1n, gasUsed: 1n, effectiveGasPrice: 1n }
    },
    getTransaction: async ({ hash }: { hash: Hex }) => {
      if (!w.known.has(hash)) throw Object.assign(new Error('not found'), { name: 'TransactionNotFoundError' })
      return {}
    },
  } as unknown as PublicClient
  const fee = () => ({ execution: '1', l1Data: '0', operator: '0', total: String(++w.quotes), max: '10', opStack: false, at: w.now })
  const pipeline: TxPipeline = {
    activity: {} as never,
    network: async (chainId) => ({ chainId, name: `chain ${chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: ['http://x'], blockTimeSeconds: 1, source: 'builtin' }) as never,
    client: () => client,
    prepare: async (chainId, req) => ({ chainId, from: req.from, to: req.to ?? null, value: '0x0', data: req.data ?? '0x', nonce: w.sent.length, gas: '0x5208', type: 'eip1559', maxFeePerGas: '0x1', maxPriorityFeePerGas: '0x1' }),
    async prepareQuoted(chainId, req) {
      return { tx: await this.prepare(chainId, req), fee: fee() }
    },
    quote: async () => fee(),
    quoteOrError: async () => ({ fee: fee() }),
    market: async () => { throw new Error('no market in this test') },
    replacement: async () => { throw new Error('no replacement in this test') },
    nonces: {} as never,
    async send(tx, meta) {
      const hash = `0x${String(w.sent.length + 1).padStart(64, '0')}` as Hex
      await meta.onSigned?.(hash)
      if (w.failNextSend) {
        const why = w.failNextSend
        w.failNextSend = null
        throw new Error(why)
      }
      w.sent.push({ tx, title: meta.title })
      w.known.add(hash)
      return hash
    },
  }
  return { w, pipeline }
}

/** A two-step kind: 'approve' (skipped when `allowanceOk`) then 'deposit'; records what it was told. */
function kind(state: { allowanceOk: boolean; signed: string[]; mined: string[]; undone: number }): FlowKind<{ n: number }, { n: number }> {
  return {
    kind: 'test',
    plan: async (intent) => ({
      from: FROM,
      steps: [
        { role: 'approve', label: `Approve ${intent.n}`, chainId: 1 },
        { role: 'deposit', label: `Deposit ${intent.n}`, chainId: 1 },
      ],
      summary: { n: intent.n },
    }),
    build: async (flow, i) => (flow.steps[i].role === 'approve' && state.allowanceOk ? null : { chainId: 1, from: FROM, to: TO, data: i === 0 ? '0x01' : '0x02' }),
    sendMeta: (flow, i, setTracked) => ({
      title: flow.steps[i].label,
      onSigned: async (hash) => {
        state.signed.push(hash)
        if (flow.steps[i].role === 'deposit') setTracked(`item:${hash}`)
      },
      onFailed: async () => void state.undone++,
    }),
    onMined: async (_f, i) => void state.mined.push(String(i)),
  }
}

function engine(kv = new MemoryKV(), family?: (chainId: number, hash: Hex) => Promise<{ hash: Hex; cancel: boolean }[]>) {
  const { w, pipeline } = world()
  const alarms = new Map<string, number>()
  const handlers = new Map<string, () => Promise<void>>()
  const state = { allowanceOk: false, signed: [] as string[], mined: [] as string[], undone: 0 }
  const make = () => {
    const e = new FlowEngine({
      store: new FlowStore(kv, () => w.now),
      pipeline,
      now: () => w.now,
      setAlarm: (n, t) => void alarms.set(n, t),
      clearAlarm: (n) => void alarms.delete(n),
      onAlarm: (n, h) => void handlers.set(n, h),
      watchEveryMs: 60_000, // the test drives watch() itself
      ...(family ? { family } : {}),
    })
    e.register(kind(state))
    return e
  }
  return { e: make(), make, w, state, alarms, kv }
}

test('a flow starts with its first step prepared with its fee; only the step on screen can be confirmed, once', async () => {
  const { e, w, state } = engine()
  const f = await e.start('test', { n: 5 })
  assert.equal(f.status, 'ready')
  assert.equal(f.current, 0)
  assert.deepEqual(f.steps.map((s) => s.status), ['ready', 'todo'])
  assert.ok(f.prepared?.fee && f.prepared.tx.data === '0x01')
  await assert.rejects(e.confirm(f.id, 1), { code: 'STALE_STEP' })
  const [a, b] = await Promise.allSettled([e.confirm(f.id, 0), e.confirm(f.id, 0)])
  assert.equal([a, b].filter((r) => r.status === 'fulfilled').length, 1, 'a double click sends once')
  assert.equal(((([a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult).reason) as { code: string }).code, 'STEP_NOT_READY')
  assert.equal(w.sent.length, 1)
  assert.equal(state.signed.length, 1)
  const mining = await e.get(f.id)
  assert.equal(mining.status, 'mining')
  assert.equal(mining.steps[0].hash, state.signed[0])
})

test('once a step is mined the next is prepared by itself; the last one mined ends the flow; the tracked item is named', async () => {
  const { e, w, state } = engine()
  let f = await e.start('test', { n: 1 })
  f = await e.confirm(f.id, 0)
  await e.watch()
  assert.equal((await e.get(f.id)).status, 'mining', 'not mined yet: nothing moves')
  w.receipts.set(f.steps[0].hash!, 'success')
  await e.watch()
  f = await e.get(f.id)
  assert.deepEqual([f.status, f.current, f.steps.map((s) => s.status)], ['ready', 1, ['done', 'ready']])
  assert.equal(f.prepared!.tx.data, '0x02', 'the deposit, prepared after the approval was mined')
  f = await e.confirm(f.id, 1)
  assert.equal(f.trackedId, `item:${f.steps[1].hash}`)
  w.receipts.set(f.steps[1].hash!, 'success')
  await e.watch()
  f = await e.get(f.id)
  assert.equal(f.status, 'done')
  assert.deepEqual(state.mined, ['0', '1'])
  await assert.rejects(e.confirm(f.id, 1), { code: 'FLOW_FINISHED' })
})

test('a step no longer needed is skipped; a reverted step stops the flow with the reason', async () => {
  const { e, w, state } = engine()
  state.allowanceOk = true
  let f = await e.start('test', { n: 2 })
  assert.deepEqual([f.current, f.steps[0].status, f.steps[1].status], [1, 'skipped', 'ready'])
  f = await e.confirm(f.id, 1)
  w.receipts.set(f.steps[1].hash!, 'reverted')
  await e.watch()
  f = await e.get(f.id)
  assert.equal(f.status, 'failed')
  assert.match(f.error!, /“Deposit 2” failed on chain/)
})

test('a step that could not be sent stays ready with the reason, the kind undoes what it stored, and it can be confirmed again', async () => {
  const { e, w, state } = engine()
  let f = await e.start('test', { n: 3 })
  w.failNextSend = 'the node refused it'
  await assert.rejects(e.confirm(f.id, 0), /the node refused it/)
  f = await e.get(f.id)
  assert.deepEqual([f.status, f.steps[0].status, f.steps[0].hash], ['ready', 'ready', undefined])
  assert.match(f.error!, /Not sent: the node refused it/)
  assert.equal(state.undone, 1)
  f = await e.confirm(f.id, 0)
  assert.equal(f.status, 'mining')
  assert.equal(w.sent.length, 1)
})

test('the same intent started again returns the open flow, not a second one; a cancelled flow does not', async () => {
  const { e } = engine()
  const a = await e.start('test', { n: 7 })
  const b = await e.start('test', { n: 7 })
  assert.equal(b.id, a.id)
  await e.cancel(a.id)
  const c = await e.start('test', { n: 7 })
  assert.notEqual(c.id, a.id)
  await e.confirm(c.id, 0)
  await assert.rejects(e.cancel(c.id), { code: 'FLOW_BUSY' })
})

test('after a restart: a step on its way is followed again; one stopped between confirmation and signature is prepared again; a signed step no node knows is offered again', async () => {
  const kv = new MemoryKV()
  const first = engine(kv)
  let f = await first.e.start('test', { n: 4 })
  f = await first.e.confirm(f.id, 0)
  // a new engine over the same storage (the worker restarted): the approval gets mined meanwhile
  first.w.receipts.set(f.steps[0].hash!, 'success')
  const again = first.make()
  await again.resume()
  f = await again.get(f.id)
  assert.deepEqual([f.status, f.current], ['ready', 1], 'resumed at the deposit, prepared')

  // a worker stopped while sending: nothing was signed
  const g = await again.start('test', { n: 9 })
  await first.kv.set({ flows: (await first.kv.get<unknown[]>('flows'))!.map((x) => ((x as { id: string }).id === g.id ? { ...(x as object), status: 'sending' } : x)) })
  await first.make().resume()
  assert.equal((await again.get(g.id)).status, 'ready')

  // signed, but never broadcast: after a while the step is offered again
  const h = await again.start('test', { n: 11 })
  const hash = `0x${'ee'.repeat(32)}` as Hex
  await first.kv.set({ flows: (await first.kv.get<unknown[]>('flows'))!.map((x) => ((x as { id: string }).id === h.id ? { ...(x as object), status: 'mining', steps: [{ ...(x as { steps: object[] }).steps[0], status: 'mining', hash }, (x as { steps: object[] }).steps[1]] } : x)) })
  await again.watch()
  assert.equal((await again.get(h.id)).status, 'mining', 'not yet: the node may still be catching up')
  first.w.now += 5 * 60_000
  await again.watch()
  const lost = await again.get(h.id)
  assert.equal(lost.status, 'ready')
  assert.match(lost.error!, /never reached the network/)
})

test('fees chosen for the step on screen are what it signs, kept when the step is prepared again, forgotten for the next step', async () => {
  const { e, w } = engine()
  let f = await e.start('test', { n: 8 })
  await assert.rejects(e.setFees(f.id, 1, {}), { code: 'STALE_STEP' })
  f = await e.setFees(f.id, 0, { maxFeePerGas: '0x64', maxPriorityFeePerGas: '0x0a', gas: '0x7530' })
  assert.deepEqual([f.prepared!.tx.maxFeePerGas, f.prepared!.tx.maxPriorityFeePerGas, f.prepared!.tx.gas], ['0x64', '0x0a', '0x7530'])
  assert.equal(f.prepared!.base!.maxFeePerGas, '0x1', 'the step as prepared is kept beside it')
  await assert.rejects(e.setFees(f.id, 0, { maxFeePerGas: '0x1', maxPriorityFeePerGas: '0x2' }), /priority fee cannot be above the max fee/)
  // a send that fails prepares the step again: the choice stays
  w.failNextSend = 'the node refused it'
  await assert.rejects(e.confirm(f.id, 0))
  f = await e.get(f.id)
  assert.equal(f.prepared!.tx.maxFeePerGas, '0x64')
  f = await e.confirm(f.id, 0)
  assert.equal(w.sent[0].tx.maxFeePerGas, '0x64', 'signed with the chosen fee')
  assert.equal(w.sent[0].tx.gas, '0x7530')
  w.receipts.set(f.steps[0].hash!, 'success')
  await e.watch()
  f = await e.get(f.id)
  assert.equal(f.current, 1)
  assert.equal(f.prepared!.tx.maxFeePerGas, '0x1', 'the next step starts from its own fees')
  assert.equal(f.fees, undefined)
  // an empty choice goes back to the fees as prepared
  f = await e.setFees(f.id, 1, { maxFeePerGas: '0x99', maxPriorityFeePerGas: '0x1' })
  f = await e.setFees(f.id, 1, {})
  assert.equal(f.prepared!.tx.maxFeePerGas, '0x1')
})

test('a step sped up from the activity list: the flow follows the replacement that is mined; a mined cancel sends the step back to the user', async () => {
  const replacements = new Map<Hex, { hash: Hex; cancel: boolean }[]>()
  const { e, w, state } = engine(new MemoryKV(), async (_chainId, hash) => replacements.get(hash) ?? [])
  let f = await e.start('test', { n: 9 })
  f = await e.confirm(f.id, 0)
  const original = f.steps[0].hash!
  const faster = `0x${'f'.repeat(64)}` as Hex
  replacements.set(original, [{ hash: original, cancel: false }, { hash: faster, cancel: false }])
  // the original is gone from the pool, the replacement waits: not lost
  w.known.delete(original)
  w.known.add(faster)
  w.now += 10 * 60_000
  await e.watch()
  assert.equal((await e.get(f.id)).status, 'mining', 'waiting for either')
  w.receipts.set(faster, 'success')
  await e.watch()
  f = await e.get(f.id)
  assert.equal(f.steps[0].hash, faster, 'the step is the replacement now')
  assert.deepEqual([f.steps[0].status, f.current], ['done', 1])
  assert.deepEqual(state.mined, ['0'])

  f = await e.confirm(f.id, 1)
  const deposit = f.steps[1].hash!
  const cancel = `0x${'c'.repeat(64)}` as Hex
  replacements.set(deposit, [{ hash: deposit, cancel: false }, { hash: cancel, cancel: true }])
  w.receipts.set(cancel, 'success')
  await e.watch()
  f = await e.get(f.id)
  assert.deepEqual([f.status, f.current, f.steps[1].status, f.steps[1].hash], ['ready', 1, 'ready', undefined])
  assert.match(f.error!, /You cancelled “Deposit 9”: nothing was done/)
  assert.ok(f.prepared, 'prepared again, to confirm or cancel')
})
