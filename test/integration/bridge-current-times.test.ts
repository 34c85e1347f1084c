// Exit times on the devnet running today's contracts (OptimismPortal2 5.x + AnchorStateRegistry
// doubles; devnet/README.md): for each game type a shipped chain respects (1 permissioned, 6 OP
// Succinct validity, 621 AggregateVerifier's fast path) and for OP Succinct Lite (42) unchallenged,
// challenged then proven, and proven early, a withdrawal through the screens' calls with each
// step's predicted time against when it really opened: within 10% of the wait, or one proposal
// interval. The prediction checked is the newest one made before the step opened (after a
// challenge or an early proof, the chain's answer changes and so must the wallet's).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parseEther, type Address } from 'viem'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { ETH_TOKEN, type WithdrawalItem } from '../../src/bridge/types.ts'
import { finalizeTx } from '../../src/bridge/finalize.ts'
import { effectiveCadence } from '../../src/rollup/exit-time.ts'
import { bridgeHarness, etaError, finalizeOpen, measureOpening, measuredWithdrawal, runFlow, runStep, tickUntil, warpTo, warpToResolution, type BridgeHarness, type EtaError } from './bridge-support.ts'

const DELAYS = {
  gameClockSeconds: 30,
  clockExtensionSeconds: 10,
  proofMaturitySeconds: 20,
  disputeGameFinalitySeconds: 30,
  finalizationPeriodSeconds: 30,
  challengeWindowSeconds: 40,
  proveWindowSeconds: 60,
  aggregateFastSeconds: 45,
  aggregateSlowSeconds: 300,
}
const report: Record<string, EtaError> = {}

let devnet: Devnet
let b: BridgeHarness
let from: Address

before(async () => {
  devnet = await startDevnet({ ports: 'auto', contracts: 'current', l2BlockTime: 1, delays: DELAYS })
  await Promise.all([devnet.waitForProposal(901, 21n, 60_000), devnet.waitForProposal(902, 21n, 60_000)])
  b = await bridgeHarness(devnet)
  from = (await b.h.wallet.state()).selected!
})
after(async () => {
  if (Object.keys(report).length) console.log('ETA errors on the current contracts (s, % of the predicted wait)', JSON.stringify(report))
  await devnet?.stop()
})

function assertEta(name: string, e: EtaError, interval: number) {
  report[name] = e
  assert.ok(Math.abs(e.seconds) <= Math.max(0.1 * e.wait, interval), `${name}: off by ${e.seconds} s (${e.percent}% of ${e.wait} s; proposal interval ${interval} s)`)
}

const intent = (l2ChainId: number) => ({ direction: 'withdraw' as const, l2ChainId, token: ETH_TOKEN, amount: parseEther('0.01').toString(), from })

/** Switches 901's respected type and waits for a proposal of it (a fresh cadence). */
async function respect(type: number) {
  await devnet.setRespectedGameType(901, type)
  await devnet.waitForProposal(901, await devnet.l2[901]!.client.getBlockNumber(), 90_000)
  await b.svc.params(await b.svc.network(901), { fresh: true })
}

/** The newest finalize prediction once `ready`, against the first L1 second the portal accepts the finalize. */
async function measureFinalize(id: string): Promise<EtaError> {
  const w = await tickUntil<WithdrawalItem>(b, id, (x) => !!x.eta?.finalize?.at, 20_000)
  const eta = w.eta!.finalize!
  const params = (await b.svc.store.params())[String(w.l2ChainId)]!
  const fin = finalizeTx(params.system, w)
  await warpToResolution(devnet, params, w, eta.at!)
  const opened = await measureOpening(devnet, eta.at!, finalizeOpen(devnet.l1.client as never, w.proof!.submitter, fin.to, fin.data))
  await tickUntil<WithdrawalItem>(b, id, (x) => x.status === 'ready-to-finalize', 20_000)
  await runStep(b, id, 'finalize')
  await tickUntil<WithdrawalItem>(b, id, (x) => x.status === 'finalized', 20_000)
  return etaError({ predictedAt: eta.at!, madeAt: eta.madeAt, openedAt: opened })
}

