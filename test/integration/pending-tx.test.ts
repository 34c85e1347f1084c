// Pending transactions under the user's control, the whole wallet core against the devnet (L1 mining
// held with evm_setAutomine false, the base fee raised with anvil_setNextBlockBaseFeePerGas): two
// sends confirmed together take consecutive nonces; a speed-up pays at least 10% more on both fee
// fields and is mined, the original marked replaced; a site's transaction cancelled (the zero-value
// self send is mined, the original never); a site's own replacement (its nonce) recognised and its
// fees raised to the minimum; a fee choice is what is signed; a transaction the node dropped is
// marked dropped and sent again; a flow's step sped up is followed by the flow and the bridge item
// (and a cancelled one goes back to the user); on a rollup the replacement's L1 data fee is quoted.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { parseEther, parseGwei, numberToHex, type Hex, type PublicClient } from 'viem'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { devnetNetworks } from '../../src/chains/devnet.ts'
import type { ActivityRecord } from '../../src/activity/store.ts'
import type { PreparedTx } from '../../src/tx/types.ts'
import { ETH_TOKEN } from '../../src/bridge/types.ts'
import { makeWallet, type Harness } from '../support/wallet-harness.ts'
import { newDocSecret, openPage } from '../support/pages.ts'

const ACCOUNT0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const OTHER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const SITE = { origin: 'https://dapp.example', tabId: 7, frameId: 0, doc: newDocSecret() }
const DROP_AFTER_MS = 60_000

let devnet: Devnet
let h: Harness
let l1: PublicClient
let nextId = 1

before(async () => {
  // no idle L1 blocks: a held transaction stays in the pool until the test mines
  devnet = await startDevnet({ ports: 'auto', l1BlockTime: 0 })
  devnet.proposer.pause()
  l1 = devnet.l1.client
  h = await makeWallet({ networks: devnetNetworks(devnet.manifest), dropAfterMs: DROP_AFTER_MS, watchIntervalMs: 1000 })
  // the site's document says hello, as its relay does on its first request
  await openPage(h, SITE)
})
after(async () => {
  await devnet?.stop()
})

const rpc = (c: PublicClient, method: string, params: unknown[] = []) => c.request({ method: method as never, params: params as never })
const hold = () => rpc(l1, 'evm_setAutomine', [false])
const release = async () => {
  await rpc(l1, 'evm_setAutomine', [true])
  await rpc(l1, 'evm_mine')
}
const mine = () => rpc(l1, 'evm_mine')
const record = async (hash: Hex, chainId = 900) => (await h.core.activity.get(chainId, hash))!
const onChain = (hash: Hex, c = l1) => c.getTransaction({ hash })
const receiptOf = (hash: Hex, c = l1) => c.getTransactionReceipt({ hash }).then((r) => r, () => null)

async function prepared(to: string, value: bigint, chainId = 900): Promise<PreparedTx> {
  return (await h.call('send.prepare', { chainId, from: ACCOUNT0, to, amount: value.toString(), token: null })).tx
}

/** The approval the window shows now, approved as the window would, with `fees` chosen in its editor. */
async function approveCurrent(fees?: Record<string, unknown>) {
  const { approval } = await h.provider.currentApproval()
  assert.ok(approval, 'an approval is waiting')
  const reply = await h.provider.resolveApproval(approval.id, { approved: true, ...(fees ? { fees } : {}) } as never)
  if ('error' in reply) throw new Error(reply.error.message)
  return { approval, result: reply.result as Hex }
}

async function siteAsk(method: string, params: unknown[]) {
  const id = nextId++
  const reply = await h.provider.request({ id, method, params }, SITE)
  assert.deepEqual(reply, { deferred: true }, `${method} waits for the user`)
  return id
}

