// Measures the fee model against what the chain really charges: for each calldata case, the wallet
// prepares the transaction (prepareTx), quotes it (the rollup fee model), signs exactly that
// transaction and sends it; the fee actually charged is the sender's balance change across the block
// minus the value (anvil's receipts have no l1Fee field). Shared by the integration test
// (fees-accuracy.test.ts) and the bench (bench/fees.ts).
import { createPublicClient, http, type Hex, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { FeeQuote, PreparedTx } from '../../src/tx/types.ts'
import type { Network } from '../../src/chains/types.ts'
import { chainOf } from '../../src/chains/rpc-client.ts'
import { prepareTx, toViemTx } from '../../src/tx/prepare.ts'
import type { FeeQuoter } from '../../src/tx/types.ts'
import { rollupFeeQuote } from '../../src/rollup/fees.ts'

export interface CalldataCase {
  name: string
  data: Hex
}

/** A seeded generator: the same cases every run, without storing 10 KB blobs in the repo. */
function xorshift(seed: number) {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s & 0xff
  }
}

function bytesHex(size: number, kind: 'zero-heavy' | 'random', seed: number): Hex {
  const next = xorshift(seed)
  let out = ''
  for (let i = 0; i < size; i++) {
    // zero-heavy: about one byte in eight is non-zero, like ABI-encoded words of small numbers
    const b = kind === 'random' ? next() : next() < 32 ? next() | 1 : 0
    out += b.toString(16).padStart(2, '0')
  }
  return `0x${out}`
}

export const CALLDATA_SIZES = [0, 4, 36, 68, 100, 164, 256, 400, 640, 1024, 1600, 2500, 4096, 6000, 8192, 10240]

/** 0..10 KB, each size zero-heavy and random: 32 cases (size 0 twice: the empty call both ways). */
export function calldataCases(): CalldataCase[] {
  return CALLDATA_SIZES.flatMap((size, i) =>
    (['zero-heavy', 'random'] as const).map((kind) => ({ name: `${size} B ${kind}`, data: bytesHex(size, kind, 1000 + i * 2 + (kind === 'random' ? 1 : 0)) })),
  )
}

let clients = 0

/**
 * A client like publicClientFor's (batching on, no multicall) that counts what goes over the wire.
 * viem shares one batch queue per URL across clients, so each counting client gets a URL of its
 * own (a query string the node ignores): its batches hold only its own calls.
 */
export function countingClient(network: Network): { client: PublicClient; counts: { http: number; calls: number }; reset(): void } {
  const counts = { http: 0, calls: 0 }
  const url = network.rpcUrls[0]
  const client = createPublicClient({
    chain: chainOf(network),
    transport: http(`${url}${url.includes('?') ? '&' : '?'}client=${++clients}`, {
      timeout: 10_000,
      retryCount: 0,
      batch: { wait: 0 },
      onFetchRequest: async (_req, init) => {
        counts.http++
        const body = JSON.parse(String(init.body)) as unknown
        counts.calls += Array.isArray(body) ? body.length : 1
      },
    }),
    batch: { multicall: false },
  }) as PublicClient
  return { client, counts, reset: () => ((counts.http = 0), (counts.calls = 0)) }
}

export interface FeeSample {
  name: string
  bytes: number
  quote: FeeQuote
  /** what the chain took from the sender (gas + L1 data + operator), wei */
  actual: bigint
  /** |total − actual| / actual */
  error: number
  maxCoversActual: boolean
  latencyMs: number
  rpcCalls: number
  httpRequests: number
  /** what other estimators said for the same transaction just before it was sent (wei), keyed by name */
  peers: Record<string, bigint | null>
}

/** Another fee estimate for the same transaction (e.g. viem's own), null when it fails. */
export type PeerEstimate = (client: PublicClient, tx: PreparedTx) => Promise<bigint>

const TO = '0x000000000000000000000000000000000000dEaD'

/** Runs the cases, spread over the given keys (one sender per lane, so balances tell each fee apart). */
export async function measureFees(p: { network: Network; keys: Hex[]; cases: CalldataCase[]; quote?: FeeQuoter; value?: bigint; peers?: Record<string, PeerEstimate> }): Promise<FeeSample[]> {
  const quote = p.quote ?? rollupFeeQuote
  const lanes = p.keys.map((k) => ({ account: privateKeyToAccount(k), counter: countingClient(p.network) }))
  const out: FeeSample[] = []
  // warm the fee-model probe so the samples measure steady-state quotes
  await quote(p.network, lanes[0].counter.client, await prepareTx(lanes[0].counter.client, p.network.chainId, { from: lanes[0].account.address, to: TO }))
  await Promise.all(
    lanes.map(async (lane, li) => {
      for (let i = li; i < p.cases.length; i += lanes.length) {
        const c = p.cases[i]
        const client = lane.counter.client
        const tx = await prepareTx(client, p.network.chainId, { from: lane.account.address, to: TO, value: p.value ?? 1234n, data: c.data })
        lane.counter.reset()
        const t0 = performance.now()
        const q = await quote(p.network, client, tx)
        const latencyMs = performance.now() - t0
        const { http: httpRequests, calls: rpcCalls } = lane.counter.counts
        const peers: Record<string, bigint | null> = {}
        for (const [name, estimate] of Object.entries(p.peers ?? {})) peers[name] = await estimate(client, tx).catch(() => null)
        const raw = await lane.account.signTransaction(toViemTx(tx))
        const hash = await client.sendRawTransaction({ serializedTransaction: raw })
        const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 200, timeout: 60_000 })
        if (receipt.status !== 'success') throw new Error(`${c.name}: reverted`)
        const [before, after] = await Promise.all([
          client.getBalance({ address: lane.account.address, blockNumber: receipt.blockNumber - 1n }),
          client.getBalance({ address: lane.account.address, blockNumber: receipt.blockNumber }),
        ])
        const actual = before - after - BigInt(tx.value)
        const total = BigInt(q.total)
        const diff = total > actual ? total - actual : actual - total
        out.push({
          name: c.name,
          bytes: (c.data.length - 2) / 2,
          quote: q,
          actual,
          error: Number((diff * 1_000_000n) / actual) / 1_000_000,
          maxCoversActual: BigInt(q.max) >= actual,
          latencyMs,
          rpcCalls,
          httpRequests,
          peers,
        })
      }
    }),
  )
  return out
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))]
}

/** The error distribution as lines a person reads. */
export function describeSamples(samples: FeeSample[]): string[] {
  const errs = samples.map((s) => s.error * 100)
  const lines = samples
    .slice()
    .sort((a, b) => a.bytes - b.bytes)
    .map((s) => `${s.name.padEnd(20)} quoted ${s.quote.total.padStart(16)} (L1 ${s.quote.l1Data.padStart(14)})  charged ${s.actual.toString().padStart(16)}  ${(s.error * 100).toFixed(4)}%  max ${s.maxCoversActual ? 'covers' : 'BELOW'}`)
  lines.push(
    `error %: min ${Math.min(...errs).toFixed(4)}  median ${percentile(errs, 0.5).toFixed(4)}  p90 ${percentile(errs, 0.9).toFixed(4)}  max ${Math.max(...errs).toFixed(4)}; max ≥ charged in ${samples.filter((s) => s.maxCoversActual).length}/${samples.length}`,
  )
  return lines
}

/** A plain client for reads the test makes itself (not counted). */
export function plainClient(rpcUrl: string): PublicClient {
  return createPublicClient({ transport: http(rpcUrl, { timeout: 30_000 }) }) as PublicClient
}
