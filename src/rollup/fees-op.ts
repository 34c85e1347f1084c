// OP Stack fees: L2 execution + L1 data fee + operator fee.
// The L1 data fee is what the chain's own GasPriceOracle says for the transaction as it will be
// signed: the unsigned EIP-2718 serialization with the real nonce, gas limit and fee caps (the
// oracle adds its own allowance for the signature). The operator fee (Isthmus) is the oracle's
// getOperatorFee of the gas used: the expected gas for the likely figure, the gas limit for the
// most; chains whose oracle has no such function pay none.
import { serializeTransaction } from 'viem'
import type { FeeQuote, PreparedTx } from '../tx/types.ts'
import { toViemTx } from '../tx/prepare.ts'
import { GAS_PRICE_ORACLE } from '../chains/predeploys.ts'
import { gasPriceOracleAbi } from './fees-detect.ts'
import { OP_CANYON_BASE_FEE_PARAMS, opBaseFeeParams } from './fees-eip1559.ts'
import { executionFromBlock, expectedGas } from './fees-execution.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

/**
 * The L1 data fee can rise between the quote and inclusion: the L2 follows the L1 base fee and blob
 * base fee, each of which rises at most 12.5% per L1 block. The maximum reserves two L1 blocks of
 * the steepest rise (1.125² ≈ 1.266) plus 1% for the oracle's signature allowance: 128%.
 */
export const L1_FEE_MAX_PERCENT = 128n

export type OpReadClient = Pick<RpcClient, 'getBlock' | 'readContract'>

/** The unsigned serialization the GasPriceOracle prices: the transaction exactly as it will be signed. */
export function unsignedSerialized(tx: PreparedTx): `0x${string}` {
  return serializeTransaction(toViemTx(tx))
}

export async function opStackQuote(client: OpReadClient, tx: PreparedTx, opts: { operatorFee: boolean }): Promise<FeeQuote> {
  const gas = BigInt(tx.gas)
  const expected = expectedGas(tx)
  const operatorFee = (g: bigint) => (opts.operatorFee ? client.readContract({ address: GAS_PRICE_ORACLE, abi: gasPriceOracleAbi, functionName: 'getOperatorFee', args: [g] }) : Promise.resolve(0n))
  // one JSON-RPC batch: the transport batches requests made in the same tick
  const [block, l1Fee, operator, operatorMax] = await Promise.all([
    client.getBlock({ blockTag: 'latest' }),
    client.readContract({ address: GAS_PRICE_ORACLE, abi: gasPriceOracleAbi, functionName: 'getL1Fee', args: [unsignedSerialized(tx)] }),
    operatorFee(expected),
    expected === gas ? null : operatorFee(gas),
  ])
  const exec = executionFromBlock(tx, block, opBaseFeeParams(block.extraData) ?? OP_CANYON_BASE_FEE_PARAMS)
  const total = exec.likely + l1Fee + operator
  const max = exec.max + (l1Fee * L1_FEE_MAX_PERCENT) / 100n + (operatorMax ?? operator)
  return {
    execution: exec.likely.toString(),
    l1Data: l1Fee.toString(),
    operator: operator.toString(),
    total: total.toString(),
    max: max.toString(),
    opStack: true,
    at: exec.at,
    ...(exec.trend ? { baseFeeTrend: exec.trend } : {}),
  }
}
