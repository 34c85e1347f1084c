// Which chains the home screen shows: a family (an L1 and its rollups) and, within it, each chain
// as a toggle that also says how fresh its figures are (a dot; "stale" in words when they are).
import type { ComponentChildren } from 'preact'
import type { BalanceMeta } from '../../../src/balances/cache.ts'
import { chainFamilies, type ChainColumn } from '../../../src/balances/view.ts'
import { clock } from './time.ts'
import { withoutName } from './TokenRows.tsx'

export function ChainFilter(props: {
  meta: BalanceMeta
  columns: ChainColumn[]
  chainIds: number[]
  labels: Map<number, string>
  refreshing: boolean
  onChoose: (ids: number[] | null) => void
  children?: ComponentChildren
}) {
  const { meta, columns, chainIds, labels, refreshing, onChoose } = props
  const families = chainFamilies(meta)
  const current = families.find((f) => f.members.some((m) => chainIds.includes(m.chainId))) ?? families[0]
  if (!current) return null
  const toggle = (id: number) => {
    const on = chainIds.includes(id)
    const next = on ? chainIds.filter((x) => x !== id) : [...chainIds, id]
    if (next.length) onChoose(current.members.map((m) => m.chainId).filter((x) => next.includes(x)))
  }
  return (
    <div class="chain-filter">
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
              {f.l1.name}
              {f.members.length > 1 ? ` + ${f.members.length - 1} rollup${f.members.length > 2 ? 's' : ''}` : ''}
            </option>
          ))}
        </select>
        {props.children}
      </div>
      <ul class="chain-chips" aria-label="Chains shown">
        {current.members.map((m) => {
          const col = columns.find((c) => c.chain.chainId === m.chainId)
          const on = !!col
          const status = !col ? 'off' : refreshing && col.status !== 'fresh' ? 'updating' : col.status
          const title = !col
            ? `${m.name}: hidden`
            : col.status === 'unknown'
              ? `${m.name}: not read yet`
              : `${m.name}: last read ${clock(col.at!)}${col.block ? ` (block ${col.block})` : ''}${col.error ? `. ${withoutName(col.error, m.name)}` : ''}`
          return (
            <li key={m.chainId}>
              <button type="button" class={`chain-chip ${status}`} aria-pressed={on} title={title} onClick={() => toggle(m.chainId)} data-testid={`chain-chip-${m.chainId}`} data-status={status}>
                <span class="dot" aria-hidden="true" />
                {labels.get(m.chainId) ?? m.shortName}
                {status === 'stale' && <span class="chip-note">stale</span>}
              </button>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
