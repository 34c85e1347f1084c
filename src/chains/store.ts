// The networks the wallet knows: shipped ones, the local devnet's, and the user's own. The user
// may replace the RPC URLs of any network with an ordered list of their own (tried in that
// order, the next one when one fails); clearing the list restores the network's own URLs.
// Persisted in storage.local.
import type { KV } from '../storage/kv.ts'
import { WalletError } from '../errors.ts'
import type { Network } from './types.ts'

export const NETWORK_KEYS = {
  user: 'networks.user',
  rpcOverrides: 'networks.rpcOverrides',
} as const

export class NetworkStore {
  constructor(
    private readonly kv: KV,
    private readonly shipped: Network[],
  ) {}

  async list(): Promise<Network[]> {
    return (await this.describe()).map((d) => d.network)
  }

  /** Every network with its own RPC URLs (before the user's list replaced them). */
  async describe(): Promise<{ network: Network; ownRpcUrls: string[]; customRpc: boolean }[]> {
    const got = await this.kv.getMany([NETWORK_KEYS.user, NETWORK_KEYS.rpcOverrides])
    const user = Array.isArray(got[NETWORK_KEYS.user]) ? (got[NETWORK_KEYS.user] as Network[]).filter(isNetwork) : []
    const overrides = isRecord(got[NETWORK_KEYS.rpcOverrides]) ? (got[NETWORK_KEYS.rpcOverrides] as Record<string, unknown>) : {}
    const byId = new Map<number, Network>()
    for (const n of [...this.shipped, ...user]) byId.set(n.chainId, n)
    return [...byId.values()].map((n) => {
      const custom = overrides[String(n.chainId)]
      const urls = Array.isArray(custom) ? [...new Set(custom.filter((u): u is string => typeof u === 'string' && isRpcUrl(u)))] : []
      return urls.length ? { network: { ...n, rpcUrls: urls }, ownRpcUrls: n.rpcUrls, customRpc: true } : { network: n, ownRpcUrls: n.rpcUrls, customRpc: false }
    })
  }

  async get(chainId: number): Promise<Network | undefined> {
    return (await this.list()).find((n) => n.chainId === chainId)
  }

  async require(chainId: number): Promise<Network> {
    const n = await this.get(chainId)
    if (!n) throw new WalletError('UNKNOWN_CHAIN', `The wallet does not know chain ${chainId}. Add it in Settings → Networks first.`)
    return n
  }

  /** Adds or replaces a user network. */
  async put(network: Network): Promise<void> {
    if (!isNetwork(network)) throw new WalletError('BAD_NETWORK', 'That network description is incomplete.')
    const user = ((await this.kv.get<Network[]>(NETWORK_KEYS.user)) ?? []).filter((n) => isNetwork(n) && n.chainId !== network.chainId)
    await this.kv.set({ [NETWORK_KEYS.user]: [...user, { ...network, source: 'user' }] })
  }

  async remove(chainId: number): Promise<void> {
    const user = ((await this.kv.get<Network[]>(NETWORK_KEYS.user)) ?? []).filter((n) => isNetwork(n) && n.chainId !== chainId)
    await this.kv.set({ [NETWORK_KEYS.user]: user })
  }

  /** The user's RPC URLs for a chain, in fallback order, instead of its own; [] restores its own. */
  async setRpcUrls(chainId: number, urls: string[]): Promise<void> {
    const bad = urls.find((u) => !isRpcUrl(u))
    if (bad !== undefined) throw new WalletError('BAD_RPC_URL', `"${bad}" is not an http(s) URL.`)
    const all = (await this.kv.get<Record<string, string[]>>(NETWORK_KEYS.rpcOverrides)) ?? {}
    const next: Record<string, string[]> = { ...(isRecord(all) ? all : {}) }
    if (urls.length) next[String(chainId)] = [...new Set(urls)]
    else delete next[String(chainId)]
    await this.kv.set({ [NETWORK_KEYS.rpcOverrides]: next })
  }
}

export function isRpcUrl(u: string): boolean {
  try {
    const url = new URL(u)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

function isNetwork(n: unknown): n is Network {
  if (!isRecord(n)) return false
  return (
    Number.isSafeInteger(n.chainId) &&
    (n.chainId as number) > 0 &&
    typeof n.name === 'string' &&
    Array.isArray(n.rpcUrls) &&
    n.rpcUrls.length > 0 &&
    n.rpcUrls.every((u) => typeof u === 'string') &&
    isRecord(n.nativeCurrency) &&
    typeof n.blockTimeSeconds === 'number'
  )
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === 'object' && !Array.isArray(x)
}
