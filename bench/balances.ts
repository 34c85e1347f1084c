// Balance engine budgets, against the devnet's real chains:
//  - HTTP requests per refresh for K chains x T tokens (counted at a proxy in front of anvil;
//    the K "chains" are views of the devnet's L1 through their own proxy path, each with T tokens);
//  - with 100 ms added before every RPC request (the proxy waits, then forwards): one refresh of
//    the devnet's three chains against one round trip (budget 1.3 x RTT);
//  - the cached balances on screen after the popup opens (built extension in Chromium; the cache
//    holds the devnet's chains and tokens, amounts written into storage as the engine writes them).
// `npx tsx bench/balances.ts` prints them.
import { pathToFileURL } from 'node:url'
import { parseEther, type Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startDevnet, type Devnet } from '../devnet/index.ts'
import { l1Clients } from '../devnet/testing.ts'
import { devnetContract } from '../devnet/lib/contracts.ts'
import { devnetNetworks } from '../src/chains/devnet.ts'
import type { Network } from '../src/chains/types.ts'
import { BalanceService } from '../src/balances/service.ts'
import { accountKey } from '../src/balances/cache.ts'
import type { TokenDef } from '../src/tokens/types.ts'
import { devnetTokens } from '../src/tokens/devnet.ts'
import { makeWallet } from '../test/support/wallet-harness.ts'
import { launchWithExtension } from '../test/e2e/support/browser.ts'
import { initializeWallet, paintedScript, TEST_ADDRESS_0, uiCall } from '../test/e2e/support/wallet.ts'
import { rpcProxy as proxy } from '../test/integration/balances-support.ts'
import type { BenchResult } from './keyring.ts'

const LATENCY_MS = 100
const RUNS = 9

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function deployTokens(devnet: Devnet, n: number): Promise<Address[]> {
  const l1 = l1Clients(devnet.manifest, privateKeyToAccount(devnet.accounts[0].privateKey))
  const dev = devnetContract('DevToken')
  const out: Address[] = []
  for (let i = 0; i < n; i++) {
    const hash = await l1.wallet.deployContract({ abi: dev.abi, bytecode: dev.bytecode, args: [`Bench ${i}`, `B${i}`, 18] })
    out.push((await l1.public.waitForTransactionReceipt({ hash })).contractAddress!)
  }
  return out
}

async function requestsPerRefresh(devnet: Devnet): Promise<BenchResult[]> {
  const l1 = devnetNetworks(devnet.manifest)[0]
  const extra = await deployTokens(devnet, 39)
  const rows: BenchResult[] = []
  const p = await proxy(Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`c${k}`, l1.rpcUrls[0]])))
  try {
    for (const K of [3, 6, 12]) {
      for (const T of [2, 10, 40]) {
        // K chains, each the L1 seen through its own URL; T tokens on each: ETH and T-1 ERC-20s
        const networks: Network[] = Array.from({ length: K }, (_, k) => ({ ...l1, chainId: 70_000 + k, name: `Chain ${k}`, rpcUrls: [p.url(`c${k}`)] }))
        const tokens: TokenDef[] = extra.slice(0, T - 1).map((a, i) => ({ id: `b${i}`, symbol: `B${i}`, name: `Bench ${i}`, decimals: 18, addresses: Object.fromEntries(networks.map((n) => [n.chainId, a])), source: 'builtin' }))
        const h = await makeWallet({ networks })
        const svc = new BalanceService({ wallet: h.wallet, userTokens: h.provider.tokens, tokens })
        await svc.refresh({ chainIds: networks.map((n) => n.chainId) })
        p.counts.clear()
        const got = await svc.refresh({ chainIds: networks.map((n) => n.chainId) })
        const read = Object.values(got.chains).filter((c) => c.error === null && Object.keys(c.amounts).length === T).length
        if (read !== K) throw new Error(`K=${K} T=${T}: only ${read} chains read in full`)
        const total = [...p.counts.values()].reduce((a, b) => a + b, 0)
        rows.push({ name: `HTTP requests per refresh, K=${K} chains x T=${T} tokens (${K * T} balances)`, value: total, unit: 'req', budget: K })
      }
    }
  } finally {
    await p.close()
  }
  return rows
}

