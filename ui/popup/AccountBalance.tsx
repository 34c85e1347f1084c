// An account's balance in the switcher: its USD total on the chains Home shows (tokens with a price
// feed), else its ETH there, from the cache; "—" before it was ever read.
import { portfolioView, defaultChainIds } from '../../src/balances/view.ts'
import { formatAmount, formatUsd } from '../lib/amount.ts'
import { usePrices } from '../lib/prices.ts'
import { useTopic } from '../lib/topic.ts'
import { readTotal, rowCents } from './views/TokenRows.tsx'

export function AccountBalance({ address }: { address: string }) {
  const t = useTopic('balances', address.toLowerCase(), { keyed: true })
  const book = usePrices()
  const v = t.value
  if (!v?.meta) return null
  const picked = v.filter?.chainIds ?? []
  const ids = picked.length ? picked : defaultChainIds(v.meta, v.activeChainId)
  const view = portfolioView(v.meta, v.balances, ids, Date.now())
  let cents: bigint | null = null
  for (const r of view.rows) {
    const c = rowCents(r, view, book)
    if (c !== null) cents = (cents ?? 0n) + c
  }
  const eth = view.rows.find((r) => r.token.id === 'eth')
  const ethTotal = eth ? readTotal(eth) : null
  const text = cents !== null ? formatUsd(cents) : ethTotal !== null ? formatAmount(ethTotal, 18, 'ETH') : '—'
  return (
    <span class="switcher-balance" data-testid="switcher-balance">
      {text}
    </span>
  )
}
