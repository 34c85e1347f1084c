// The execution part of any fee: the expected gas × the price paid at the next block's base fee
// (likely) and the gas limit × the fee cap (the most). Shared by the Ethereum, OP Stack and Arbitrum quotes.
import type { FeeQuote, PreparedTx } from '../tx/types.ts'
import { baseFeeTrend, ETHEREUM_BASE_FEE_PARAMS, gasPrices, nextBaseFee, type BaseFeeParams, type BaseFeeTrend, type BlockFeeInfo } from './fees-eip1559.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export interface ExecutionPart {
  likely: bigint
  max: bigint
  /** the next block's base fee, null on chains without one */
  nextBaseFee: bigint | null
  trend: BaseFeeTrend | null
  /** ms since epoch of the block it was computed from */
  at: number
}

/** The gas a transaction is expected to use: the wallet's estimate when it signs a limit above it, else the limit. */
export function expectedGas(tx: Pick<PreparedTx, 'gas' | 'gasEstimate'>): bigint {
  const limit = BigInt(tx.gas)
  const est = tx.gasEstimate === undefined ? limit : BigInt(tx.gasEstimate)
  return est < limit ? est : limit
}

/** likely: the expected gas at the next block's price; max: the gas limit at the fee cap. */
export function executionFromBlock(tx: PreparedTx, block: BlockFeeInfo & { timestamp: bigint }, params: BaseFeeParams): ExecutionPart {
  const next = nextBaseFee(block, params)
  const price = gasPrices(tx, next)
  return {
    likely: expectedGas(tx) * price.likely,
    max: BigInt(tx.gas) * price.cap,
    nextBaseFee: next,
    trend: next !== null && block.baseFeePerGas !== null ? baseFeeTrend(block.baseFeePerGas, next) : null,
    at: Number(block.timestamp) * 1000,
  }
}

/** Ethereum and every chain without an L1 data fee: execution only, at the predicted base fee. */
export async function eip1559Quote(client: Pick<RpcClient, 'getBlock'>, tx: PreparedTx): Promise<FeeQuote> {
  const block = await client.getBlock({ blockTag: 'latest' })
  const exec = executionFromBlock(tx, block, ETHEREUM_BASE_FEE_PARAMS)
  return {
    execution: exec.likely.toString(),
    l1Data: '0',
    operator: '0',
    total: exec.likely.toString(),
    max: exec.max.toString(),
    opStack: false,
    at: exec.at,
    ...(exec.trend ? { baseFeeTrend: exec.trend } : {}),
  }
}
