// SS58 addresses of 32-byte account ids: base58(prefix || public key || checksum), checksum = first two
// bytes of blake2b-512("SS58PRE" || prefix || public key). Prefixes 0..63 take one byte, 64..16383 two.
import { base58 } from '@scure/base'
import { blake2b } from '@noble/hashes/blake2.js'
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { SubstrateKeyError } from './errors.ts'

export const SS58_PREFIX = { polkadot: 0, kusama: 2, phala: 30, substrate: 42 } as const

const NAMES: Record<number, string> = { 0: 'Polkadot', 2: 'Kusama', 30: 'Phala/Khala', 42: 'generic Substrate' }
const SS58PRE = utf8ToBytes('SS58PRE')

function prefixName(prefix: number): string {
  return NAMES[prefix] ? `${prefix} (${NAMES[prefix]})` : String(prefix)
}

function checksum(body: Uint8Array): Uint8Array {
  return blake2b(concatBytes(SS58PRE, body), { dkLen: 64 }).subarray(0, 2)
}

function encodePrefix(prefix: number): Uint8Array {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 16383 || prefix === 46 || prefix === 47) {
    throw new SubstrateKeyError('BAD_SS58_PREFIX', `${prefix} is not a usable SS58 network prefix (0..16383, except the reserved 46 and 47)`)
  }
  if (prefix < 64) return Uint8Array.of(prefix)
  return Uint8Array.of(((prefix & 0b1111_1100) >> 2) | 0b0100_0000, (prefix >> 8) | ((prefix & 0b11) << 6))
}

export function ss58Encode(publicKey: Uint8Array, prefix: number = SS58_PREFIX.substrate): string {
  if (publicKey.length !== 32) throw new SubstrateKeyError('BAD_SS58', `an account public key is 32 bytes, got ${publicKey.length}`)
  const body = concatBytes(encodePrefix(prefix), publicKey)
  return base58.encode(concatBytes(body, checksum(body)))
}

export interface DecodedSs58 {
  publicKey: Uint8Array
  prefix: number
}

/** Decodes an account address; with `expectedPrefix`, an address of another network is an error. */
export function ss58Decode(address: string, expectedPrefix?: number): DecodedSs58 {
  let raw: Uint8Array
  try {
    raw = base58.decode(String(address).trim())
  } catch {
    throw new SubstrateKeyError('BAD_SS58', `"${address}" is not a Substrate address: it has characters base58 does not use`)
  }
  if (raw.length < 1) throw new SubstrateKeyError('BAD_SS58', 'the address is empty')
  const first = raw[0]
  if (first >= 128) throw new SubstrateKeyError('BAD_SS58_PREFIX', `"${address}" does not start with a valid SS58 network prefix`)
  const prefixLength = first < 64 ? 1 : 2
  if (raw.length !== prefixLength + 32 + 2) {
    throw new SubstrateKeyError('BAD_SS58', `"${address}" has the wrong length for an account address: check that it was copied whole`)
  }
  const prefix = prefixLength === 1 ? first : ((first & 0b0011_1111) << 2) | (raw[1] >> 6) | ((raw[1] & 0b0011_1111) << 8)
  const body = raw.subarray(0, prefixLength + 32)
  const sum = checksum(body)
  if (sum[0] !== raw[prefixLength + 32] || sum[1] !== raw[prefixLength + 33]) {
    throw new SubstrateKeyError('BAD_SS58_CHECKSUM', `the checksum of "${address}" does not match: a character is wrong, check it for a typo`)
  }
  if (prefix === 46 || prefix === 47) throw new SubstrateKeyError('BAD_SS58_PREFIX', `prefix ${prefix} is reserved and used by no network`)
  if (expectedPrefix !== undefined && prefix !== expectedPrefix) {
    throw new SubstrateKeyError(
      'BAD_SS58_PREFIX',
      `this address is for network prefix ${prefixName(prefix)}, expected ${prefixName(expectedPrefix)}: use the ${NAMES[expectedPrefix] ?? 'right'} address of the account`,
    )
  }
  return { publicKey: raw.slice(prefixLength, prefixLength + 32), prefix }
}

/** Re-encodes any valid address for another network (same key, different prefix). */
export function ss58Convert(address: string, prefix: number): string {
  return ss58Encode(ss58Decode(address).publicKey, prefix)
}

export function isSs58Address(address: string, expectedPrefix?: number): boolean {
  try {
    ss58Decode(address, expectedPrefix)
    return true
  } catch {
    return false
  }
}
