// Reads Chainlink-style feeds (AggregatorV3Interface) on one chain in one request: decimals() and
// latestRoundData() of every feed through Multicall3. A feed that reverts, answers zero or less, or
// is not a contract yields nothing for that feed; the chain failing fails the whole read.
import { getAddress, parseAbi, type Address } from 'viem'
import type { RpcClient } from '../chains/rpc-client.ts'

export const aggregatorV3Abi = parseAbi([
  'function decimals() view returns (uint8)',
  'function description() view returns (string)',
  'function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)',
])

export interface FeedReading {
  address: Address
  /** the price with `decimals` decimals (decimal string) */
  answer: string
  decimals: number
  /** seconds since epoch (the chain's clock) of the feed's last update */
  updatedAt: number
}

export async function readFeeds(client: Pick<RpcClient, 'multicall'>, feeds: Address[]): Promise<(FeedReading | null)[]> {
  if (!feeds.length) return []
  const contracts = feeds.flatMap((address) => [
    { address, abi: aggregatorV3Abi, functionName: 'decimals' } as const,
    { address, abi: aggregatorV3Abi, functionName: 'latestRoundData' } as const,
  ])
  const got = await client.multicall({ contracts, allowFailure: true })
  // every call failing the same way is the chain not answering, not the feeds
  if (got.every((g) => g.status === 'failure')) throw (got[0] as { error: Error }).error
  return feeds.map((address, i) => {
    const d = got[2 * i]
    const r = got[2 * i + 1]
    if (d?.status !== 'success' || r?.status !== 'success') return null
    const [, answer, , updatedAt] = r.result as readonly [bigint, bigint, bigint, bigint, bigint]
    if (answer <= 0n || updatedAt === 0n) return null
    return { address: getAddress(address), answer: answer.toString(), decimals: Number(d.result), updatedAt: Number(updatedAt) }
  })
}
