// A fee as it really is on a rollup: L2 execution + L1 data + operator fee, their total, and the
// most that can be charged. Used by the send screen, the approval window and the bridge screens.
import type { FeeQuote } from '../../src/approvals/types.ts'
import { formatAmount, formatExact } from '../lib/amount.ts'

export function FeeBreakdown({ fee, symbol = 'ETH', error, stale }: { fee: FeeQuote | null; symbol?: string; error?: string | undefined; stale?: boolean }) {
  if (!fee) return <p class="fee-missing warn">{error ? `The fee could not be estimated: ${error}` : 'Estimating the fee…'}</p>
  const rows: [string, string][] = [[fee.opStack ? 'L2 execution' : 'Execution', fee.execution]]
  if (fee.opStack) rows.push(['L1 data', fee.l1Data])
  if (fee.opStack && fee.operator !== '0') rows.push(['Operator', fee.operator])
  return (
    <dl class={`fee ${stale ? 'stale' : ''}`} data-testid="fee">
      {rows.map(([label, wei]) => (
        <div class="fee-row" key={label} data-fee={label}>
          <dt>{label}</dt>
          <dd title={formatExact(wei, 18, symbol)}>{formatAmount(wei, 18, symbol, 8)}</dd>
        </div>
      ))}
      <div class="fee-row fee-total" data-fee="total">
        <dt>Network fee</dt>
        <dd title={formatExact(fee.total, 18, symbol)}>{formatAmount(fee.total, 18, symbol, 8)}</dd>
      </div>
      <div class="fee-row fee-max muted" data-fee="max">
        <dt>At most</dt>
        <dd title={formatExact(fee.max, 18, symbol)}>{formatAmount(fee.max, 18, symbol, 8)}</dd>
      </div>
      {stale && <p class="warn fee-stale">This estimate is out of date; it refreshes with the next block.</p>}
    </dl>
  )
}
