// Shared by the bridge integration tests: a whole wallet (test/support/wallet-harness.ts: the core
// the background builds) over a devnet's networks, flows driven through the same UI calls the
// screens make ('flows.start' -> the step prepared with its fee -> 'flows.confirm', the background
// mining it and preparing the next), ticks until an item reaches a state, and the ETA measurement:
// move L1 time the way real time would pass and find the L1 second a step opened.
import assert from 'node:assert/strict'
import type { Address, Hex, PublicClient } from 'viem'
import type { Devnet } from '../../devnet/index.ts'
import { devnetNetworks } from '../../src/chains/devnet.ts'
import type { Arrival, BridgeService } from '../../src/bridge/service.ts'
import type { BridgeIntent } from '../../src/bridge/flows.ts'
import type { BridgeItem, WithdrawalItem } from '../../src/bridge/types.ts'
import type { RollupParams } from '../../src/rollup/params.ts'
import type { Flow } from '../../src/flows/types.ts'
import { finalizeTx } from '../../src/bridge/finalize.ts'
import { effectiveCadence } from '../../src/rollup/exit-time.ts'
import { makeWallet, type Harness } from '../support/wallet-harness.ts'
import { confirmAndMine as confirmOf, waitFlow as waitFlowOf } from '../support/flows.ts'

export interface BridgeHarness {
  h: Harness
  svc: BridgeService
  /** what the service reported as arrived (the background refreshes those balances) */
  arrivals: Arrival[]
  /** the same storage and platform, a new core, as after a service-worker restart */
  restart(): Promise<BridgeHarness>
}

export async function bridgeHarness(devnet: Devnet, from?: Harness): Promise<BridgeHarness> {
  const h = from ? await from.restart() : await makeWallet({ networks: devnetNetworks(devnet.manifest), devnet: devnet.manifest })
  const arrivals: Arrival[] = []
  h.core.bridge.onArrival(async (a) => void arrivals.push(...a))
  return { h, svc: h.core.bridge, arrivals, restart: () => bridgeHarness(devnet, h) }
}

export const waitFlow = (b: BridgeHarness, id: string, done: (f: Flow) => boolean, timeoutMs?: number) => waitFlowOf(b.h, id, done, timeoutMs)
export const confirmAndMine = (b: BridgeHarness, flow: Flow) => confirmOf(b.h, flow)

/** Every transaction of a flow, each prepared with its fee by the background and confirmed as the Bridge screen does; returns the tracked item's id. */
export async function runFlow(b: BridgeHarness, intent: BridgeIntent): Promise<{ id: string; hashes: Hex[]; flow: Flow }> {
  const hashes: Hex[] = []
  let flow = await b.h.call('flows.start', { kind: 'bridge', intent })
  while (flow.status !== 'done') {
    const r = await confirmAndMine(b, flow)
    hashes.push(r.hash)
    flow = r.flow
  }
  assert.ok(flow.trackedId, 'the deposit or withdrawal is tracked')
  return { id: flow.trackedId, hashes, flow }
}

/** Ticks until the item satisfies `done`; returns it. */
export async function tickUntil<T extends BridgeItem>(b: BridgeHarness, id: string, done: (i: T) => boolean, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const report = await b.svc.check()
    const item = (await b.svc.store.get(id)) as T | undefined
    assert.ok(item, `item ${id} is tracked`)
    if (done(item)) return item
    if (Date.now() > deadline) {
      const chains = report.chains.filter((c) => !c.ok).map((c) => `${c.l2ChainId}: ${c.error}`)
      throw new Error(`item ${id} stuck at "${item.status}" ${item.error ?? ''} ${chains.join('; ')}`)
    }
    await sleep(everyMs)
  }
}

