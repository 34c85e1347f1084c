// The withdrawal tracker on the devnet running the contracts the chains run today (OptimismPortal2
// 5.x + AnchorStateRegistry 3.x doubles: devnet/README.md lists what each reproduces), driven through
// the same calls as the screens:
// - a proof made against a type-1 game survives the chain switching to type 0 without a retirement,
//   and finalizes with it; after a retirement the proof is flagged with the reason, proven again,
//   and finalized;
// - on a permissionless chain (type 0), a false game posted after the true one: the wallet proves
//   against the true one and the prove transaction succeeds;
// - a withdrawal proven by another account: shown as proven by it, no paid re-prove offered,
//   finalized with finalizeWithdrawalTransactionExternalProof.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { getAddress, parseEther } from 'viem'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { ETH_TOKEN, type WithdrawalItem } from '../../src/bridge/types.ts'
import { bridgeHarness, runFlow, runStep, tickUntil, warpTo, type BridgeHarness } from './bridge-support.ts'

const DELAYS = { gameClockSeconds: 30, clockExtensionSeconds: 10, proofMaturitySeconds: 20, disputeGameFinalitySeconds: 20, finalizationPeriodSeconds: 30 }

let devnet: Devnet
let b: BridgeHarness
let from: `0x${string}`

before(async () => {
  devnet = await startDevnet({ ports: 'auto', contracts: 'current', l2BlockTime: 1, delays: DELAYS })
  b = await bridgeHarness(devnet)
  from = (await b.h.wallet.state()).selected!
})
after(async () => {
  await devnet?.stop()
})

const withdraw = async () => (await runFlow(b, { direction: 'withdraw', l2ChainId: 901, token: ETH_TOKEN, amount: parseEther('0.01').toString(), from })).id

/** Moves time until the proof and its game allow finalizing, then finalizes with one click. */
async function finalizeNow(id: string) {
  const w = (await b.svc.store.get(id)) as WithdrawalItem
  const params = (await b.svc.store.params())['901']!
  await warpTo(devnet, (w.proof!.gameCreatedAt ?? 0) + (params.gameClockSeconds ?? 0) + 1)
  await warpTo(devnet, (await tickUntil<WithdrawalItem>(b, id, (x) => !!x.eta?.finalize?.at, 20_000)).eta!.finalize!.at! + 1)
  await tickUntil<WithdrawalItem>(b, id, (x) => x.status === 'ready-to-finalize', 30_000)
  await runStep(b, id, 'finalize')
  return tickUntil<WithdrawalItem>(b, id, (x) => x.status === 'finalized', 20_000)
}

test('a respected type change without a retirement keeps the proof; a retirement flags it with the reason, and the new proof finalizes', async () => {
  const system = (await b.svc.params(await b.svc.network(901), { fresh: true })).system
  assert.equal(system.kind === 'dispute-games' && system.portalVersion, '5.6.1')
  assert.ok(system.kind === 'dispute-games' && system.anchorStateRegistry, 'the 5.x portal names its registry')

  const first = await withdraw()
  await tickUntil<WithdrawalItem>(b, first, (w) => w.status === 'ready-to-prove', 60_000)
  await runStep(b, first, 'prove')
  const proven = await tickUntil<WithdrawalItem>(b, first, (w) => w.status === 'proven', 20_000)
  assert.equal(proven.proof?.gameType, 1)

  await devnet.setRespectedGameType(901, 0) // A -> B, no retirement
  await devnet.waitForProposal(901, await devnet.l2[901]!.client.getBlockNumber(), 60_000)
  const kept = await tickUntil<WithdrawalItem>(b, first, (w) => w.status === "proven" || w.status === "ready-to-finalize", 20_000)
  assert.equal(kept.reprove, undefined, 'no re-prove flag after a type change alone')
  const done = await finalizeNow(first)
  assert.equal(done.status, 'finalized')
  assert.equal(done.reprove, undefined)
  assert.equal(done.proof?.gameType, 1, 'finalized with the original type-1 proof')

  // the same with a retirement: flagged, proven again against a game after it, finalized
  const second = await withdraw()
  await tickUntil<WithdrawalItem>(b, second, (w) => w.status === 'ready-to-prove', 60_000)
  await runStep(b, second, 'prove')
  await tickUntil<WithdrawalItem>(b, second, (w) => w.status === 'proven', 20_000)
  await devnet.retireGames(901)
  const flagged = await tickUntil<WithdrawalItem>(b, second, (w) => !!w.reprove, 20_000)
  assert.match(flagged.reprove!, /retired/)
  assert.ok(b.h.platform.notifications.some((n) => n.id === `bridge:${second}:reprove`), 'the user is told')
  await devnet.waitForProposal(901, await devnet.l2[901]!.client.getBlockNumber(), 60_000)
  await tickUntil<WithdrawalItem>(b, second, (w) => w.status === 'ready-to-prove', 60_000)
  await runStep(b, second, 'prove')
  const reproven = await tickUntil<WithdrawalItem>(b, second, (w) => w.status === 'proven' && !w.reprove, 20_000)
  assert.ok((reproven.proof!.gameCreatedAt ?? 0) > 0)
  assert.equal((await finalizeNow(second)).status, 'finalized')
})

