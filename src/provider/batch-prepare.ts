// What the approval window shows for a batch (wallet_sendCalls): every call decoded, the nonce each
// will take, and the whole fee (L2 execution + L1 data + operator, summed over the calls). A later
// call often depends on an earlier one (approve, then spend): its gas is simulated after the calls
// before it (eth_simulateV1) where the node can; where it cannot, and the call fails on today's
// state, its fee is left out and said so. Besides the fees as prepared (the market level), the calls
// are quoted at the low and aggressive levels of the chain's fee market, so the window can offer the
// choice with the sum each would cost.
import { numberToHex, type Address } from 'viem'
import { rpcCall } from '../chains/rpc-raw.ts'
import type { Network } from '../chains/types.ts'
import { toErrorShape, WalletError } from '../errors.ts'
import { decodeCall } from '../tx/decode.ts'
import type { TxPipeline } from '../tx/pipeline.ts'
import { gasLimitFor } from '../tx/prepare.ts'
import type { FeeQuote, PreparedTx } from '../tx/types.ts'
import type { BatchCallView, BatchFeeLevels } from '../approvals/types.ts'
import { applyFeeChoice, feesOf, type FeeLevelName } from '../tx/fee-levels.ts'
import type { CallsRequest } from './batches.ts'

export interface BatchView {
  calls: BatchCallView[]
  /** the fees of the calls summed; null when none could be quoted */
  fee: FeeQuote | null
  feeError?: string
  levels?: BatchFeeLevels
}

interface SimulatedCall {
  status?: string
  gasUsed?: string
  error?: { message?: string }
}

export async function prepareBatch(pipeline: TxPipeline, network: Network, from: Address, calls: CallsRequest['calls']): Promise<BatchView> {
  const client = pipeline.client(network)
  const [base, block, simulated] = await Promise.all([
    client.getTransactionCount({ address: from, blockTag: 'pending' }),
    client.getBlock({ blockTag: 'latest' }),
    simulate(network, from, calls),
  ])
  const prepared: (PreparedTx | null)[] = calls.map(() => null)
  const views = await Promise.all(
    calls.map(async (c, i): Promise<BatchCallView> => {
      const view = { to: c.to, value: numberToHex(c.value), data: c.data, decoded: decodeCall(c.data), nonce: base + i }
      const req = { from, to: c.to, value: c.value, data: c.data, nonce: base + i }
      const sim = simulated?.[i]
      let tx: PreparedTx
      let warning: string | undefined
      try {
        if (sim && sim.gasUsed && sim.status === '0x1') {
          tx = await pipeline.prepare(network.chainId, { ...req, gas: gasLimitFor(BigInt(sim.gasUsed), c.data, block.gasLimit) })
        } else {
          if (sim && sim.status !== '0x1') warning = `This call would fail${sim.error?.message ? `: ${sim.error.message}` : ''}.`
          tx = await pipeline.prepare(network.chainId, req)
        }
      } catch (err) {
        // the first call runs on today's state: if it fails, the batch would fail at once
        if (i === 0) throw err
        return { ...view, gas: null, fee: null, warning: warning ?? `Its gas is estimated once the calls before it are mined (on today's state it fails: ${toErrorShape(err).message}).` }
      }
      prepared[i] = tx
      const { fee, feeError } = await pipeline.quoteOrError(tx)
      return { ...view, gas: tx.gas, fee, ...(warning ? { warning } : feeError ? { warning: `Fee not quoted: ${feeError}` } : {}) }
    }),
  )
  const quoted = views.map((v) => v.fee).filter((f): f is FeeQuote => f !== null)
  if (!quoted.length) return { calls: views, fee: null, feeError: 'No call of the batch could be quoted.' }
  const fee = sumFees(quoted)
  const missing = views.filter((v) => v.fee === null).length
  const levels = await otherLevels(pipeline, network.chainId, prepared, fee)
  return { calls: views, fee, ...(missing ? { feeError: `${missing} of ${views.length} calls are not in this total: their fee is known once the calls before them are mined.` } : {}), ...(levels ? { levels } : {}) }
}

/** Fee quotes of several transactions as one (each part summed). */
function sumFees(quoted: FeeQuote[]): FeeQuote {
  const sum = (k: 'execution' | 'l1Data' | 'operator' | 'total' | 'max') => quoted.reduce((a, f) => a + BigInt(f[k]), 0n).toString()
  return {
    execution: sum('execution'),
    l1Data: sum('l1Data'),
    operator: sum('operator'),
    total: sum('total'),
    max: sum('max'),
    opStack: quoted.some((f) => f.opStack),
    at: Math.max(...quoted.map((f) => f.at)),
    ...(quoted[0].baseFeeTrend ? { baseFeeTrend: quoted[0].baseFeeTrend } : {}),
  }
}

/**
 * The market level as prepared, and low / aggressive from the chain's fee market now: every prepared
 * call re-quoted with that level's fee fields (the L1 data fee depends on the signed bytes, so each is
 * quoted, not scaled). Null when the market cannot be read: the window then offers the fees as prepared.
 */
async function otherLevels(pipeline: TxPipeline, chainId: number, prepared: (PreparedTx | null)[], market: FeeQuote): Promise<BatchFeeLevels | null> {
  const txs = prepared.filter((t): t is PreparedTx => t !== null)
  if (!txs.length) return null
  let levels
  try {
    levels = (await pipeline.market(chainId)).levels
  } catch {
    return null
  }
  const out: BatchFeeLevels = { market: { fields: feesOf(txs[0]), fee: market } }
  await Promise.all(
    (['low', 'aggressive'] as FeeLevelName[]).map(async (name) => {
      try {
        const quotes = await Promise.all(txs.map((tx) => pipeline.quoteOrError(applyFeeChoice(tx, levels[name]))))
        const ok = quotes.every((q) => q.fee !== null)
        out[name] = { fields: levels[name], fee: ok ? sumFees(quotes.map((q) => q.fee!)) : null }
      } catch {
        // a level of another transaction type than the calls' (a chain that changed): not offered
      }
    }),
  )
  return out
}

/** The calls in order on today's state (eth_simulateV1), or null where the node does not simulate. */
async function simulate(network: Network, from: Address, calls: CallsRequest['calls']): Promise<SimulatedCall[] | null> {
  if (calls.length < 2) return null
  try {
    const out = await rpcCall(
      network.rpcUrls,
      'eth_simulateV1',
      [{ blockStateCalls: [{ calls: calls.map((c) => ({ from, ...(c.to ? { to: c.to } : {}), data: c.data, value: numberToHex(c.value) })) }], validation: false }, 'latest'],
      { chainName: network.name, timeoutMs: 8000 },
    )
    const first = Array.isArray(out) ? (out[0] as { calls?: unknown }) : null
    const list = first && Array.isArray(first.calls) ? (first.calls as SimulatedCall[]) : null
    return list && list.length === calls.length ? list : null
  } catch (err) {
    if (err instanceof WalletError && err.code === 4901) throw err
    return null
  }
}
