// Hex <-> bytes at the edges of the Substrate keyring, with errors that name the field at fault.
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { SubstrateKeyError, type SubstrateErrorCode } from './errors.ts'

export type HexString = `0x${string}`

export function toHex(bytes: Uint8Array): HexString {
  return `0x${bytesToHex(bytes)}`
}

/** Parses 0x-prefixed hex; `length` (bytes) is enforced when given. */
export function fromHex(value: string, what: string, code: SubstrateErrorCode, length?: number): Uint8Array {
  if (typeof value !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(value)) {
    throw new SubstrateKeyError(code, `${what} must be 0x-prefixed hex with an even number of digits`)
  }
  const bytes = hexToBytes(value.slice(2))
  if (length !== undefined && bytes.length !== length) {
    throw new SubstrateKeyError(code, `${what} must be ${length} bytes, got ${bytes.length}`)
  }
  return bytes
}
