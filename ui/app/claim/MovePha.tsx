// "Move PHA to Phala L2" in one flow: the background plans approve (when the allowance is short) +
// depositERC20To through the L1StandardBridge; each step is prepared with its fee just before it
// is sent (the deposit can only be estimated once the approval is mined), sent, and waited for.
import { useId, useState } from 'preact/hooks'
import { formatUnits, parseUnits } from 'viem'
import type { FeeQuote } from '../../../src/approvals/types.ts'
import type { UiCalls } from '../../../src/messages.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { formatAmount } from '../../lib/amount.ts'
import { Alert } from '../../components/Alert.tsx'
import { FeeBreakdown } from '../../components/FeeBreakdown.tsx'

type Step = UiCalls['claim.movePlan']['result'][number]
type StepState = { label: string; status: 'waiting' | 'preparing' | 'sending' | 'mining' | 'done' | 'failed'; fee?: FeeQuote | null; feeError?: string }

export function MovePha(p: { deployment: string; from: string; l1Balance: string | null; l2Name: string; onMoved: () => void }) {
  const id = useId()
  const [amount, setAmount] = useState('')
  const [plan, setPlan] = useState<Step[] | null>(null)
  const [plannedAmount, setPlannedAmount] = useState('0')
  const [steps, setSteps] = useState<StepState[]>([])
  const [running, setRunning] = useState(false)
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
  const set = (i: number, patch: Partial<StepState>) => setSteps((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)))

  const makePlan = async (e: Event) => {
    e.preventDefault()
    setError(null)
    setDone(null)
    const value = wei()
    if (!value) return setError('Enter an amount of PHA above zero, like 250 or 12.5.')
    try {
      const next = await bg('claim.movePlan', { deployment: p.deployment, from: p.from, amount: value })
      setPlan(next)
      setPlannedAmount(value)
      setSteps(next.map((s) => ({ label: s.label, status: 'waiting' })))
    } catch (err) {
      setError(asWalletError(err).message)
    }
  }

  const run = async () => {
    if (!plan) return
    setRunning(true)
    setError(null)
    let tracked = false
    for (const [i, s] of plan.entries()) {
      try {
        set(i, { status: 'preparing' })
        const prepared = await bg('tx.prepare', { chainId: s.chainId, from: p.from, to: s.to, value: s.value, data: s.data, ...(s.gasHeadroomPercent ? { gasHeadroomPercent: s.gasHeadroomPercent } : {}) }, { timeoutMs: 30_000 })
        set(i, { status: 'sending', fee: prepared.fee, ...(prepared.feeError ? { feeError: prepared.feeError } : {}) })
        const { hash, tracked: isTracked } = await bg('claim.moveSend', { deployment: p.deployment, from: p.from, amount: plannedAmount, tx: prepared.tx, title: s.label }, { timeoutMs: 30_000 })
        set(i, { status: 'mining' })
        let status: 'pending' | 'confirmed' | 'failed' = 'pending'
        while (status === 'pending') status = (await bg('claim.waitTx', { chainId: s.chainId, hash }, { timeoutMs: 30_000 })).status
        if (status === 'failed') throw new Error(`“${s.label}” failed on chain. Nothing more was sent.`)
        set(i, { status: 'done' })
        tracked ||= isTracked
      } catch (err) {
        set(i, { status: 'failed' })
        setError(asWalletError(err).message)
        setRunning(false)
        p.onMoved()
        return
      }
    }
    setRunning(false)
    setPlan(null)
    setDone(`${formatAmount(plannedAmount, 18, 'PHA')} is on its way to ${p.l2Name}. It arrives in a few minutes; the table above updates when it does${tracked ? ', and the Bridge screen tracks the deposit' : ''}.`)
    setAmount('')
    p.onMoved()
  }

  return (
    <section class="claim-step" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Move PHA to Phala L2</h2>
      <p class="muted">Your PHA on Ethereum goes to the same address on {p.l2Name} through the standard bridge: an approval, then the deposit.</p>
      <form onSubmit={makePlan} noValidate>
        <label for={`${id}-amount`}>Amount of PHA</label>
        <div class="inline-row">
          <input
            id={`${id}-amount`}
            inputMode="decimal"
            value={amount}
            disabled={running}
            onInput={(e) => {
              setAmount((e.currentTarget as HTMLInputElement).value)
              setPlan(null)
            }}
            placeholder="0.0"
            data-testid="move-amount"
          />
          <button type="button" class="small" disabled={running || !p.l1Balance || p.l1Balance === '0'} onClick={() => {
              setAmount(formatUnits(BigInt(p.l1Balance ?? '0'), 18))
              setPlan(null)
            }}>
            Max
          </button>
          <button type="submit" disabled={running || !amount.trim()} data-testid="move-plan">
            Continue
          </button>
        </div>
        {p.l1Balance !== null && <p class="field-note muted">Available on Ethereum: {formatAmount(p.l1Balance, 18, 'PHA')}</p>}
      </form>
      {plan && (
        <div class="card move-plan" data-testid="move-steps">
          <ol class="progress-list">
            {steps.map((s, i) => (
              <li key={i} class={s.status === 'done' ? 'done' : s.status === 'failed' ? 'failed' : s.status === 'waiting' ? '' : 'pending'} data-testid="move-step">
                {s.label}
                <span class="muted"> · {STATUS[s.status]}</span>
                {s.fee !== undefined && <FeeBreakdown fee={s.fee} error={s.feeError} />}
              </li>
            ))}
          </ol>
          <p class="muted small-print">
            {plan.length} transaction{plan.length > 1 ? 's' : ''} from this account on Ethereum, one after the other; each shows its fee as it is sent.
          </p>
          <div class="actions">
            <button type="button" onClick={() => setPlan(null)} disabled={running}>
              Cancel
            </button>
            <button type="button" class="primary" onClick={() => void run()} disabled={running} data-testid="move-confirm">
              {running ? 'Moving…' : `Move ${amount.trim()} PHA`}
            </button>
          </div>
        </div>
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

const STATUS: Record<StepState['status'], string> = {
  waiting: 'to do',
  preparing: 'estimating the fee…',
  sending: 'signing and sending…',
  mining: 'waiting for Ethereum…',
  done: '✓ done',
  failed: 'failed',
}
