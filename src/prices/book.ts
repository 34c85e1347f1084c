// A book of USD prices as the screens read it (pure: the popup bundles it without the reader).
import { l1ChainOf } from '../chains/family.ts'
import { PRICED_AS } from './feeds.ts'

export interface Price {
  /** USD with `decimals` decimals (decimal string) */
  answer: string
  decimals: number
  /** ms since epoch of the feed's own last update (its age) */
  updatedAt: number
  /** "ETH / USD" on chain <chainId> at <address> */
  pair: string
  chainId: number
  feed: string
  /** ms since epoch when the wallet read it */
  readAt: number
}

/** `${l1ChainId}:${asset}` -> the asset's USD price in that L1 family. */
export interface PriceBook {
  v: 1
  prices: Record<string, Price>
  /** L1 chain id -> the last read's failure, when every feed chain of the family failed */
  errors: Record<string, { message: string; at: number }>
}

export const priceKey = (l1ChainId: number, asset: string) => `${l1ChainId}:${asset}`

/** The price of `tokenId` on `chainId` (any chain of the family), or null: no feed, no price. */
export function priceOf(book: PriceBook | null | undefined, networks: { chainId: number; rollup?: { l1ChainId: number } | undefined }[], chainId: number, tokenId: string): Price | null {
  if (!book) return null
  const n = networks.find((x) => x.chainId === chainId)
  const l1 = n ? l1ChainOf(n) : chainId
  return book.prices[priceKey(l1, PRICED_AS[tokenId] ?? tokenId)] ?? null
}


/** The price of `tokenId` in the family of the L1 `l1ChainId`, or null. */
export function priceIn(book: PriceBook | null | undefined, l1ChainId: number, tokenId: string): Price | null {
  return book?.prices[priceKey(l1ChainId, PRICED_AS[tokenId] ?? tokenId)] ?? null
}
