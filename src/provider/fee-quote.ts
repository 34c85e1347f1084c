// The fee shown before a transaction is signed. The rollup fee model (src/rollup) plugs in here;
// this default counts execution only and is what non-rollup chains need.
import type { PublicClient } from 'viem'
import type { FeeQuote, PreparedTx } from '../approvals/types.ts'
import type { Network } from '../chains/types.ts'

export type FeeQuoter = (network: Network, client: PublicClient, tx: PreparedTx) => Promise<FeeQuote>

export const executionOnlyQuote: FeeQuoter = async (_network, client, tx) => {
  const block = await client.getBlock({ blockTag: 'latest' })
  const gas = BigInt(tx.gas)
  let price: bigint
  let maxPrice: bigint
  if (tx.type === 'legacy') {
    price = maxPrice = BigInt(tx.gasPrice ?? '0x0')
  } else {
    const maxFee = BigInt(tx.maxFeePerGas ?? '0x0')
    const tip = BigInt(tx.maxPriorityFeePerGas ?? '0x0')
    const base = block.baseFeePerGas ?? 0n
    price = base + tip < maxFee ? base + tip : maxFee
    maxPrice = maxFee
  }
  const execution = gas * price
  return {
    execution: execution.toString(),
    l1Data: '0',
    operator: '0',
    total: execution.toString(),
    max: (gas * maxPrice).toString(),
    opStack: false,
    at: Number(block.timestamp) * 1000,
  }
}
