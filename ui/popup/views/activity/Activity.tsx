// Activity: what this account sent (with its status, followed live while the view is open: the
// background looks for receipts every block) and the tokens that came in (Transfer logs, read when
// the view opens), newest first; each row opens its detail (fee, explorer, the bridge tracker).
import { useEffect, useState } from 'preact/hooks'
import type { AccountInfo } from '../../../../src/keyring/accounts.ts'
import { bg } from '../../../lib/background.ts'
import { useTopic } from '../../../lib/topic.ts'
import { activityItems } from './items.ts'
import { ActivityRow } from './ActivityRow.tsx'
import { ActivityDetail } from './ActivityDetail.tsx'
import { useNames } from '../../../components/sign/names.ts'
import { PendingTx } from '../PendingTx.tsx'

/** `only`: the hashes to show alone (a dApp's batch, opened by wallet_showCallsStatus). */
export function Activity({ account, only = null }: { account: AccountInfo | null; only?: string[] | null }) {
  const activity = useTopic('activity', null)
  const key = account ? account.address.toLowerCase() : null
  const incoming = useTopic('incoming', key, { keyed: true })
  const portfolio = useTopic('balances', key, { keyed: true })
  const [open, setOpen] = useState<string | null>(null)
  const [scanning, setScanning] = useState(false)
  const meta = portfolio.value?.meta ?? null
  // who each went to, by name when the wallet knows one (address book, ENS primary name)
  const nameOf = useNames((activity.value ?? []).slice(0, 50).map((r) => r.recipient ?? r.to))

  useEffect(() => {
    if (!account) return
    setScanning(true)
    void bg('activity.check', {}).catch(() => undefined)
    bg('activity.scanIncoming', { address: account.address }, { timeoutMs: 60_000 })
      .catch(() => undefined)
      .finally(() => setScanning(false))
  }, [account?.address])

  if (!activity.value || !account) return <p class="muted">Loading…</p>
  const all = activityItems(account.address, activity.value, incoming.value?.items ?? null)
  const items = only ? all.filter((i) => only.includes((i.kind === 'sent' ? i.rec.hash : i.tr.hash).toLowerCase())) : all
  const shown = open ? items.find((i) => i.id === open) : undefined
  if (shown) return <ActivityDetail item={shown} meta={meta} account={account} onBack={() => setOpen(null)} />
  return (
    <section class="activity">
      <h1>Activity</h1>
      {only && (
        <p class="muted" data-testid="activity-batch">
          {items.length === 1 ? 'The transaction' : `The ${items.length} transactions`} of the site's batch, newest first.{' '}
          <a href="#/activity">Show all activity</a>
        </p>
      )}
      {items.length === 0 ? (
        <p class="muted" data-testid="activity-empty">
          {scanning ? 'Looking for tokens that came in…' : `Nothing sent or received by ${account.name} yet. Transactions you send or approve, and tokens that come in, show here.`}
        </p>
      ) : (
        <ol class="activity-list" aria-label="Transactions">
          {items.map((item) => (
            <li key={item.id} data-hash={item.kind === 'sent' ? item.rec.hash : item.tr.hash}>
              <ActivityRow item={item} meta={meta} nameOf={nameOf} onOpen={() => setOpen(item.id)} />
              {item.kind === 'sent' && <PendingTx record={item.rec} records={activity.value!} explorerUrl={meta?.chains.find((c) => c.chainId === item.rec.chainId)?.explorerUrl ?? undefined} />}
            </li>
          ))}
        </ol>
      )}
      {scanning && items.length > 0 && <p class="muted small-print">Looking for tokens that came in…</p>}
    </section>
  )
}
