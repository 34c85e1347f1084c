// A flow as a screen follows it (the 'flow' topic: pushed on every change, its step's fee re-quoted
// by the background every block while watched), and the two things a screen does with it.
import type { Flow } from '../../src/flows/types.ts'
import { bg } from './background.ts'
import { useTopic } from './topic.ts'

export function useFlow<I = unknown, S = unknown>(id: string | null): { flow: Flow<I, S> | null; error: string | null } {
  const t = useTopic('flow', id, { keyed: true })
  return { flow: (t.value as Flow<I, S> | null) ?? null, error: t.error }
}

/** Signs and sends the step the flow shows now. */
export function confirmStep(flow: Flow): Promise<Flow> {
  return bg('flows.confirm', { id: flow.id, step: flow.current }, { timeoutMs: 60_000 })
}

export function cancelFlow(flow: Flow): Promise<Flow> {
  return bg('flows.cancel', { id: flow.id })
}

/** The fee of the step on screen, stale when the last good quote is older than ~3 blocks. */
export function stepFee(flow: Flow, blockTimeSeconds: number, now = Date.now()) {
  const p = flow.prepared
  return {
    fee: p?.fee ?? null,
    error: p?.feeError ?? (!p && flow.status === 'ready' ? flow.error : undefined),
    stale: !!p?.fee && now - p.at > Math.max(3, blockTimeSeconds * 3) * 1000 + 4000,
  }
}