test('permissionless (type 0): a false game posted after the true one; the wallet proves against the true one and the prove succeeds', async () => {
  const params = await b.svc.params(await b.svc.network(901), { fresh: true })
  if (params.system.kind === 'dispute-games' && params.system.respectedGameType !== 0) {
    await devnet.setRespectedGameType(901, 0)
    await devnet.waitForProposal(901, await devnet.l2[901]!.client.getBlockNumber(), 60_000)
  }
  const id = await withdraw()
  const w = await tickUntil<WithdrawalItem>(b, id, (x) => x.status === 'ready-to-prove', 60_000)
  devnet.proposer.pause()
  try {
    const truth = (await devnet.listGames(901, 20)).find((g) => g.gameType === 0 && g.l2BlockNumber >= BigInt(w.l2Block!))!
    assert.ok(truth, 'a true game covers the withdrawal')
    const lie = await devnet.postFalseGame(901, truth.l2BlockNumber + 1n)
    const newest = (await devnet.listGames(901, 1))[0]
    assert.equal(getAddress(newest.address), getAddress(lie), 'the newest game is the false one')
    const { hash } = await runStep(b, id, 'prove')
    const receipt = await devnet.l1.client.getTransactionReceipt({ hash })
    assert.equal(receipt.status, 'success', 'the prove transaction succeeds')
    const proven = await tickUntil<WithdrawalItem>(b, id, (x) => x.status === 'proven', 20_000)
    assert.equal(getAddress(proven.proof!.game!), getAddress(truth.address), 'proven against the true game')
  } finally {
    devnet.proposer.resume()
  }
  assert.equal((await finalizeNow(id)).status, 'finalized')
})

test('a withdrawal proven by another account: shown proven by it, no paid re-prove offered, finalized with its proof', async () => {
  const { id, flow } = await runFlow(b, { direction: 'withdraw', l2ChainId: 901, token: ETH_TOKEN, amount: parseEther('0.01').toString(), from }).then(async (r) => ({ id: r.id, flow: r.flow }))
  await tickUntil<WithdrawalItem>(b, id, (x) => x.status === 'ready-to-prove', 60_000)
  const receipt = await devnet.l2[901]!.client.getTransactionReceipt({ hash: flow.steps[0].hash! })
  const other = await devnet.proveWithdrawalAs(901, receipt, 9)
  const seen = await tickUntil<WithdrawalItem>(b, id, (x) => x.status === 'proven' || x.status === 'ready-to-finalize', 20_000)
  assert.equal(getAddress(seen.proof!.submitter), getAddress(other.submitter), 'proven by the other account')
  assert.notEqual(getAddress(other.submitter), getAddress(from))
  await assert.rejects(b.h.call('flows.start', { kind: 'bridge.prove', intent: { id } }), { code: 'NOT_READY' }, 'no paid re-prove')
  const nonce = await devnet.l1.client.getTransactionCount({ address: from })
  const done = await finalizeNow(id)
  assert.equal(done.status, 'finalized')
  assert.equal(await devnet.l1.client.getTransactionCount({ address: from }), nonce + 1, 'one transaction from the account: the finalize')
})