/** Proves (or finalizes) as the one click does: the step's flow started (built and prepared with its fee), confirmed, mined. */
export async function runStep(b: BridgeHarness, id: string, step: 'prove' | 'finalize'): Promise<{ hash: Hex; fee: bigint }> {
  const flow = await b.h.call('flows.start', { kind: step === 'prove' ? 'bridge.prove' : 'bridge.finalize', intent: { id } })
  const fee = BigInt(flow.prepared?.fee?.total ?? '0')
  const { hash } = await confirmAndMine(b, flow)
  return { hash, fee }
}

export const l1Time = async (devnet: Devnet) => Number((await devnet.l1.client.getBlock({ blockTag: 'latest' })).timestamp)

/** Moves L1 time to `t` (if it is ahead), as one warp. */
export async function warpTo(devnet: Devnet, t: number): Promise<void> {
  const now = await l1Time(devnet)
  if (t > now) await devnet.warp(t - now)
}

/**
 * The L1 second a step really opened: time is moved to `predicted - margin` (asserting the step is
 * still closed there), then one second at a time until `isOpen` says it opened.
 */
export async function measureOpening(devnet: Devnet, predicted: number, isOpen: () => Promise<boolean>, opts: { margin?: number; maxSteps?: number } = {}): Promise<number> {
  return (await bracketOpening(devnet, predicted, isOpen, opts)).opened
}

/**
 * The opening bracketed: the last L1 second seen closed and the first seen open. On a loaded
 * machine a one-second warp can cross two seconds (the wall clock moves too), so the step opened
 * somewhere in (lastClosed, opened].
 */
export async function bracketOpening(devnet: Devnet, predicted: number, isOpen: () => Promise<boolean>, opts: { margin?: number; maxSteps?: number } = {}): Promise<{ lastClosed: number | null; opened: number }> {
  const margin = opts.margin ?? 5
  await warpTo(devnet, predicted - margin)
  let lastClosed: number | null = null
  const now = () => l1Time(devnet)
  // opened before predicted - margin: the error is at least `margin`
  if (await isOpen()) return { lastClosed, opened: await now() }
  lastClosed = await now()
  for (let i = 0; i < (opts.maxSteps ?? 120); i++) {
    await devnet.warp(1)
    const t = await now()
    if (await isOpen()) return { lastClosed, opened: t }
    lastClosed = t
  }
  throw new Error(`the step did not open within ${opts.maxSteps ?? 120} s after ${predicted - margin}`)
}

/**
 * Time moved to when the game proven against can resolve, as real time would reach it (the
 * devnet's proposer resolves a game as soon as it may, like anyone watching a live chain): a fault
 * game when its clock has run out; a game that says when it resolves (OP Succinct Lite, the
 * AggregateVerifier) at that time, which is the finalize prediction less the finality delay. One
 * big warp past that point would resolve the game late, and its finality would start late.
 */
export async function warpToResolution(devnet: Devnet, params: RollupParams, w: WithdrawalItem, predictedFinalize: number): Promise<void> {
  if (params.system.kind !== 'dispute-games' || params.system.game.resolvesAtCreation || (w.proof?.gameResolvedAt ?? 0) > 0) return
  if (params.gameClockSeconds !== undefined && params.system.game.family !== 'op-succinct-lite' && w.proof?.gameCreatedAt) {
    await warpTo(devnet, w.proof.gameCreatedAt + params.gameClockSeconds + 1)
    return
  }
  await warpTo(devnet, predictedFinalize - (params.disputeGameFinalityDelaySeconds ?? 0) - 1)
}

