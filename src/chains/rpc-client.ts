// One viem PublicClient per network: every URL the user configured, tried in order (fallback),
// each request with a timeout, JSON-RPC batching on. Clients are cached by chain id + URL list.
import { createPublicClient, defineChain, fallback, http, type Chain, type PublicClient } from 'viem'
import type { Network } from './types.ts'

export const RPC_TIMEOUT_MS = 10_000

const cache = new Map<string, PublicClient>()

export function chainOf(n: Network): Chain {
  return defineChain({
    id: n.chainId,
    name: n.name,
    nativeCurrency: n.nativeCurrency,
    rpcUrls: { default: { http: n.rpcUrls } },
    contracts: {
      multicall3: { address: '0xcA11bde05977b3631167028862bE2a173976CA11' },
      ...(n.contracts?.ensUniversalResolver ? { ensUniversalResolver: { address: n.contracts.ensUniversalResolver } } : {}),
    },
    ...(n.explorerUrl ? { blockExplorers: { default: { name: 'Explorer', url: n.explorerUrl } } } : {}),
  })
}

export function publicClientFor(n: Network, opts: { timeoutMs?: number } = {}): PublicClient {
  const timeout = opts.timeoutMs ?? RPC_TIMEOUT_MS
  const key = `${n.chainId}|${timeout}|${n.rpcUrls.join(',')}`
  let client = cache.get(key)
  if (!client) {
    const transports = n.rpcUrls.map((url) => http(url, { timeout, retryCount: 0, batch: { wait: 0 } }))
    client = createPublicClient({
      chain: chainOf(n),
      transport: transports.length === 1 ? transports[0] : fallback(transports, { retryCount: 0 }),
      batch: { multicall: false },
      pollingInterval: Math.max(1000, n.blockTimeSeconds * 500),
    }) as PublicClient
    cache.set(key, client)
  }
  return client
}
