// Activity: the wallet's own transactions for the account shown, newest first, with their status
// as the background's watcher last saw it (pending, confirmed, failed, dropped), what they moved
// and cost, and a link to the chain's explorer when it has one. Followed through the 'activity'
// topic (pushed again when the watcher writes); opening the view asks the watcher to look now.
import { useEffect } from 'preact/hooks'
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import type { ActivityRecord } from '../../../src/activity/store.ts'
import { bg } from '../../lib/background.ts'
import { useTopic } from '../../lib/topic.ts'
import { formatAmount } from '../../lib/amount.ts'
import { shortAddress } from '../../lib/format.ts'
import { clock } from './time.ts'
import { sameAddress } from '../../../src/util/address.ts'
import { PendingTx } from './PendingTx.tsx'

const STATUS_TEXT: Record<ActivityRecord['status'], string> = { pending: 'Pending', confirmed: 'Confirmed', failed: 'Failed', dropped: 'Dropped', replaced: 'Replaced' }

export function Activity({ account }: { account: AccountInfo | null }) {
  const activity = useTopic('activity', null)
  const portfolio = useTopic('balances', account ? account.address.toLowerCase() : null, { keyed: true })
  const meta = portfolio.value?.meta ?? null
  const records = activity.value ? activity.value.filter((r) => !!account && sameAddress(r.from, account.address)) : null

  useEffect(() => {
    void bg('activity.check', {}).catch(() => undefined)
  }, [account?.address])

  if (!records) return <p class="muted">Loading…</p>
  return (
    <section class="activity">
      <h1>Activity</h1>
      {records.length === 0 ? (
        <p class="muted" data-testid="activity-empty">
          Nothing sent from {account?.name ?? 'this account'} yet. Transactions you send or approve show here with their status.
        </p>
      ) : (
        <ol class="activity-list" aria-label="Transactions">
          {records.map((r) => {
            const chain = meta?.chains.find((c) => c.chainId === r.chainId)
            const value = BigInt(r.value)
            return (
              <li key={`${r.chainId}:${r.hash}`} class="activity-item" data-testid="activity-item" data-status={r.status}>
                <div class="activity-main">
                  <strong class="activity-title">{r.title}</strong>
                  <span class={`status-pill ${r.status}`}>{STATUS_TEXT[r.status]}</span>
                </div>
                <div class="activity-meta muted">
                  <span>{chain?.shortName ?? `Chain ${r.chainId}`}</span>
                  <span>{clock(r.createdAt)}</span>
                  {value > 0n && <span>{formatAmount(value, 18, 'ETH')}</span>}
                  {r.feePaid && <span title="fee paid">fee {formatAmount(r.feePaid, 18, 'ETH', 8)}</span>}
                </div>
                <div class="activity-meta">
                  {chain?.explorerUrl ? (
                    <a href={`${chain.explorerUrl}/tx/${r.hash}`} target="_blank" rel="noreferrer" class="mono" data-testid="explorer-link">
                      {shortAddress(r.hash)} ↗
                    </a>
                  ) : (
                    <span class="mono muted" title={r.hash}>
                      {shortAddress(r.hash)}
                    </span>
                  )}
                  {r.origin !== 'wallet' && <span class="muted">via {r.origin.replace(/^https?:\/\//, '')}</span>}
                </div>
                <PendingTx record={r} records={records} explorerUrl={chain?.explorerUrl ?? undefined} />
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
