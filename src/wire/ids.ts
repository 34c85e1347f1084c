// Ids and shape guards shared by every message between contexts.
export type RequestId = string | number

export function isRequestId(x: unknown): x is RequestId {
  return (typeof x === 'string' && x.length > 0 && x.length <= 128) || (typeof x === 'number' && Number.isSafeInteger(x))
}

/** A plain object from any realm (a page's objects seen from a content script have another realm's prototype). */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false
  return Object.prototype.toString.call(x) === '[object Object]'
}
