// wallet_addEthereumChain (EIP-3085) and wallet_watchAsset (EIP-747) parameters, checked against
// the chain itself where the chain can say (chain id from the RPC, token metadata from the token).
import type { Address } from 'viem'
import { erc20Abi } from '../abi/erc20.ts'
import type { Network } from '../chains/types.ts'
import { isRpcUrl } from '../chains/store.ts'
import { publicClientFor } from '../chains/rpc-client.ts'
import { address, chainIdParam, paramsArray, plainObject } from './params.ts'
import { rpcError } from './rpc-errors.ts'

export function parseAddChain(p: unknown): Network {
  const o = plainObject(p, 'the chain')
  const chainId = chainIdParam(o.chainId)
  const name = typeof o.chainName === 'string' ? o.chainName.trim().slice(0, 64) : ''
  if (!name) throw rpcError.invalidParams('chainName is required.')
  const rpcUrls = Array.isArray(o.rpcUrls) ? o.rpcUrls.filter((u): u is string => typeof u === 'string' && isRpcUrl(u)).slice(0, 5) : []
  if (!rpcUrls.length) throw rpcError.invalidParams('rpcUrls must hold at least one http(s) URL.')
  const insecure = rpcUrls.find((u) => u.startsWith('http:') && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(u))
  if (insecure) throw rpcError.invalidParams(`${insecure} is not https: only local nodes may use plain http.`)
  const nc = plainObject(o.nativeCurrency, 'nativeCurrency')
  const symbol = typeof nc.symbol === 'string' ? nc.symbol.trim() : ''
  if (!/^[\w.\- ]{1,12}$/.test(symbol)) throw rpcError.invalidParams('nativeCurrency.symbol must be 1 to 12 characters.')
  if (nc.decimals !== 18) throw rpcError.invalidParams('nativeCurrency.decimals must be 18.')
  const explorers = Array.isArray(o.blockExplorerUrls) ? o.blockExplorerUrls.filter((u): u is string => typeof u === 'string' && /^https:\/\//.test(u)) : []
  return {
    chainId,
    name,
    nativeCurrency: { name: typeof nc.name === 'string' ? nc.name.slice(0, 32) : symbol, symbol, decimals: 18 },
    rpcUrls,
    ...(explorers[0] ? { explorerUrl: explorers[0].replace(/\/+$/, '') } : {}),
    blockTimeSeconds: 2,
    source: 'user',
  }
}

export async function parseWatchAsset(params: unknown, network: Network): Promise<{ address: Address; symbol: string; decimals: number; name: string | null; image: string | null }> {
  // EIP-747 passes an object; some dApps wrap it in an array
  const p = Array.isArray(params) ? paramsArray(params, 'wallet_watchAsset', 1)[0] : params
  const o = plainObject(p, 'the asset')
  if (o.type !== 'ERC20') throw rpcError.invalidParams('only ERC20 assets can be watched.')
  const opts = plainObject(o.options, 'options')
  const token = address(opts.address, 'options.address')
  const client = publicClientFor(network)
  let onChain: { symbol: string; decimals: number; name: string | null }
  try {
    const [symbol, decimals, name] = await Promise.all([
      client.readContract({ address: token, abi: erc20Abi, functionName: 'symbol' }),
      client.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }),
      client.readContract({ address: token, abi: erc20Abi, functionName: 'name' }).catch(() => null),
    ])
    onChain = { symbol, decimals: Number(decimals), name }
  } catch {
    throw rpcError.invalidParams(`${token} is not an ERC-20 token on ${network.name}.`)
  }
  if (opts.symbol !== undefined && opts.symbol !== onChain.symbol) {
    throw rpcError.invalidParams(`the token's symbol on chain is "${onChain.symbol}", not "${String(opts.symbol)}".`)
  }
  if (opts.decimals !== undefined && Number(opts.decimals) !== onChain.decimals) {
    throw rpcError.invalidParams(`the token has ${onChain.decimals} decimals on chain, not ${String(opts.decimals)}.`)
  }
  const image = typeof opts.image === 'string' && /^(https:\/\/|data:image\/)/.test(opts.image) && opts.image.length < 64_000 ? opts.image : null
  return { address: token, ...onChain, image }
}