describe('exit times on the current contracts', () => {
  test('type 1 (permissioned) and type 6 (OP Succinct validity, 902): both steps come true', async () => {
    for (const chainId of [901, 902]) {
      const r = await measuredWithdrawal(devnet, b, intent(chainId))
      b = r.b
      const name = chainId === 901 ? 'type1' : 'type6'
      assertEta(`${name}.prove`, r.prove, r.intervalSeconds)
      assertEta(`${name}.finalize`, r.finalize, r.intervalSeconds)
    }
  })

  test('type 621 (AggregateVerifier, fast path): the game’s own expectedResolution decides, and comes true', async () => {
    devnet.setAggregateProofs(901, 'tee+zk')
    await respect(621)
    const r = await measuredWithdrawal(devnet, b, intent(901), {
      async proven(w) {
        assert.match(w.eta!.firstFinalize!.reason, /proof delay: .* left|proof maturity/)
      },
    })
    b = r.b
    assertEta('type621fast.prove', r.prove, r.intervalSeconds)
    assertEta('type621fast.finalize', r.finalize, r.intervalSeconds)
  })

  test('type 42 (OP Succinct Lite): unchallenged, challenged then proven, and proven early: each prediction comes true', async () => {
    await respect(42)
    const interval = effectiveCadence((await b.svc.store.params())['901']!)?.intervalSeconds ?? 0

    // unchallenged: the challenge window
    const quiet = await measuredWithdrawal(devnet, b, intent(901))
    b = quiet.b
    assertEta('type42.prove', quiet.prove, quiet.intervalSeconds)
    assertEta('type42unchallenged.finalize', quiet.finalize, quiet.intervalSeconds)

    // challenged, then proven half way through the proposer's time to prove
    const challenged = await provenWithdrawal()
    await devnet.challengeGame(901, challenged.proof!.game!)
    const after = await tickUntil<WithdrawalItem>(b, challenged.id, (w) => /challenged/i.test(w.eta?.finalize?.reason ?? ''), 20_000)
    const l1Now = Number((await devnet.l1.client.getBlock()).timestamp)
    assert.ok(after.eta!.finalize!.at! >= l1Now + DELAYS.proveWindowSeconds, 'a challenge moves the resolution to the end of the time to prove')
    await devnet.warp(DELAYS.proveWindowSeconds / 2)
    await devnet.proveGame(901, challenged.proof!.game!)
    assertEta('type42challengedProven.finalize', await measureFinalize(challenged.id), interval)

    // proven early, before any challenge: resolvable at once
    const early = await provenWithdrawal()
    await devnet.proveGame(901, early.proof!.game!)
    const provedAt = Number((await devnet.l1.client.getBlock()).timestamp)
    const seen = await tickUntil<WithdrawalItem>(b, early.id, (w) => (w.eta?.finalize?.madeAt ?? 0) >= provedAt, 20_000)
    // resolvable at once by its own state; its parent game (still in its challenge window) may hold it
    assert.match(seen.eta!.finalize!.reason, /parent game resolves first|dispute-game finality/)
    assertEta('type42provenEarly.finalize', await measureFinalize(early.id), interval)
  })
})

/** A withdrawal proven (by the wallet) against the newest game covering it. */
async function provenWithdrawal(): Promise<WithdrawalItem> {
  await devnet.waitForProposal(901, await devnet.l2[901]!.client.getBlockNumber(), 60_000)
  const { id } = await runFlow(b, intent(901))
  await tickUntil<WithdrawalItem>(b, id, (w) => w.status === 'ready-to-prove', 90_000)
  await runStep(b, id, 'prove')
  const w = await tickUntil<WithdrawalItem>(b, id, (x) => x.status === 'proven' && !!x.proof?.game, 20_000)
  await warpTo(devnet, w.proof!.provenAt! + 1)
  return w
}
