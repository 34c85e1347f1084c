// Activity: the wallet's own transactions for the account shown, newest first, with their status
// as the background's watcher last saw it (pending, confirmed, failed, dropped), what they moved
// and cost, and a link to the chain's explorer when it has one. Read from storage (public data)
// and read again when the watcher writes; opening the view asks the watcher to look now.
import { useEffect, useState } from 'preact/hooks'
import browser from 'webextension-polyfill'
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import { ACTIVITY_KEY, type ActivityRecord } from '../../../src/activity/store.ts'
import { BALANCE_KEYS, type BalanceMeta } from '../../../src/balances/cache.ts'
import { bg } from '../../lib/background.ts'
import { formatAmount } from '../../lib/amount.ts'
import { shortAddress } from '../../lib/format.ts'
import { clock } from './time.ts'

const STATUS_TEXT: Record<ActivityRecord['status'], string> = { pending: 'Pending', confirmed: 'Confirmed', failed: 'Failed', dropped: 'Dropped' }

export function Activity({ account }: { account: AccountInfo | null }) {
  const [records, setRecords] = useState<ActivityRecord[] | null>(null)
  const [meta, setMeta] = useState<BalanceMeta | null>(null)

  useEffect(() => {
    const read = async () => {
      const got = await browser.storage.local.get([ACTIVITY_KEY, BALANCE_KEYS.meta])
      const all = Array.isArray(got[ACTIVITY_KEY]) ? (got[ACTIVITY_KEY] as ActivityRecord[]) : []
      setRecords(account ? all.filter((r) => r.from.toLowerCase() === account.address.toLowerCase()) : [])
      setMeta((got[BALANCE_KEYS.meta] as BalanceMeta | undefined) ?? null)
    }
    void read().then(() => bg('activity.check', {}).catch(() => undefined))
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && (ACTIVITY_KEY in changes || BALANCE_KEYS.meta in changes)) void read()
    }
    browser.storage.onChanged.addListener(onChanged)
    return () => browser.storage.onChanged.removeListener(onChanged)
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
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
