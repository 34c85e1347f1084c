// Home: the portfolio's USD total (from on-chain price feeds, with their age), the three actions
// (Send, Bridge, Receive), withdrawals waiting for the user, then each token once with its icon, its
// amount on the L1 and on each rollup side by side, its total and USD value, for the chosen chains
// (by default the active chain's L1 and its rollups). The last known figures come from the cache at
// once; the background refreshes every chain in parallel and each one lands as it answers. A chain
// that does not answer keeps its figures, marked stale; one never read says "not loaded", never 0.
import { useEffect, useLayoutEffect, useState } from 'preact/hooks'
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import { chainFamilies, chainLabels, portfolioView, type Portfolio } from '../../../src/balances/view.ts'
import type { PriceBook } from '../../../src/prices/book.ts'
import { centsText, formatUsd } from '../../lib/amount.ts'
import { appUrl, openApp } from '../../lib/open.ts'
import { usePrices, usdPrice } from '../../lib/prices.ts'
import { Alert } from '../../components/Alert.tsx'
import { usePortfolio } from './portfolio-data.ts'
import { ChainFilter } from './ChainFilter.tsx'
import { readTotal, rowCents, TokenRows } from './TokenRows.tsx'
import { NeedsYou } from './NeedsYou.tsx'
import { ago } from './time.ts'
import { handOverSnapshot, leaveSnapshot, saveSnapshot } from '../snapshot.ts'

/** `snapshotKey`: the wallet state's key for the popup's picture of Home (src/wallet/home-snapshot.ts), null where none is kept */
export function Home({ account, showTestnets, snapshotKey = null }: { account: AccountInfo | null; showTestnets: boolean; snapshotKey?: string | null }) {
  const data = usePortfolio(account?.address ?? null)
  const book = usePrices()
  const [showAll, setShowAll] = useState(false)
  // the picture of Home from the last open (ui/popup/snapshot.ts) gives way to Home with its
  // figures, or to what Home says when it has none; Home as drawn is kept for the next open
  const drawn = !!data.meta
  useLayoutEffect(() => {
    if (drawn) handOverSnapshot()
    else if (data.error) leaveSnapshot()
  }, [drawn, !!data.error])
  useEffect(() => (snapshotKey && drawn && !data.refreshing ? saveSnapshot(snapshotKey) : undefined))
  // withdrawals waiting for the user are asked for once the balances are drawn (the tracker's
  // first look runs in the background and must not queue ahead of the cache)
  const [settled, setSettled] = useState(false)
  useEffect(() => {
    const t = setTimeout(() => setSettled(true), 400)
    return () => clearTimeout(t)
  }, [])
  const view = data.meta ? portfolioView(data.meta, data.balances, data.chainIds, Date.now()) : null

  // a token is hidden only when every chain was read and it has none there
  const rows = view ? view.rows.filter((r) => showAll || r.token.id === 'eth' || readTotal(r) !== 0n || r.cells.some((c) => c.amount === null)) : []
  const hidden = view ? view.rows.length - rows.length : 0
  const stale = view ? view.columns.filter((c) => c.status === 'stale') : []
  const unread = view ? view.columns.filter((c) => c.status === 'unknown' && c.error) : []
  // labels from the whole family shown, so they do not change as chains are toggled
  const family = data.meta ? chainFamilies(data.meta).find((f) => f.members.some((m) => data.chainIds.includes(m.chainId))) : undefined
  const labels = chainLabels(family?.members ?? view?.columns.map((c) => c.chain) ?? [])

  return (
    <section class="home" data-testid="home" data-ready={data.meta ? 'true' : undefined}>
      {data.meta && view ? (
        <>
          <Total view={view} book={book} l1ChainId={family?.l1.chainId ?? null} />
          <div class="home-actions">
            <a class="action" href="#/send" data-testid="home-send">
              <span aria-hidden="true">↗</span>Send
            </a>
            <a class="action" href="#/bridge" data-testid="home-bridge">
              <span aria-hidden="true">⇅</span>Bridge
            </a>
            <a class="action" href="#/receive" data-testid="home-receive">
              <span aria-hidden="true">↙</span>Receive
            </a>
          </div>
          {account && settled && <NeedsYou account={account} />}
          <ChainFilter meta={data.meta} columns={view.columns} chainIds={data.chainIds} labels={labels} refreshing={data.refreshing} showTestnets={showTestnets} onChoose={(ids) => void data.choose(ids)} />
          <div class="home-status" aria-live="polite">
            <span data-testid="balances-updated">
              {data.refreshing ? (
                'Updating…'
              ) : view.updatedAt ? (
                <>
                  Updated <span data-ago={view.updatedAt}>{ago(view.updatedAt)}</span>
                </>
              ) : unread.length ? (
                'Not loaded'
              ) : (
                'Not read yet'
              )}
              {(stale.length > 0 || unread.length > 0) && !data.refreshing && (
                <span class="warn" data-testid="stale-note">
                  {' '}
                  · {[...unread, ...stale].map((c) => c.chain.shortName).join(', ')} {stale.length + unread.length > 1 ? 'are' : 'is'} not answering
                </span>
              )}
            </span>
            <button type="button" class="ghost small refresh" onClick={() => void data.refresh()} disabled={data.refreshing} aria-label="Refresh balances" data-testid="refresh-balances">
              ↻
            </button>
          </div>
          {data.error && (
            <Alert>
              <p>{data.error}</p>
            </Alert>
          )}
          <TokenRows view={view} rows={rows} labels={labels} book={book} />
          {hidden > 0 ? (
            <button type="button" class="link show-zero" onClick={() => setShowAll(true)}>
              Show {hidden} token{hidden > 1 ? 's' : ''} with no balance here
            </button>
          ) : (
            showAll && (
              <button type="button" class="link show-zero" onClick={() => setShowAll(false)}>
                Hide tokens with no balance
              </button>
            )
          )}
        </>
      ) : (
        <p class="muted home-loading">{data.error ?? 'Reading balances…'}</p>
      )}

      <p class="home-links">
        <AppLink path="settings/tokens" label="Add a token" />
        <AppLink path="settings/networks" label="Networks" />
      </p>
    </section>
  )
}

