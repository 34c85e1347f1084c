// A JSON-RPC call passed through as is (dApps' read-only methods): the node's own error (code,
// message, data) comes back unchanged; an unreachable URL falls through to the next one; when none
// answers, the caller gets 4901 with what went wrong at each URL.
import { WalletError } from '../errors.ts'
import { BODY_LIMITS, readTextCapped } from '../util/http.ts'
import { RPC_TIMEOUT_MS } from './rpc-client.ts'

let nextId = 1

export async function rpcCall(urls: string[], method: string, params: unknown, opts: { timeoutMs?: number; chainName?: string; maxBytes?: number } = {}): Promise<unknown> {
  const timeoutMs = opts.timeoutMs ?? RPC_TIMEOUT_MS
  const maxBytes = opts.maxBytes ?? BODY_LIMITS.rpc
  const problems: string[] = []
  for (const url of urls) {
    const ctrl = new AbortController()
    const timer = setTimeout(() => ctrl.abort(), timeoutMs)
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params: params ?? [] }),
        signal: ctrl.signal,
      })
      const text = await readTextCapped(res, maxBytes)
      let body: { result?: unknown; error?: { code?: unknown; message?: unknown; data?: unknown } }
      try {
        body = JSON.parse(text)
      } catch {
        problems.push(`${hostOf(url)}: HTTP ${res.status}, not JSON`)
        continue
      }
      if (body && typeof body === 'object' && body.error) {
        const e = body.error
        throw new WalletError(typeof e.code === 'number' ? e.code : -32603, typeof e.message === 'string' ? e.message : 'RPC error', e.data)
      }
      if (!body || typeof body !== 'object' || !('result' in body)) {
        problems.push(`${hostOf(url)}: HTTP ${res.status}, no result`)
        continue
      }
      return body.result
    } catch (err) {
      if (err instanceof WalletError) throw err
      problems.push(`${hostOf(url)}: ${(err as Error).name === 'AbortError' ? `no answer in ${timeoutMs / 1000} s` : (err as Error).message}`)
    } finally {
      clearTimeout(timer)
    }
  }
  throw new WalletError(4901, `${opts.chainName ?? 'The chain'} is unreachable right now (${problems.join('; ')}).`)
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
