// Following a deposit from L1 to its credit on L2: the L1 receipt, then the L2 deposit
// transaction's hash derived from the L1 TransactionDeposited log (viem's getL2TransactionHashes:
// the hash is a function of the log, so no L2 index is needed), then its L2 receipt. All receipts
// of one tick go out together (the clients batch concurrent JSON-RPC calls into one request).
import type { Hex, TransactionReceipt } from 'viem'
import { getL2TransactionHashes } from 'viem/op-stack'
import type { DepositItem } from './types.ts'

import { receiptOrNull, type ReceiptClient } from '../chains/receipt.ts'

export { receiptOrNull }

/** The L2 deposit transactions an L1 receipt created (one per TransactionDeposited log, in order). */
export function l2DepositHashes(receipt: Pick<TransactionReceipt, 'logs'>): Hex[] {
  return getL2TransactionHashes({ logs: receipt.logs as never })
}

/** One step forward for each pending deposit of one L2; returns the items that changed. */
export async function trackDeposits(l1: ReceiptClient, l2: ReceiptClient, deposits: DepositItem[], nowMs: number): Promise<DepositItem[]> {
  const changed = await Promise.all(
    deposits.map(async (d): Promise<DepositItem | null> => {
      if (d.status === 'pending') {
        const r = await receiptOrNull(l1, d.l1Hash)
        if (!r) return null
        if (r.status !== 'success') return { ...d, status: 'failed', l1Block: Number(r.blockNumber), error: 'The deposit transaction failed on L1: nothing was bridged.' }
        const [l2Hash] = l2DepositHashes(r)
        if (!l2Hash) return { ...d, status: 'failed', l1Block: Number(r.blockNumber), error: 'The L1 transaction made no deposit (no TransactionDeposited log).' }
        const next: DepositItem = { ...d, status: 'waiting-l2', l1Block: Number(r.blockNumber), l2Hash }
        // Often already included when the L1 receipt is seen late (a worker that slept).
        return (await creditStep(l2, next, nowMs)) ?? next
      }
      if (d.status === 'waiting-l2') return creditStep(l2, d, nowMs)
      return null
    }),
  )
  return changed.filter((x): x is DepositItem => x !== null)
}

async function creditStep(l2: ReceiptClient, d: DepositItem, nowMs: number): Promise<DepositItem | null> {
  if (!d.l2Hash) return null
  const r = await receiptOrNull(l2, d.l2Hash)
  if (!r) return null
  if (r.status === 'success') return { ...d, status: 'credited', creditedAt: nowMs }
  return { ...d, status: 'failed', error: 'The deposit reached L2 but its execution failed there; an ETH deposit is still credited to the sender’s L2 address.' }
}
