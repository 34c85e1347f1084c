// A token as the wallet shows it: one entry per asset, with its address on each chain where the
// wallet knows it (L1 and each L2), so PHA on Ethereum and PHA on Phala L2 are one row.
import type { Address } from 'viem'

/** 'native': the chain's own currency (ETH), read with Multicall3.getEthBalance. */
export type TokenAddress = Address | 'native'

export interface TokenDef {
  /** stable id: 'eth', 'pha', 'usdc', … for shipped tokens; `${chainId}:${address}` for the user's own */
  id: string
  symbol: string
  name: string
  decimals: number
  /** chain id -> where the token lives on that chain */
  addresses: Record<number, TokenAddress>
  /**
   * L2 chain ids where this token's address is NOT the standard-bridge representation of its L1
   * address (natively issued USDC, WETH wrapping the L2's own ETH, DAI behind its own bridge on
   * OP Mainnet): a bridge must not pair those two addresses.
   */
  unpairedOn?: number[]
  source: 'builtin' | 'devnet' | 'user'
}

/** The L1 token and the L2 token of one standard-bridge pair. */
export interface TokenPair {
  l1ChainId: number
  l1Token: TokenAddress
  l2ChainId: number
  l2Token: TokenAddress
}
