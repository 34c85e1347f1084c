// Byte <-> text helpers for what the vault stores (base64 through @scure/base, strict RFC 4648).
import { base64 } from '@scure/base'

export function toBase64(bytes: Uint8Array): string {
  return base64.encode(bytes)
}

/** Strict: anything that is not canonical base64 returns null instead of decoding garbage. */
export function fromBase64(text: unknown): Uint8Array<ArrayBuffer> | null {
  if (typeof text !== 'string') return null
  try {
    return new Uint8Array(base64.decode(text))
  } catch {
    return null
  }
}

export const utf8 = {
  encode: (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text),
  decode: (bytes: Uint8Array): string => new TextDecoder('utf-8', { fatal: true }).decode(bytes),
}

/** Compares without an early exit, so the time taken says nothing about where bytes differ. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i]
  return diff === 0
}

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(n))
}
