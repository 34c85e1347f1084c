// The review of a bridging flow ('bridge' kind): what leaves, what arrives where and around when, the
// steps (an ERC-20 deposit approves first), the fee of the step to sign now and the whole cost, all
// kept fresh by the background while this is on screen. Confirming signs the step on screen; the
// flow goes on in the background (closing the popup loses nothing: the Bridge screen offers to
// continue it).
import { useEffect, useState } from 'preact/hooks'
import type { BridgeIntent } from '../../src/bridge/flows.ts'
import type { BridgeSummary } from '../../src/bridge/flow-kinds.ts'
import type { Network } from '../../src/chains/types.ts'
import type { Flow } from '../../src/flows/types.ts'
import { fundsShortfall } from '../../src/tx/funds.ts'
import { bg } from '../lib/background.ts'
import { useChainBalances } from '../lib/chain-balances.ts'
import { asWalletError } from '../lib/errors.ts'
import { cancelFlow, confirmStep, stepFee, useFlow } from '../lib/flow.ts'
import { formatAmount } from '../lib/amount.ts'
import { groupedAddress } from '../lib/format.ts'
import { fundsMessage } from '../lib/funds.ts'
import { useNow } from '../lib/now.ts'
import { date, relative } from '../lib/time.ts'
import { BridgeCost } from './BridgeCost.tsx'
import { Callout } from './Alert.tsx'
import { FeeBreakdown } from './FeeBreakdown.tsx'
import { FlowFeeEditor } from './FlowFeeEditor.tsx'
import { FlowSteps } from './FlowSteps.tsx'
import { SendPreview } from './sign/SendPreview.tsx'

export type BridgeFlow = Flow<BridgeIntent, BridgeSummary>

const BUTTON: Record<string, string> = { approve: 'Approve', deposit: 'Deposit', withdraw: 'Withdraw' }

