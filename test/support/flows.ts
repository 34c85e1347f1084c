// Driving a flow as the screens do, in node: start it (its step comes back prepared with its fee),
// confirm the step on screen, let the background mine it and prepare the next.
import assert from 'node:assert/strict'
import type { Hex } from 'viem'
import type { Flow } from '../../src/flows/types.ts'
import type { Harness } from './wallet-harness.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Waits (asking the engine to look) until the flow satisfies `done`. */
export async function waitFlow(h: Harness, id: string, done: (f: Flow) => boolean, timeoutMs = 30_000): Promise<Flow> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    await h.core.flows.watch()
    const f = await h.core.flows.get(id)
    if (done(f)) return f
    if (f.status === 'failed' || f.status === 'cancelled') throw Object.assign(new Error(`flow ${id} ${f.status}: ${f.error ?? ''}`), { flow: f })
    if (Date.now() > deadline) throw new Error(`flow ${id} stuck at "${f.status}" (step ${f.current}): ${f.error ?? ''}`)
    await sleep(100)
  }
}

/** Confirms the flow's step on screen and waits until it is mined (and the next one prepared). */
export async function confirmAndMine(h: Harness, flow: Flow): Promise<{ flow: Flow; hash: Hex }> {
  assert.equal(flow.status, 'ready', `"${flow.steps[flow.current]?.label}" is ready to sign: ${flow.error ?? ''}`)
  assert.ok(flow.prepared?.fee, `a fee is shown for "${flow.steps[flow.current].label}": ${flow.error ?? flow.prepared?.feeError ?? ""}`)
  const index = flow.current
  const sent = await h.call('flows.confirm', { id: flow.id, step: index })
  const hash = sent.steps[index].hash!
  const after = await waitFlow(h, flow.id, (f) => f.current > index && f.status !== 'preparing')
  return { flow: after, hash }
}

/** Every step, confirmed in turn; the flow once done and each step's hash. */
export async function runAll(h: Harness, flow: Flow): Promise<{ flow: Flow; hashes: Hex[] }> {
  const hashes: Hex[] = []
  while (flow.status !== 'done') {
    const r = await confirmAndMine(h, flow)
    hashes.push(r.hash)
    flow = r.flow
  }
  return { flow, hashes }
}
