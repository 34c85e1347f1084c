// One viem client per network: every URL the user configured, tried in order (fallback), each
// request with a timeout and its answer capped in bytes, JSON-RPC batching on. Clients are cached by
// chain id + URL list, the least recently used dropped beyond CLIENT_CACHE_SIZE (a page proposing
// networks must not grow the cache without end).
//
// The client carries only the public actions the wallet calls (RPC_ACTIONS), not viem's whole
// publicActions decorator: that one pulls every action (and its contracts' bytecode) into the
// background bundle whether it is used or not.
import { createClient, defineChain, fallback, http, type Chain, type Client, type PublicActions, type Transport } from 'viem'
// the actions the wallet calls, listed once below as RPC_ACTIONS
import { call, estimateFeesPerGas, estimateGas, getBalance, getBlock, getBlockNumber, getChainId, getCode, getEnsAddress, getEnsName, getGasPrice, getLogs, getProof, getStorageAt, getTransaction, getTransactionCount, getTransactionReceipt, multicall, readContract, sendRawTransaction, simulateContract, waitForTransactionReceipt } from 'viem/actions'
import { BODY_LIMITS, cappedFetch } from '../util/http.ts'
import type { Network } from './types.ts'

export const RPC_TIMEOUT_MS = 10_000
export const CLIENT_CACHE_SIZE = 32

const RPC_ACTIONS = { call, estimateFeesPerGas, estimateGas, getBalance, getBlock, getBlockNumber, getChainId, getCode, getEnsAddress, getEnsName, getGasPrice, getLogs, getProof, getStorageAt, getTransaction, getTransactionCount, getTransactionReceipt, multicall, readContract, sendRawTransaction, simulateContract, waitForTransactionReceipt }

/** A network's client: viem's own actions, those the wallet uses, with viem's types. */
export type RpcClient = Client<Transport, Chain | undefined> & Pick<PublicActions<Transport, Chain | undefined>, keyof typeof RPC_ACTIONS>

function rpcActions(client: Client<Transport, Chain | undefined>): Pick<PublicActions<Transport, Chain | undefined>, keyof typeof RPC_ACTIONS> {
  const out: Record<string, unknown> = {}
  for (const [name, action] of Object.entries(RPC_ACTIONS)) out[name] = (args: unknown) => (action as (c: Client, a: unknown) => unknown)(client, args)
  return out as unknown as Pick<PublicActions<Transport, Chain | undefined>, keyof typeof RPC_ACTIONS>
}

const cache = new Map<string, RpcClient>()

/** How many clients are cached now (tests). */
export function cachedClients(): number {
  return cache.size
}

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

export function publicClientFor(n: Network, opts: { timeoutMs?: number; maxBytes?: number } = {}): RpcClient {
  const timeout = opts.timeoutMs ?? RPC_TIMEOUT_MS
  const maxBytes = opts.maxBytes ?? BODY_LIMITS.rpc
  const key = `${n.chainId}|${timeout}|${maxBytes}|${n.rpcUrls.join(',')}`
  let client = cache.get(key)
  if (client) {
    // most recently used last: the first key is the one to drop
    cache.delete(key)
    cache.set(key, client)
  } else {
    const fetchFn = cappedFetch(maxBytes)
    const transports = n.rpcUrls.map((url) => http(url, { timeout, retryCount: 0, batch: { wait: 0 }, fetchFn }))
    client = createClient({
      chain: chainOf(n),
      transport: transports.length === 1 ? transports[0] : fallback(transports, { retryCount: 0 }),
      batch: { multicall: false },
      pollingInterval: Math.max(1000, n.blockTimeSeconds * 500),
    }).extend(rpcActions as never) as unknown as RpcClient
    cache.set(key, client)
    while (cache.size > CLIENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  }
  return client
}
