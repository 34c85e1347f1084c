// USD prices as screens use them: the 'prices' topic (read from on-chain feeds by the background,
// pushed from its cache at once, read again each minute while a screen follows it).
import type { PriceBook } from '../../src/prices/book.ts'
import { priceIn, type Price } from '../../src/prices/book.ts'
import { useTopic } from './topic.ts'
import type { UsdPrice } from './amount.ts'

export function usePrices(): PriceBook | null {
  return useTopic('prices', null).value
}

/** A token's price in an L1 family, or null (no feed: no fiat, never a guess). */
export function usdPrice(book: PriceBook | null, l1ChainId: number, tokenId: string): (UsdPrice & Price) | null {
  return priceIn(book, l1ChainId, tokenId)
}

/** The L1 a chain settles to (itself for an L1), from any list that knows rollups. */
export function l1Of(chains: { chainId: number; l1ChainId?: number | null; rollup?: { l1ChainId: number } | undefined }[], chainId: number): number {
  const c = chains.find((x) => x.chainId === chainId)
  return c?.rollup?.l1ChainId ?? c?.l1ChainId ?? chainId
}
