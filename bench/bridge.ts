// Bridge figures on the devnet: the ETA error of each withdrawal step on both shapes (predicted vs
// when the step really opened, L1 time moved as real time would), and the RPC cost of one tracker
// tick for N tracked withdrawals: HTTP requests and JSON-RPC calls per tick, which must grow with
// chains, not with withdrawals. `npx tsx bench/bridge.ts` prints them.
import { pathToFileURL } from 'node:url'
import { createPublicClient, http, parseEther, type PublicClient } from 'viem'
import { startDevnet, type Devnet } from '../devnet/index.ts'
import type { Network } from '../src/chains/types.ts'
import { chainOf } from '../src/chains/rpc-client.ts'
import { Tracker } from '../src/bridge/tracker.ts'
import { MemoryKV } from '../src/storage/kv.ts'
import { devnetNetworks } from '../src/chains/devnet.ts'
import { rpcProxy } from '../test/integration/balances-support.ts'
import { BRIDGE_KEYS, BridgeStore } from '../src/bridge/store.ts'
import { ETH_TOKEN, type BridgeItem } from '../src/bridge/types.ts'
import { bridgeHarness, measuredWithdrawal, runFlow, tickUntil, type BridgeHarness } from '../test/integration/bridge-support.ts'
import type { BenchResult } from './keyring.ts'

const DELAYS = { gameClockSeconds: 60, clockExtensionSeconds: 10, proofMaturitySeconds: 30, disputeGameFinalitySeconds: 60, finalizationPeriodSeconds: 60 }
const SIZES = [1, 10, 50]

/**
 * Clients like the wallet's (batching, multicall through Multicall3) that count what goes over HTTP.
 * They reach each node through a proxy URL of their own: viem batches requests per URL across every
 * client in the process, so on the node's own URL a request of another client (the wallet's watchers)
 * could carry this one's calls, or this one another's.
 */
async function countingClients(networks: Network[]) {
  const proxy = await rpcProxy(Object.fromEntries(networks.map((n) => [String(n.chainId), n.rpcUrls[0]!])))
  const counts = { requests: 0, calls: 0 }
  const cache = new Map<number, PublicClient>()
  const client = (n: Network): PublicClient => {
    let c = cache.get(n.chainId)
    if (!c) {
      const onFetchRequest = (_req: Request, init: RequestInit) => {
        counts.requests++
        const body = JSON.parse(String(init.body)) as unknown
        counts.calls += Array.isArray(body) ? body.length : 1
      }
      c = createPublicClient({ chain: chainOf(n), transport: http(proxy.url(String(n.chainId)), { timeout: 10_000, retryCount: 0, batch: { wait: 0 }, onFetchRequest }), batch: { multicall: false } }) as PublicClient
      cache.set(n.chainId, c)
    }
    return c
  }
  return { counts, client, close: () => proxy.close() }
}

async function tickCost(tracker: Tracker, counts: { requests: number; calls: number }, tracked: number) {
  await tracker.tick() // parameters cached, receipts of fresh items read
  counts.requests = 0
  counts.calls = 0
  const report = await tracker.tick()
  const failed = report.chains.filter((c) => !c.ok)
  if (failed.length) throw new Error(`tick failed: ${failed.map((c) => `${c.l2ChainId}: ${c.error}`).join('; ')}`)
  if (report.active !== tracked) throw new Error(`the tick tracked ${report.active} withdrawals, not ${tracked}`)
  return { ...counts }
}

export async function benchBridge(): Promise<BenchResult[]> {
  const devnet: Devnet = await startDevnet({ ports: 'auto', contracts: 'legacy', l2BlockTime: 1, proposalIntervalBlocks: 10, delays: DELAYS, warn: () => {} })
  const out: BenchResult[] = []
  try {
    await Promise.all([devnet.waitForProposal(901, 21n, 60_000), devnet.waitForProposal(902, 21n, 60_000)])
    let b: BridgeHarness = await bridgeHarness(devnet)
    const from = (await b.h.wallet.state()).selected!

    // ETA error per step and shape
    for (const chainId of [901, 902]) {
      const r = await measuredWithdrawal(devnet, b, { direction: 'withdraw', l2ChainId: chainId, token: ETH_TOKEN, amount: parseEther('0.01').toString(), from })
      b = r.b
      const shape = chainId === 901 ? '901 fault proofs' : '902 OP Succinct oracle'
      for (const [step, e] of [['ready to prove', r.prove], ['ready to finalize', r.finalize]] as const) {
        out.push({ name: `ETA error, ${step}, ${shape} (of a ${e.wait} s wait; proposals every ${r.intervalSeconds} s)`, value: e.seconds, unit: 's', budget: Math.max(Math.ceil(0.1 * e.wait), r.intervalSeconds) })
        out.push({ name: `ETA error, ${step}, ${shape}`, value: e.percent, unit: '%', budget: Infinity })
      }
    }

    // RPC cost per tick: the wallet's tracker with clients that count every request, alone over its
    // own copy of N withdrawals per chain (no alarm, listener or other writer of the wallet's storage
    // can start a tick, share one, or change the items under it)
    const { counts, client, close } = await countingClients(devnetNetworks(devnet.manifest))
    const all: BridgeItem[] = []
    for (const chainId of [901, 902]) {
      for (let i = 0; i < Math.max(...SIZES); i++) all.push(await sent(b, chainId, from))
    }
    await Promise.all(all.map((w) => tickUntil(b, w.id, (x) => x.status !== 'initiating', 30_000)))
    const items = (await b.svc.store.list()).filter((x) => all.some((a) => a.id === x.id))
    try {
      for (const chains of [[901], [901, 902]]) {
        for (const n of SIZES) {
          const kv = new MemoryKV()
          await kv.set({ [BRIDGE_KEYS.items]: chains.flatMap((c) => items.filter((x) => x.l2ChainId === c).slice(0, n)) })
          const tracker = new Tracker({ store: new BridgeStore(kv), network: (id) => b.h.wallet.networks.get(id), client, now: () => b.h.platform.now() })
          const c = await tickCost(tracker, counts, chains.length * n)
          out.push({ name: `HTTP requests per tick, ${chains.length} L2(s) × ${n} withdrawal(s)`, value: c.requests, unit: 'req', budget: 4 * chains.length })
          out.push({ name: `JSON-RPC calls per tick, ${chains.length} L2(s) × ${n} withdrawal(s)`, value: c.calls, unit: 'calls', budget: 4 * chains.length })
        }
      }
    } finally {
      await close()
    }
  } finally {
    await devnet.stop()
  }
  return out
}

async function sent(b: BridgeHarness, l2ChainId: number, from: `0x${string}`): Promise<BridgeItem> {
  const { id } = await runFlow(b, { direction: 'withdraw', l2ChainId, token: ETH_TOKEN, amount: '1000', from })
  return (await b.svc.store.get(id))!
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchBridge()) console.log(`${String(r.value).padStart(6)} ${r.unit.padEnd(5)} ${Number.isFinite(r.budget) ? `(budget ${r.budget})`.padEnd(14) : ''.padEnd(14)} ${r.name}`)
}
