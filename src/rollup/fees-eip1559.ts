// EIP-1559 execution fees: the base fee of the next block, predicted from the latest block exactly
// as the protocol computes it, and what a transaction with given fee caps pays at that base fee.
// Ethereum uses the EIP-1559 constants; OP Stack chains carry their own in the block header
// (Holocene: extraData = 0x00 ‖ denominator u32 ‖ elasticity u32; Jovian: 0x01 ‖ … ‖ minBaseFee u64),
// and before Holocene use the Canyon defaults. Since Jovian the base fee follows the larger of the
// parent's gas used and its blobGasUsed, which then carries the block's data-availability footprint:
// after a block full of calldata the base fee rises although little gas was used.
import { hexToBigInt, type Hex } from 'viem'
import type { PreparedTx } from '../tx/types.ts'

export interface BaseFeeParams {
  denominator: bigint
  elasticity: bigint
  minBaseFee: bigint
  /** Jovian: the parent's DA footprint (header blobGasUsed) counts as gas used when it is larger */
  daFootprint?: boolean
}

export const ETHEREUM_BASE_FEE_PARAMS: BaseFeeParams = { denominator: 8n, elasticity: 2n, minBaseFee: 0n }
/** OP Stack since Canyon, when the header does not say otherwise (OP Mainnet, Base before Holocene) */
export const OP_CANYON_BASE_FEE_PARAMS: BaseFeeParams = { denominator: 250n, elasticity: 6n, minBaseFee: 0n }

export type BaseFeeTrend = 'rising' | 'falling' | 'steady'

export interface BlockFeeInfo {
  baseFeePerGas: bigint | null
  gasUsed: bigint
  gasLimit: bigint
  extraData?: Hex
  /** Jovian: the block's DA footprint */
  blobGasUsed?: bigint | null
}

/** The OP Stack base-fee parameters the header announces, or null (pre-Holocene header, or not OP). */
export function opBaseFeeParams(extraData: Hex | undefined): BaseFeeParams | null {
  if (!extraData) return null
  const bytes = (extraData.length - 2) / 2
  const version = extraData.slice(2, 4)
  if (!((version === '00' && bytes === 9) || (version === '01' && bytes === 17))) return null
  const denominator = hexToBigInt(`0x${extraData.slice(4, 12)}`)
  const elasticity = hexToBigInt(`0x${extraData.slice(12, 20)}`)
  if (denominator === 0n || elasticity === 0n) return null
  const jovian = version === '01'
  const minBaseFee = jovian ? hexToBigInt(`0x${extraData.slice(20, 36)}`) : 0n
  return { denominator, elasticity, minBaseFee, ...(jovian ? { daFootprint: true } : {}) }
}

/** The base fee of the block after `block` (EIP-1559), or null on a chain without base fees. */
export function nextBaseFee(block: BlockFeeInfo, params: BaseFeeParams): bigint | null {
  const base = block.baseFeePerGas
  if (base === null) return null
  const target = block.gasLimit / params.elasticity
  const da = params.daFootprint && block.blobGasUsed ? block.blobGasUsed : 0n
  const used = da > block.gasUsed ? da : block.gasUsed
  let next = base
  if (target > 0n && used > target) {
    const delta = (base * (used - target)) / target / params.denominator
    next = base + (delta > 1n ? delta : 1n)
  } else if (target > 0n && used < target) {
    next = base - (base * (target - used)) / target / params.denominator
  }
  return next > params.minBaseFee ? next : params.minBaseFee
}

/** Rising or falling by 1% or more from one block to the next; otherwise steady. */
export function baseFeeTrend(current: bigint, next: bigint): BaseFeeTrend {
  if (next * 100n >= current * 101n) return 'rising'
  if (next * 100n <= current * 99n) return 'falling'
  return 'steady'
}

/** Gas price the transaction pays at `baseFee` (likely) and the most it can pay per gas (cap). */
export function gasPrices(tx: PreparedTx, baseFee: bigint | null): { likely: bigint; cap: bigint } {
  if (tx.type === 'legacy') {
    const p = BigInt(tx.gasPrice ?? '0x0')
    return { likely: p, cap: p }
  }
  const cap = BigInt(tx.maxFeePerGas ?? '0x0')
  const tip = BigInt(tx.maxPriorityFeePerGas ?? '0x0')
  const want = (baseFee ?? 0n) + tip
  return { likely: want < cap ? want : cap, cap }
}
