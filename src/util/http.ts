// Response bodies read up to a byte limit: a node, a token contract's RPC or a claim service that
// answers with an endless body is cut off (and the request refused) instead of filling the
// background's memory. Also a fetch for viem's transports that does the same.

export class BodyTooLargeError extends Error {
  readonly code = 'RESPONSE_TOO_LARGE'
  constructor(readonly limit: number) {
    super(`the answer is larger than ${Math.round(limit / 1024)} KiB`)
    this.name = 'BodyTooLargeError'
  }
}

/** Caps for what the wallet reads from the network. */
export const BODY_LIMITS = {
  /** a dApp's read passed to the node (eth_getLogs can be large) */
  rpc: 16 * 1024 * 1024,
  /** what the wallet checks before the user approved anything (a chain id, a token's name) */
  check: 64 * 1024,
  /** the PHA claim service */
  backend: 256 * 1024,
} as const

/** The body as text, refusing one larger than `maxBytes` (the download stops there). */
export async function readTextCapped(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined)
    throw new BodyTooLargeError(maxBytes)
  }
  if (!res.body) return ''
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw new BodyTooLargeError(maxBytes)
    }
    chunks.push(value)
  }
  const all = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    all.set(c, at)
    at += c.byteLength
  }
  return new TextDecoder().decode(all)
}

/** A fetch whose responses' bodies are capped (for viem's http transport). */
export function cappedFetch(maxBytes: number): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return async (input, init) => {
    const res = await fetch(input, init)
    const text = await readTextCapped(res, maxBytes)
    const type = res.headers.get('content-type')
    const nullBody = [101, 204, 205, 304].includes(res.status)
    return new Response(nullBody ? null : text, { status: res.status, statusText: res.statusText, headers: type ? { 'content-type': type } : {} })
  }
}
