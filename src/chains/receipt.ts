// The one way the wallet asks whether a transaction is mined: its receipt, or null while it is not
// (viem throws "not found"; any other failure, a node that did not answer, is thrown on).
import type { Hex, TransactionReceipt } from 'viem'
import type { RpcClient } from './rpc-client.ts'

export type ReceiptClient = Pick<RpcClient, 'getTransactionReceipt'>

export async function receiptOrNull(client: ReceiptClient, hash: Hex): Promise<TransactionReceipt | null> {
  try {
    return await client.getTransactionReceipt({ hash })
  } catch (err) {
    if ((err as { name?: string }).name === 'TransactionReceiptNotFoundError') return null
    throw err
  }
}
