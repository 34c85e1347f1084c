// Fees a person chooses: the market as the chain shows it now (the next block's base fee, the tip
// the node suggests), three levels from it (low: waits if the base fee rises; market; aggressive),
// what a replacement must at least pay (the nodes' price bump: 10% over both fee fields of the
// transaction it replaces), a choice applied to a prepared transaction exactly as it will be signed,
// and the warnings worth a look (a suggested fee far above the market, a fee cap below the base fee,
// a gas limit below the estimate). Pure: the approval window and the screens use it too.
import { numberToHex, type Hex } from 'viem'
import { WalletError } from '../errors.ts'
import type { PreparedTx } from './types.ts'

/** The fee fields of a transaction (0x-hex): maxFeePerGas + maxPriorityFeePerGas, or gasPrice on a chain without base fees. */
export interface FeeFields {
  maxFeePerGas?: Hex
  maxPriorityFeePerGas?: Hex
  gasPrice?: Hex
}

export type FeeLevelName = 'low' | 'market' | 'aggressive'

/** The chain's fees now. Amounts as 0x-hex wei. */
export interface FeeMarket {
  chainId: number
  /** the next block's base fee; absent on a chain without base fees */
  baseFee?: Hex
  /** the priority fee the node suggests (EIP-1559 chains) */
  tip?: Hex
  /** the node's gas price (legacy chains, and a reference everywhere) */
  gasPrice: Hex
  levels: Record<FeeLevelName, FeeFields>
  /** ms since epoch when it was read */
  at: number
}

/** What the user chose in a fee editor, as it goes to the background: exactly what is signed. */
export interface FeeChoice extends FeeFields {
  gas?: Hex
  /** a custom nonce (advanced): signed as set */
  nonce?: number
}

/** The nodes' replacement minimum: geth, reth and anvil want both fee fields 10% above the transaction replaced. */
export const REPLACEMENT_BUMP_PERCENT = 10n
/** A suggested fee this many times the market's is marked as far above it. */
export const FAR_ABOVE_MARKET = 3n

const big = (h: Hex | undefined) => (h === undefined ? 0n : BigInt(h))
const hex = (n: bigint) => numberToHex(n)
const maxOf = (...xs: bigint[]) => xs.reduce((a, b) => (b > a ? b : a))

/** `value` raised by `percent`, rounded up (a bump that rounds down would not be enough). */
export function bumped(value: bigint, percent: bigint = REPLACEMENT_BUMP_PERCENT): bigint {
  return (value * (100n + percent) + 99n) / 100n
}

/** The three levels of a market: low pays the base fee as it is now, market leaves room for it to rise, aggressive doubles the tip. */
export function feeLevels(m: { baseFee?: bigint | null; tip?: bigint; gasPrice: bigint }): Record<FeeLevelName, FeeFields> {
  if (m.baseFee === undefined || m.baseFee === null) {
    return { low: { gasPrice: hex((m.gasPrice * 9n) / 10n) }, market: { gasPrice: hex(m.gasPrice) }, aggressive: { gasPrice: hex((m.gasPrice * 5n) / 4n) } }
  }
  const base = m.baseFee
  const tip = m.tip ?? 0n
  const lowTip = tip / 2n
  return {
    low: { maxFeePerGas: hex(base + lowTip), maxPriorityFeePerGas: hex(lowTip) },
    // as viem and most wallets: 1.2 × base + tip
    market: { maxFeePerGas: hex((base * 12n) / 10n + tip), maxPriorityFeePerGas: hex(tip) },
    aggressive: { maxFeePerGas: hex(base * 2n + tip * 2n), maxPriorityFeePerGas: hex(tip * 2n) },
  }
}

/** The fees of a transaction as fields. */
export function feesOf(tx: FeeFields & { type: 'eip1559' | 'legacy' }): FeeFields {
  return tx.type === 'legacy' ? { gasPrice: tx.gasPrice ?? '0x0' } : { maxFeePerGas: tx.maxFeePerGas ?? '0x0', maxPriorityFeePerGas: tx.maxPriorityFeePerGas ?? '0x0' }
}

/**
 * The least a replacement of these transactions (all of one nonce) may pay: each fee field
 * REPLACEMENT_BUMP_PERCENT above the highest of them. Legacy: the gas price, also over the
 * replaced ones' fee caps (a legacy replacement of a 1559 transaction).
 */
export function replacementFloor(replaced: (FeeFields & { type: 'eip1559' | 'legacy' })[], type: 'eip1559' | 'legacy', percent: bigint = REPLACEMENT_BUMP_PERCENT): FeeFields {
  const caps = replaced.map((t) => (t.type === 'legacy' ? big(t.gasPrice) : big(t.maxFeePerGas)))
  const tips = replaced.map((t) => (t.type === 'legacy' ? big(t.gasPrice) : big(t.maxPriorityFeePerGas)))
  const cap = bumped(maxOf(0n, ...caps), percent)
  const tip = bumped(maxOf(0n, ...tips), percent)
  return type === 'legacy' ? { gasPrice: hex(cap) } : { maxFeePerGas: hex(cap), maxPriorityFeePerGas: hex(tip) }
}

