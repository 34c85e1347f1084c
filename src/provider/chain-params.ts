// wallet_addEthereumChain (EIP-3085) and wallet_watchAsset (EIP-747) parameters, checked against
// the chain itself where the chain can say (chain id from each proposed RPC, token metadata from the
// token). These run before the user approved anything: every answer read is small (capped in bytes)
// and short (a timeout), and the caller rations how often a site may make the wallet fetch.
import type { Address } from 'viem'
import { erc20Abi } from '../abi/erc20.ts'
import type { Network } from '../chains/types.ts'
import { isRpcUrl } from '../chains/store.ts'
import { publicClientFor } from '../chains/rpc-client.ts'
import { rpcCall } from '../chains/rpc-raw.ts'
import type { RpcUrlCheck } from '../approvals/types.ts'
import { BODY_LIMITS } from '../util/http.ts'
import { hasHiddenCharacters, printable } from '../util/display.ts'
import { address, chainIdParam, paramsArray, plainObject } from './params.ts'
import { rpcError } from './rpc-errors.ts'

/** At most this many RPC URLs of a proposed network are kept (and each is checked). */
export const MAX_RPC_URLS = 5
export const MAX_URL_CHARS = 2048
export const CHECK_TIMEOUT_MS = 8_000

export function parseAddChain(p: unknown): Network {
  const o = plainObject(p, 'the chain')
  const chainId = chainIdParam(o.chainId)
  const name = typeof o.chainName === 'string' ? o.chainName.trim() : ''
  if (!name) throw rpcError.invalidParams('chainName is required.')
  if (name.length > 64) throw rpcError.invalidParams('chainName must be at most 64 characters.')
  if (hasHiddenCharacters(name)) throw rpcError.invalidParams('chainName holds invisible or text-direction characters.')
  const proposed = Array.isArray(o.rpcUrls) ? o.rpcUrls.slice(0, 50) : []
  const rpcUrls = [...new Set(proposed.filter((u): u is string => typeof u === 'string' && u.length <= MAX_URL_CHARS && isRpcUrl(u)))].slice(0, MAX_RPC_URLS)
  if (!rpcUrls.length) throw rpcError.invalidParams('rpcUrls must hold at least one http(s) URL.')
  const insecure = rpcUrls.find((u) => u.startsWith('http:') && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(u))
  if (insecure) throw rpcError.invalidParams(`${insecure} is not https: only local nodes may use plain http.`)
  const nc = plainObject(o.nativeCurrency, 'nativeCurrency')
  const symbol = typeof nc.symbol === 'string' ? nc.symbol.trim() : ''
  if (!/^[\w.\- ]{1,12}$/.test(symbol)) throw rpcError.invalidParams('nativeCurrency.symbol must be 1 to 12 characters.')
  if (nc.decimals !== 18) throw rpcError.invalidParams('nativeCurrency.decimals must be 18.')
  const explorers = Array.isArray(o.blockExplorerUrls) ? o.blockExplorerUrls.slice(0, 50).filter((u): u is string => typeof u === 'string' && u.length <= MAX_URL_CHARS && /^https:\/\/[^\s]+$/.test(u)) : []
  const currencyName = typeof nc.name === 'string' && nc.name.trim() && !hasHiddenCharacters(nc.name) ? nc.name.trim().slice(0, 32) : symbol
  return {
    chainId,
    name,
    nativeCurrency: { name: currencyName, symbol, decimals: 18 },
    rpcUrls,
    ...(explorers[0] ? { explorerUrl: explorers[0].replace(/\/+$/, '') } : {}),
    blockTimeSeconds: 2,
    source: 'user',
  }
}

/** Asks every proposed RPC URL for its chain id, at once; each answer small and quick. */
export async function checkRpcUrls(n: Network, timeoutMs = CHECK_TIMEOUT_MS): Promise<RpcUrlCheck[]> {
  return Promise.all(
    n.rpcUrls.map(async (url): Promise<RpcUrlCheck> => {
      try {
        const raw = await rpcCall([url], 'eth_chainId', [], { timeoutMs, chainName: n.name, maxBytes: BODY_LIMITS.check })
        if (typeof raw !== 'string' || !/^0x[0-9a-fA-F]{1,13}$/.test(raw)) return { url, chainId: null, problem: 'its answer is not a chain id' }
        const chainId = Number.parseInt(raw, 16)
        return chainId === n.chainId ? { url, chainId } : { url, chainId, problem: `it serves chain ${chainId}` }
      } catch (err) {
        return { url, chainId: null, problem: ((err as Error).message ?? 'no answer').slice(0, 200) }
      }
    }),
  )
}

export async function parseWatchAsset(params: unknown, network: Network): Promise<{ address: Address; symbol: string; decimals: number; name: string | null; image: string | null }> {
  // EIP-747 passes an object; some dApps wrap it in an array
  const p = Array.isArray(params) ? paramsArray(params, 'wallet_watchAsset', 1)[0] : params
  const o = plainObject(p, 'the asset')
  if (o.type !== 'ERC20') throw rpcError.invalidParams('only ERC20 assets can be watched.')
  const opts = plainObject(o.options, 'options')
  const token = address(opts.address, 'options.address')
  const client = publicClientFor(network, { timeoutMs: CHECK_TIMEOUT_MS, maxBytes: BODY_LIMITS.check })
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
  if (!onChain.symbol || onChain.symbol.length > 32 || hasHiddenCharacters(onChain.symbol)) {
    throw rpcError.invalidParams(`the token's symbol on chain is not a readable symbol (empty, over 32 characters, or with invisible characters).`)
  }
  if (onChain.name !== null) onChain.name = onChain.name.slice(0, 64)
  if (opts.symbol !== undefined && opts.symbol !== onChain.symbol) {
    throw rpcError.invalidParams(`the token's symbol on chain is "${onChain.symbol}", not "${printable(opts.symbol)}".`)
  }
  if (opts.decimals !== undefined && Number(opts.decimals) !== onChain.decimals) {
    throw rpcError.invalidParams(`the token has ${onChain.decimals} decimals on chain, not ${printable(opts.decimals)}.`)
  }
  const image = typeof opts.image === 'string' && /^(https:\/\/|data:image\/)/.test(opts.image) && opts.image.length < 64_000 ? opts.image : null
  return { address: token, ...onChain, image }
}
