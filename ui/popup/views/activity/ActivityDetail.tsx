// One Activity item in full: status (live while pending), network, when, from and to, amount, the
// fee paid with its USD value, the block, the hash (copy), the explorer link, and for a bridging
// transaction the way to its tracker.
import type { AccountInfo } from '../../../../src/keyring/accounts.ts'
import type { BalanceMeta } from '../../../../src/balances/cache.ts'
import { formatExact } from '../../../lib/amount.ts'
import { groupedAddress } from '../../../lib/format.ts'
import { openApp } from '../../../lib/open.ts'
import { usePrices, usdPrice } from '../../../lib/prices.ts'
import { Amount } from '../../../components/Amount.tsx'
import { CopyButton } from '../../../components/CopyButton.tsx'
import { ChainIcon } from '../../../components/TokenIcon.tsx'
import { useBridgeOverview } from '../../../app/bridge/data.ts'
import { ago, date } from '../time.ts'
import type { ActivityItem } from './items.ts'
import { STATUS_TEXT } from './ActivityRow.tsx'

export function ActivityDetail({ item, meta, account, onBack }: { item: ActivityItem; meta: BalanceMeta | null; account: AccountInfo; onBack: () => void }) {
  const book = usePrices()
  const { overview } = useBridgeOverview()
  const chainId = item.kind === 'sent' ? item.rec.chainId : item.tr.chainId
  const hash = item.kind === 'sent' ? item.rec.hash : item.tr.hash
  const chain = meta?.chains.find((c) => c.chainId === chainId)
  const l1 = chain?.l1ChainId ?? chainId
  const eth = usdPrice(book, l1, 'eth')
  const bridged = overview?.items.find((v) => {
    const i = v.item as unknown as { l1Hash?: string; l2Hash?: string; proof?: { hash?: string }; finalizeHash?: string }
    return [i.l1Hash, i.l2Hash, i.proof?.hash, i.finalizeHash].some((h) => h && h.toLowerCase() === hash.toLowerCase())
  })
  const rows: [string, preact.ComponentChildren][] = []
  if (item.kind === 'sent') {
    const r = item.rec
    rows.push(['Status', <span class={`status-pill ${r.status}`} data-testid="activity-detail-status">{r.status === 'pending' ? 'Pending: waiting to be mined' : STATUS_TEXT[r.status]}</span>])
    rows.push(['From', account.name])
    if (r.to) rows.push(['To', <span class="mono address grouped">{groupedAddress(r.to)}</span>])
    if (BigInt(r.value) > 0n) rows.push(['Amount', <Amount value={r.value} decimals={18} symbol="ETH" price={eth} />])
    rows.push(['Network fee', r.feePaid ? <Amount value={r.feePaid} decimals={18} symbol="ETH" price={eth} testid="activity-fee" /> : r.status === 'pending' ? 'known once mined' : '—'])
    if (r.blockNumber) rows.push(['Block', String(r.blockNumber)])
    if (r.origin !== 'wallet') rows.push(['Asked by', r.origin])
  } else {
    const t = item.tr
    rows.push(['Amount', <Amount value={t.value} decimals={t.decimals} symbol={t.symbol} price={usdPrice(book, l1, t.tokenId)} />])
    rows.push(['From', <span class="mono address grouped">{groupedAddress(t.from)}</span>])
    rows.push(['To', account.name])
    rows.push(['Token contract', <span class="mono address grouped" title={formatExact(t.value, t.decimals, t.symbol)}>{groupedAddress(t.token)}</span>])
    rows.push(['Block', String(t.block)])
  }
  return (
    <section class="activity-detail" data-testid="activity-detail">
      <p class="crumbs">
        <button type="button" class="link" onClick={onBack} data-testid="activity-back">
          ← Activity
        </button>
      </p>
      <h1>{item.kind === 'sent' ? item.rec.title : `Received ${item.tr.symbol}`}</h1>
      <p class="muted">
        <ChainIcon chainId={chainId} name={chain?.name ?? String(chainId)} size={14} /> {chain?.name ?? `Chain ${chainId}`} · {date(item.at)} ({ago(item.at)})
      </p>
      <dl class="details">
        {rows.map(([k, v]) => (
          <div class="row" key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        <div class="row">
          <dt>Transaction</dt>
          <dd class="mono">
            {hash.slice(0, 10)}…{hash.slice(-8)} <CopyButton text={hash} label="Copy" />
          </dd>
        </div>
      </dl>
      <div class="send-actions">
        {chain?.explorerUrl && (
          <a class="button" href={`${chain.explorerUrl.replace(/\/$/, '')}/tx/${hash}`} target="_blank" rel="noreferrer" data-testid="explorer-link">
            View on explorer ↗
          </a>
        )}
        {bridged && (
          <button type="button" class="primary" onClick={() => void openApp(`bridge/item/${encodeURIComponent(bridged.id)}`)} data-testid="activity-tracker">
            Open its tracker
          </button>
        )}
      </div>
    </section>
  )
}
