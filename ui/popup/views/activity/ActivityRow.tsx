// One Activity row: what happened (the full title), where, when ("5 min ago", or the date), its
// status, and the amount; the whole row opens its detail.
import type { BalanceMeta } from '../../../../src/balances/cache.ts'
import { formatAmount } from '../../../lib/amount.ts'
import { ChainIcon } from '../../../components/TokenIcon.tsx'
import { when } from '../time.ts'
import type { ActivityItem } from './items.ts'
import type { KnownName } from '../../../../src/names/service.ts'
import { shortAddress } from '../../../lib/format.ts'

export const STATUS_TEXT = { pending: 'Pending', confirmed: 'Confirmed', failed: 'Failed', dropped: 'Dropped', replaced: 'Replaced' } as const

export function ActivityRow({ item, meta, nameOf, onOpen }: { item: ActivityItem; meta: BalanceMeta | null; nameOf: (a: string | null | undefined) => KnownName | null; onOpen: () => void }) {
  const chainId = item.kind === 'sent' ? item.rec.chainId : item.tr.chainId
  const chain = meta?.chains.find((c) => c.chainId === chainId)
  const chainName = chain?.name ?? `Chain ${chainId}`
  return (
    <button type="button" class={`activity-item ${item.kind}`} onClick={onOpen} data-testid="activity-item" data-kind={item.kind} data-status={item.kind === 'sent' ? item.rec.status : 'confirmed'}>
      <span class={`activity-glyph ${item.kind}`} aria-hidden="true">
        {item.kind === 'sent' ? '↗' : '↙'}
      </span>
      <span class="activity-body">
        <span class="activity-main">
          <strong class="activity-title" data-testid="activity-title">
            {item.kind === 'sent' ? item.rec.title : `Received ${formatAmount(item.tr.value, item.tr.decimals, item.tr.symbol)}`}
          </strong>
          {item.kind === 'sent' && <span class={`status-pill ${item.rec.status}`}>{STATUS_TEXT[item.rec.status]}</span>}
        </span>
        <span class="activity-meta muted">
          {/* the names come with the balances' meta: until it has, no chain is named rather than "Chain 901" */}
          {meta && (
            <span class="activity-chain" data-testid="activity-chain">
              <ChainIcon chainId={chainId} name={chainName} size={12} /> {chain?.shortName ?? chainName}
            </span>
          )}
          {item.kind === 'sent' && (item.rec.recipient ?? item.rec.to) && <span data-testid="activity-to">to {nameOf(item.rec.recipient ?? item.rec.to)?.name ?? shortAddress(item.rec.recipient ?? item.rec.to!)}</span>}
          <span data-testid="activity-when">{when(item.at)}</span>
          {item.kind === 'sent' && item.rec.origin !== 'wallet' && <span>via {item.rec.origin.replace(/^https?:\/\//, '')}</span>}
          {item.kind === 'in' && <span>from {item.tr.from.slice(0, 6)}…{item.tr.from.slice(-4)}</span>}
        </span>
      </span>
      <span class="activity-chevron" aria-hidden="true">
        ›
      </span>
    </button>
  )
}
