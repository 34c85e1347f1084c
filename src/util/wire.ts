// Claim results cross extension messaging with their amounts as decimal strings: bigint in src,
// strings on the wire, converted in one place.
export type Wire<T> = T extends bigint
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T

export function toWire<T>(value: T): Wire<T> {
  if (typeof value === 'bigint') return value.toString() as Wire<T>
  if (Array.isArray(value)) return value.map(toWire) as Wire<T>
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)])) as Wire<T>
  }
  return value as Wire<T>
}
