// Step 3 of the claim: the receiving account, then the approval screen that says what arrives
// where (PHA on Ethereum; for Phala, the staked vPHA bridged to Phala L2) with the fee, then the
// claim sent once and followed: receipt, claimed() after it, and the vPHA deposit arriving on L2.
import { useEffect, useId, useState } from 'preact/hooks'
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import type { ClaimDeployment, ClaimNetwork } from '../../../src/claim/config.ts'
import type { UiCalls } from '../../../src/messages.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { formatAmount } from '../../lib/amount.ts'
import { shortAddress } from '../../lib/format.ts'
import { Alert } from '../../components/Alert.tsx'
import { CopyButton } from '../../components/CopyButton.tsx'
import { FeeBreakdown } from '../../components/FeeBreakdown.tsx'
import type { EligibilityView } from './Eligibility.tsx'
import { approxPha } from './format.ts'

type Preview = UiCalls['claim.prepare']['result']
type Status = UiCalls['claim.status']['result']
type Arrival = Preview['l1']

const TRACK_FOR_MS = 15 * 60_000

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
  const [preview, setPreview] = useState<Preview | null>(null)
  const [busy, setBusy] = useState<'preparing' | 'sending' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [sentHash, setSentHash] = useState<string | null>(null)

  // A new account, network or receiver makes any screen on show out of date.
  useEffect(() => {
    setPreview(null)
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
  const hash = sentHash ?? recorded

  const review = async () => {
    setError(null)
    setBusy('preparing')
    try {
      setPreview(await bg('claim.prepare', { deployment: p.deployment.id, network: p.network, account: p.account, receiver: p.receiver }, { timeoutMs: 60_000 }))
    } catch (err) {
      setError(asWalletError(err).message)
    } finally {
      setBusy(null)
    }
  }
  const send = async () => {
    if (!preview) return
    setError(null)
    setBusy('sending')
    try {
      const { hash } = await bg('claim.send', { id: preview.id }, { timeoutMs: 60_000 })
      setSentHash(hash)
      setPreview(null)
    } catch (err) {
      setError(asWalletError(err).message)
      setPreview(null)
    } finally {
      setBusy(null)
    }
  }

  return (
    <section class="claim-step" aria-labelledby="claim-step-claim">
      <h2 id="claim-step-claim">3. Claim</h2>
      {hash ? (
        <ClaimProgress hash={hash} onChanged={p.onChanged} />
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
          {!preview && (
            <div class="actions">
              <button type="button" class="primary" disabled={!claimable || busy !== null} onClick={() => void review()} data-testid="claim-review">
                {busy === 'preparing' ? 'Signing and checking the claim…' : 'Review the claim'}
              </button>
            </div>
          )}
        </>
      )}
      {error && (
        <Alert testId="claim-error">
          <p>{error}</p>
        </Alert>
      )}
      {preview && !hash && <Approval preview={preview} busy={busy === 'sending'} onCancel={() => setPreview(null)} onConfirm={() => void send()} />}
    </section>
  )
}

function Approval({ preview, busy, onCancel, onConfirm }: { preview: Preview; busy: boolean; onCancel: () => void; onConfirm: () => void }) {
  const label = preview.network === 'khala' ? 'Khala' : 'Phala'
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
        <span class="mono">{shortAddress(preview.tx.to ?? '')}</span> on Ethereum; it was simulated and will succeed as things stand.
      </p>
      <FeeBreakdown fee={preview.fee} error={preview.feeError} />
      <div class="actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" class="primary" onClick={onConfirm} disabled={busy} data-testid="claim-confirm">
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

function ClaimProgress({ hash, onChanged }: { hash: string; onChanged: () => void }) {
  const [status, setStatus] = useState<Status | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    const until = Date.now() + TRACK_FOR_MS
    let last = ''
    ;(async () => {
      while (live && Date.now() < until) {
        try {
          const s = await bg('claim.status', { hash }, { timeoutMs: 30_000 })
          if (!live) return
          setStatus(s)
          setError(null)
          const key = `${s.record.status}|${s.record.l2Deposit?.status ?? ''}`
          if (key !== last) onChanged()
          last = key
          const done = s.record.status === 'failed' || (s.record.status === 'confirmed' && (!s.record.l2Deposit || s.record.l2Deposit.status === 'arrived'))
          if (done) return
        } catch (err) {
          if (live) setError(asWalletError(err).message)
        }
        await new Promise((r) => setTimeout(r, 2500))
      }
    })()
    return () => {
      live = false
    }
  }, [hash])

  const r = status?.record
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
        <li class={r?.status === 'confirmed' ? 'done' : r?.status === 'failed' ? 'failed' : 'pending'} data-testid="claim-step-l1">
          {!r || r.status === 'pending'
            ? 'Waiting for Ethereum to confirm it…'
            : r.status === 'failed'
              ? 'The claim failed on chain; nothing was paid. You can review and try again.'
              : `Confirmed: ${formatAmount(r.free, 18, 'PHA')} paid${r.network === 'khala' && r.staked !== '0' ? ` with ${formatAmount(r.staked, 18, 'vPHA')}` : ''} on Ethereum${status?.claimed ? ', and the claimer shows the account as claimed' : ''}.`}
        </li>
        {r?.l2Deposit && (
          <li class={r.l2Deposit.status === 'arrived' ? 'done' : 'pending'} data-testid="claim-step-l2">
            {r.l2Deposit.status === 'arrived'
              ? `${formatAmount(r.staked, 18, 'vPHA')} arrived on Phala L2.`
              : `${formatAmount(r.staked, 18, 'vPHA')} on the way to Phala L2 (a deposit through the bridge, usually a few minutes)…`}
          </li>
        )}
      </ol>
      {error && <p class="warn small-print">{error}</p>}
    </div>
  )
}
