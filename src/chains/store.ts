// The networks the wallet knows: shipped ones, the local devnet's, and the user's own, with the
// user's RPC URLs in front of the shipped ones. Persisted in storage.local.
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
    const got = await this.kv.getMany([NETWORK_KEYS.user, NETWORK_KEYS.rpcOverrides])
    const user = Array.isArray(got[NETWORK_KEYS.user]) ? (got[NETWORK_KEYS.user] as Network[]).filter(isNetwork) : []
    const overrides = isRecord(got[NETWORK_KEYS.rpcOverrides]) ? (got[NETWORK_KEYS.rpcOverrides] as Record<string, unknown>) : {}
    const byId = new Map<number, Network>()
    for (const n of [...this.shipped, ...user]) byId.set(n.chainId, n)
    return [...byId.values()].map((n) => {
      const extra = overrides[String(n.chainId)]
      if (!Array.isArray(extra)) return n
      const urls = extra.filter((u): u is string => typeof u === 'string' && isRpcUrl(u))
      return { ...n, rpcUrls: [...new Set([...urls, ...n.rpcUrls])] }
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

  /** The user's RPC URLs for a chain, tried before the shipped ones. */
  async setRpcUrls(chainId: number, urls: string[]): Promise<void> {
    const bad = urls.find((u) => !isRpcUrl(u))
    if (bad !== undefined) throw new WalletError('BAD_RPC_URL', `"${bad}" is not an http(s) URL.`)
    const all = (await this.kv.get<Record<string, string[]>>(NETWORK_KEYS.rpcOverrides)) ?? {}
    await this.kv.set({ [NETWORK_KEYS.rpcOverrides]: { ...(isRecord(all) ? all : {}), [String(chainId)]: urls } })
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
