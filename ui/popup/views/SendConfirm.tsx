// The last look before signing (what, to whom, where, and the fee as the user chooses it, kept
// fresh), and what was sent.
import { useState } from 'preact/hooks'
import type { Network } from '../../../src/chains/types.ts'
import type { PreparedTx } from '../../../src/tx/types.ts'
import { fundsShortfall } from '../../../src/tx/funds.ts'
import { fundsMessage } from '../../lib/funds.ts'
import { FeeEditor, type FeeEdit } from '../../components/FeeEditor.tsx'
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import { asWalletError } from '../../lib/errors.ts'
import { formatAmount, formatExact } from '../../lib/amount.ts'
import { groupedAddress } from '../../lib/format.ts'
import { useTopic } from '../../lib/topic.ts'
import { usePrices, usdPrice, l1Of } from '../../lib/prices.ts'
import { Fiat } from '../../components/Amount.tsx'
import { ago } from './time.ts'
import type { LiveFee } from '../../components/FeeBreakdown.tsx'
import { CopyButton } from '../../components/CopyButton.tsx'
import type { Asset } from './SendForm.tsx'
import { SendPreview } from '../../components/sign/SendPreview.tsx'

interface ConfirmProps {
  account: AccountInfo
  network: Network
  asset: Asset
  to: string
  value: bigint
  live: LiveFee
  fundsError: string | null
  /** the transaction as prepared (simulated while on screen; the fee editor's choice is applied to it) and the name the recipient was typed as */
  tx: PreparedTx
  toName: string | null
  /** the native balance, to check the chosen fee fits */
  nativeBalance: bigint | null
  onBack: () => void
  onConfirm: (tx: PreparedTx) => Promise<void>
}

export function SendConfirm(p: ConfirmProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [edit, setEdit] = useState<FeeEdit | null>(null)
  const symbol = p.network.nativeCurrency.symbol
  const fee = edit ? edit.fee : p.live.fee
  // the chosen fee must fit next to the amount (the prepared fee's check until the editor answers)
  const short = edit?.fee ? fundsShortfall({ balance: p.nativeBalance, value: p.asset.address === null ? p.value : 0n, maxFee: BigInt(edit.fee.max) }) : null
  const fundsError = edit?.fee ? (short ? fundsMessage(short, symbol, p.network.name) : null) : p.fundsError
  const go = async () => {
    setBusy(true)
    setError(null)
    try {
      await p.onConfirm(edit?.tx ?? p.tx)
    } catch (e) {
      setError(asWalletError(e).message)
      setBusy(false)
    }
  }
  return (
    <section class="send send-confirm">
      <h1>Confirm</h1>
      <p class="send-big" data-testid="confirm-amount" title={formatExact(p.value, p.asset.decimals, p.asset.symbol)}>
        {formatExact(p.value, p.asset.decimals, p.asset.symbol)}
      </p>
      <ConfirmFiat value={p.value} decimals={p.asset.decimals} tokenId={p.asset.id} network={p.network} />
      <dl class="details">
        <div class="row">
          <dt>From</dt>
          <dd>{p.account.name}</dd>
        </div>
        <div class="row">
          <dt>To</dt>
          <dd class="mono address" data-testid="confirm-to">
            {p.toName && <strong class="confirm-to-name" data-testid="confirm-to-name">{p.toName}</strong>}
            {groupedAddress(p.to)}
          </dd>
        </div>
        <div class="row">
          <dt>Network</dt>
          <dd>{p.network.name}</dd>
        </div>
      </dl>
      <SendPreview tx={p.tx} blockTimeSeconds={p.network.blockTimeSeconds} />
      <FeeEditor tx={p.tx} initial={p.live.fee} initialError={p.live.error} nonceEditable onChange={setEdit} />
      {p.asset.address === null && fee && (
        <p class="muted send-total" data-testid="confirm-total">
          Amount + fee: at most {formatAmount(p.value + BigInt(fee.max), 18, symbol, 8)}
        </p>
      )}
      {fundsError && (
        <p class="error" role="alert">
          {fundsError}
        </p>
      )}
      {error && (
        <p class="error" role="alert" data-testid="send-error">
          {error}
        </p>
      )}
      <div class="send-actions">
        <button type="button" onClick={p.onBack} disabled={busy}>
          Back
        </button>
        <button type="button" class="primary" data-testid="send-confirm" onClick={go} disabled={busy || !!fundsError || !fee || (edit !== null && !edit.valid)}>
          {busy ? 'Sending…' : 'Confirm and send'}
        </button>
      </div>
    </section>
  )
}

function ConfirmFiat({ value, decimals, tokenId, network }: { value: bigint; decimals: number; tokenId: string; network: Network }) {
  const book = usePrices()
  return (
    <p class="muted send-fiat">
      <Fiat value={value} decimals={decimals} price={usdPrice(book, l1Of([network], network.chainId), tokenId)} prefix="≈ " testid="confirm-fiat" />
    </p>
  )
}

const LIVE: Record<string, string> = { pending: 'Waiting to be mined…', confirmed: 'Confirmed', failed: 'Failed: the transaction reverted', dropped: 'Dropped: no node knows it any more' }

/** What was sent, followed live: the watcher looks for its receipt every block while this is open. */
export function SendDone({ hash, title, network, onAgain }: { hash: string; title: string; network: Network; onAgain: () => void }) {
  const activity = useTopic('activity', null)
  const rec = activity.value?.find((r) => r.hash.toLowerCase() === hash.toLowerCase() && r.chainId === network.chainId)
  const status = rec?.status ?? 'pending'
  return (
    <section class="send send-done">
      <h1>{status === 'confirmed' ? 'Sent' : status === 'pending' ? 'Sending' : 'Not sent'}</h1>
      <p>
        {title} on {network.name}.
      </p>
      <p class={`send-live ${status}`} role="status" data-testid="send-status" data-status={status}>
        <span class={`status-pill ${status}`}>{LIVE[status]}</span>
        {rec?.blockNumber ? <span class="muted"> in block {rec.blockNumber}</span> : null}
        {status === 'pending' && rec ? <span class="muted"> · sent {ago(rec.createdAt)}</span> : null}
      </p>
      <p class="muted small-print">
        Transaction{' '}
        <span class="mono send-hash" data-testid="send-hash" title={hash}>
          {hash}
        </span>
      </p>
      <div class="send-actions">
        <CopyButton text={hash} label="Copy hash" />
        {network.explorerUrl && (
          <a class="button" href={`${network.explorerUrl.replace(/\/$/, '')}/tx/${hash}`} target="_blank" rel="noreferrer">
            Explorer ↗
          </a>
        )}
      </div>
      <div class="send-actions">
        <a class="button primary" href="#/activity" data-testid="send-activity">
          See it in Activity
        </a>
        <button type="button" onClick={onAgain}>
          Send another
        </button>
      </div>
    </section>
  )
}
