// One card per token: its icon, its total with its USD value, then its amount on each chosen chain
// side by side (L1 first). A chain never read says so ("not loaded"), never 0; a stale figure (its
// chain did not answer the last refresh) is marked, with when it was read and why in its title.
import { SafeText } from '../../components/SafeText.tsx'
import { DISPLAY_LIMITS } from '../../../src/util/display.ts'
import type { Portfolio, TokenRow } from '../../../src/balances/view.ts'
import type { PriceBook } from '../../../src/prices/book.ts'
import { centsText, formatAmount, formatExact, usdCents } from '../../lib/amount.ts'
import { usdPrice } from '../../lib/prices.ts'
import { Amount } from '../../components/Amount.tsx'
import { ChainIcon, TokenIcon } from '../../components/TokenIcon.tsx'
import { date } from './time.ts'

/** What a row adds up to from the cells that were read; null when none was. */
export function readTotal(row: TokenRow): bigint | null {
  const read = row.cells.filter((c) => c.amount !== null)
  return read.length ? read.reduce((s, c) => s + c.amount!, 0n) : null
}

/** The row's USD value in cents (cells priced in their own L1 family); null without a price. */
export function rowCents(row: TokenRow, view: Portfolio, book: PriceBook | null): bigint | null {
  let sum: bigint | null = null
  for (const c of row.cells) {
    if (c.amount === null) continue
    const col = view.columns.find((x) => x.chain.chainId === c.chainId)!
    const p = usdPrice(book, col.chain.l1ChainId ?? col.chain.chainId, row.token.id)
    if (!p) continue
    sum = (sum ?? 0n) + usdCents(c.amount, row.token.decimals, p)
  }
  return sum
}

export function TokenRows({ view, rows, labels, book }: { view: Portfolio; rows: TokenRow[]; labels: Map<number, string>; book: PriceBook | null }) {
  return (
    <ul class="token-rows" aria-label="Balances">
      {rows.map((row) => {
        const total = readTotal(row)
        const failed = view.columns.some((c) => c.error)
        const cents = rowCents(row, view, book)
        const missing = row.cells.some((c) => c.amount === null)
        return (
          <li key={row.token.id} class="token-card" data-testid={`token-${row.token.id}`}>
            <div class="token-head">
              <TokenIcon id={row.token.id} symbol={row.token.symbol} />
              <span class="token-name">
                <strong>
                  <SafeText value={row.token.symbol} max={DISPLAY_LIMITS.symbol} note={false} />
                </strong>
                <span class="muted">
                  <SafeText value={row.token.name} />
                </span>
              </span>
              <span class="token-total" data-testid="token-total" data-state={total === null ? 'not-loaded' : missing ? 'partial' : 'read'}>
                {total === null ? (
                  <span class="warn not-loaded">{failed ? "Couldn't load" : 'Loading…'}</span>
                ) : (
                  <span class="token-amount" elementtiming="token-balance">
                    <Amount value={total} decimals={row.token.decimals} symbol={row.token.symbol} fiat={false} />
                    {missing && (
                      <span class="partial" title="Some chains could not be read: this total leaves them out" aria-label="leaves out chains that could not be read">
                        {' '}
                        +?
                      </span>
                    )}
                  </span>
                )}
                {cents !== null && (
                  <span class="token-fiat muted" data-testid="token-fiat">
                    {centsText(cents, (total ?? 0n) > 0n)}
                  </span>
                )}
              </span>
            </div>
            <dl class="token-cells" style={{ '--cols': Math.min(row.cells.length, 3) }}>
              {row.cells.map((cell) => {
                const col = view.columns.find((c) => c.chain.chainId === cell.chainId)!
                const title =
                  cell.amount === null
                    ? `${col.chain.name}: ${col.error ? `could not be read: ${withoutName(col.error, col.chain.name)}` : 'not read yet'}`
                    : `${formatExact(cell.amount, row.token.decimals, row.token.symbol)} on ${col.chain.name}${cell.stale ? `, last read ${date(col.at!)}${col.error ? `: ${withoutName(col.error, col.chain.name)}` : ''}` : ''}`
                return (
                  <div key={cell.chainId} class={`token-cell${cell.stale ? ' stale' : ''}${cell.amount === 0n ? ' zero' : ''}${cell.amount === null ? ' unread' : ''}`} title={title} data-testid={`cell-${row.token.id}-${cell.chainId}`} data-stale={cell.stale ? 'true' : undefined}>
                    <dt>
                      <ChainIcon chainId={col.chain.chainId} name={col.chain.name} size={12} /> {labels.get(col.chain.chainId) ?? col.chain.shortName}
                    </dt>
                    <dd>
                      {cell.amount === null ? <span class="not-loaded">{col.error ? 'not loaded' : '…'}</span> : formatAmount(cell.amount, row.token.decimals, row.token.symbol)}
                      {cell.stale && (
                        <span class="stale-mark" aria-label={`stale, last read ${date(col.at!)}`}>
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
        )
      })}
    </ul>
  )
}


/** "Devnet OP 902: the RPC cannot be reached" under that chain's own name: just the reason. */
export function withoutName(message: string, name: string): string {
  return message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message
}
