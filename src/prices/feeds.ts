// USD price feeds the wallet ships with: Chainlink aggregators (AggregatorV3Interface: decimals(),
// latestRoundData()) on Ethereum and on the L2s that have them. A feed prices one asset in USD; a
// token is priced by a feed on its chain's L1 family (Ethereum's ETH/USD prices ETH on Ethereum,
// OP Mainnet and Base alike), the first feed that answers wins. A token with no feed shows no fiat
// value: the wallet never guesses a price. Testnet families have no feed: their coins have none.
// Sources: Chainlink's data feed directory (proxy addresses), cross-checked against public
// integrations of the same feeds.
import type { Address } from 'viem'

export interface PriceFeed {
  /** what the feed prices, in the wallet's token ids ('eth' also prices WETH) */
  asset: string
  chainId: number
  address: Address
  /** "ETH / USD" */
  pair: string
}

/** token id -> the asset whose feed prices it (WETH is ETH wrapped one to one). */
export const PRICED_AS: Record<string, string> = { weth: 'eth' }

export const BUILTIN_FEEDS: PriceFeed[] = [
  { asset: 'eth', chainId: 1, address: '0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419', pair: 'ETH / USD' },
  { asset: 'usdc', chainId: 1, address: '0x8fFfFfd4AfB6115b954Bd326cbe7B4BA576818f6', pair: 'USDC / USD' },
  { asset: 'usdt', chainId: 1, address: '0x3E7d1eAB13ad0104d2750B8863b489D65364e32D', pair: 'USDT / USD' },
  { asset: 'dai', chainId: 1, address: '0xAed0c38402a5d19df6E4c03F4E2DceD6e29c1ee9', pair: 'DAI / USD' },
  // the same assets on the L2s: read when Ethereum's RPC does not answer
  { asset: 'eth', chainId: 10, address: '0x13e3Ee699D1909E989722E753853AE30b17e08c5', pair: 'ETH / USD' },
  { asset: 'usdc', chainId: 10, address: '0x16a9FA2FDa030272Ce99B29CF780dFA30361E0f3', pair: 'USDC / USD' },
  { asset: 'eth', chainId: 8453, address: '0x71041dddad3595F9CEd3DcCFBe3D1F4b0a16Bb70', pair: 'ETH / USD' },
  { asset: 'usdc', chainId: 8453, address: '0x7e860098F58bBFC8648a4311b374B1D669a2bc6B', pair: 'USDC / USD' },
]
