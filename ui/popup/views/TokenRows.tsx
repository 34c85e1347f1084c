// One card per token: its total, then its amount on each chosen chain side by side (L1 first).
// A stale figure (its chain did not answer the last refresh) is marked, with when it was read
// and why in its title; a chain never read shows a dash.
import { SafeText } from '../../components/SafeText.tsx'
import { DISPLAY_LIMITS } from '../../../src/util/display.ts'
import type { Portfolio, TokenRow } from '../../../src/balances/view.ts'
import { formatAmount, formatExact } from '../../lib/amount.ts'
import { clock } from './time.ts'

export function TokenRows({ view, rows, labels }: { view: Portfolio; rows: TokenRow[]; labels: Map<number, string> }) {
  return (
    <ul class="token-rows" aria-label="Balances">
      {rows.map((row) => (
        <li key={row.token.id} class="token-card" data-testid={`token-${row.token.id}`}>
          <div class="token-head">
            <span class="token-icon" aria-hidden="true" style={{ background: `hsl(${hue(row.token.symbol)} 55% 45%)` }}>
              {row.token.symbol.slice(0, 1)}
            </span>
            <span class="token-name">
              <strong>
                <SafeText value={row.token.symbol} max={DISPLAY_LIMITS.symbol} note={false} />
              </strong>
              <span class="muted">
                <SafeText value={row.token.name} />
              </span>
            </span>
            <span class="token-total" title={`${formatExact(row.total, row.token.decimals, row.token.symbol)}${row.partial ? ' (includes stale or missing figures)' : ''}`} data-testid="token-total">
              {formatAmount(row.total, row.token.decimals, undefined, 4)}
              {row.partial && (
                <span class="partial" aria-label="includes stale or missing figures">
                  *
                </span>
              )}
            </span>
          </div>
          <dl class="token-cells" style={{ gridTemplateColumns: `repeat(${Math.min(row.cells.length, 3)}, minmax(0, 1fr))` }}>
            {row.cells.map((cell) => {
              const col = view.columns.find((c) => c.chain.chainId === cell.chainId)!
              const title =
                cell.amount === null
                  ? `${col.chain.name}: not read yet`
                  : `${formatExact(cell.amount, row.token.decimals, row.token.symbol)} on ${col.chain.name}${cell.stale ? `, last read ${clock(col.at!)}${col.error ? `: ${withoutName(col.error, col.chain.name)}` : ''}` : ''}`
              return (
                <div key={cell.chainId} class={`token-cell${cell.stale ? ' stale' : ''}${cell.amount === 0n ? ' zero' : ''}`} title={title} data-testid={`cell-${row.token.id}-${cell.chainId}`} data-stale={cell.stale ? 'true' : undefined}>
                  <dt>{labels.get(col.chain.chainId) ?? col.chain.shortName}</dt>
                  <dd>
                    {cell.amount === null ? '—' : formatAmount(cell.amount, row.token.decimals, undefined, 4)}
                    {cell.stale && (
                      <span class="stale-mark" aria-label={`stale, last read ${clock(col.at!)}`}>
                        {' '}
                        ⚠
                      </span>
                    )}
                  </dd>
                </div>
              )
            })}
          </dl>
        </li>
      ))}
    </ul>
  )
}

/** "Devnet OP 902: the RPC cannot be reached" under that chain's own name: just the reason. */
export function withoutName(message: string, name: string): string {
  return message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message
}

function hue(s: string): number {
  let h = 0
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) % 360
  return h
}