/** Each field the larger of the two (a replacement at least at its floor, at least at the market). */
export function atLeast(a: FeeFields, floor: FeeFields): FeeFields {
  if (a.gasPrice !== undefined || floor.gasPrice !== undefined) return { gasPrice: hex(maxOf(big(a.gasPrice), big(floor.gasPrice))) }
  const tip = maxOf(big(a.maxPriorityFeePerGas), big(floor.maxPriorityFeePerGas))
  const cap = maxOf(big(a.maxFeePerGas), big(floor.maxFeePerGas), tip)
  return { maxFeePerGas: hex(cap), maxPriorityFeePerGas: hex(tip) }
}

/** Whether `fees` meets `floor` on every field. */
export function meetsFloor(fees: FeeFields, floor: FeeFields): boolean {
  if (floor.gasPrice !== undefined) return big(fees.gasPrice ?? fees.maxFeePerGas) >= big(floor.gasPrice)
  if (fees.gasPrice !== undefined) return big(fees.gasPrice) >= big(floor.maxFeePerGas) && big(fees.gasPrice) >= big(floor.maxPriorityFeePerGas)
  return big(fees.maxFeePerGas) >= big(floor.maxFeePerGas) && big(fees.maxPriorityFeePerGas) >= big(floor.maxPriorityFeePerGas)
}

const MAX_GAS = 1_000_000_000n

/**
 * A choice applied to a prepared transaction: its fee fields (of the transaction's type), gas limit
 * and nonce replaced, checked so nothing unsignable or absurd goes out. A custom nonce is signed as set.
 */
export function applyFeeChoice(tx: PreparedTx, c: FeeChoice): PreparedTx {
  const out: PreparedTx = { ...tx }
  if (tx.type === 'legacy') {
    if (c.maxFeePerGas !== undefined || c.maxPriorityFeePerGas !== undefined) throw new WalletError('BAD_FEES', 'This chain has no base fee: set a gas price, not a max fee.')
    if (c.gasPrice !== undefined) out.gasPrice = c.gasPrice
  } else {
    if (c.gasPrice !== undefined) throw new WalletError('BAD_FEES', 'Set a max fee and a priority fee, not a gas price.')
    if (c.maxFeePerGas !== undefined) out.maxFeePerGas = c.maxFeePerGas
    if (c.maxPriorityFeePerGas !== undefined) out.maxPriorityFeePerGas = c.maxPriorityFeePerGas
    if (big(out.maxPriorityFeePerGas) > big(out.maxFeePerGas)) throw new WalletError('BAD_FEES', 'The priority fee cannot be above the max fee.')
  }
  if (c.gas !== undefined) {
    const gas = BigInt(c.gas)
    if (gas < 21_000n || gas > MAX_GAS) throw new WalletError('BAD_FEES', 'The gas limit must be between 21,000 and 1,000,000,000.')
    out.gas = c.gas
    // the estimate stays what it was: the fee quote expects the lesser of the two
  }
  if (c.nonce !== undefined && (c.nonce !== tx.nonce || tx.keepNonce)) {
    if (!Number.isSafeInteger(c.nonce) || c.nonce < 0) throw new WalletError('BAD_FEES', 'The nonce must be a whole number, 0 or more.')
    out.nonce = c.nonce
    out.keepNonce = true
  }
  return out
}

/**
 * How many times the market's fee `fees` is (rounded down): the larger of the fee caps' ratio and
 * the ratio of the price per gas each would pay at the next block's base fee; 0 with nothing to compare.
 */
export function timesMarket(fees: FeeFields, market: FeeMarket): bigint {
  const m = market.levels.market
  const ratio = (a: bigint, b: bigint) => (b > 0n ? a / b : 0n)
  const cap = (f: FeeFields) => big(f.gasPrice ?? f.maxFeePerGas)
  const paid = (f: FeeFields) => {
    if (f.gasPrice !== undefined || market.baseFee === undefined) return cap(f)
    const want = big(market.baseFee) + big(f.maxPriorityFeePerGas)
    return want < cap(f) ? want : cap(f)
  }
  return maxOf(ratio(cap(fees), cap(m)), ratio(paid(fees), paid(m)))
}

/** The fee cap is below the next block's base fee: the transaction waits until the base fee falls to it. */
export function belowBaseFee(fees: FeeFields, baseFee: Hex | bigint | undefined | null): boolean {
  if (baseFee === undefined || baseFee === null) return false
  const cap = big(fees.gasPrice ?? fees.maxFeePerGas)
  return cap < BigInt(baseFee)
}
