// Many reads in one eth_call through Multicall3's aggregate3, each allowed to fail on its own: a
// getter a contract version does not have is an answer ("not this version"), not an error.
import type { Abi, Address } from 'viem'
import type { RpcClient } from '../chains/rpc-client.ts'

export const MULTICALL3: Address = '0xcA11bde05977b3631167028862bE2a173976CA11'

export interface Read {
  address: Address
  abi: Abi
  functionName: string
  args?: readonly unknown[]
}

export type ReadResult = { ok: true; value: unknown } | { ok: false; error: string }

/** One eth_call for all `reads` (none when the list is empty); results in the same order. */
export async function readMany(client: Pick<RpcClient, 'multicall'>, reads: Read[], blockNumber?: bigint): Promise<ReadResult[]> {
  if (!reads.length) return []
  const out = await client.multicall({
    contracts: reads as never,
    allowFailure: true,
    multicallAddress: MULTICALL3,
    // one request whatever the number of reads
    batchSize: 0,
    ...(blockNumber !== undefined ? { blockNumber } : {}),
  })
  const results = out as { status: 'success' | 'failure'; result?: unknown; error?: Error }[]
  // A node that did not answer fails every read with the same error: that is no answer, not a
  // contract saying "no such getter", and must not read as "not a portal".
  const down = results.find((r) => r.status === 'failure' && isTransportError(r.error))
  if (down) throw down.error
  return results.map((r) => (r.status === 'success' ? { ok: true, value: r.result } : { ok: false, error: revertReason(r.error) }))
}

const TRANSPORT = /^(HttpRequestError|TimeoutError|WebSocketRequestError|SocketClosedError|RpcRequestError|LimitExceededRpcError|ResourceUnavailableRpcError|InternalRpcError|UnknownRpcError)$/

/** No answer at all: the connection failed or timed out (an HTTP status or a JSON-RPC error is an answer). */
export function isNetworkDown(err: unknown): boolean {
  let c: unknown = err
  for (let i = 0; i < 8 && c; i++) {
    const e = c as { name?: string; status?: number }
    if (e.name === 'TimeoutError' || (e.name === 'HttpRequestError' && e.status === undefined)) return true
    c = (c as { cause?: unknown }).cause
  }
  return false
}

/** The RPC did not answer (network, timeout, rate limit), as opposed to the contract reverting. */
export function isTransportError(err: unknown): boolean {
  let c: unknown = err
  for (let i = 0; i < 8 && c; i++) {
    if (TRANSPORT.test((c as { name?: string }).name ?? '')) return true
    c = (c as { cause?: unknown }).cause
  }
  return false
}

/** The revert reason or custom error name a failed read carries, for status decisions and messages. */
export function revertReason(err: unknown): string {
  const e = err as { cause?: unknown; shortMessage?: string; message?: string } | undefined
  let c: unknown = e
  for (let i = 0; i < 5 && c; i++) {
    const d = (c as { data?: { errorName?: string; args?: readonly unknown[] } }).data
    if (d && typeof d === 'object' && 'errorName' in d) {
      if (d.errorName === 'Error' && typeof d.args?.[0] === 'string') return d.args[0]
      if (typeof d.errorName === 'string') return d.errorName
    }
    c = (c as { cause?: unknown }).cause
  }
  return e?.shortMessage ?? e?.message ?? 'reverted'
}

export const value = <T>(r: ReadResult | undefined): T | undefined => (r && r.ok ? (r.value as T) : undefined)
