// Reads a token from its chain: symbol, name, decimals, and on an OP Stack L2 the L1 token it is
// the standard-bridge representation of (OptimismMintableERC20 `remoteToken()`, legacy
// L2StandardERC20 `l1Token()`), accepted only when the token names the L2StandardBridge predeploy
// as its bridge. All reads go out together (one JSON-RPC batch).
import { getAddress, isAddress, parseAbi, type Address } from 'viem'
import { erc20Abi, mintableErc20Abi } from '../abi/erc20.ts'
import { WalletError } from '../errors.ts'
import type { Network } from '../chains/types.ts'
import { L2_STANDARD_BRIDGE } from '../chains/predeploys.ts'
import { publicClientFor } from '../chains/rpc-client.ts'
import { sameAddress } from '../util/address.ts'

/** The older L2StandardERC20 names its bridge l2Bridge(); some versions also have BRIDGE(). */
const bridgeGetters = parseAbi(['function l2Bridge() view returns (address)', 'function BRIDGE() view returns (address)'])

export interface TokenLookup {
  chainId: number
  address: Address
  symbol: string
  name: string | null
  decimals: number
  /** on an L2: its L1 token through the standard bridge, or null */
  l1Token: Address | null
}

export const LOOKUP_TIMEOUT_MS = 8000

export async function lookupToken(network: Network, address: string): Promise<TokenLookup> {
  if (!isAddress(address, { strict: false })) throw new WalletError('BAD_ADDRESS', 'That is not a token address (0x followed by 40 hex digits).')
  const token = getAddress(address)
  const client = publicClientFor(network, { timeoutMs: LOOKUP_TIMEOUT_MS })
  const read = <T>(abi: readonly unknown[], functionName: string): Promise<T | null> =>
    (client.readContract({ address: token, abi: abi as typeof erc20Abi, functionName: functionName as 'symbol' }) as Promise<T>).catch(() => null)
  const rollup = !!network.rollup
  const [symbol, name, decimals, remoteToken, l1Token, bridge, l2Bridge, BRIDGE] = await Promise.all([
    read<string>(erc20Abi, 'symbol'),
    read<string>(erc20Abi, 'name'),
    read<number>(erc20Abi, 'decimals'),
    rollup ? read<Address>(mintableErc20Abi, 'remoteToken') : null,
    rollup ? read<Address>(mintableErc20Abi, 'l1Token') : null,
    rollup ? read<Address>(mintableErc20Abi, 'bridge') : null,
    rollup ? read<Address>(bridgeGetters, 'l2Bridge') : null,
    rollup ? read<Address>(bridgeGetters, 'BRIDGE') : null,
  ])
  if (symbol === null || decimals === null) {
    const reachable = await client.getCode({ address: token }).then(
      () => true,
      () => false,
    )
    if (!reachable) throw new WalletError('RPC_DOWN', `${network.name} did not answer; try again or check its RPC URL in Settings → Networks.`)
    throw new WalletError('NOT_A_TOKEN', `${token} is not an ERC-20 token on ${network.name}.`)
  }
  const viaStandardBridge = [bridge, l2Bridge, BRIDGE].some((b) => !!b && sameAddress(b, L2_STANDARD_BRIDGE))
  const remote = remoteToken ?? l1Token
  return {
    chainId: network.chainId,
    address: token,
    symbol: String(symbol).slice(0, 16),
    name: name === null ? null : String(name).slice(0, 64),
    decimals: Number(decimals),
    l1Token: viaStandardBridge && remote && remote !== '0x0000000000000000000000000000000000000000' ? getAddress(remote) : null,
  }
}
