// A site's eth_sendTransaction, prepared for the approval window: the fees it set itself kept as its
// suggestion (the window compares them with the market), and a nonce it set that one of the wallet's
// pending transactions already has recognised as a replacement of it, its fees raised to the nodes'
// replacement minimum when they are below it (the node would refuse it otherwise; the window says so).
// One the chain says will revert is prepared all the same and marked (./prepare-approval.ts).
import { numberToHex, type Hex } from 'viem'
import { sameFamily } from '../activity/store.ts'
import { atLeast, feesOf, meetsFloor, replacementFloor, type FeeFields } from '../tx/fee-levels.ts'
import type { Quoted, TxPipeline } from '../tx/pipeline.ts'
import { signedFees } from '../tx/replace.ts'
import type { PreparedTx, TxRequest } from '../tx/types.ts'
import { prepareForApproval } from './prepare-approval.ts'

export interface SiteTx extends Quoted {
  /** the chain says it will revert: why (the window sends it only when the user insists) */
  willRevert?: string
  suggested?: FeeFields
  replaces?: { hash: Hex; title: string; floor: FeeFields }
}

export async function prepareSiteTx(pipeline: TxPipeline, chainId: number, req: TxRequest): Promise<SiteTx> {
  const quoted = await prepareForApproval(pipeline, chainId, req)
  const suggested: FeeFields = {}
  if (req.maxFeePerGas !== undefined) suggested.maxFeePerGas = numberToHex(req.maxFeePerGas)
  if (req.maxPriorityFeePerGas !== undefined) suggested.maxPriorityFeePerGas = numberToHex(req.maxPriorityFeePerGas)
  if (req.gasPrice !== undefined) suggested.gasPrice = numberToHex(req.gasPrice)
  const out: SiteTx = { ...quoted, ...(Object.keys(suggested).length ? { suggested } : {}) }
  const replaces = await replacedBy(pipeline, quoted.tx)
  if (!replaces) return out
  out.replaces = replaces
  if (!meetsFloor(feesOf(quoted.tx), replaces.floor)) {
    const tx: PreparedTx = { ...quoted.tx, ...atLeast(feesOf(quoted.tx), replaces.floor) }
    return { ...out, tx, ...(await pipeline.quoteOrError(tx)) }
  }
  return out
}

/** The wallet's pending transaction(s) a transaction with this nonce replaces: the newest, and the floor over all of them. */
export async function replacedBy(pipeline: TxPipeline, tx: PreparedTx): Promise<SiteTx['replaces'] | null> {
  if (!tx.keepNonce) return null
  const me = { chainId: tx.chainId, from: tx.from, nonce: tx.nonce }
  const waiting = (await pipeline.activity.list({ chainId: tx.chainId, from: tx.from })).filter((r) => r.status === 'pending' && r.signed && sameFamily(r, me))
  if (!waiting.length) return null
  const newest = waiting.reduce((a, b) => (b.createdAt > a.createdAt ? b : a))
  return { hash: newest.hash, title: newest.title, floor: replacementFloor(waiting.map(signedFees), tx.type) }
}