export function BridgeReview({ id, onBack, onTracked }: { id: string; onBack: () => void; onTracked: (itemId: string, flow: BridgeFlow) => void }) {
  const { flow, error: topicError } = useFlow<BridgeIntent, BridgeSummary>(id)
  const [networks, setNetworks] = useState<Network[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [feeReady, setFeeReady] = useState(false)
  const now = useNow()
  useEffect(() => {
    bg('wallet.networks', {}).then(setNetworks, (e) => setError(asWalletError(e).message))
  }, [])
  const step = flow ? flow.steps[Math.min(flow.current, flow.steps.length - 1)] : null
  const chain = networks?.find((n) => n.chainId === step?.chainId) ?? null
  const eth = useChainBalances(flow?.from ?? '', step?.chainId ?? null)
  // the deposit or withdrawal is tracked from its signature on: the flow is done with the screen
  const tracked = flow?.trackedId ?? null
  useEffect(() => {
    if (flow && tracked && (flow.status === 'mining' || flow.status === 'done')) onTracked(tracked, flow)
  }, [tracked, flow?.status])

  if (!flow || !networks) return <p class="muted">{topicError ?? error ?? 'Preparing…'}</p>
  const s = flow.summary!
  const intent = flow.intent
  const l2 = networks.find((n) => n.chainId === intent.l2ChainId)
  const l1 = l2?.rollup ? networks.find((n) => n.chainId === l2.rollup!.l1ChainId) : undefined
  const source = intent.direction === 'deposit' ? l1 : l2
  const fee = stepFee(flow, chain?.blockTimeSeconds ?? 12, now)
  const value = flow.prepared ? BigInt(flow.prepared.tx.value) : 0n
  const short = fee.fee ? fundsShortfall({ balance: eth.amounts ? BigInt(eth.amounts.eth ?? '0') : null, value, maxFee: BigInt(fee.fee.max) }) : null
  const fundsError = short ? fundsMessage(short, chain?.nativeCurrency.symbol ?? 'ETH', chain?.name ?? '') : null
  const amount = formatAmount(s.receive.amount, s.receive.decimals, s.receive.symbol)
  const arrives = intent.direction === 'withdraw' ? (s.exit?.totalSeconds != null ? `around ${new Date(now + s.exit.totalSeconds * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}` : 'when its proof windows have passed') : 'in a few minutes'
  const mining = flow.status === 'mining' || flow.status === 'sending'

  const confirm = async () => {
    setBusy(true)
    setError(null)
    try {
      await confirmStep(flow)
    } catch (e) {
      setError(asWalletError(e).message)
    } finally {
      setBusy(false)
    }
  }
  const back = async () => {
    if (flow.current === 0 && !mining) await cancelFlow(flow).catch(() => undefined)
    onBack()
  }

  const when = intent.direction === 'withdraw' && s.exit?.totalSeconds != null ? now + s.exit.totalSeconds * 1000 : intent.direction === 'deposit' ? now + 3 * 60_000 : null
  const ownReceiver = s.receive.to.toLowerCase() === flow.from.toLowerCase()
  return (
    <div class="bridge-review" data-testid="bridge-review" data-flow={flow.id} data-status={flow.status}>
      <div class="review-summary">
        <div class="review-side">
          <span class="muted">You send</span>
          <strong data-testid="bridge-review-send">
            {amount} <span class="review-chain">from {source?.name}</span>
          </strong>
        </div>
        <div class="review-side">
          <span class="muted">You receive</span>
          <strong data-testid="bridge-review-receive">
            {amount} <span class="review-chain">on {s.receive.chainName}</span>
          </strong>
          <span class="review-when" data-testid="bridge-review-when">
            {when !== null ? `around ${date(when, now)} (${relative(when, now)})` : arrives}
          </span>
        </div>
        {!ownReceiver && (
          <div class="review-side">
            <span class="muted">To</span>
            <span class="mono address">{groupedAddress(s.receive.to)}</span>
          </div>
        )}
      </div>
      {s.exit && (
        <Callout tone="info" title="Withdrawals take time">
          <p data-testid="bridge-exit">{s.exit.plain ?? `${s.exit.text}.`}</p>
          <p class="muted small-print">The wallet tells you when to prove and when to finalize; each is one click on {l1?.name}.</p>
          {s.exit.technical && (
            <details class="tech">
              <summary>Technical details</summary>
              <p class="small-print muted" data-testid="bridge-exit-technical">{s.exit.technical}</p>
            </details>
          )}
        </Callout>
      )}
      <FlowSteps flow={flow} />
      <p class="bridge-step" data-testid="bridge-step">
        {flow.steps.length > 1 ? `Step ${Math.min(flow.current, flow.steps.length - 1) + 1} of ${flow.steps.length}: ` : ''}
        {step?.label}
      </p>
      {mining && (
        <p class="muted" role="status" data-testid="bridge-mining">
          Waiting for “{step?.label}” to be mined on {chain?.name}… You can close this window: the wallet goes on.
        </p>
      )}
      {!mining && flow.prepared && <SendPreview tx={flow.prepared.tx} blockTimeSeconds={chain?.blockTimeSeconds ?? 12} />}
      <BridgeCost cost={s.cost} error={s.costError} stale={fee.stale} exit={intent.direction === 'withdraw'} l1Name={l1?.name ?? 'L1'} {...(l1 ? { l1ChainId: l1.chainId } : {})} />
      {!mining && (
        <details class="step-fee">
          <summary>
            This step's fee in detail{step ? `: ${step.label}` : ''}
          </summary>
          {flow.prepared ? <FlowFeeEditor flow={flow} onReady={setFeeReady} /> : <FeeBreakdown fee={fee.fee} error={fee.error} stale={fee.stale} symbol={chain?.nativeCurrency.symbol ?? 'ETH'} />}
        </details>
      )}
      {(flow.error || error) && (
        <p class="error" role="alert" data-testid="bridge-error">
          {error ?? flow.error}
        </p>
      )}
      {fundsError && !mining && (
        <p class="error" role="alert" data-testid="bridge-funds-error">
          {fundsError}
        </p>
      )}
      <div class="send-actions review-actions">
        <button type="button" onClick={() => void back()} disabled={busy}>
          Back
        </button>
        <button type="button" class="primary" data-testid="bridge-submit" disabled={busy || mining || flow.status !== 'ready' || !fee.fee || !!fundsError || !feeReady} onClick={() => void confirm()}>
          {busy ? 'Sending…' : mining ? 'Waiting…' : flow.status === 'failed' ? 'Failed' : BUTTON[step?.role ?? ''] ? `${BUTTON[step!.role]}${step!.role === 'approve' ? ` ${amount}` : ''}` : 'Confirm'}
        </button>
      </div>
    </div>
  )
}
