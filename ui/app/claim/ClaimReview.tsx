// Step 3 of the claim: the receiving account, then the review that says what arrives where (PHA on
// Ethereum; for Phala, the staked vPHA bridged to Phala L2) with the fee, then the claim sent once
// and followed: receipt, then the vPHA deposit arriving on L2. The claim is a flow the background
// owns ('claim' kind): the review is its prepared step, followed through the 'flow' topic.
import { useEffect, useId, useState } from 'preact/hooks'
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import type { ClaimDeployment, ClaimNetwork } from '../../../src/claim/config.ts'
import type { ClaimIntent } from '../../../src/claim/service.ts'
import type { ClaimSummary } from '../../../src/claim/flow-kind.ts'
import type { Flow } from '../../../src/flows/types.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { cancelFlow, confirmStep, stepFee, useFlow } from '../../lib/flow.ts'
import { formatAmount } from '../../lib/amount.ts'
import { shortAddress } from '../../lib/format.ts'
import { useNow } from '../../lib/now.ts'
import { useTopic } from '../../lib/topic.ts'
import { Alert } from '../../components/Alert.tsx'
import { CopyButton } from '../../components/CopyButton.tsx'
import { FeeBreakdown } from '../../components/FeeBreakdown.tsx'
import { SendPreview } from '../../components/sign/SendPreview.tsx'
import { FlowFeeEditor } from '../../components/FlowFeeEditor.tsx'
import type { EligibilityView } from './Eligibility.tsx'
import { approxPha } from './format.ts'

type ClaimFlow = Flow<ClaimIntent, ClaimSummary>
type Arrival = ClaimSummary['l1']

export function ClaimReview(p: {
  deployment: ClaimDeployment
  network: ClaimNetwork
  account: string
  eligibility: EligibilityView | null
  accounts: AccountInfo[]
  receiver: string
  onReceiver: (a: string) => void
  /** a claim was confirmed or a deposit arrived: balances changed */
  onChanged: () => void
}) {
  const id = useId()
  const [flowId, setFlowId] = useState<string | null>(null)
  const [busy, setBusy] = useState<'preparing' | 'sending' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [sentHash, setSentHash] = useState<string | null>(null)
  const { flow } = useFlow<ClaimIntent, ClaimSummary>(flowId)

  // A new account, network or receiver makes any review on show out of date.
  useEffect(() => {
    setFlowId(null)
    setError(null)
  }, [p.account, p.network, p.receiver, p.deployment.id])
  useEffect(() => setSentHash(null), [p.account, p.network, p.deployment.id])

  const e = p.eligibility
  // A claim this wallet sent earlier (found in its records) is followed like one sent now, and
  // stays on screen while the eligibility is read again.
  const recorded = e?.record && e.record.status !== 'failed' ? e.record.hash : null
  useEffect(() => {
    if (recorded) setSentHash(recorded)
  }, [recorded])
  const claimable = !!e && e.claimed === false && (e.free !== '0' || e.staked !== '0')
  const stepHash = flow?.steps[0]?.hash ?? null
  const hash = sentHash ?? stepHash ?? recorded

  const review = async () => {
    setError(null)
    setBusy('preparing')
    try {
      const f = await bg('flows.start', { kind: 'claim', intent: { deployment: p.deployment.id, network: p.network, account: p.account, receiver: p.receiver } }, { timeoutMs: 60_000 })
      setFlowId(f.id)
    } catch (err) {
      setError(asWalletError(err).message)
    } finally {
      setBusy(null)
    }
  }
  const send = async () => {
    if (!flow) return
    setError(null)
    setBusy('sending')
    try {
      const f = await confirmStep(flow)
      if (f.steps[0].hash) setSentHash(f.steps[0].hash)
    } catch (err) {
      setError(asWalletError(err).message)
    } finally {
      setBusy(null)
    }
  }
  const cancel = async () => {
    if (flow) await cancelFlow(flow).catch(() => undefined)
    setFlowId(null)
  }

  return (
    <section class="claim-step" aria-labelledby="claim-step-claim">
      <h2 id="claim-step-claim">3. Claim</h2>
      {hash ? (
        <ClaimProgress hash={hash} claimed={e?.claimed === true} onChanged={p.onChanged} />
      ) : (
        <>
          <label for={`${id}-receiver`}>Receive on Ethereum with</label>
          <select id={`${id}-receiver`} value={p.receiver} onChange={(ev) => p.onReceiver((ev.currentTarget as HTMLSelectElement).value)} data-testid="claim-receiver">
            {p.accounts
              .filter((a) => !a.hidden)
              .map((a) => (
                <option value={a.address} key={a.address}>
                  {a.name} · {shortAddress(a.address)}
                </option>
              ))}
          </select>
          <p class="field-note muted">This account receives the PHA and pays the Ethereum fee of the claim. For Phala, the same address receives the vPHA on Phala L2.</p>
          {!flowId && (
            <div class="actions">
              <button type="button" class="primary" disabled={!claimable || busy !== null} onClick={() => void review()} data-testid="claim-review">
                {busy === 'preparing' ? 'Signing and checking the claim…' : 'Review the claim'}
              </button>
            </div>
          )}
        </>
      )}
      {(error || (flow && !hash && flow.error)) && (
        <Alert testId="claim-error">
          <p>{error ?? flow?.error}</p>
        </Alert>
      )}
      {flow && !hash && <Approval flow={flow} busy={busy === 'sending'} onCancel={() => void cancel()} onConfirm={() => void send()} />}
    </section>
  )
}

