// An amount as every screen shows it: the one formatter's short figure with its symbol, the exact
// value on hover (title) or on a tap (toggles in place), and its USD value when a feed prices it.
import { useState } from 'preact/hooks'
import { formatAmount, formatExact, formatFiat, type UsdPrice } from '../lib/amount.ts'

export function Amount(p: { value: bigint | string; decimals: number; symbol: string; price?: UsdPrice | null; fiat?: boolean; class?: string; testid?: string }) {
  const [exact, setExact] = useState(false)
  const full = formatExact(p.value, p.decimals, p.symbol)
  const fiat = p.fiat !== false ? formatFiat(BigInt(p.value), p.decimals, p.price) : null
  return (
    <span class={`amount ${p.class ?? ''}`} title={fiat ? `${full} ≈ ${fiat}` : full} data-testid={p.testid} data-exact={full}>
      <span
        class="amount-value"
        onClick={(e) => {
          e.stopPropagation()
          setExact(!exact)
        }}
      >
        {exact ? full : formatAmount(p.value, p.decimals, p.symbol)}
      </span>
      {fiat && <span class="amount-fiat muted"> {fiat}</span>}
    </span>
  )
}

/** A USD figure alone (a portfolio total, a fee), or nothing when there is no price. */
export function Fiat(p: { value: bigint | string | null; decimals: number; price: UsdPrice | null | undefined; prefix?: string; testid?: string; class?: string }) {
  const text = formatFiat(p.value === null ? null : BigInt(p.value), p.decimals, p.price)
  if (!text) return null
  return (
    <span class={`fiat ${p.class ?? ''}`} data-testid={p.testid}>
      {p.prefix ?? ''}
      {text}
    </span>
  )
}
