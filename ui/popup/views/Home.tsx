// Home: the account, then each token once with its amount on the L1 and on each rollup side by
// side and its total, for the chosen chains (by default the active chain's L1 and its rollups).
// The last known figures come from the cache at once; the background refreshes every chain in
// parallel and each one lands as it answers. A chain that does not answer keeps its figures,
// marked stale with the time of the last good read.
import { useEffect, useRef, useState } from 'preact/hooks'
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import type { BackgroundInfo } from '../../../src/wallet/calls.ts'
import { chainFamilies, chainLabels, portfolioView } from '../../../src/balances/view.ts'
import { bg } from '../../lib/background.ts'
import { appUrl, openApp } from '../../lib/open.ts'
import { Alert } from '../../components/Alert.tsx'
import { usePortfolio } from './portfolio-data.ts'
import { ChainFilter } from './ChainFilter.tsx'
import { TokenRows } from './TokenRows.tsx'
import { clock } from './time.ts'

export function Home({ account }: { account: AccountInfo | null }) {
  const data = usePortfolio(account?.address ?? null)
  const [showAll, setShowAll] = useState(false)
  const marked = useRef(false)
  const view = data.meta ? portfolioView(data.meta, data.balances, data.chainIds, Date.now()) : null

  // for the bench: when balances (cached or fresh) are first on screen
  useEffect(() => {
    if (marked.current || !view || !data.balances || !view.rows.length) return
    marked.current = true
    requestAnimationFrame(() => performance.mark('balances-on-screen'))
  })

  const rows = view ? view.rows.filter((r) => showAll || r.token.id === 'eth' || r.total > 0n) : []
  const hidden = view ? view.rows.length - rows.length : 0
  const stale = view ? view.columns.filter((c) => c.status === 'stale') : []
  // labels from the whole family shown, so they do not change as chains are toggled
  const family = data.meta ? chainFamilies(data.meta).find((f) => f.members.some((m) => data.chainIds.includes(m.chainId))) : undefined
  const labels = chainLabels(family?.members ?? view?.columns.map((c) => c.chain) ?? [])

  return (
    <section class="home">
      {data.meta && view ? (
        <>
          <ChainFilter meta={data.meta} columns={view.columns} chainIds={data.chainIds} labels={labels} refreshing={data.refreshing} onChoose={(ids) => void data.choose(ids)}>
            {account && (
              <a class="button small primary" href="#/receive" data-testid="home-receive">
                Receive
              </a>
            )}
          </ChainFilter>
          <div class="home-status" aria-live="polite">
            <span data-testid="balances-updated">
              {data.refreshing ? 'Updating…' : view.updatedAt ? `Updated ${clock(view.updatedAt)}` : 'Not read yet'}
              {stale.length > 0 && !data.refreshing && (
                <span class="warn" data-testid="stale-note">
                  {' '}
                  · {stale.map((c) => c.chain.shortName).join(', ')} {stale.length > 1 ? 'are' : 'is'} not answering
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
          <TokenRows view={view} rows={rows} labels={labels} />
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
        <AppLink path="tokens" label="Add a token" />
        <AppLink path="networks" label="Networks & RPCs" />
      </p>
      <BackgroundStatus />
    </section>
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
      data-testid={`home-link-${path}`}
    >
      {label}
    </a>
  )
}

function BackgroundStatus() {
  const [info, setInfo] = useState<BackgroundInfo | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    // 'app.ping' is passive: it does not hold the auto-lock off.
    bg('app.ping', {}).then(setInfo, (e: Error) => setError(e.message))
  }, [])
  return (
    <div class="status-line">
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : info ? (
        <p class="muted" data-testid="bg-status">
          Background v{info.version} up since {new Date(info.startedAt).toLocaleTimeString()}
        </p>
      ) : (
        <p class="muted">Connecting…</p>
      )}
    </div>
  )
}
