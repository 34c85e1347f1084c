// A transaction of the activity list that is not settled, as the user can act on it: pending ones
// with their nonce, their fee cap against the next block's base fee ("below today's base fee: will
// wait"), how long they have waited, the explorer, and Speed up / Cancel (each opens the approval
// window with the replacement and its fee); dropped ones with Re-send; replaced ones with what took
// their place. Mounted by Activity under each record.
import { useState } from 'preact/hooks'
import type { ActivityRecord } from '../../../src/activity/store.ts'
import { sameFamily } from '../../../src/activity/store.ts'
import { belowBaseFee, type FeeMarket } from '../../../src/tx/fee-levels.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { shortAddress } from '../../lib/format.ts'
import { useNow } from '../../lib/now.ts'
import { gwei } from '../../components/FeeEditor.tsx'
import { useLive } from '../../components/FeeBreakdown.tsx'

interface Props {
  record: ActivityRecord
  /** every record (to see the transactions of the same nonce) */
  records: ActivityRecord[]
  explorerUrl?: string | undefined
  blockTimeSeconds?: number | undefined
}

export function PendingTx({ record: r, records, explorerUrl, blockTimeSeconds }: Props) {
  if (r.status === 'replaced') return <Replaced r={r} records={records} />
  if (r.status !== 'pending' && r.status !== 'dropped') return null
  return <Waiting r={r} records={records} explorerUrl={explorerUrl} blockTimeSeconds={blockTimeSeconds ?? 12} />
}

function Replaced({ r, records }: { r: ActivityRecord; records: ActivityRecord[] }) {
  const by = r.replacedBy ? records.find((x) => x.hash === r.replacedBy && x.chainId === r.chainId) : undefined
  const text = !r.replacedBy
    ? `Nonce ${r.nonce ?? '?'} was used by another transaction (not sent from this wallet): this one never will be.`
    : by?.replacement?.kind === 'cancel'
      ? 'Cancelled: a transaction to yourself took its nonce.'
      : `Replaced by ${by?.replacement?.kind === 'speedUp' ? 'its speed-up' : 'a transaction with the same nonce'} (${shortAddress(r.replacedBy)}).`
  return (
    <p class="pending-note muted" data-testid="replaced-note">
      {text}
    </p>
  )
}

function Waiting({ r, records, explorerUrl, blockTimeSeconds }: { r: ActivityRecord; records: ActivityRecord[]; explorerUrl?: string | undefined; blockTimeSeconds: number }) {
  const now = useNow(5000)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const pending = r.status === 'pending'
  const market = useLive<FeeMarket>(pending ? `${r.chainId}` : null, pending ? (timeoutMs) => bg('tx.market', { chainId: r.chainId }, { timeoutMs }) : null, null, Math.max(blockTimeSeconds, 4)).value
  // a newer transaction of the same nonce waits too: this one's buttons are on it
  const newer = records.find((x) => x.hash !== r.hash && x.status === 'pending' && sameFamily(x, r) && x.createdAt >= r.createdAt)
  const s = r.signed
  const cap = s ? (s.type === 'legacy' ? s.gasPrice : s.maxFeePerGas) : undefined
  const waits = !!s && !!market && belowBaseFee({ maxFeePerGas: cap }, market.baseFee)

  const act = async (mode: 'speedUp' | 'cancel' | 'resend') => {
    setBusy(true)
    setError(null)
    try {
      await bg('tx.replace', { chainId: r.chainId, hash: r.hash, mode })
    } catch (e) {
      setError(asWalletError(e).message)
    } finally {
      setBusy(false)
    }
  }
  const canAct = !!s && r.nonce !== undefined
  return (
    <div class="pending-tx" data-testid="pending-tx" data-waits={waits ? 'true' : 'false'}>
      <p class="pending-facts muted">
        {r.nonce !== undefined && <span data-testid="pending-nonce">Nonce {r.nonce}</span>}
        {cap !== undefined && (
          <span data-testid="pending-cap">
            Fee cap {gwei(cap)}
            {market?.baseFee !== undefined && ` · base fee ${gwei(market.baseFee)}`}
          </span>
        )}
        <span data-testid="pending-waited">{pending ? `waiting ${waited(now - r.createdAt)}` : `sent ${waited(now - r.createdAt)} ago`}</span>
        {explorerUrl && (
          <a href={`${explorerUrl.replace(/\/$/, '')}/tx/${r.hash}`} target="_blank" rel="noreferrer">
            Explorer ↗
          </a>
        )}
      </p>
      {waits && (
        <p class="warn pending-note" data-testid="pending-below-base">
          Below today's base fee: it will wait until the base fee falls. Speed it up to get it mined now.
        </p>
      )}
      {r.status === 'dropped' && !r.replacedBy && (
        <p class="warn pending-note" data-testid="pending-dropped">
          The network no longer has it: it was never mined. Send it again, at today's fees.
        </p>
      )}
      {r.status === 'dropped' && r.replacedBy && (
        <p class="muted pending-note" data-testid="pending-resent">
          Sent again as {shortAddress(r.replacedBy)}.
        </p>
      )}
      {newer && <p class="muted pending-note">Sped up or cancelled: whichever is mined first counts.</p>}
      {error && (
        <p class="error pending-note" role="alert" data-testid="pending-error">
          {error}
        </p>
      )}
      {canAct && !newer && (pending || !r.replacedBy) && (
        <div class="pending-actions">
          {pending ? (
            <>
              <button type="button" class="small primary" data-testid="speed-up" disabled={busy} onClick={() => void act('speedUp')}>
                Speed up
              </button>
              <button type="button" class="small" data-testid="cancel-tx" disabled={busy} onClick={() => void act('cancel')}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" class="small primary" data-testid="resend" disabled={busy} onClick={() => void act('resend')}>
              Re-send
            </button>
          )}
        </div>
      )}
    </div>
  )
}

function waited(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min`
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`
}
