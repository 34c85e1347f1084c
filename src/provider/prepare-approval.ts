// A dApp's transaction prepared for the approval window. One the chain says will revert is still
// shown (with its decoded reason, from the simulation) instead of failing the request unseen: it is
// prepared with the dApp's gas limit, or REVERT_GAS_LIMIT, and marked, and the window refuses to
// send it unless the user insists.
import type { Quoted, TxPipeline } from '../tx/pipeline.ts'
import { WILL_REVERT } from '../tx/prepare.ts'
import type { TxRequest } from '../tx/types.ts'

export const REVERT_GAS_LIMIT = 500_000n

export async function prepareForApproval(pipeline: TxPipeline, chainId: number, req: TxRequest): Promise<Quoted & { willRevert?: string }> {
  try {
    return await pipeline.prepareQuoted(chainId, req)
  } catch (err) {
    const e = err as { data?: { reason?: unknown }; message?: string }
    if (e?.data?.reason !== WILL_REVERT) throw err
    const quoted = await pipeline.prepareQuoted(chainId, { ...req, gas: req.gas ?? REVERT_GAS_LIMIT })
    return { ...quoted, willRevert: e.message ?? 'This transaction would fail.' }
  }
}
