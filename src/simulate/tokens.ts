// What a contract is, read from the chain in one eth_call (Multicall3) for many at once: an ERC-20
// (symbol, name, decimals, total supply), an ERC-721 or ERC-1155 collection (ERC-165), or something
// else. Remembered per chain for the worker's lifetime: a token's symbol and decimals do not change.
import { getAddress, parseAbi, type Address } from 'viem'
import { readMany, value } from '../rollup/multicall.ts'
import type { TokenMeta } from './types.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

const metaAbi = parseAbi([
  'function symbol() view returns (string)',
  'function name() view returns (string)',
  'function decimals() view returns (uint8)',
  'function totalSupply() view returns (uint256)',
  'function supportsInterface(bytes4 id) view returns (bool)',
])

export interface TokenInfo extends TokenMeta {
  totalSupply: string | null
}

const cache = new Map<string, TokenInfo>()

export async function tokenInfo(client: Pick<RpcClient, 'multicall'>, chainId: number, addresses: Address[]): Promise<Record<string, TokenInfo>> {
  const out: Record<string, TokenInfo> = {}
  const missing: Address[] = []
  for (const a of new Set(addresses.map((x) => getAddress(x)))) {
    const hit = cache.get(`${chainId}:${a}`)
    if (hit) out[a] = hit
    else missing.push(a)
  }
  if (!missing.length) return out
  const reads = missing.flatMap((address) => [
    { address, abi: metaAbi, functionName: 'symbol' },
    { address, abi: metaAbi, functionName: 'name' },
    { address, abi: metaAbi, functionName: 'decimals' },
    { address, abi: metaAbi, functionName: 'totalSupply' },
    { address, abi: metaAbi, functionName: 'supportsInterface', args: ['0x80ac58cd'] },
    { address, abi: metaAbi, functionName: 'supportsInterface', args: ['0xd9b67a26'] },
  ])
  const res = await readMany(client, reads)
  missing.forEach((address, i) => {
    const r = res.slice(i * 6, i * 6 + 6)
    const symbol = value<string>(r[0])
    const name = value<string>(r[1])
    const decimals = value<number>(r[2])
    const supply = value<bigint>(r[3])
    const is721 = value<boolean>(r[4]) === true
    const is1155 = value<boolean>(r[5]) === true
    const kind: TokenMeta['kind'] = is721 ? 'erc721' : is1155 ? 'erc1155' : decimals !== undefined && symbol !== undefined ? 'erc20' : 'unknown'
    const info: TokenInfo = {
      address,
      kind,
      symbol: symbol === undefined ? null : String(symbol).slice(0, 16),
      name: name === undefined ? null : String(name).slice(0, 64),
      decimals: decimals === undefined || kind !== 'erc20' ? null : Number(decimals),
      totalSupply: supply === undefined ? null : supply.toString(),
    }
    cache.set(`${chainId}:${address}`, info)
    out[address] = info
  })
  return out
}

/** The metadata without the supply, as screens get it. */
export function metaOf(t: TokenInfo): TokenMeta {
  return { address: t.address, kind: t.kind, symbol: t.symbol, name: t.name, decimals: t.decimals }
}

/** Forgets the token metadata read so far (the bench measures a cold start). */
export function forgetTokenInfo(): void {
  cache.clear()
}
