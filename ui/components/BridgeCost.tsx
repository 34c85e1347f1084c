// The whole cost of a bridging flow under the step's own fee, in the bridge review: for a
// withdrawal the whole exit (L2 initiate + L1 prove + L1 finalize, the L1 steps at today's prices),
// for a deposit each L1 step and the L2 gas limit the portal sells inside the deposit. The
// background computes it as the flow's summary and computes it again every block while the review
// is on screen; it is marked stale when the last answer is old.
import type { BridgeCostView } from '../../src/bridge/cost.ts'
import { formatAmount, formatExact } from '../lib/amount.ts'
import { usePrices, usdPrice } from '../lib/prices.ts'
import { Fiat } from './Amount.tsx'

/** The ETH total in USD, at the price of ETH in the L1's family (none for a testnet). */
function CostFiat({ wei, l1ChainId }: { wei: string; l1ChainId: number | undefined }) {
  const book = usePrices()
  const price = l1ChainId !== undefined ? usdPrice(book, l1ChainId, 'eth') : null
  if (!price) return null
  return (
    <p class="fee-note muted cost-fiat">
      In all about <Fiat value={wei} decimals={18} price={price} testid="bridge-cost-fiat" />
    </p>
  )
}

const STEP: Record<string, string> = { initiate: 'L2 initiate', prove: 'L1 prove', finalize: 'L1 finalize', approve: 'Approve', deposit: 'Deposit' }
const SOURCE: Record<string, string> = { prepared: 'this transaction', estimated: 'estimated', measured: 'measured gas' }

export function BridgeCost({ cost, error, stale, exit, l1Name, l1ChainId }: { cost: BridgeCostView | null; error?: string | undefined; stale: boolean; exit: boolean; l1Name: string; l1ChainId?: number }) {
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
            <dd>{formatAmount(s.fee.total, 18, 'ETH')}</dd>
          </div>
        ))}
        <div class="fee-row fee-total" data-cost-step="total">
          <dt>Total</dt>
          <dd title={formatExact(cost.total, 18, 'ETH')}>{formatAmount(cost.total, 18, 'ETH')}</dd>
        </div>
        <div class="fee-row fee-max" data-cost-step="max">
          <dt>At most</dt>
          <dd title={formatExact(cost.max, 18, 'ETH')}>{formatAmount(cost.max, 18, 'ETH')}</dd>
        </div>
      </dl>
      <CostFiat wei={cost.total} l1ChainId={l1ChainId} />
      {cost.l2Gas && (
        <p class="fee-note muted" data-testid="bridge-cost-l2gas" title={`L2 gas limit ${formatAmount(cost.l2Gas.limit, 0)}${cost.l2Gas.l1GasBurned ? `; the portal burns about ${formatAmount(cost.l2Gas.l1GasBurned, 0)} ${l1Name} gas for it today` : ''}`}>
          Includes the fee for delivering it on the rollup: nothing more is charged there.
        </p>
      )}
      <p class="fee-note muted">
        {exit
          ? `Prove and finalize: ${measured ? 'the gas these calls were measured to use, ' : ''}at today's ${l1Name} gas prices; each is quoted again when you click it.`
          : measured
            ? 'The deposit is quoted again once the approval is mined.'
            : cost.l2Gas
              ? ''
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