test('two sends confirmed together take consecutive nonces (the wallet\'s own tracker, one lock per account and chain)', async () => {
  await hold()
  try {
    const start = await l1.getTransactionCount({ address: ACCOUNT0, blockTag: 'pending' })
    const [a, b] = await Promise.all([prepared(OTHER, 1n), prepared(OTHER, 2n)])
    assert.equal(a.nonce, start)
    assert.equal(b.nonce, start, 'prepared at the same time, both show the account\'s next nonce')
    const [ha, hb] = await Promise.all([h.call('tx.send', { tx: a, title: 'first' }), h.call('tx.send', { tx: b, title: 'second' })])
    const nonces = [(await onChain(ha.hash as Hex)).nonce, (await onChain(hb.hash as Hex)).nonce].sort()
    assert.deepEqual(nonces, [start, start + 1], 'signed with consecutive nonces, both in the pool')
    assert.deepEqual([(await record(ha.hash as Hex)).nonce, (await record(hb.hash as Hex)).nonce].sort(), nonces, 'the activity list shows the nonces signed')
    // a third prepared now shows the one after both
    assert.equal((await prepared(OTHER, 3n)).nonce, start + 2)
  } finally {
    await release()
  }
  await h.core.watcher.tick()
})

test('speed up: same nonce, at least +10% on both fee fields and at the market; the replacement is mined, the original marked replaced', async () => {
  await hold()
  let original: Hex
  let replacement: Hex
  const before = await l1.getBalance({ address: OTHER })
  try {
    const tx = await prepared(OTHER, parseEther('0.25'))
    const market = await h.call('tx.market', { chainId: 900 })
    // a low fee: the low level's cap and tip
    const low = { ...tx, maxFeePerGas: market.levels.low.maxFeePerGas!, maxPriorityFeePerGas: market.levels.low.maxPriorityFeePerGas! }
    original = (await h.call('tx.send', { tx: low, title: 'Send 0.25 ETH' })).hash as Hex
    // the base fee jumps: the original's cap is below the next block's base fee
    const next = BigInt(market.baseFee!) * 4n
    await rpc(l1, 'anvil_setNextBlockBaseFeePerGas', [numberToHex(next)])
    const m2 = await h.call('tx.market', { chainId: 900 })
    assert.equal(BigInt(m2.baseFee!), next, 'the market reads the next block\'s base fee from the pending block')

    const { approvalId } = await h.call('tx.replace', { chainId: 900, hash: original, mode: 'speedUp' })
    const { approval } = await h.provider.currentApproval()
    assert.equal(approval!.id, approvalId)
    assert.equal(approval!.requester.origin, 'wallet')
    const r = approval!.request
    assert.ok(r.kind === 'replaceTx' && r.mode === 'speedUp')
    assert.equal(r.tx.nonce, (await record(original)).nonce, 'same nonce')
    assert.equal(r.tx.keepNonce, true)
    assert.equal(r.tx.to, OTHER)
    assert.equal(BigInt(r.tx.value), parseEther('0.25'))
    assert.ok(BigInt(r.tx.maxPriorityFeePerGas!) * 100n >= BigInt(low.maxPriorityFeePerGas) * 110n, 'tip at least +10%')
    assert.ok(BigInt(r.tx.maxFeePerGas!) * 100n >= BigInt(low.maxFeePerGas) * 110n, 'fee cap at least +10%')
    assert.ok(BigInt(r.tx.maxFeePerGas!) >= next, 'and at least the market: above the next base fee')
    assert.ok(r.fee && BigInt(r.fee.total) > 0n, 'quoted')
    // below the replacement minimum is refused with a sentence
    const tooLow = await h.provider.resolveApproval(approval!.id, { approved: true, fees: { maxFeePerGas: numberToHex(BigInt(low.maxFeePerGas) + 1n), maxPriorityFeePerGas: low.maxPriorityFeePerGas } } as never)
    assert.ok('error' in tooLow && /at least 10% more/.test(tooLow.error.message), JSON.stringify(tooLow))
    await h.call('tx.replace', { chainId: 900, hash: original, mode: 'speedUp' })
    replacement = (await approveCurrent()).result
    const rec = await record(replacement)
    assert.deepEqual(rec.replacement, { of: original, kind: 'speedUp' })
    assert.equal(rec.title, 'Send 0.25 ETH')
    await mine()
  } finally {
    await release()
  }
  assert.equal((await receiptOf(replacement))?.status, 'success')
  assert.equal(await receiptOf(original), null, 'the original is never mined')
  await h.core.watcher.tick()
  assert.equal((await record(replacement)).status, 'confirmed')
  const o = await record(original)
  assert.equal(o.status, 'replaced')
  assert.equal(o.replacedBy, replacement)
  assert.equal(o.signed, undefined, 'a settled record no longer keeps what it was signed with')
  assert.equal((await l1.getBalance({ address: OTHER })) - before, parseEther('0.25'), 'the amount arrived once')
})

