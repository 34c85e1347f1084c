// The whole cost of a bridging flow under the step's own fee, in the bridge review: for a
// withdrawal the whole exit (L2 initiate + L1 prove + L1 finalize, the L1 steps at today's prices),
// for a deposit each L1 step and the L2 gas limit the portal sells inside the deposit. The
// background computes it as the flow's summary and computes it again every block while the review
// is on screen; it is marked stale when the last answer is old.
import type { BridgeCostView } from '../../src/bridge/cost.ts'
import { formatAmount, formatExact } from '../lib/amount.ts'

const STEP: Record<string, string> = { initiate: 'L2 initiate', prove: 'L1 prove', finalize: 'L1 finalize', approve: 'Approve', deposit: 'Deposit' }
const SOURCE: Record<string, string> = { prepared: 'this transaction', estimated: 'estimated', measured: 'measured gas' }

export function BridgeCost({ cost, error, stale, exit, l1Name }: { cost: BridgeCostView | null; error?: string | undefined; stale: boolean; exit: boolean; l1Name: string }) {
  const title = exit ? 'Whole exit cost' : 'Deposit cost'
  const live = { stale }
  if (!cost) {
    return (
      <p class={`bridge-cost-missing ${error ? 'warn' : 'muted'}`} data-testid="bridge-cost-missing">
        {error ? `${title}: could not be estimated: ${error}` : `${title}: estimating…`}
      </p>
    )
  }
  const measured = cost.steps.some((s) => s.gasSource === 'measured')
  return (
    <section class={`fee bridge-cost ${live.stale ? 'stale' : ''}`} data-testid="bridge-cost" data-stale={live.stale ? 'true' : 'false'} aria-label={title}>
      <h3>{title}</h3>
      <dl>
        {cost.steps.map((s) => (
          <div class="fee-row" key={s.step} data-cost-step={s.step} title={`${formatAmount(s.gas, 0)} gas (${SOURCE[s.gasSource]}); most ${formatExact(s.fee.max, 18, 'ETH')}`}>
            <dt>{STEP[s.step] ?? s.step}</dt>
            <dd>{formatAmount(s.fee.total, 18, 'ETH', 8)}</dd>
          </div>
        ))}
        <div class="fee-row fee-total" data-cost-step="total">
          <dt>Total</dt>
          <dd title={formatExact(cost.total, 18, 'ETH')}>{formatAmount(cost.total, 18, 'ETH', 8)}</dd>
        </div>
        <div class="fee-row fee-max" data-cost-step="max">
          <dt>At most</dt>
          <dd title={formatExact(cost.max, 18, 'ETH')}>{formatAmount(cost.max, 18, 'ETH', 8)}</dd>
        </div>
      </dl>
      {cost.l2Gas && (
        <p class="fee-note" data-testid="bridge-cost-l2gas" title={cost.l2Gas.l1GasBurned ? `The portal burns about ${formatAmount(cost.l2Gas.l1GasBurned, 0)} L1 gas for it today` : undefined}>
          L2 gas limit: {formatAmount(cost.l2Gas.limit, 0)} gas, bought on {l1Name} inside the deposit fee.
        </p>
      )}
      <p class="fee-note muted">
        {exit
          ? `Prove and finalize: ${measured ? 'the gas these calls were measured to use, ' : ''}at today's ${l1Name} gas prices; each is quoted again when you click it.`
          : measured
            ? 'The deposit: the gas it was measured to use; it is quoted again once the approval is mined.'
            : 'Nothing more is charged on the L2.'}
      </p>
      {live.stale && (
        <p class="fee-note warn" data-testid="bridge-cost-stale">
          Out of date: the network did not answer; retrying every block.
        </p>
      )}
    </section>
  )
}
