// A dApp's transaction in the approval window: its title from what it does, who it goes to (named
// when the wallet knows the address), the simulation kept fresh every block with its warnings, the
// approval's amount to lower, the fee (changed under its "Advanced") with the amount + fee total, and
// the nonce, gas limit and data size under "Details". A transaction the simulation says will fail is
// not sent unless the user insists.
import { useEffect, useMemo, useState } from 'preact/hooks'
import type { PendingApproval } from '../../src/approvals/types.ts'
import { approvalData } from '../../src/simulate/approval-data.ts'
import type { PreparedTx } from '../../src/tx/types.ts'
import { formatAmount } from '../lib/amount.ts'
import { l1Of, usePrices, usdPrice } from '../lib/prices.ts'
import { Fiat } from '../components/Amount.tsx'
import { FeeEditor, type FeeEdit } from '../components/FeeEditor.tsx'
import { AddressLabel } from '../components/sign/AddressLabel.tsx'
import { useNames } from '../components/sign/names.ts'
import { txTitle } from '../components/sign/title.ts'
import { TxPreview, useInsight, useNetworkOf } from '../components/sign/TxPreview.tsx'
import { ApprovalEdit } from './ApprovalEdit.tsx'
import type { Gate } from './gate.ts'

type SendTx = Extract<PendingApproval['request'], { kind: 'sendTx' }>

export function TxRequest({ request: r, accountName, onGate }: { request: SendTx; accountName: string; onGate: (g: Gate) => void }) {
  const network = useNetworkOf(r.tx.chainId)
  const blockTime = network?.blockTimeSeconds ?? 12
  const [edited, setEdited] = useState<{ amount: bigint | null; error: string | null }>({ amount: null, error: null })
  const [insist, setInsist] = useState(false)
  const first = useInsight(r.tx, blockTime)
  const editable = first.value?.editableApproval ?? null
  // the same transaction with the lowered amount (one object per amount: the fee and the simulation follow it)
  const tx: PreparedTx = useMemo(
    () =>
      editable && edited.amount !== null
        ? { ...r.tx, data: approvalData({ standard: editable.standard, token: editable.token, spender: editable.spender, amount: edited.amount, ...(r.decoded?.action?.kind === 'permit2Approve' ? { expiration: r.decoded.action.expiration } : {}) }) }
        : r.tx,
    [r.tx, editable?.token, editable?.spender, edited.amount],
  )
  const editedLive = useInsight(tx === r.tx ? null : tx, blockTime)
  const live = tx === r.tx ? first : editedLive.value ? editedLive : { ...editedLive, value: null }
  const insight = live.value
  // the fees chosen in the editor (levels, custom, nonce): what is signed
  const [edit, setEdit] = useState<FeeEdit | null>(null)
  const fee = edit?.fee ?? null
  const nameOf = useNames([r.tx.to, r.tx.from], r.tx.chainId)
  const symbol = network?.nativeCurrency.symbol ?? 'ETH'
  // the total in USD as the fee shows it: the L1 family's ETH / USD feed (no feed, no figure)
  const book = usePrices()
  const price = network && symbol === 'ETH' ? usdPrice(book, l1Of([network], network.chainId), 'eth') : null
  const value = BigInt(tx.value)
  const reverts = insight ? insight.simulation.status === 'reverted' : !!r.willRevert

  useEffect(() => {
    if (edited.error) onGate({ ok: false, why: edited.error })
    else if (edit && !edit.valid) onGate({ ok: false, why: 'Choose a fee the network accepts.' })
    else if (reverts && !insist) onGate({ ok: false, why: 'It will fail: check “Send anyway” to send it regardless.' })
    else onGate({ ok: true, extra: { ...(edited.amount !== null ? { approveAmount: edited.amount.toString() } : {}), ...(edit ? { fees: edit.choice } : {}) } })
  }, [edited.amount, edited.error, reverts, insist, edit])

  const to = r.tx.to
  return (
    <>
      <h1 data-testid="tx-title">{txTitle(r.tx, r.decoded, first.value, symbol)}</h1>
      <p class="muted sign-chain">on {r.chainName}</p>
      <dl class="details">
        <div class="row">
          <dt>From</dt>
          <dd>
            <strong>{accountName}</strong>
          </dd>
        </div>
        <div class="row">
          <dt>{to && first.value?.target?.code ? 'Contract' : 'To'}</dt>
          <dd data-testid="tx-to">{to ? <AddressLabel address={to} name={nameOf(to)} testId="tx-to-label" /> : 'a new contract'}</dd>
        </div>
        {value > 0n && (
          <div class="row">
            <dt>Amount</dt>
            <dd data-testid="tx-value">{formatAmount(value, 18, symbol, 18)}</dd>
          </div>
        )}
      </dl>
      <TxPreview tx={tx} live={live}>
        {editable && <ApprovalEdit approval={editable} meta={first.value?.tokens[editable.token] ?? null} onAmount={(amount, error) => setEdited({ amount, error })} />}
      </TxPreview>
      {r.willRevert && !insight && <p class="warn small">{r.willRevert}</p>}
      {r.replaces && (
        <p class="muted small" data-testid="tx-replaces">
          Replaces your pending “{r.replaces.title}” (same nonce): it must pay at least 10% more.
        </p>
      )}
      <FeeEditor tx={tx} initial={r.fee} initialError={r.feeError} suggested={r.suggested} floor={r.replaces?.floor} nonceEditable onChange={setEdit} />
      {fee && (
        <p class="sign-total" data-testid="tx-total">
          <span>Amount + fee</span>{' '}
          <strong>
            at most {formatAmount(value + BigInt(fee.max), 18, symbol, 8)}
            <Fiat value={value + BigInt(fee.max)} decimals={18} price={price} prefix=" ≈ " class="muted" testid="tx-total-fiat" />
          </strong>
        </p>
      )}
      <details class="sign-advanced" data-testid="advanced">
        <summary>Details: nonce, gas limit, data</summary>
        <dl class="details">
          <div class="row">
            <dt>Nonce</dt>
            <dd data-testid="tx-nonce">{nonceText(edit?.tx ?? tx, tx)}</dd>
          </div>
          <div class="row">
            <dt>Gas limit</dt>
            <dd>{BigInt(tx.gas).toString()}</dd>
          </div>
          <div class="row">
            <dt>Network</dt>
            <dd>
              {r.chainName} ({tx.chainId})
            </dd>
          </div>
          <div class="row">
            <dt>Data</dt>
            <dd>{(tx.data.length - 2) / 2} bytes</dd>
          </div>
        </dl>
      </details>
      {reverts && (
        <label class="check sign-insist">
          <input type="checkbox" data-testid="send-anyway" checked={insist} onChange={(e) => setInsist((e.target as HTMLInputElement).checked)} />
          <span>Send anyway: I understand it will fail and still cost the network fee.</span>
        </label>
      )}
    </>
  )
}

/** The nonce that will be signed, and why it is that one. */
function nonceText(signed: { nonce: number; keepNonce?: true }, asked: { nonce: number; keepNonce?: true }): string {
  if (signed.nonce !== asked.nonce || (signed.keepNonce && !asked.keepNonce)) return `${signed.nonce} (yours, set under Advanced)`
  return asked.keepNonce ? `${signed.nonce} (set by the site)` : `${signed.nonce} (the account's next)`
}