test('cancel of a site\'s pending transaction: the zero-value self send is mined, the site\'s never (its receipt stays null)', async () => {
  await siteAsk('eth_requestAccounts', [])
  await approveCurrent()
  await hold()
  let original: Hex
  let cancel: Hex
  const before = await l1.getBalance({ address: OTHER })
  try {
    const id = await siteAsk('eth_sendTransaction', [{ from: ACCOUNT0, to: OTHER, value: numberToHex(parseEther('1')) }])
    original = (await approveCurrent()).result
    assert.equal(h.platform.responses(SITE.tabId).find((x) => x.id === id)?.reply && (h.platform.responses(SITE.tabId).find((x) => x.id === id)!.reply as { result: Hex }).result, original)
    await h.call('tx.replace', { chainId: 900, hash: original, mode: 'cancel' })
    const { approval } = await h.provider.currentApproval()
    const r = approval!.request
    assert.ok(r.kind === 'replaceTx' && r.mode === 'cancel')
    assert.equal(r.tx.to, ACCOUNT0, 'to self')
    assert.equal(r.tx.value, '0x0')
    assert.equal(r.tx.data, '0x')
    assert.equal(r.title, 'Cancel: Send')
    cancel = (await approveCurrent()).result
    assert.equal((await record(cancel)).origin, SITE.origin, 'kept with the site\'s transaction')
    await mine()
  } finally {
    await release()
  }
  const c = await receiptOf(cancel)
  assert.equal(c?.status, 'success')
  assert.equal(c?.from.toLowerCase(), ACCOUNT0.toLowerCase())
  assert.equal(c?.to?.toLowerCase(), ACCOUNT0.toLowerCase())
  // what the site reads for its transaction
  const asked = await h.provider.request({ id: nextId++, method: 'eth_getTransactionReceipt', params: [original] }, SITE)
  assert.deepEqual(asked, { result: null })
  assert.equal(await l1.getBalance({ address: OTHER }), before, 'nothing was sent')
  await h.core.watcher.tick()
  assert.equal((await record(original)).status, 'replaced')
  assert.equal((await record(original)).replacedBy, cancel)
  assert.equal((await record(cancel)).status, 'confirmed')
  assert.ok(h.platform.notifications.some((n) => n.title === 'Transaction cancelled' && /^Send on /.test(n.message)))
})

test('a site\'s own replacement (its nonce): recognised, fees raised to the minimum, the old one marked replaced; an edited fee is what is signed', async () => {
  await hold()
  let first: Hex
  let second: Hex
  try {
    await siteAsk('eth_sendTransaction', [{ from: ACCOUNT0, to: OTHER, value: '0x1', maxFeePerGas: numberToHex(parseGwei('3')), maxPriorityFeePerGas: numberToHex(parseGwei('1')) }])
    const { approval: a1 } = await h.provider.currentApproval()
    assert.ok(a1!.request.kind === 'sendTx')
    assert.deepEqual(a1!.request.suggested, { maxFeePerGas: numberToHex(parseGwei('3')), maxPriorityFeePerGas: numberToHex(parseGwei('1')) }, 'the site\'s fees are its suggestion')
    first = (await approveCurrent()).result
    const nonce = (await record(first)).nonce!
    // same nonce, the same fees: below the nodes' minimum, so raised to it
    await siteAsk('eth_sendTransaction', [{ from: ACCOUNT0, to: OTHER, value: '0x2', nonce: numberToHex(nonce), maxFeePerGas: numberToHex(parseGwei('3')), maxPriorityFeePerGas: numberToHex(parseGwei('1')) }])
    const { approval: a2 } = await h.provider.currentApproval()
    const r = a2!.request
    assert.ok(r.kind === 'sendTx')
    assert.equal(r.tx.nonce, nonce)
    assert.equal(r.tx.keepNonce, true)
    assert.equal(r.replaces?.hash, first)
    assert.equal(BigInt(r.tx.maxFeePerGas!), parseGwei('3.3'), 'raised to +10%')
    assert.equal(BigInt(r.tx.maxPriorityFeePerGas!), parseGwei('1.1'))
    // the user edits the fees and the gas limit in the window: that is what is signed
    second = (await approveCurrent({ maxFeePerGas: numberToHex(parseGwei('7')), maxPriorityFeePerGas: numberToHex(parseGwei('2.5')), gas: numberToHex(30_000n) })).result
    const signed = await onChain(second)
    assert.equal(signed.nonce, nonce)
    assert.equal(signed.maxFeePerGas, parseGwei('7'))
    assert.equal(signed.maxPriorityFeePerGas, parseGwei('2.5'))
    assert.equal(signed.gas, 30_000n)
    assert.deepEqual((await record(second)).replacement, { of: first, kind: 'custom' })
    await mine()
  } finally {
    await release()
  }
  assert.equal((await receiptOf(second))?.status, 'success')
  await h.core.watcher.tick()
  assert.equal((await record(first)).status, 'replaced')
  assert.equal((await record(first)).replacedBy, second)
})

