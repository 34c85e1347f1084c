// Prove or finalize, one click, with its fee: the transaction is built against the chain as it
// is now ('bridge.buildStep': the proposal to prove against, the storage proof), prepared with its
// fee ('tx.prepare', re-quoted every block), and signed in the background ('bridge.sendStep').
import { useEffect, useState } from 'preact/hooks'
import type { FeeQuote, PreparedTx } from '../../../src/approvals/types.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { FeeBreakdown, useLiveFee } from '../../components/FeeBreakdown.tsx'

export function StepAction({ id, step, from, l1Name, blockTimeSeconds, onSent }: { id: string; step: 'prove' | 'finalize'; from: string; l1Name: string; blockTimeSeconds: number; onSent: () => void }) {
  const [prepared, setPrepared] = useState<{ tx: PreparedTx; fee: FeeQuote | null; feeError?: string | undefined } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let alive = true
    setPrepared(null)
    setError(null)
    ;(async () => {
      try {
        const { tx } = await bg('bridge.buildStep', { id, step }, { timeoutMs: 60_000 })
        const p = await bg('tx.prepare', { chainId: tx.chainId, from, to: tx.to, value: tx.value, data: tx.data, ...(tx.gasHeadroomPercent ? { gasHeadroomPercent: tx.gasHeadroomPercent } : {}) }, { timeoutMs: 30_000 })
        if (alive) setPrepared(p)
      } catch (e) {
        if (alive) setError(asWalletError(e).message)
      }
    })()
    return () => {
      alive = false
    }
  }, [id, step, attempt])

  const live = useLiveFee(prepared?.tx ?? null, prepared?.fee ?? null, blockTimeSeconds, prepared?.feeError)
  const send = async () => {
    if (!prepared) return
    setSending(true)
    setError(null)
    try {
      await bg('bridge.sendStep', { id, step, tx: prepared.tx }, { timeoutMs: 60_000 })
      onSent()
    } catch (e) {
      setError(asWalletError(e).message)
      setSending(false)
    }
  }
  const verb = step === 'prove' ? 'Prove' : 'Finalize'
  return (
    <div class="bridge-action card" data-testid={`bridge-action-${step}`}>
      <h2>{step === 'prove' ? `Prove it on ${l1Name}` : `Finalize it on ${l1Name}`}</h2>
      <p class="muted">
        {step === 'prove'
          ? 'Proving shows the L1 that your withdrawal is in the proposed L2 state. Its waiting period starts then.'
          : 'Finalizing pays the withdrawal out on L1.'}
      </p>
      {prepared ? <FeeBreakdown fee={live.fee} error={live.error} stale={live.stale} /> : !error && <p class="muted fee-missing">Building the transaction and its fee…</p>}
      {error && (
        <div class="error" role="alert" data-testid="bridge-action-error">
          <p>{error}</p>
          <button type="button" class="small" onClick={() => setAttempt((x) => x + 1)}>
            Try again
          </button>
        </div>
      )}
      <button type="button" class="primary block" data-testid={`bridge-${step}`} disabled={!prepared || !live.fee || sending} onClick={() => void send()}>
        {sending ? `${verb === 'Prove' ? 'Proving' : 'Finalizing'}…` : `${verb} on ${l1Name}`}
      </button>
    </div>
  )
}
