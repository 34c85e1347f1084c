// Prove or finalize, one click, with its fee: the background starts the step's flow (the proposal to
// prove against and the storage proof read from the chain now), prepares it with its fee and keeps
// the fee fresh while this card is on screen; the click confirms it.
import { useEffect, useState } from 'preact/hooks'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { confirmStep, stepFee, useFlow } from '../../lib/flow.ts'
import { useNow } from '../../lib/now.ts'
import { FeeBreakdown } from '../../components/FeeBreakdown.tsx'
import { FlowFeeEditor } from '../../components/FlowFeeEditor.tsx'

export function StepAction({ id, step, l1Name, blockTimeSeconds, onSent }: { id: string; step: 'prove' | 'finalize'; l1Name: string; blockTimeSeconds: number; onSent: () => void }) {
  const [flowId, setFlowId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [attempt, setAttempt] = useState(0)
  const [feeReady, setFeeReady] = useState(false)
  const { flow } = useFlow(flowId)
  const now = useNow()

  useEffect(() => {
    let alive = true
    setFlowId(null)
    setError(null)
    bg('flows.start', { kind: step === 'prove' ? 'bridge.prove' : 'bridge.finalize', intent: { id } }, { timeoutMs: 60_000 }).then(
      (f) => alive && setFlowId(f.id),
      (e) => alive && setError(asWalletError(e).message),
    )
    return () => {
      alive = false
    }
  }, [id, step, attempt])

  const send = async () => {
    if (!flow) return
    setSending(true)
    setError(null)
    try {
      await confirmStep(flow)
      onSent()
    } catch (e) {
      setError(asWalletError(e).message)
    } finally {
      setSending(false)
    }
  }
  const verb = step === 'prove' ? 'Prove' : 'Finalize'
  const fee = flow ? stepFee(flow, blockTimeSeconds, now) : null
  const shown = error ?? (flow?.status === 'ready' && !flow.prepared ? flow.error : null)
  return (
    <div class="bridge-action card" data-testid={`bridge-action-${step}`}>
      <h2>{step === 'prove' ? `Prove it on ${l1Name}` : `Finalize it on ${l1Name}`}</h2>
      <p class="muted">
        {step === 'prove'
          ? 'Proving shows the L1 that your withdrawal is in the proposed L2 state. Its waiting period starts then.'
          : 'Finalizing pays the withdrawal out on L1.'}
      </p>
      {flow?.status === 'ready' && flow.prepared ? (
        <FlowFeeEditor flow={flow} onReady={setFeeReady} />
      ) : fee ? (
        <FeeBreakdown fee={fee.fee} error={fee.error} stale={fee.stale} />
      ) : (
        !shown && <p class="muted fee-missing">Building the transaction and its fee…</p>
      )}
      {shown && (
        <div class="error" role="alert" data-testid="bridge-action-error">
          <p>{shown}</p>
          <button type="button" class="small" onClick={() => setAttempt((x) => x + 1)}>
            Try again
          </button>
        </div>
      )}
      <button type="button" class="primary block" data-testid={`bridge-${step}`} disabled={!flow || flow.status !== 'ready' || !fee?.fee || sending || !feeReady} onClick={() => void send()}>
        {sending || flow?.status === 'sending' || flow?.status === 'mining' ? `${verb === 'Prove' ? 'Proving' : 'Finalizing'}…` : `${verb} on ${l1Name}`}
      </button>
    </div>
  )
}