test('a transaction the node dropped is marked dropped after a while, and sent again with its nonce', async () => {
  await hold()
  let dropped: Hex
  try {
    const base = BigInt((await h.call('tx.market', { chainId: 900 })).baseFee!)
    const tx = await prepared(OTHER, 5n)
    dropped = (await h.call('tx.send', { tx: { ...tx, maxFeePerGas: numberToHex(base), maxPriorityFeePerGas: '0x0' }, title: 'Send 5 wei' })).hash as Hex
    // the base fee rises above its cap and a block is mined: anvil evicts it from its pool
    await rpc(l1, 'anvil_setNextBlockBaseFeePerGas', [numberToHex(base * 10n)])
    await mine()
    await assert.rejects(onChain(dropped), /could not be found/)
  } finally {
    await release()
  }
  await h.core.watcher.tick()
  assert.equal((await record(dropped)).status, 'pending', 'not yet: a node may not know a transaction for a moment')
  assert.ok((await record(dropped)).missingSince !== undefined)
  h.platform.clock += DROP_AFTER_MS
  await h.core.watcher.tick()
  const d = await record(dropped)
  assert.equal(d.status, 'dropped')
  assert.ok(d.signed, 'a dropped one keeps what it was signed with, to be sent again')
  await h.call('tx.replace', { chainId: 900, hash: dropped, mode: 'resend' })
  const { approval } = await h.provider.currentApproval()
  assert.ok(approval!.request.kind === 'replaceTx' && approval!.request.mode === 'resend')
  assert.equal(approval!.request.tx.nonce, d.nonce, 'its nonce is still free: the same one')
  const again = (await approveCurrent()).result
  // mined once the base fee (raised tenfold above) lets its market fees in: at once, or a block later
  assert.equal((await l1.waitForTransactionReceipt({ hash: again, pollingInterval: 200, timeout: 30_000 })).status, 'success')
  assert.equal((await record(dropped)).replacedBy, again)
  await h.core.watcher.tick()
  assert.equal((await record(again)).status, 'confirmed')
  await assert.rejects(h.call('tx.replace', { chainId: 900, hash: again, mode: 'speedUp' }), /already mined/)
})

