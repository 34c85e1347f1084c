// A transaction that takes the place of one of the wallet's own: a speed-up (the same transaction,
// the same nonce, higher fees), a cancel (nothing sent to oneself with the same nonce and higher
// fees), or one dropped by the node sent again. A replacement pays at least the nodes' minimum over
// every pending transaction of its nonce (REPLACEMENT_BUMP_PERCENT on both fee fields) and at least
// the market now, so it does not wait like the one it replaces.
import { numberToHex, type Hex } from 'viem'
import type { ActivityRecord, ReplacementKind } from '../activity/store.ts'
import { WalletError } from '../errors.ts'
import { atLeast, replacementFloor, type FeeFields, type FeeMarket } from './fee-levels.ts'
import type { NonceTracker } from './nonces.ts'
import type { PreparedTx } from './types.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export type ReplaceMode = Exclude<ReplacementKind, 'custom'>

export interface ReplacementDraft {
  mode: ReplaceMode
  /** the transaction replaced (or sent again) */
  original: ActivityRecord
  tx: PreparedTx
  /** the least the replacement may pay (null when nothing of its nonce waits in the pool) */
  floor: FeeFields | null
  /** the title the replacement gets in the activity list */
  title: string
}

export const CANCEL_GAS = 21_000n

/** The fees of a record as it was signed. */
export function signedFees(r: ActivityRecord): FeeFields & { type: 'eip1559' | 'legacy' } {
  const s = r.signed!
  return s.type === 'legacy' ? { type: 'legacy', gasPrice: s.gasPrice ?? '0x0' } : { type: 'eip1559', maxFeePerGas: s.maxFeePerGas ?? '0x0', maxPriorityFeePerGas: s.maxPriorityFeePerGas ?? '0x0' }
}

/** The market's fees for a transaction of this type. */
function marketFor(type: 'eip1559' | 'legacy', m: FeeMarket): FeeFields {
  const level = m.levels.market
  if (type === 'legacy') return { gasPrice: level.gasPrice ?? level.maxFeePerGas ?? m.gasPrice }
  return level.maxFeePerGas !== undefined ? level : { maxFeePerGas: m.gasPrice, maxPriorityFeePerGas: m.gasPrice }
}

/**
 * The replacement of `original` (with `family`: every record of its nonce), at today's `market`.
 * Throws a sentence when it cannot be done (already mined, sent before the wallet kept the details).
 */
export async function draftReplacement(
  p: { original: ActivityRecord; family: ActivityRecord[]; market: FeeMarket; mode: ReplaceMode; client: Pick<RpcClient, 'getTransactionCount'>; nonces: NonceTracker },
): Promise<ReplacementDraft> {
  const { original: r, mode } = p
  if (mode === 'resend') {
    if (r.status !== 'dropped') throw new WalletError('NOT_DROPPED', 'Only a transaction the network dropped can be sent again.')
    if (r.replacedBy) throw new WalletError('ALREADY_RESENT', 'This transaction was already sent again.')
  } else if (r.status !== 'pending') {
    throw new WalletError('NOT_PENDING', `This transaction is ${r.status === 'confirmed' || r.status === 'failed' ? 'already mined' : r.status}: there is nothing to ${mode === 'cancel' ? 'cancel' : 'speed up'}.`)
  }
  if (r.nonce === undefined || !r.signed) throw new WalletError('NOT_REPLACEABLE', 'This transaction was sent before the wallet kept what it was signed with; it cannot be replaced from here.')
  const type = r.signed.type
  const waiting = p.family.filter((x) => x.status === 'pending' && x.signed)
  const floor = waiting.length ? replacementFloor(waiting.map(signedFees), type) : null
  const market = marketFor(type, p.market)
  const fees = floor ? atLeast(market, floor) : market
  const base = { chainId: r.chainId, from: r.from, type, ...(type === 'legacy' ? { gasPrice: fees.gasPrice! } : { maxFeePerGas: fees.maxFeePerGas!, maxPriorityFeePerGas: fees.maxPriorityFeePerGas! }) } as const
  if (mode === 'cancel') {
    return { mode, original: r, floor, title: `Cancel: ${r.title}`, tx: { ...base, to: r.from, value: '0x0', data: '0x', nonce: r.nonce, keepNonce: true, gas: numberToHex(CANCEL_GAS) } }
  }
  let nonce = r.nonce
  let keepNonce = true
  if (mode === 'resend') {
    // its nonce may have been used meanwhile: then it goes out as the account's next transaction
    const mined = await p.client.getTransactionCount({ address: r.from, blockTag: 'latest' })
    if (mined > r.nonce) {
      nonce = await p.nonces.next(p.client, r.chainId, r.from)
      keepNonce = false
    }
  }
  const tx: PreparedTx = { ...base, to: r.to, value: numberToHex(BigInt(r.value)), data: r.signed.data as Hex, nonce, gas: r.signed.gas, ...(keepNonce ? { keepNonce: true as const } : {}) }
  return { mode, original: r, floor, title: r.title, tx }
}
