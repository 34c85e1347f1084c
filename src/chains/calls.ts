// The network settings page: the networks with their RPC URLs (the user's own list, in fallback
// order, or the network's), testing a URL, adding an OP Stack rollup from its portal address
// (discover, then add what was discovered after checking it again), removing the user's own.
import * as v from 'valibot'
import type { Handlers } from '../wire/messaging.ts'
import { address, call, chainId, none, text, type CallsOf } from '../wire/contract.ts'
import { WalletError } from '../errors.ts'
import { publicClientFor } from './rpc-client.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { discoverRollup, rollupInfoOf, type DiscoveredRollup } from './discover.ts'
import { isRpcUrl } from './store.ts'
import { ETH, type Network } from './types.ts'

/** https anywhere; plain http only to this machine (a local node). */
export function checkRpcUrl(url: unknown): string {
  const u = typeof url === 'string' ? url.trim() : ''
  if (!isRpcUrl(u)) throw new WalletError('BAD_RPC_URL', `"${String(url).slice(0, 80)}" is not an http(s) URL.`)
  if (u.startsWith('http:') && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(u)) {
    throw new WalletError('BAD_RPC_URL', `${u} is not https: only a node on this machine may use plain http.`)
  }
  return u
}

const MAX_RPC_URLS = 8

type NetworkRow = { network: Network; ownRpcUrls: string[]; customRpc: boolean }
const url = text(2000)

export const networksContracts = {
  'networks.list': call(none).returns<NetworkRow[]>(),
  'networks.setRpcUrls': call(v.object({ chainId, urls: v.pipe(v.array(url), v.maxLength(MAX_RPC_URLS, `at most ${MAX_RPC_URLS} RPC URLs per network`)) })).returns<NetworkRow[]>(),
  'networks.checkRpc': call(v.object({ url, chainId: v.optional(chainId) })).returns<{ chainId: number; block: string; ms: number }>(),
  'networks.discover': call(v.object({ l1ChainId: chainId, portal: address, l2RpcUrl: v.optional(url) })).returns<DiscoveredRollup>(),
  'networks.addRollup': call(v.object({ l1ChainId: chainId, portal: address, l2RpcUrl: url, name: text(200), explorerUrl: v.optional(url) })).returns<Network>(),
  'networks.remove': call(v.object({ chainId })).returns<NetworkRow[]>(),
}
export type NetworksCalls = CallsOf<typeof networksContracts>

/** What the layers above must hear of: a network's RPC URLs changed or the network went (the
 *  provider drops the filters it holds on that chain's old node). */
export interface NetworkHooks {
  rpcChanged?(chainId: number): Promise<unknown>
}

export function networksHandlers(wallet: Wallet, hooks: NetworkHooks = {}): Handlers<NetworksCalls> {
  const store = wallet.networks
  const describe = () => store.describe()
  const l1Network = async (chainId: number): Promise<Network> => {
    const n = await store.require(Number(chainId))
    if (n.rollup) throw new WalletError('NOT_AN_L1', `${n.name} is a rollup: the portal lives on its L1.`)
    return n
  }
  return {
    'networks.list': describe,
    'networks.setRpcUrls': async ({ chainId, urls }) => {
      await store.require(Number(chainId))
      const list = urls.map(checkRpcUrl)
      await store.setRpcUrls(Number(chainId), list)
      await hooks.rpcChanged?.(Number(chainId))
      return describe()
    },
    'networks.checkRpc': async ({ url, chainId }) => {
      const u = checkRpcUrl(url)
      const probe: Network = { chainId: 0, name: u, nativeCurrency: ETH, rpcUrls: [u], blockTimeSeconds: 2, source: 'user' }
      const client = publicClientFor(probe, { timeoutMs: 8000 })
      const t0 = Date.now()
      let got: [number, bigint]
      try {
        got = await Promise.all([client.getChainId(), client.getBlockNumber({ cacheTime: 0 })])
      } catch (err) {
        throw new WalletError('RPC_DOWN', `${u} did not answer: ${(err as { shortMessage?: string }).shortMessage ?? (err as Error).message}`)
      }
      const ms = Date.now() - t0
      if (chainId !== undefined && got[0] !== Number(chainId)) throw new WalletError('WRONG_CHAIN', `${u} serves chain ${got[0]}, not ${chainId}.`)
      return { chainId: got[0], block: got[1].toString(), ms }
    },
    'networks.discover': async ({ l1ChainId, portal, l2RpcUrl }) => {
      const l1 = await l1Network(l1ChainId)
      return discoverRollup(l1, String(portal), l2RpcUrl ? { l2RpcUrl: checkRpcUrl(l2RpcUrl) } : {})
    },
    'networks.addRollup': async ({ l1ChainId, portal, l2RpcUrl, name, explorerUrl }) => {
      const l1 = await l1Network(l1ChainId)
      const d = await discoverRollup(l1, String(portal), { l2RpcUrl: checkRpcUrl(l2RpcUrl) })
      const bad = d.checks.find((c) => c.ok === false)
      if (bad) throw new WalletError('DISCOVERY_FAILED', bad.text)
      if (!d.l2 || !d.ok) throw new WalletError('DISCOVERY_FAILED', 'The rollup could not be confirmed from its L1 and its RPC.')
      const existing = await store.get(d.l2.chainId)
      if (existing && existing.source !== 'user') throw new WalletError('KNOWN_CHAIN', `Chain ${d.l2.chainId} is already in the wallet as ${existing.name}.`)
      const label = typeof name === 'string' && name.trim() ? name.trim().slice(0, 40) : `Rollup ${d.l2.chainId}`
      const explorer = typeof explorerUrl === 'string' && /^https:\/\/[^\s]+$/.test(explorerUrl.trim()) ? explorerUrl.trim().replace(/\/+$/, '') : undefined
      const network: Network = {
        chainId: d.l2.chainId,
        name: label,
        nativeCurrency: ETH,
        rpcUrls: [d.l2.rpcUrl],
        ...(explorer ? { explorerUrl: explorer } : {}),
        blockTimeSeconds: d.l2.blockTimeSeconds,
        ...(l1.testnet ? { testnet: true } : {}),
        rollup: rollupInfoOf(d),
        source: 'user',
      }
      await store.put(network)
      return network
    },
    'networks.remove': async ({ chainId }) => {
      const n = await store.require(Number(chainId))
      if (n.source !== 'user') throw new WalletError('BUILTIN_NETWORK', `${n.name} ships with the wallet and cannot be removed; you can change its RPC URLs.`)
      if ((await wallet.settings()).activeChainId === n.chainId) throw new WalletError('ACTIVE_NETWORK', `${n.name} is the active network: switch to another one first.`)
      await store.remove(n.chainId)
      await hooks.rpcChanged?.(n.chainId)
      return describe()
    },
  }
}
