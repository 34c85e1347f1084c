// The page protocol: what the inpage provider (MAIN world) and the relay (ISOLATED world) say to
// each other over window.postMessage, and what the relay and the background say over the document's
// own runtime port (PAGE_PORT): one port per document, so an answer or an event can only reach the
// document it is for. Everything a page sends is checked here before it goes anywhere.
import type { ErrorShape } from '../errors.ts'
import type { ProviderEventName } from './push.ts'
import { isPlainObject, isRequestId, type RequestId } from './ids.ts'

export interface ProviderRequest {
  id: RequestId
  method: string
  params?: unknown
}

/** The background answers at once, or says the answer will be pushed later (approval windows). */
export type ProviderReply = { result: unknown } | { error: ErrorShape } | { deferred: true }

/** The name of a document's port to the background (runtime.connect from the relay). */
export const PAGE_PORT = 'rollup-wallet:page'

/**
 * relay -> background. `hello` opens every port (the first one and each reconnect after the worker
 * stopped): `doc` is the relay's secret for its document (made in the isolated world, never seen by
 * the page), `pending` the requests still waiting for an answer that the background promised, `again`
 * those the relay is about to send again (their port dropped before any answer): an approval the wallet
 * already holds for one of them is kept, not withdrawn.
 */
export type PageToWallet = { kind: 'hello'; doc: string; pending: RequestId[]; again?: RequestId[] } | { kind: 'request'; request: ProviderRequest }

/**
 * The methods that become an approval when they need the user (src/provider/methods.ts, those with an
 * `approval`): the wallet keeps one approval per document and request id, so the relay may send one
 * of these again after its port dropped before the answer, and the user still sees one window.
 */
export const USER_METHODS: ReadonlySet<string> = new Set(['eth_requestAccounts', 'wallet_requestPermissions', 'wallet_switchEthereumChain', 'wallet_addEthereumChain', 'wallet_watchAsset', 'personal_sign', 'eth_signTypedData_v4', 'eth_signTypedData_v3', 'eth_sendTransaction', 'wallet_sendCalls'])

/** A document's secret: 32 hex digits (128 random bits). */
export function isDocToken(x: unknown): x is string {
  return typeof x === 'string' && /^[0-9a-f]{32}$/.test(x)
}

/** The relay's own requests in flight per document; the background refuses more. */
export const MAX_IN_FLIGHT = 200

/** Checks what a relay sent on its port (the background does not trust it either). */
export function checkPortMessage(x: unknown): PageToWallet | null {
  if (!isPlainObject(x)) return null
  if (x.kind === 'hello') {
    if (!isDocToken(x.doc) || !Array.isArray(x.pending) || x.pending.length > MAX_IN_FLIGHT || !x.pending.every(isRequestId)) return null
    if (x.again !== undefined && (!Array.isArray(x.again) || x.again.length > MAX_IN_FLIGHT || !x.again.every(isRequestId))) return null
    return { kind: 'hello', doc: x.doc, pending: [...x.pending], ...(x.again ? { again: [...x.again] } : {}) }
  }
  if (x.kind === 'request' && isPlainObject(x.request)) {
    const checked = checkPageRequest({ ...x.request, source: INPAGE_TAG, kind: 'request' })
    return checked?.ok ? { kind: 'request', request: checked.request } : null
  }
  return null
}

export const INPAGE_TAG = 'rollup-wallet:inpage'
export const RELAY_TAG = 'rollup-wallet:relay'

export type PageWindowMessage =
  | { source: typeof INPAGE_TAG; kind: 'request'; id: RequestId; method: string; params?: unknown }
  | { source: typeof RELAY_TAG; kind: 'response'; id: RequestId; result?: unknown; error?: ErrorShape }
  | { source: typeof RELAY_TAG; kind: 'event'; event: ProviderEventName; data: unknown }
  | { source: typeof RELAY_TAG; kind: 'config'; isDefaultWallet: boolean }

/** Largest request the relay forwards, in characters of JSON: bigger ones get -32602 at once. */
export const MAX_REQUEST_CHARS = 512 * 1024
export const MAX_METHOD_CHARS = 100

/** Validates a request posted by the page. Returns a reason when malformed (answered with -32600/-32602). */
export function checkPageRequest(x: unknown): { ok: true; request: ProviderRequest } | { ok: false; id?: RequestId; reason: string } | null {
  if (!isPlainObject(x) || x.source !== INPAGE_TAG || x.kind !== 'request') return null
  const id = x.id
  if (!isRequestId(id)) return null
  if (typeof x.method !== 'string' || x.method.length === 0 || x.method.length > MAX_METHOD_CHARS) {
    return { ok: false, id, reason: 'method must be a non-empty string of at most 100 characters' }
  }
  const params = x.params
  if (params !== undefined && !Array.isArray(params) && !isPlainObject(params)) {
    return { ok: false, id, reason: 'params must be an array or an object' }
  }
  let size = 0
  try {
    size = params === undefined ? 0 : JSON.stringify(params).length
  } catch {
    return { ok: false, id, reason: 'params must be JSON (no cycles, no BigInt)' }
  }
  if (size > MAX_REQUEST_CHARS) return { ok: false, id, reason: `params too large (${size} characters, limit ${MAX_REQUEST_CHARS})` }
  return { ok: true, request: params === undefined ? { id, method: x.method } : { id, method: x.method, params } }
}
