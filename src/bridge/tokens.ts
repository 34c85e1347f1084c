// What can be bridged between an L2 and its L1: ETH, and each token the wallet knows on both
// sides as a standard-bridge pair (the token registry: one entry per token with its address per
// chain; an entry marked unpaired on an L2 is not a standard-bridge pair there). A token found only
// on the L2 is paired from the standard bridge's own data (OptimismMintableERC20.remoteToken()).
import { getAddress, type Address } from 'viem'
import type { RpcClient } from '../chains/rpc-client.ts'
import { erc20Abi, mintableErc20Abi } from '../abi/erc20.ts'
import type { DevnetManifest } from '../chains/devnet-manifest.ts'
import { readMany, value } from '../rollup/multicall.ts'
import { ETH_TOKEN, type BridgeToken } from './types.ts'

/** The shape of a token registry entry (src/tokens): symbol, decimals, address per chain. */
export interface RegistryToken {
  /** the registry's id ('eth', 'pha', …): what balances are keyed by */
  id?: string
  symbol: string
  decimals: number
  addresses: Record<number, Address | 'native'>
  unpairedOn?: number[]
}

/** A token the screens offer, with the registry id its balances are kept under. */
export type BridgeTokenOption = BridgeToken & { id: string }

export function bridgeTokens(registry: RegistryToken[], l1ChainId: number, l2ChainId: number): BridgeTokenOption[] {
  const out: BridgeTokenOption[] = [{ ...ETH_TOKEN, id: 'eth' }]
  for (const t of registry) {
    const l1 = t.addresses[l1ChainId]
    const l2 = t.addresses[l2ChainId]
    if (!l1 || !l2 || l1 === 'native' || l2 === 'native' || t.unpairedOn?.includes(l2ChainId)) continue
    out.push({ id: t.id ?? t.symbol.toLowerCase(), symbol: t.symbol, decimals: t.decimals, l1: getAddress(l1), l2: getAddress(l2) })
  }
  return out
}

/** PHA and vPHA on the devnet's L1 and L2s, from its manifest (until a registry says more). */
export function devnetRegistry(m: DevnetManifest | null | undefined): RegistryToken[] {
  if (!m) return []
  return (['pha', 'vpha'] as const).flatMap((key) => {
    const addresses: Record<number, Address> = {}
    if (m.l1.contracts[key]) addresses[m.l1.chainId] = m.l1.contracts[key]!
    for (const l2 of m.l2s) if (l2.l2Contracts[key]) addresses[l2.chainId] = l2.l2Contracts[key]!
    return Object.keys(addresses).length > 1 ? [{ id: key, symbol: key === 'pha' ? 'PHA' : 'vPHA', decimals: 18, addresses }] : []
  })
}

/** An L2 token paired by its own bridge data: remoteToken() (or the legacy l1Token()), symbol, decimals. One eth_call. */
export async function pairFromL2Token(l2: Pick<RpcClient, 'multicall'>, l2Token: Address): Promise<BridgeToken | null> {
  const t = getAddress(l2Token)
  const [remote, legacy, symbol, decimals] = await readMany(l2, [
    { address: t, abi: mintableErc20Abi, functionName: 'remoteToken' },
    { address: t, abi: mintableErc20Abi, functionName: 'l1Token' },
    { address: t, abi: erc20Abi, functionName: 'symbol' },
    { address: t, abi: erc20Abi, functionName: 'decimals' },
  ])
  const l1 = value<Address>(remote) ?? value<Address>(legacy)
  const sym = value<string>(symbol)
  const dec = value<number>(decimals)
  if (!l1 || sym === undefined || dec === undefined) return null
  return { symbol: sym, decimals: Number(dec), l1: getAddress(l1), l2: t }
}
