// Which chains the home screen shows: a family (an L1 and its rollups; testnets and the devnet only
// with the testnet switch on) and, within it, each chain as a toggle with its icon that also says how
// fresh its figures are (a dot; "stale" or "not loaded" in words when they are).
import type { BalanceMeta, ChainMeta } from '../../../src/balances/cache.ts'
import { chainFamilies, type ChainColumn } from '../../../src/balances/view.ts'
import { ChainIcon } from '../../components/TokenIcon.tsx'
import { date } from './time.ts'
import { withoutName } from './TokenRows.tsx'

export function ChainFilter(props: { meta: BalanceMeta; columns: ChainColumn[]; chainIds: number[]; labels: Map<number, string>; refreshing: boolean; showTestnets: boolean; onChoose: (ids: number[] | null) => void }) {
  const { meta, columns, chainIds, labels, refreshing, onChoose } = props
  const all = chainFamilies(meta)
  const current = all.find((f) => f.members.some((m) => chainIds.includes(m.chainId))) ?? all[0]
  if (!current) return null
  // a testnet family is offered with the switch on, or while it is the one shown
  const families = all.filter((f) => f === current || props.showTestnets || !f.l1.testnet)
  const toggle = (id: number) => {
    const on = chainIds.includes(id)
    const next = on ? chainIds.filter((x) => x !== id) : [...chainIds, id]
    if (next.length) onChoose(current.members.map((m) => m.chainId).filter((x) => next.includes(x)))
  }
  return (
    <div class="chain-filter">
      {families.length > 1 && (
        <div class="filter-row">
          <label class="sr-only" for="chain-family">
            Networks
          </label>
          <select
            id="chain-family"
            class="chain-family"
            value={String(current.l1.chainId)}
            onChange={(e) => {
              const f = families.find((x) => String(x.l1.chainId) === (e.currentTarget as HTMLSelectElement).value)
              if (f) onChoose(f.members.map((m) => m.chainId))
            }}
            data-testid="chain-family"
          >
            {families.map((f) => (
              <option key={f.l1.chainId} value={String(f.l1.chainId)}>
                {familyName(f.l1, f.members.length)}
              </option>
            ))}
          </select>
        </div>
      )}
      <ul class="chain-chips" aria-label="Chains shown">
        {current.members.map((m) => {
          const col = columns.find((c) => c.chain.chainId === m.chainId)
          const on = !!col
          const unread = !!col && col.status === 'unknown' && !!col.error
          const status = !col ? 'off' : refreshing && col.status !== 'fresh' ? 'updating' : unread ? 'unread' : col.status
          const title = !col
            ? `${m.name}: hidden`
            : col.status === 'unknown'
              ? `${m.name}: ${col.error ? `could not be read: ${withoutName(col.error, m.name)}` : 'not read yet'}`
              : `${m.name}: last read ${date(col.at!)}${col.block ? ` (block ${col.block})` : ''}${col.error ? `. ${withoutName(col.error, m.name)}` : ''}`
          return (
            <li key={m.chainId}>
              <button type="button" class={`chain-chip ${status}`} aria-pressed={on} title={title} onClick={() => toggle(m.chainId)} data-testid={`chain-chip-${m.chainId}`} data-status={status}>
                <ChainIcon chainId={m.chainId} name={m.name} size={14} />
                {labels.get(m.chainId) ?? m.shortName}
                <span class="dot" aria-hidden="true" />
                {status === 'stale' && <span class="chip-note">stale</span>}
                {status === 'unread' && <span class="chip-note">not loaded</span>}
              </button>
            </li>
          )
        })}
      </ul>
    </div>
  )
}

function familyName(l1: ChainMeta, members: number): string {
  return `${l1.name}${members > 1 ? ` and ${members - 1} rollup${members > 2 ? 's' : ''}` : ''}${l1.testnet ? ' (test)' : ''}`
}
