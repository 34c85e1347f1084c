// What the approval window shows for a batch (wallet_sendCalls): every call decoded, the nonce each
// will take, and the whole fee (L2 execution + L1 data + operator, summed over the calls). A later
// call often depends on an earlier one (approve, then spend): its gas is simulated after the calls
// before it (eth_simulateV1) where the node can; where it cannot, and the call fails on today's
// state, its fee is left out and said so.
import { numberToHex, type Address } from 'viem'
import { rpcCall } from '../chains/rpc-raw.ts'
import type { Network } from '../chains/types.ts'
import { toErrorShape, WalletError } from '../errors.ts'
import { decodeCall } from '../tx/decode.ts'
import type { TxPipeline } from '../tx/pipeline.ts'
import { gasLimitFor } from '../tx/prepare.ts'
import type { FeeQuote, PreparedTx } from '../tx/types.ts'
import type { BatchCallView } from '../approvals/types.ts'
import type { CallsRequest } from './batches.ts'

export interface BatchView {
  calls: BatchCallView[]
  /** the fees of the calls summed; null when none could be quoted */
  fee: FeeQuote | null
  feeError?: string
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
      const { fee, feeError } = await pipeline.quoteOrError(tx)
      return { ...view, gas: tx.gas, fee, ...(warning ? { warning } : feeError ? { warning: `Fee not quoted: ${feeError}` } : {}) }
    }),
  )
  const quoted = views.map((v) => v.fee).filter((f): f is FeeQuote => f !== null)
  if (!quoted.length) return { calls: views, fee: null, feeError: 'No call of the batch could be quoted.' }
  const sum = (k: 'execution' | 'l1Data' | 'operator' | 'total' | 'max') => quoted.reduce((a, f) => a + BigInt(f[k]), 0n).toString()
  const fee: FeeQuote = {
    execution: sum('execution'),
    l1Data: sum('l1Data'),
    operator: sum('operator'),
    total: sum('total'),
    max: sum('max'),
    opStack: quoted.some((f) => f.opStack),
    at: Math.max(...quoted.map((f) => f.at)),
    ...(quoted[0].baseFeeTrend ? { baseFeeTrend: quoted[0].baseFeeTrend } : {}),
  }
  const missing = views.filter((v) => v.fee === null).length
  return { calls: views, fee, ...(missing ? { feeError: `${missing} of ${views.length} calls are not in this total: their fee is known once the calls before them are mined.` } : {}) }
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
