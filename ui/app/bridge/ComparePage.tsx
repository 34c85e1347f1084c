// The supported L2s side by side, read from chain now: how each proves withdrawals, how long an
// exit takes (the wait for a state proposal, then for finalization) and what the whole exit costs
// at today's gas prices: the L2 initiate (a plain ETH withdrawal, quoted with no account) + the two
// L1 transactions (prove + finalize).
import { useEffect, useState } from 'preact/hooks'
import type { CompareRow } from '../../../src/bridge/compare.ts'
import { formatDuration } from '../../../src/rollup/duration.ts'
import { Page } from '../Page.tsx'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { formatAmount } from '../../lib/amount.ts'

export function ComparePage() {
  const [rows, setRows] = useState<CompareRow[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    bg('bridge.compare', {}, { timeoutMs: 60_000 }).then(setRows, (e) => setError(asWalletError(e).message))
  }, [])
  const groups = new Map<string, CompareRow[]>()
  for (const r of rows ?? []) groups.set(r.l1Name, [...(groups.get(r.l1Name) ?? []), r])
  return (
    <Page title="Exit times and costs" wide>
      <p class="bridge-crumbs">
        <a href="#/bridge">← All bridging</a>
      </p>
      <p class="lead">How long a withdrawal to L1 takes on each rollup today, and what the whole exit costs, from each chain's own contracts: not from a table.</p>
      {error && <p class="error" role="alert">{error}</p>}
      {!rows && !error && <p class="muted">Reading every chain…</p>}
      {[...groups].map(([l1, list]) => (
        <section key={l1}>
          <h2>Settling to {l1}</h2>
          <table class="bridge-compare" data-testid="bridge-compare">
            <thead>
              <tr>
                <th scope="col">Rollup</th>
                <th scope="col">How withdrawals work today</th>
                <th scope="col">Exit time</th>
                <th scope="col">Whole exit cost</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.l2ChainId} data-chain={r.l2ChainId}>
                  <th scope="row">{r.name}</th>
                  {r.ok ? (
                    <>
                      <td>
                        <span data-testid="compare-plain">{r.plain ?? r.reason}</span>
                        <details class="tech">
                          <summary>Technical details</summary>
                          <span class="muted small-print">{r.technical ?? r.system}</span>
                        </details>
                      </td>
                      <td data-testid="compare-exit">
                        <strong>{r.exitText}</strong>
                        <span class="muted small-print">
                          {r.proveWaitSeconds != null ? `up to ${formatDuration(r.proveWaitSeconds)} for a proposal` : 'proposal time unknown'}
                          {r.finalizeWaitSeconds != null ? `, then ${formatDuration(r.finalizeWaitSeconds)} of waiting windows` : ''}
                        </span>
                      </td>
                      <td data-testid="compare-cost">
                        {r.cost ? (
                          <>
                            <strong title={`gas: ${r.cost.gasSource}`}>{formatAmount(r.cost.total, 18, 'ETH')}</strong>
                            <span class="muted small-print" data-testid="compare-cost-parts">
                              <span>Start on the rollup: {formatAmount(r.cost.initiate, 18, 'ETH')}</span>
                              <span>Prove + finalize on {l1}: {formatAmount(r.cost.l1, 18, 'ETH')}</span>
                            </span>
                            <span class="muted small-print">at most {formatAmount(r.cost.max, 18, 'ETH')}</span>
                          </>
                        ) : (
                          <span class="warn">{r.costError ?? 'not read'}</span>
                        )}
                      </td>
                    </>
                  ) : (
                    <td colSpan={3} class="warn">
                      Not answering: {r.error}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {rows && rows.length > 0 && (
        <p class="muted small-print" data-testid="compare-cost-note">
          Whole exit cost: a plain ETH withdrawal started on the rollup (L2), then proven and finalized (L1), all at today's gas prices, with the gas each of these calls was
          measured to use. A token withdrawal costs more to finalize; the Bridge form quotes your own.
        </p>
      )}
    </Page>
  )
}
