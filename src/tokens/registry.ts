// The token registry: one entry per token with its address per chain, built from the shipped
// tokens, the devnet's, the native currency of each network and the tokens the user added. A
// user token on an L2 that knows its L1 token (OptimismMintableERC20 `remoteToken()` /
// `l1Token()`, read when it was added) joins the entry of that L1 token, so it shows in the same
// row and the Bridge screen finds the pair.
import type { Address } from 'viem'
import type { Network } from '../chains/types.ts'
import type { UserToken } from './user-tokens.ts'
import type { TokenAddress, TokenDef, TokenPair } from './types.ts'
import { sameAddress } from '../util/address.ts'

export const ETH_TOKEN_ID = 'eth'

const same = (a: TokenAddress | undefined, b: TokenAddress | undefined) => !!a && !!b && (a === b || sameAddress(a, b))

export function buildRegistry(networks: Network[], shipped: TokenDef[], user: UserToken[] = []): TokenDef[] {
  const known = new Set(networks.map((n) => n.chainId))
  const byId = new Map<string, TokenDef>()
  const put = (t: TokenDef) => {
    const prev = byId.get(t.id)
    if (!prev) {
      byId.set(t.id, { ...t, addresses: { ...t.addresses }, ...(t.unpairedOn ? { unpairedOn: [...t.unpairedOn] } : {}) })
      return
    }
    Object.assign(prev.addresses, t.addresses)
    if (t.unpairedOn) prev.unpairedOn = [...new Set([...(prev.unpairedOn ?? []), ...t.unpairedOn])]
  }

  // native currencies first: ETH leads every list
  for (const n of networks) {
    const c = n.nativeCurrency
    const isEth = c.symbol === 'ETH' && c.decimals === 18
    put({ id: isEth ? ETH_TOKEN_ID : `native:${c.symbol}`, symbol: c.symbol, name: isEth ? 'Ether' : c.name, decimals: c.decimals, addresses: { [n.chainId]: 'native' }, source: 'builtin' })
  }
  for (const t of shipped) put(t)

  const l1Of = new Map(networks.map((n) => [n.chainId, n.rollup?.l1ChainId]))
  // L1 tokens first, so an L2 token can join the user's own L1 token
  const isL2 = (u: UserToken) => (l1Of.get(u.chainId) === undefined ? 0 : 1)
  const ordered = [...user].sort((a, b) => isL2(a) - isL2(b))
  for (const u of ordered) {
    const all = [...byId.values()]
    if (all.some((t) => same(t.addresses[u.chainId], u.address))) continue
    const l1ChainId = l1Of.get(u.chainId)
    const l1Token = u.l1Token
    if (l1ChainId !== undefined && l1Token) {
      const host = all.find((t) => same(t.addresses[l1ChainId], l1Token) && t.addresses[u.chainId] === undefined && t.decimals === u.decimals)
      if (host) {
        host.addresses[u.chainId] = u.address
        continue
      }
    }
    put({
      id: `${u.chainId}:${u.address.toLowerCase()}`,
      symbol: u.symbol,
      name: u.name ?? u.symbol,
      decimals: u.decimals,
      addresses: l1ChainId !== undefined && l1Token ? { [l1ChainId]: l1Token, [u.chainId]: u.address } : { [u.chainId]: u.address },
      source: 'user',
    })
  }

  // only chains the wallet knows
  const out: TokenDef[] = []
  for (const t of byId.values()) {
    const addresses = Object.fromEntries(Object.entries(t.addresses).filter(([id]) => known.has(Number(id))))
    if (Object.keys(addresses).length) out.push({ ...t, addresses })
  }
  return out
}

/** The tokens to read on one chain, with their address there. */
export function tokensOn(registry: TokenDef[], chainId: number): { token: TokenDef; address: TokenAddress }[] {
  return registry.flatMap((token) => (token.addresses[chainId] ? [{ token, address: token.addresses[chainId] }] : []))
}

/** The registry entry that holds `address` on `chainId`. */
export function findToken(registry: TokenDef[], chainId: number, address: TokenAddress): TokenDef | undefined {
  return registry.find((t) => same(t.addresses[chainId], address))
}

/**
 * The standard-bridge pair of a token between an L2 and its L1, from either side; null when the
 * wallet knows no pair (the token is not on the other chain, or its address there is not the
 * standard-bridge representation: native USDC, WETH, DAI on OP Mainnet).
 */
export function bridgePair(registry: TokenDef[], networks: Network[], q: { chainId: number; address: TokenAddress; otherChainId: number }): TokenPair | null {
  const here = networks.find((n) => n.chainId === q.chainId)
  const there = networks.find((n) => n.chainId === q.otherChainId)
  const l2 = here?.rollup?.l1ChainId === q.otherChainId ? here : there?.rollup?.l1ChainId === q.chainId ? there : undefined
  if (!l2 || !l2.rollup) return null
  const token = findToken(registry, q.chainId, q.address)
  const other = token?.addresses[q.otherChainId]
  if (!token || !other || token.unpairedOn?.includes(l2.chainId)) return null
  const l1Side = l2.chainId === q.chainId ? { chainId: q.otherChainId, address: other } : { chainId: q.chainId, address: q.address }
  const l2Side = l2.chainId === q.chainId ? { chainId: q.chainId, address: q.address } : { chainId: q.otherChainId, address: other }
  return { l1ChainId: l1Side.chainId, l1Token: l1Side.address, l2ChainId: l2Side.chainId, l2Token: l2Side.address }
}

/** Shorthand for the Bridge screen: the L2 token of an L1 token (null when none is known). */
export function l2TokenFor(registry: TokenDef[], networks: Network[], l1ChainId: number, l1Token: TokenAddress, l2ChainId: number): TokenAddress | null {
  return bridgePair(registry, networks, { chainId: l1ChainId, address: l1Token, otherChainId: l2ChainId })?.l2Token ?? null
}

/** Shorthand for withdrawals: the L1 token of an L2 token (null when none is known). */
export function l1TokenFor(registry: TokenDef[], networks: Network[], l2ChainId: number, l2Token: TokenAddress): Address | 'native' | null {
  const l1 = networks.find((n) => n.chainId === l2ChainId)?.rollup?.l1ChainId
  if (l1 === undefined) return null
  return bridgePair(registry, networks, { chainId: l2ChainId, address: l2Token, otherChainId: l1 })?.l1Token ?? null
}
