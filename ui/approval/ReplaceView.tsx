// The wallet's own request in the approval window: speed up, cancel or send again one of its
// transactions. What happens in words, the nonce it keeps, what the replacement sends, and its fee
// (at least the nodes' replacement minimum, editable above it) with the full breakdown.
import type { PendingApproval } from '../../src/approvals/types.ts'
import { formatAmount } from '../lib/amount.ts'
import { shortAddress } from '../lib/format.ts'
import { FeeEditor, type FeeEdit } from '../components/FeeEditor.tsx'

type Replace = Extract<PendingApproval['request'], { kind: 'replaceTx' }>

export function replaceTitle(r: Replace): string {
  return r.mode === 'speedUp' ? `Speed up “${r.original.title}”?` : r.mode === 'cancel' ? `Cancel “${r.original.title}”?` : `Send “${r.original.title}” again?`
}

export function ReplaceView({ r, id, onEdit }: { r: Replace; id: string; onEdit: (e: FeeEdit) => void }) {
  const tx = r.tx
  return (
    <>
      <p data-testid="replace-what">
        {r.mode === 'speedUp'
          ? `The same transaction again, with nonce ${tx.nonce} and higher fees. Whichever of the two is mined counts; the other never is.`
          : r.mode === 'cancel'
            ? `Sends nothing to yourself with nonce ${tx.nonce} and higher fees. If it is mined first, “${r.original.title}” never happens. If that one is mined first, this one never is.`
            : `The network no longer has it. Sent again with nonce ${tx.nonce}${tx.keepNonce ? ' (still free)' : ' (the account’s next: its own was used meanwhile)'} at today’s fees.`}
      </p>
      <dl class="details">
        <div class="row">
          <dt>Network</dt>
          <dd>{r.chainName}</dd>
        </div>
        <div class="row">
          <dt>Nonce</dt>
          <dd data-testid="tx-nonce">{tx.nonce}</dd>
        </div>
        <div class="row">
          <dt>{r.mode === 'cancel' ? 'Sends' : 'To'}</dt>
          <dd class="mono address">{r.mode === 'cancel' ? `0 to yourself (${shortAddress(tx.from)})` : (tx.to ?? 'new contract')}</dd>
        </div>
        {r.mode !== 'cancel' && BigInt(tx.value) > 0n && (
          <div class="row">
            <dt>Amount</dt>
            <dd>{formatAmount(tx.value, 18, 'ETH', 18)}</dd>
          </div>
        )}
      </dl>
      <FeeEditor key={id} tx={tx} initial={r.fee} initialError={r.feeError} floor={r.floor} gasEditable={r.mode !== 'cancel'} onChange={onEdit} />
    </>
  )
}
