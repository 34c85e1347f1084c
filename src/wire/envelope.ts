// The envelope of every call between extension contexts: { channel, call, params }, answered by a
// Reply. The 'ui' channel carries the wallet's own pages' calls (src/calls.ts), the 'page' channel
// the relay's one call (./page.ts).
import type { ErrorShape } from '../errors.ts'
import { isPlainObject } from './ids.ts'

export type Channel = 'ui' | 'page'
export interface Envelope<C extends Channel = Channel> {
  channel: C
  call: string
  params: unknown
}
export type Reply<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorShape }

export function isEnvelope(x: unknown): x is Envelope {
  if (!isPlainObject(x)) return false
  return (x.channel === 'ui' || x.channel === 'page') && typeof x.call === 'string' && x.call.length <= 64
}

export function isReply(x: unknown): x is Reply {
  if (!x || typeof x !== 'object') return false
  const r = x as { ok?: unknown; error?: unknown }
  if (r.ok === true) return true
  return r.ok === false && !!r.error && typeof r.error === 'object' && 'message' in r.error
}