test('a flow\'s step sped up from the activity list: the flow and the bridge item follow the replacement; a cancelled step goes back to the user', async () => {
  const l2 = devnet.l2[901]!.client
  const intent = { direction: 'deposit' as const, l2ChainId: 901, token: ETH_TOKEN, amount: parseEther('0.5').toString(), from: ACCOUNT0 }
  let flow = await h.call('flows.start', { kind: 'bridge', intent })
  assert.equal(flow.status, 'ready')
  // the user picks fees in the review's editor: they are what the step signs
  const fees = { maxFeePerGas: numberToHex(parseGwei('2')), maxPriorityFeePerGas: numberToHex(parseGwei('1')) }
  flow = await h.call('flows.setFees', { id: flow.id, step: 0, fees })
  assert.equal(flow.prepared!.tx.maxFeePerGas, fees.maxFeePerGas)
  assert.ok(flow.prepared!.fee, 'quoted again')
  await hold()
  let original: Hex
  let faster: Hex
  try {
    flow = await h.call('flows.confirm', { id: flow.id, step: 0 })
    original = flow.steps[0].hash!
    assert.equal((await onChain(original)).maxFeePerGas, parseGwei('2'), 'the chosen fee was signed')
    await h.call('tx.replace', { chainId: 900, hash: original, mode: 'speedUp' })
    faster = (await approveCurrent()).result
    await mine()
  } finally {
    await release()
  }
  const deadline = Date.now() + 30_000
  while ((await h.call('flows.get', { id: flow.id })).status !== 'done') {
    assert.ok(Date.now() < deadline, 'the flow follows the mined replacement')
    await h.core.flows.watch()
    await new Promise((r) => setTimeout(r, 200))
  }
  flow = await h.call('flows.get', { id: flow.id })
  assert.equal(flow.steps[0].hash, faster)
  assert.equal((await record(original)).status, 'replaced')
  const item = (await h.core.bridge.store.list()).find((i) => i.id === flow.trackedId)!
  assert.ok(item.kind === 'deposit')
  assert.equal(item.l1Hash, faster, 'the tracked deposit follows the replacement')
  const l2Before = await l2.getBalance({ address: ACCOUNT0 })
  const until = Date.now() + 45_000
  for (;;) {
    await h.core.bridge.check()
    const d = (await h.core.bridge.store.get(item.id))!
    if (d.status === 'credited') break
    assert.ok(Date.now() < until, `credited (now ${d.status})`)
    await new Promise((r) => setTimeout(r, 500))
  }
  assert.equal(await l2.getBalance({ address: ACCOUNT0 }), l2Before + parseEther('0.5'))

  // the same again, cancelled: the step goes back to the user, the deposit never started
  let again = await h.call('flows.start', { kind: 'bridge', intent: { ...intent, amount: parseEther('0.2').toString() } })
  await hold()
  try {
    again = await h.call('flows.confirm', { id: again.id, step: 0 })
    await h.call('tx.replace', { chainId: 900, hash: again.steps[0].hash!, mode: 'cancel' })
    await approveCurrent()
    await mine()
  } finally {
    await release()
  }
  const end = Date.now() + 30_000
  while ((await h.call('flows.get', { id: again.id })).status !== 'ready') {
    assert.ok(Date.now() < end, 'the flow takes the cancel')
    await h.core.flows.watch()
    await new Promise((r) => setTimeout(r, 200))
  }
  again = await h.call('flows.get', { id: again.id })
  assert.match(again.error ?? '', /You cancelled/)
  assert.equal(again.steps[0].status, 'ready')
  assert.ok(again.prepared, 'prepared again, to confirm or cancel')
  const cancelledItem = (await h.core.bridge.store.get(again.trackedId!))!
  assert.equal(cancelledItem.status, 'failed')
  assert.match(cancelledItem.error ?? '', /cancelled/)
  await h.call('flows.cancel', { id: again.id })
})

test('on a rollup (901) the replacement is quoted again with its L1 data fee', async () => {
  const l2 = devnet.l2[901]!.client
  const blockTime = devnet.manifest.l2s[0]!.blockTimeSeconds ?? 2
  await rpc(l2, 'evm_setIntervalMining', [0])
  let hash: Hex
  try {
    const tx = await prepared(OTHER, 7n, 901)
    hash = (await h.call('tx.send', { tx, title: 'Send 7 wei' })).hash as Hex
    await h.call('tx.replace', { chainId: 901, hash, mode: 'speedUp' })
    const { approval } = await h.provider.currentApproval()
    const r = approval!.request
    assert.ok(r.kind === 'replaceTx')
    assert.ok(r.fee?.opStack, 'the OP Stack fee model')
    assert.ok(BigInt(r.fee!.l1Data) > 0n, 'with an L1 data fee for the replacement')
    const faster = (await approveCurrent()).result
    await rpc(l2, 'evm_mine')
    assert.equal((await l2.getTransactionReceipt({ hash: faster })).status, 'success')
  } finally {
    await rpc(l2, 'evm_setIntervalMining', [blockTime])
  }
  await h.core.watcher.tick()
  assert.equal((await record(hash, 901)).status, 'replaced')
  const all: ActivityRecord[] = await h.call('tx.activity', { chainId: 901 })
  assert.equal(all.filter((r) => r.status === 'confirmed' && r.replacement?.of === hash).length, 1)
})