function Approval({ flow, busy, onCancel, onConfirm }: { flow: ClaimFlow; busy: boolean; onCancel: () => void; onConfirm: () => void }) {
  const preview = flow.summary!
  const label = preview.network === 'khala' ? 'Khala' : 'Phala'
  const fee = stepFee(flow, 12, useNow())
  const [feeReady, setFeeReady] = useState(false)
  return (
    <div class="card claim-approval" role="region" aria-label="Review the claim" data-testid="claim-approval">
      <h3>What arrives where</h3>
      <ul class="arrivals">
        {preview.l1.pha !== '0' && <ArrivalRow a={preview.l1} role="Ethereum" amount={preview.l1.pha} symbol="PHA" testId="arrive-l1-pha" />}
        {preview.l1.vpha !== '0' && <ArrivalRow a={preview.l1} role="Ethereum" amount={preview.l1.vpha} symbol="vPHA" value={preview.stakedValue} testId="arrive-l1-vpha" />}
        {preview.l2 && <ArrivalRow a={preview.l2} role="Phala L2" amount={preview.l2.vpha} symbol="vPHA" value={preview.stakedValue} bridged testId="arrive-l2-vpha" />}
      </ul>
      <p class="muted small-print">
        Your parachain account signed “{label} Asset Receiver: {preview.receiver}” and the claim service approved {formatAmount(preview.free, 18, 'PHA')} and{' '}
        {formatAmount(preview.staked, 18, 'vPHA')} for it. The claim is a transaction from {shortAddress(preview.receiver)} to the {label} claimer{' '}
        <span class="mono">{shortAddress(flow.steps[0].call?.to ?? '')}</span> on Ethereum; it was simulated and will succeed as things stand.
      </p>
      {flow.prepared && <SendPreview tx={flow.prepared.tx} blockTimeSeconds={12} />}
      {flow.status === 'ready' && flow.prepared ? <FlowFeeEditor flow={flow} onReady={setFeeReady} /> : <FeeBreakdown fee={fee.fee} error={fee.error} stale={fee.stale} />}
      <div class="actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" class="primary" onClick={onConfirm} disabled={busy || flow.status !== 'ready' || !fee.fee || !feeReady} data-testid="claim-confirm">
          {busy ? 'Sending…' : 'Claim'}
        </button>
      </div>
    </div>
  )
}

function ArrivalRow(p: { a: Arrival; role: string; amount: string; symbol: string; value?: string | null; bridged?: boolean; testId: string }) {
  const { a, amount, symbol, value, bridged, testId } = p
  return (
    <li data-testid={testId}>
      <strong>{formatAmount(amount, 18, symbol)}</strong>
      {value && value !== '0' ? <span class="muted"> ({approxPha(value)})</span> : null}
      {bridged ? ' bridged to ' : ' to '}
      <span class="mono" title={a.receiver}>
        {shortAddress(a.receiver)}
      </span>{' '}
      on <strong>{a.chainName}</strong>
      {a.chainName !== p.role && ` (${p.role})`}
      {bridged && <span class="muted small-print"> · arrives a few minutes after the claim, tracked here</span>}
    </li>
  )
}

/**
 * A sent claim, followed without polling: the claim flow (its step mined or failed, from the 'flows'
 * topic) and the vPHA deposit it started (a tracked bridge item, from the 'bridge' topic).
 */
function ClaimProgress({ hash, claimed, onChanged }: { hash: string; claimed: boolean; onChanged: () => void }) {
  const flows = useTopic('flows', null)
  const bridge = useTopic('bridge', null)
  const flow = (flows.value ?? []).find((f) => f.kind === 'claim' && f.steps[0]?.hash?.toLowerCase() === hash.toLowerCase()) as ClaimFlow | undefined
  const s = flow?.summary
  const l1 = !flow ? 'unknown' : flow.status === 'done' ? 'confirmed' : flow.status === 'failed' ? 'failed' : 'pending'
  const deposit = flow?.trackedId ? bridge.value?.items.find((v) => v.id === flow.trackedId) : undefined
  const arrived = deposit?.status === 'credited'
  const key = `${l1}|${arrived}`
  useEffect(() => {
    if (l1 !== 'pending') onChanged()
  }, [key])

  return (
    <div class="card claim-progress" data-testid="claim-progress" aria-live="polite">
      <p>
        <strong>Claim sent.</strong>{' '}
        <span class="mono" title={hash}>
          {shortAddress(hash)}
        </span>{' '}
        <CopyButton text={hash} label="Copy" what="the transaction hash" class="small" />
      </p>
      <ol class="progress-list">
        <li class={l1 === 'confirmed' ? 'done' : l1 === 'failed' ? 'failed' : 'pending'} data-testid="claim-step-l1">
          {l1 === 'pending' || l1 === 'unknown'
            ? 'Waiting for Ethereum to confirm it…'
            : l1 === 'failed'
              ? 'The claim failed on chain; nothing was paid. You can review and try again.'
              : `Confirmed: ${formatAmount(s!.free, 18, 'PHA')} paid${s!.network === 'khala' && s!.staked !== '0' ? ` with ${formatAmount(s!.staked, 18, 'vPHA')}` : ''} on Ethereum${claimed ? ', and the claimer shows the account as claimed' : ''}.`}
        </li>
        {s?.l2 && l1 !== 'failed' && (
          <li class={arrived ? 'done' : 'pending'} data-testid="claim-step-l2">
            {arrived ? `${formatAmount(s.staked, 18, 'vPHA')} arrived on Phala L2.` : `${formatAmount(s.staked, 18, 'vPHA')} on the way to Phala L2 (a deposit through the bridge, usually a few minutes)…`}
          </li>
        )}
      </ol>
      {(flows.error || bridge.error) && <p class="warn small-print">{flows.error ?? bridge.error}</p>}
    </div>
  )
}
