// Know-what-you-sign budgets, against the devnet's L2 901 (anvil --optimism) through a counting
// proxy that adds 100 ms before every RPC request:
//  - what simulation adds to opening an approval window: the time from the window asking to the
//    insight on screen ('simulate.tx': decode, eth_simulateV1, the code of the named addresses, the
//    tokens' metadata), cold (the first window after the worker started: what the node supports and
//    every token unknown) and warm, median and p95, with the HTTP requests each takes; the same for
//    a node without eth_simulateV1 (the eth_call probe) and for the re-simulation every block;
//  - the allowances page for N approvals on K chains (each chain a view of 901 through its own
//    proxy path): the first read (logs scanned from block 0, one multicall per chain) and the next
//    (only new blocks), time and HTTP requests.
// `npx tsx bench/signing.ts` prints them.
import { pathToFileURL } from 'node:url'
import { createWalletClient, encodeFunctionData, http, maxUint256, parseEther, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startDevnet, type Devnet } from '../devnet/index.ts'
import { devnetNetworks } from '../src/chains/devnet.ts'
import type { Network } from '../src/chains/types.ts'
import { forgetCapabilities } from '../src/simulate/simulate.ts'
import { forgetTokenInfo } from '../src/simulate/tokens.ts'
import { makeWallet } from '../test/support/wallet-harness.ts'
import { rpcProxy } from '../test/integration/balances-support.ts'
import { filterProxy, noSimulateV1 } from '../test/support/rpc-filter.ts'
import { deploySigningContracts, testContract } from '../test/support/signing-contracts.ts'
import type { BenchResult } from './keyring.ts'

const LATENCY_MS = 100
const RUNS = 15

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!
const p95 = (xs: number[]) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!
const round = (x: number) => Math.round(x)

