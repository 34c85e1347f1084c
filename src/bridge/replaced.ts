// A bridge transaction of the wallet lost its nonce to another one (the user sped it up or cancelled
// it from the activity list): the tracked item follows the transaction that was mined. A speed-up
// is the same call, so the item's hash becomes the replacement's (the tracker reads its receipt); a
// cancel means the step never happened: a prove or finalize is to be done again, a deposit or a
// withdrawal never started.
import type { Hex } from 'viem'
import type { BridgeStore } from './store.ts'
import type { BridgeItem } from './types.ts'

export interface Replaced {
  chainId: number
  /** the transaction the item follows now */
  hash: Hex
  /** the one mined in its place */
  by: Hex
  /** the one mined was a cancel */
  cancelled: boolean
}

/** The item as it follows `r`, or the item itself when `r` is none of its transactions. */
export function followReplaced(item: BridgeItem, r: Replaced): BridgeItem {
  if (item.kind === 'deposit') {
    if (item.l1ChainId !== r.chainId || item.l1Hash !== r.hash || item.status !== 'pending') return item
    return r.cancelled ? { ...item, status: 'failed', error: 'You cancelled this deposit before it was mined: nothing left your account.' } : { ...item, l1Hash: r.by }
  }
  if (item.status === 'initiating' && item.l2ChainId === r.chainId && item.l2Hash === r.hash) {
    return r.cancelled ? { ...item, status: 'failed', error: 'You cancelled this withdrawal before it was mined: nothing left the L2.' } : { ...item, l2Hash: r.by }
  }
  if (item.l1ChainId !== r.chainId) return item
  if (item.status === 'proving' && item.proof?.hash === r.hash) {
    const proof = { ...item.proof }
    if (r.cancelled) delete proof.hash
    else proof.hash = r.by
    return r.cancelled ? { ...item, status: 'ready-to-prove', proof } : { ...item, proof }
  }
  if (item.status === 'finalizing' && item.finalizeHash === r.hash) {
    if (!r.cancelled) return { ...item, finalizeHash: r.by }
    const next = { ...item, status: 'ready-to-finalize' as const }
    delete next.finalizeHash
    return next
  }
  return item
}

/** Applies `r` to every tracked item; true when one followed it. */
export async function applyReplaced(store: BridgeStore, r: Replaced): Promise<boolean> {
  let changed = false
  await store.updateAll((item) => {
    const next = followReplaced(item, r)
    if (next !== item) changed = true
    return next
  })
  return changed
}
