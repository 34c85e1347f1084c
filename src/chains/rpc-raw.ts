// A JSON-RPC call passed through as is (dApps' read-only methods): the node's own error (code,
// message, data) comes back unchanged; an unreachable URL falls through to the next one; when none
// answers, the caller gets 4901 with what went wrong at each URL. `rpcBatch` sends several calls in
// one HTTP request (a JSON-RPC batch) and hands back each call's own result or error.
import { WalletError } from '../errors.ts'
import { BODY_LIMITS, readTextCapped } from '../util/http.ts'
import { RPC_TIMEOUT_MS } from './rpc-client.ts'

let nextId = 1

export interface RpcOptions {
  timeoutMs?: number
  chainName?: string
  maxBytes?: number
}

type RpcAnswer = { id?: unknown; result?: unknown; error?: { code?: unknown; message?: unknown; data?: unknown } }

/** one call's outcome in a batch: its result, or the node's error for it */
export type BatchOutcome = { ok: true; result: unknown } | { ok: false; error: WalletError }

const nodeError = (e: NonNullable<RpcAnswer['error']>) => new WalletError(typeof e.code === 'number' ? e.code : -32603, typeof e.message === 'string' ? e.message : 'RPC error', e.data)

/**
 * POSTs `payload` to each URL in turn until one gives an answer `accept` takes: `accept` gets the
 * answer's text (whatever its HTTP status) and returns the value, throws a WalletError (the node's own
 * error, handed to the caller) or returns a problem to note before the next URL. No answer from any
 * URL (refused, timed out, or every answer a problem) is 4901.
 */
async function post<T>(urls: string[], payload: unknown, opts: RpcOptions, accept: (text: string) => { value: T } | { problem: string }): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? RPC_TIMEOUT_MS
  const maxBytes = opts.maxBytes ?? BODY_LIMITS.rpc
  const problems: string[] = []
  for (const url of urls) {
    const ctrl = new AbortController()
    const timer = setTimeout(() => ctrl.abort(), timeoutMs)
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), signal: ctrl.signal })
      const a = accept(await readTextCapped(res, maxBytes))
      if ('value' in a) return a.value
      problems.push(`${hostOf(url)}: HTTP ${res.status}, ${a.problem}`)
    } catch (err) {
      if (err instanceof WalletError) throw err
      problems.push(`${hostOf(url)}: ${(err as Error).name === 'AbortError' ? `no answer in ${timeoutMs / 1000} s` : (err as Error).message}`)
    } finally {
      clearTimeout(timer)
    }
  }
  throw new WalletError(4901, `${opts.chainName ?? 'The chain'} is unreachable right now (${problems.join('; ')}).`)
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export function rpcCall(urls: string[], method: string, params: unknown, opts: RpcOptions = {}): Promise<unknown> {
  return post<unknown>(urls, { jsonrpc: '2.0', id: nextId++, method, params: params ?? [] }, opts, (text) => {
    const b = parsed(text) as RpcAnswer | null | undefined
    if (b === undefined) return { problem: 'not JSON' }
    if (b && typeof b === 'object' && b.error) throw nodeError(b.error)
    if (!b || typeof b !== 'object' || !('result' in b)) return { problem: 'no result' }
    return { value: b.result }
  })
}

/**
 * Several calls in one HTTP request. Each outcome is that call's result or the node's error for it,
 * in the order of `calls`. `null` when the node answered but not with one entry per call (it refuses
 * batches, with an error or any other answer): ask it one call at a time. No answer at all is 4901,
 * as for rpcCall.
 */
export function rpcBatch(urls: string[], calls: { method: string; params: unknown }[], opts: RpcOptions = {}): Promise<BatchOutcome[] | null> {
  const ids = calls.map(() => nextId++)
  const payload = calls.map((c, i) => ({ jsonrpc: '2.0', id: ids[i], method: c.method, params: c.params ?? [] }))
  return post<BatchOutcome[] | null>(urls, payload, opts, (text) => {
    const body = parsed(text)
    if (!Array.isArray(body)) return { value: null }
    const byId = new Map((body as RpcAnswer[]).filter((a) => a && typeof a === 'object').map((a) => [a.id, a]))
    const out: BatchOutcome[] = []
    for (const id of ids) {
      const a = byId.get(id)
      if (a?.error) out.push({ ok: false, error: nodeError(a.error) })
      else if (a && 'result' in a) out.push({ ok: true, result: a.result })
      else return { value: null }
    }
    return { value: out }
  })
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
