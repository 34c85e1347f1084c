// "Move PHA to Phala L2": a bridge deposit of PHA through the standard bridge to the same account
// on Phala L2 (an approval first when the allowance is short). The background owns the flow: the
// review shows each step with its fee and the whole cost; closing the page loses nothing.
import { useId, useState } from 'preact/hooks'
import { formatUnits, parseUnits } from 'viem'
import type { ClaimDeployment } from '../../../src/claim/config.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { formatAmount } from '../../lib/amount.ts'
import { Alert } from '../../components/Alert.tsx'
import { BridgeReview } from '../../components/BridgeReview.tsx'

export function MovePha(p: { deployment: ClaimDeployment; from: string; l1Balance: string | null; l2Name: string; onMoved: () => void }) {
  const id = useId()
  const [amount, setAmount] = useState('')
  const [flowId, setFlowId] = useState<string | null>(null)
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  const wei = (): string | null => {
    try {
      const v = parseUnits(amount.trim(), 18)
      return v > 0n ? v.toString() : null
    } catch {
      return null
    }
  }

  const start = async (e: Event) => {
    e.preventDefault()
    setError(null)
    setDone(null)
    const value = wei()
    if (!value) return setError('Enter an amount of PHA above zero, like 250 or 12.5.')
    setStarting(true)
    try {
      const d = p.deployment
      const f = await bg('flows.start', { kind: 'bridge', intent: { direction: 'deposit', l2ChainId: d.l2ChainId, token: { symbol: 'PHA', decimals: 18, l1: d.pha.l1, l2: d.pha.l2 }, amount: value, from: p.from } }, { timeoutMs: 60_000 })
      setFlowId(f.id)
    } catch (err) {
      setError(asWalletError(err).message)
    } finally {
      setStarting(false)
    }
  }

  return (
    <section class="claim-step" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Move PHA to Phala L2</h2>
      <p class="muted">Your PHA on Ethereum goes to the same address on {p.l2Name} through the standard bridge: an approval, then the deposit.</p>
      {flowId ? (
        <div class="card move-plan" data-testid="move-steps">
          <BridgeReview
            id={flowId}
            onBack={() => setFlowId(null)}
            onTracked={(_itemId, flow) => {
              setFlowId(null)
              setAmount('')
              setDone(`${formatAmount(flow.intent.amount, 18, 'PHA')} is on its way to ${p.l2Name}. It arrives in a few minutes; the table above updates when it does, and the Bridge screen tracks the deposit.`)
              p.onMoved()
            }}
          />
        </div>
      ) : (
        <form onSubmit={start} noValidate>
          <label for={`${id}-amount`}>Amount of PHA</label>
          <div class="inline-row">
            <input id={`${id}-amount`} inputMode="decimal" value={amount} disabled={starting} onInput={(e) => setAmount((e.currentTarget as HTMLInputElement).value)} placeholder="0.0" data-testid="move-amount" />
            <button type="button" class="small" disabled={starting || !p.l1Balance || p.l1Balance === '0'} onClick={() => setAmount(formatUnits(BigInt(p.l1Balance ?? '0'), 18))}>
              Max
            </button>
            <button type="submit" disabled={starting || !amount.trim()} data-testid="move-plan">
              {starting ? 'Preparing…' : 'Review'}
            </button>
          </div>
          {p.l1Balance !== null && <p class="field-note muted">Available on Ethereum: {formatAmount(p.l1Balance, 18, 'PHA')}</p>}
        </form>
      )}
      {error && (
        <Alert testId="move-error">
          <p>{error}</p>
        </Alert>
      )}
      {done && (
        <p class="ok" role="status" data-testid="move-done">
          ✓ {done}
        </p>
      )}
    </section>
  )
}