/**
 * The shown chains' USD total: tokens with a price feed, chains that were read. Its `elementtiming`
 * (and the token rows' amounts') tell the bench when they were painted (Element Timing). The figure
 * is a new element once it is in USD: Element Timing reports only an element's first paint, and a
 * total first drawn as "…" (prices not in yet) would never be reported.
 */
function Total({ view, book, l1ChainId }: { view: Portfolio; book: PriceBook | null; l1ChainId: number | null }) {
  let cents: bigint | null = null
  let unpriced = 0
  for (const r of view.rows) {
    const c = rowCents(r, view, book)
    if (c !== null) cents = (cents ?? 0n) + c
    else if ((readTotal(r) ?? 0n) > 0n) unpriced++
  }
  const nothingRead = view.columns.every((c) => c.at === null)
  const failed = nothingRead && view.columns.some((c) => c.error)
  const eth = l1ChainId !== null ? usdPrice(book, l1ChainId, 'eth') : null
  const partial = view.columns.some((c) => c.at === null)
  return (
    <div class="home-total" data-testid="home-total">
      <span class="total-label muted">Total on these networks</span>
      <strong key={cents !== null ? 'usd' : 'none'} class="total-value" data-testid="portfolio-total" elementtiming={cents !== null ? 'portfolio-total' : undefined} data-state={failed ? 'not-loaded' : cents === null ? 'no-price' : 'read'}>
        {failed ? <span class="warn">Couldn't load balances</span> : nothingRead ? '…' : cents !== null ? `${centsText(cents, true)}${partial ? '+' : ''}` : '—'}
      </strong>
      <span class="total-note muted" data-testid="price-note">
        {eth ? (
          <>
            ETH {formatUsd(BigInt(eth.answer) / 10n ** BigInt(Math.max(0, eth.decimals - 2)))} · price from <span data-ago={eth.updatedAt}>{ago(eth.updatedAt)}</span>
            {unpriced ? ` · ${unpriced} token${unpriced > 1 ? 's' : ''} without a price feed left out` : ''}
          </>
        ) : (
          'No USD price feed for these networks'
        )}
      </span>
    </div>
  )
}

function AppLink({ path, label }: { path: string; label: string }) {
  return (
    <a
      href={appUrl(path)}
      onClick={(e) => {
        e.preventDefault()
        void openApp(path)
      }}
      data-testid={`home-link-${path.split('/').pop()}`}
    >
      {label}
    </a>
  )
}
