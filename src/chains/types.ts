// A network the wallet can talk to. Rollups are described by data (their L1 and portal), never by
// code paths per chain: what a rollup is and which proof system it uses is discovered on chain.
import type { Address } from 'viem'

export interface NativeCurrency {
  name: string
  symbol: string
  decimals: number
}

export interface RollupInfo {
  stack: 'op'
  /** chain id of the L1 it settles to */
  l1ChainId: number
  /** OptimismPortal (legacy) or OptimismPortal2 on the L1: the one address everything else is discovered from */
  portal: Address
  l1StandardBridge?: Address
  systemConfig?: Address
  disputeGameFactory?: Address
  l2OutputOracle?: Address
}

export interface Network {
  chainId: number
  name: string
  nativeCurrency: NativeCurrency
  /** tried in order; the next one is used when one fails */
  rpcUrls: string[]
  explorerUrl?: string
  testnet?: boolean
  /** seconds between blocks, for time estimates */
  blockTimeSeconds: number
  rollup?: RollupInfo
  /** probed: the chain has the OP Stack GasPriceOracle predeploy (L1 data fees apply) */
  opStack?: boolean
  /** contracts clients look up by role: ENS's universal resolver (names resolve on the chains that have one) */
  contracts?: { ensUniversalResolver?: Address }
  /** where this entry came from: shipped with the wallet, the local devnet, or added by the user */
  source: 'builtin' | 'devnet' | 'user'
}

export const ETH: NativeCurrency = { name: 'Ether', symbol: 'ETH', decimals: 18 }