async function refreshUnderLatency(devnet: Devnet): Promise<BenchResult[]> {
  const real = devnetNetworks(devnet.manifest)
  const p = await proxy(Object.fromEntries(real.map((n) => [String(n.chainId), n.rpcUrls[0]])), LATENCY_MS)
  try {
    const networks = real.map((n) => ({ ...n, rpcUrls: [p.url(String(n.chainId))] }))
    const h = await makeWallet({ networks })
    const svc = new BalanceService({ wallet: h.wallet, userTokens: h.provider.tokens, tokens: devnetTokens(devnet.manifest) })
    const ids = networks.map((n) => n.chainId)
    await svc.refresh({ chainIds: ids }) // warm: connections open, meta written
    const rtts: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now()
      await (await fetch(p.url('900'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}' })).json()
      rtts.push(performance.now() - t0)
    }
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now()
      await svc.refresh({ chainIds: ids })
      times.push(performance.now() - t0)
    }
    const rtt = median(rtts)
    const refresh = median(times)
    return [
      { name: `one RPC round trip with ${LATENCY_MS} ms added, median of ${RUNS}`, value: round(rtt), unit: 'ms', budget: Infinity },
      { name: `refresh of 3 chains (L1, 901, 902) x ETH/PHA/vPHA with ${LATENCY_MS} ms added, median of ${RUNS} (budget 1.3 x RTT)`, value: round(refresh), unit: 'ms', budget: round(1.3 * rtt) },
      { name: 'refresh / RTT', value: round(refresh / rtt, 2), unit: 'x', budget: 1.3 },
    ]
  } finally {
    await p.close()
  }
}

async function cachedPaint(opens = 9): Promise<BenchResult[]> {
  const wb = await launchWithExtension()
  try {
    await initializeWallet(wb)
    const page = await wb.context.newPage()
    await page.goto(`chrome-extension://${wb.extensionId}/popup.html#/settings`)
    // the meta comes from the engine itself (its refresh fails fast without a devnet on the
    // default ports, but writes the chains and tokens); the amounts are the cache's own shape
    await uiCall(page, 'balances.refresh', {}).catch(() => undefined)
    const at = Date.now()
    const cache = {
      v: 1,
      address: TEST_ADDRESS_0.toLowerCase(),
      chains: Object.fromEntries(
        [900, 901, 902].map((id, i) => [String(id), { at, block: String(1000 + i), amounts: { eth: parseEther(String(100 + i)).toString(), pha: parseEther(String(50 * i)).toString(), vpha: '0' }, error: null }]),
      ),
    }
    await page.evaluate(`chrome.storage.local.set(${JSON.stringify({ [accountKey(TEST_ADDRESS_0)]: cache })})`)
    await page.close()
    const marks: number[] = []
    for (let i = 0; i < opens; i++) {
      const popup = await wb.context.newPage()
      await popup.setViewportSize({ width: 360, height: 600 })
      await popup.goto(`chrome-extension://${wb.extensionId}/popup.html`)
      marks.push(Number(await popup.evaluate(paintedScript(['token-balance']))))
      await popup.close()
    }
    return [
      {
        name: `cached balances on screen after the popup opens, median of ${opens} (min ${Math.round(Math.min(...marks))}, max ${Math.round(Math.max(...marks))})`,
        value: round(median(marks)),
        unit: 'ms',
        budget: 150,
      },
    ]
  } finally {
    await wb.close()
  }
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits

export async function benchBalances(): Promise<BenchResult[]> {
  const devnet = await startDevnet({ ports: 'auto', warn: () => {} })
  try {
    return [...(await requestsPerRefresh(devnet)), ...(await refreshUnderLatency(devnet)), ...(await cachedPaint())]
  } finally {
    await devnet.stop()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchBalances()) {
    const ok = !Number.isFinite(r.budget) || r.value <= r.budget
    console.log(`${Number.isFinite(r.budget) ? (ok ? 'pass' : 'OVER') : '    '}  ${String(r.value).padStart(8)} ${r.unit.padEnd(3)} ${Number.isFinite(r.budget) ? `(budget ${r.budget})`.padEnd(16) : ''.padEnd(16)} ${r.name}`)
  }
}
