// The devnet's own USD feed (the same AggregatorV3Interface as Chainlink's, on its L1): it prices
// the devnet's ETH, so fiat values are tested end to end. Its PHA has no feed, like mainnet's.
import type { DevnetManifest } from '../chains/devnet-manifest.ts'
import type { PriceFeed } from './feeds.ts'

export function devnetFeeds(m: DevnetManifest | null | undefined): PriceFeed[] {
  const a = m?.l1.contracts.ethUsdFeed
  return m && a ? [{ asset: 'eth', chainId: m.l1.chainId, address: a, pair: 'ETH / USD' }] : []
}
