// Fee model budgets on the devnet (chain 901, OP Stack): how long a quote takes and how many RPC calls
// and HTTP round trips it costs (cold: the first quote of a chain, which probes its fee model; warm:
// every later one), and how far quotes land from the fee the chain charged, over 32 transactions of
// 0..10 KB calldata, side by side with viem's own estimateTotalFee for the same transactions and
// with the L2 execution fee alone (what a wallet that ignores the L1 data fee shows).
// `npx tsx bench/fees.ts` prints the table and the error distribution.
import { pathToFileURL } from 'node:url'
import { startDevnet } from '../devnet/index.ts'
import { devnetNetworks } from '../src/chains/devnet.ts'
import { clearFeeModelCache } from '../src/rollup/fees-detect.ts'
import { rollupFeeQuote } from '../src/rollup/fees.ts'
import { prepareTx } from '../src/tx/prepare.ts'
import { chainConfig, estimateL1Fee, estimateTotalFee } from 'viem/op-stack'
import { estimateGas, getGasPrice } from 'viem/actions'
import { toViemTx } from '../src/tx/prepare.ts'
import { calldataCases, countingClient, describeSamples, measureFees, percentile, type FeeSample } from '../test/integration/fees-measure.ts'
import type { BenchResult } from './keyring.ts'

export async function benchFees(): Promise<BenchResult[]> {
  const devnet = await startDevnet({ ports: 'auto', l2BlockTime: 1 })
  try {
    const network = devnetNetworks(devnet.manifest).find((n) => n.chainId === 901)!
    const from = devnet.accounts[19]!.address

    // cold: the probe (GasPriceOracle code, getOperatorFee, ArbSys) plus the quote
    clearFeeModelCache()
    const cold = countingClient(network)
    const tx = await prepareTx(cold.client, 901, { from, to: from, value: 1n })
    cold.reset()
    const t0 = performance.now()
    await rollupFeeQuote(network, cold.client, tx)
    const coldMs = performance.now() - t0
    const coldCounts = { ...cold.counts }

    const keys = [10, 11, 12, 13, 14, 15, 16, 17].map((i) => devnet.accounts[i]!.privateKey)
    const samples = await measureFees({
      network,
      keys,
      cases: calldataCases(),
      peers: {
        // viem's op-stack estimate of the same transaction (L2 gas × gas price + getL1Fee)
        viem: (client, tx) => {
          const t = toViemTx(tx)
          // the chain as viem's OP Stack chains describe it: the predeploys (GasPriceOracle) viem reads
          const chain = { ...client.chain!, contracts: { ...client.chain!.contracts, ...chainConfig.contracts } }
          return estimateTotalFee(client as never, { account: tx.from, to: t.to, data: t.data, value: t.value, chain } as never)
        },
        // viem's estimateTotalFee also asks getOperatorFee, which a pre-Isthmus GasPriceOracle (this
        // devnet's 901, like any OP chain before Isthmus) does not have, so it fails there: viem's own
        // parts without that call (estimateL1Fee + estimateGas × getGasPrice), as estimateTotalFee sums them
        viemParts: async (client, tx) => {
          const t = toViemTx(tx)
          const chain = { ...client.chain!, contracts: { ...client.chain!.contracts, ...chainConfig.contracts } }
          const req = { account: tx.from, to: t.to, data: t.data, value: t.value, chain } as never
          const [l1, gas, price] = await Promise.all([estimateL1Fee(client as never, req), estimateGas(client as never, req), getGasPrice(client as never)])
          return l1 + gas * price
        },
      },
    })
    for (const line of describeSamples(samples)) console.log(`  ${line}`)
    const errs = samples.map((s) => s.error * 100)
    const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d
    const errOf = (estimate: (s: FeeSample) => bigint | null) =>
      samples.flatMap((s) => {
        const e = estimate(s)
        if (e === null) return []
        const diff = e > s.actual ? e - s.actual : s.actual - e
        return [Number((diff * 1_000_000n) / s.actual) / 10_000]
      })
    const viemErrs = errOf((s) => s.peers.viem ?? null)
    const partsErrs = errOf((s) => s.peers.viemParts ?? null)
    const l2Only = errOf((s) => BigInt(s.quote.execution))
    return [
      { name: 'fee quote latency, warm, median (901)', value: round(percentile(samples.map((s) => s.latencyMs), 0.5), 1), unit: 'ms', budget: 100 },
      { name: 'fee quote latency, warm, p90', value: round(percentile(samples.map((s) => s.latencyMs), 0.9), 1), unit: 'ms', budget: Infinity },
      { name: 'fee quote latency, cold (probe + quote)', value: round(coldMs, 1), unit: 'ms', budget: Infinity },
      { name: 'RPC calls per quote, warm (max)', value: Math.max(...samples.map((s) => s.rpcCalls)), unit: 'calls', budget: 3 },
      { name: 'HTTP round trips per quote, warm (max)', value: Math.max(...samples.map((s) => s.httpRequests)), unit: 'req', budget: 1 },
      { name: 'RPC calls, cold quote (probe + quote)', value: coldCounts.calls, unit: 'calls', budget: Infinity },
      { name: 'HTTP round trips, cold quote', value: coldCounts.http, unit: 'req', budget: 2 },
      { name: `quote error vs charged, median (${samples.length} txs, 0..10 KB)`, value: round(percentile(errs, 0.5)), unit: '%', budget: 1 },
      { name: 'quote error vs charged, p90', value: round(percentile(errs, 0.9)), unit: '%', budget: Infinity },
      { name: 'quote error vs charged, max', value: round(Math.max(...errs)), unit: '%', budget: Infinity },
      { name: 'quotes whose max is below the fee charged', value: samples.filter((s) => !s.maxCoversActual).length, unit: 'txs', budget: 0 },
      { name: `viem estimateTotalFee error vs charged, median (${viemErrs.length} of ${samples.length} answered${viemErrs.length ? '' : ': getOperatorFee reverts on a pre-Isthmus GasPriceOracle'})`, value: viemErrs.length ? round(percentile(viemErrs, 0.5)) : -1, unit: '%', budget: Infinity },
      { name: 'viem estimateTotalFee error vs charged, max', value: viemErrs.length ? round(Math.max(...viemErrs)) : -1, unit: '%', budget: Infinity },
      { name: `viem estimateL1Fee + estimateGas × getGasPrice error vs charged, median (${partsErrs.length} of ${samples.length} answered)`, value: partsErrs.length ? round(percentile(partsErrs, 0.5)) : -1, unit: '%', budget: Infinity },
      { name: 'viem estimateL1Fee + estimateGas × getGasPrice error vs charged, max', value: partsErrs.length ? round(Math.max(...partsErrs)) : -1, unit: '%', budget: Infinity },
      { name: 'L2 execution fee alone (no L1 data fee) error vs charged, median', value: round(percentile(l2Only, 0.5)), unit: '%', budget: Infinity },
      { name: 'L2 execution fee alone error vs charged, max', value: round(Math.max(...l2Only)), unit: '%', budget: Infinity },
    ]
  } finally {
    await devnet.stop()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  for (const r of await benchFees()) console.log(`${String(r.value).padStart(10)} ${r.unit.padEnd(5)} ${r.name}`)
}
