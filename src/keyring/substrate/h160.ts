// The Ethereum-side identity of a Substrate account, as the PHA claim uses it: the first 20 bytes of the
// 32-byte public key (not a hash of it), written as an EIP-55 checksummed address.
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { SubstrateKeyError } from './errors.ts'
import type { HexString } from './hex.ts'

/** EIP-55 checksum of a 20-byte address. Rejects mixed-case input whose checksum is wrong (a typo). */
export function toChecksumAddress(address: string): HexString {
  if (typeof address !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(address)) {
    throw new SubstrateKeyError('BAD_ADDRESS', `"${String(address)}" is not an Ethereum address (0x followed by 40 hex digits)`)
  }
  const lower = address.slice(2).toLowerCase()
  const hash = bytesToHex(keccak_256(utf8ToBytes(lower)))
  let out = '0x'
  for (let i = 0; i < 40; i++) out += parseInt(hash[i], 16) >= 8 ? lower[i].toUpperCase() : lower[i]
  const body = address.slice(2)
  const mixed = body !== body.toLowerCase() && body !== body.toUpperCase()
  if (mixed && out !== address) {
    throw new SubstrateKeyError('BAD_ADDRESS', `${address} has a wrong EIP-55 checksum: check it for a typo`)
  }
  return out as HexString
}

export function h160FromPublicKey(publicKey: Uint8Array): HexString {
  if (publicKey.length !== 32) throw new SubstrateKeyError('BAD_ADDRESS', `a Substrate public key is 32 bytes, got ${publicKey.length}`)
  return toChecksumAddress(`0x${bytesToHex(publicKey.subarray(0, 20))}`)
}