async function simulationCost(devnet: Devnet): Promise<BenchResult[]> {
  const l2 = devnetNetworks(devnet.manifest).find((n) => n.chainId === 901)!
  const me = devnet.accounts[0].address
  const c = await deploySigningContracts(l2.rpcUrls[0], 901, devnet.accounts[9].privateKey, me)
  const swap = encodeFunctionData({ abi: testContract('TestSwap').abi, functionName: 'swapExactETHForTokens', args: [0n, ['0x4200000000000000000000000000000000000006', c.token], me, 2n ** 40n] })
  const rows: BenchResult[] = []
  const noV1 = await filterProxy(l2.rpcUrls[0], noSimulateV1)
  const p = await rpcProxy({ full: l2.rpcUrls[0], fallback: noV1.url }, LATENCY_MS)
  try {
    for (const [path, label] of [['full', 'eth_simulateV1'], ['fallback', 'no eth_simulateV1: eth_call probe']] as const) {
      const net: Network = { ...l2, rpcUrls: [p.url(path)] }
      const h = await makeWallet({ networks: [net] })
      const tx = await h.core.pipeline.prepare(901, { from: me, to: c.swap, value: parseEther('0.1'), data: swap })
      const measure = async (cold: boolean) => {
        const times: number[] = []
        const requests: number[] = []
        for (let i = 0; i < RUNS; i++) {
          if (cold) {
            forgetCapabilities()
            forgetTokenInfo()
          }
          p.counts.clear()
          const t0 = performance.now()
          const i1 = await h.core.simulation.insight(tx)
          times.push(performance.now() - t0)
          requests.push(p.counts.get(path) ?? 0)
          if (i1.simulation.changes.length !== 2) throw new Error(`${label}: the swap's two changes were not seen`)
        }
        return { times, requests }
      }
      const rtt = await (async () => {
        const ts: number[] = []
        for (let i = 0; i < 7; i++) {
          const t0 = performance.now()
          await (await fetch(p.url(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}' })).json()
          ts.push(performance.now() - t0)
        }
        return median(ts)
      })()
      const cold = await measure(true)
      const warm = await measure(false)
      rows.push(
        { name: `${label}: one RPC round trip (${LATENCY_MS} ms added)`, value: round(rtt), unit: 'ms', budget: Infinity },
        { name: `${label}: insight for the first window (cold), median of ${RUNS}`, value: round(median(cold.times)), unit: 'ms', budget: Infinity },
        { name: `${label}: insight for the first window (cold), p95`, value: round(p95(cold.times)), unit: 'ms', budget: Infinity },
        { name: `${label}: HTTP requests, first window`, value: median(cold.requests), unit: 'req', budget: 3 },
        { name: `${label}: insight for a later window or a re-simulation (warm), median of ${RUNS}`, value: round(median(warm.times)), unit: 'ms', budget: round(2.5 * rtt) },
        { name: `${label}: insight (warm), p95`, value: round(p95(warm.times)), unit: 'ms', budget: Infinity },
        { name: `${label}: HTTP requests, warm`, value: median(warm.requests), unit: 'req', budget: 2 },
      )
    }
  } finally {
    await p.close()
    await noV1.close()
  }
  return rows
}

async function allowancesCost(devnet: Devnet): Promise<BenchResult[]> {
  const l2 = devnetNetworks(devnet.manifest).find((n) => n.chainId === 901)!
  const owner = privateKeyToAccount(devnet.accounts[1].privateKey)
  const deployer = createWalletClient({ account: privateKeyToAccount(devnet.accounts[8].privateKey), transport: http(l2.rpcUrls[0]) })
  const wallet = createWalletClient({ account: owner, transport: http(l2.rpcUrls[0]) })
  const { createPublicClient } = await import('viem')
  const pub = createPublicClient({ transport: http(l2.rpcUrls[0]), pollingInterval: 100 })
  const T = testContract('TestToken')
  const spender: Address = devnet.accounts[2].address
  const tokens: Address[] = []
  const rows: BenchResult[] = []
  const MAX_N = 40
  for (let i = 0; i < MAX_N; i++) {
    const hash = await deployer.deployContract({ abi: T.abi, bytecode: T.bytecode, args: [`Bench ${i}`, `B${i}`, 18], chain: null })
    tokens.push((await pub.waitForTransactionReceipt({ hash })).contractAddress!)
  }
  let approved = 0
  const approveUpTo = async (n: number) => {
    let last: Hex | null = null
    for (; approved < n; approved++) last = await wallet.sendTransaction({ chain: null, to: tokens[approved]!, data: encodeFunctionData({ abi: T.abi, functionName: 'approve', args: [spender, approved % 2 ? maxUint256 : 1000n] }) })
    if (last) await pub.waitForTransactionReceipt({ hash: last })
  }
  const p = await rpcProxy(Object.fromEntries(Array.from({ length: 3 }, (_, k) => [`c${k}`, l2.rpcUrls[0]])), LATENCY_MS)
  try {
    for (const N of [10, 40]) {
      await approveUpTo(N)
      for (const K of [1, 3]) {
        const networks: Network[] = Array.from({ length: K }, (_, k) => ({ ...l2, chainId: 71_000 + k, name: `Chain ${k}`, rpcUrls: [p.url(`c${k}`)] }))
        const h = await makeWallet({ networks })
        const ids = networks.map((n) => n.chainId)
        p.counts.clear()
        let t0 = performance.now()
        const first = await h.core.allowances.list(owner.address, ids)
        const firstMs = performance.now() - t0
        const firstReq = [...p.counts.values()].reduce((a, b) => a + b, 0)
        if (first.some((c) => c.rows.length !== N)) throw new Error(`N=${N} K=${K}: ${first.map((c) => c.rows.length).join(',')} rows`)
        p.counts.clear()
        t0 = performance.now()
        await h.core.allowances.list(owner.address, ids)
        const againMs = performance.now() - t0
        const againReq = [...p.counts.values()].reduce((a, b) => a + b, 0)
        rows.push(
          { name: `allowances, N=${N} approvals x K=${K} chains: first read (logs from block 0), time`, value: round(firstMs), unit: 'ms', budget: Infinity },
          { name: `allowances, N=${N} x K=${K}: first read, HTTP requests`, value: firstReq, unit: 'req', budget: 3 * K },
          { name: `allowances, N=${N} x K=${K}: next read (new blocks only), time`, value: round(againMs), unit: 'ms', budget: Infinity },
          { name: `allowances, N=${N} x K=${K}: next read, HTTP requests`, value: againReq, unit: 'req', budget: 3 * K },
        )
      }
    }
  } finally {
    await p.close()
  }
  return rows
}

export async function benchSigning(): Promise<BenchResult[]> {
  const devnet = await startDevnet({ ports: 'auto', l2BlockTime: 1 })
  try {
    return [...(await simulationCost(devnet)), ...(await allowancesCost(devnet))]
  } finally {
    await devnet.stop()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchSigning()) console.log(`${String(r.value).padStart(7)} ${r.unit.padEnd(4)} ${Number.isFinite(r.budget) ? `(budget ${r.budget})`.padEnd(14) : ''.padEnd(14)} ${r.name}`)
}