/** eth_call of the finalize transaction at the latest L1 block: does the portal accept it now? */
export function finalizeOpen(l1: PublicClient, from: Address, to: Address, data: Hex): () => Promise<boolean> {
  return () =>
    l1.call({ account: from, to, data, blockTag: 'latest' }).then(
      () => true,
      () => false,
    )
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** ETA error of one step, in seconds and as a share of the wait it predicted. */
export function etaError(p: { predictedAt: number; madeAt: number; openedAt: number }) {
  const wait = Math.max(1, p.openedAt - p.madeAt)
  const seconds = p.openedAt - p.predictedAt
  return { seconds, percent: Math.round((Math.abs(seconds) / wait) * 1000) / 10, wait }
}

export type EtaError = ReturnType<typeof etaError>

export interface MeasureHooks {
  /** the item once mined on L2 (its first prove prediction is in it) */
  initiated?(w: WithdrawalItem, b: BridgeHarness): Promise<void>
  readyToProve?(w: WithdrawalItem, b: BridgeHarness): Promise<void>
  /** may hand back another harness (a restarted service) that takes over */
  proven?(w: WithdrawalItem, b: BridgeHarness): Promise<BridgeHarness | void>
  readyToFinalize?(w: WithdrawalItem, b: BridgeHarness): Promise<void>
}

/**
 * A whole withdrawal through the screens' calls, with the ETA of each step measured against when it
 * really opened: ready to prove = the covering proposal's L1 time; ready to finalize = the first L1
 * second the portal accepts the finalize call, with time moved as real time would move it (the
 * game's clock first, so the proposer resolves it when it ran out, then one second at a time).
 */
export async function measuredWithdrawal(devnet: Devnet, start: BridgeHarness, intent: BridgeIntent, hooks: MeasureHooks = {}) {
  let b = start
  // Earlier warps put the L1 clock ahead of the proposer's real-time rhythm: start from a proposal
  // made after them, as on a chain whose time never jumps.
  await devnet.waitForProposal(intent.l2ChainId, await devnet.l2[intent.l2ChainId]!.client.getBlockNumber(), 60_000)
  const { id } = await runFlow(b, intent)
  assert.equal(((await b.svc.store.get(id)) as WithdrawalItem).status, 'initiating', 'stored from the moment it was signed, before any tick')
  const initiated = await tickUntil<WithdrawalItem>(b, id, (w) => w.status !== 'initiating', 20_000, 100)
  await hooks.initiated?.(initiated, b)
  const firstProve = initiated.eta?.firstProve
  assert.ok(firstProve?.at, `ready to prove was predicted while waiting (status ${initiated.status})`)
  const ready = await tickUntil<WithdrawalItem>(b, id, (w) => w.status === 'ready-to-prove', 60_000, 200)
  const prove = etaError({ predictedAt: firstProve.at!, madeAt: firstProve.madeAt, openedAt: ready.opened!.prove! })
  await hooks.readyToProve?.(ready, b)
  await runStep(b, id, 'prove')
  const proven = await tickUntil<WithdrawalItem>(b, id, (w) => w.status === 'proven', 20_000)
  b = (await hooks.proven?.(proven, b)) ?? b
  const eta = proven.eta!.firstFinalize!
  assert.ok(eta.at, eta.reason)
  const params = (await b.svc.store.params())[String(intent.l2ChainId)]!
  await warpToResolution(devnet, params, proven, eta.at!)
  const fin = finalizeTx(params.system, proven)
  const { lastClosed, opened } = await bracketOpening(devnet, eta.at!, finalizeOpen(devnet.l1.client as never, proven.account, fin.to, fin.data))
  const finalize = etaError({ predictedAt: eta.at!, madeAt: eta.madeAt, openedAt: opened })
  const readyToFinalize = await tickUntil<WithdrawalItem>(b, id, (x) => x.status === 'ready-to-finalize', 20_000)
  // the tracker's opening, computed from the chain's facts, lies where the portal was seen to open
  const computed = readyToFinalize.opened!.finalize!
  assert.ok((lastClosed === null || computed > lastClosed) && computed <= opened, `the tracker computes the opening from the chain: ${computed}, seen closed at ${lastClosed} and open at ${opened}`)
  await hooks.readyToFinalize?.(readyToFinalize, b)
  await runStep(b, id, 'finalize')
  const done = await tickUntil<WithdrawalItem>(b, id, (x) => x.status === 'finalized', 20_000)
  return { id, prove, finalize, b, done, intervalSeconds: effectiveCadence(params)?.intervalSeconds ?? 0 }
}
