// Raw secp256k1 private keys as a user pastes them. The error never repeats the input: a key
// that is almost right is still almost a secret.
import type { Hex } from 'viem'
import { keyringError } from './errors.ts'

// Order of the secp256k1 group: a key must be in [1, N).
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

/** Accepts 64 hex digits, with or without 0x and surrounding spaces; returns lower-case 0x-hex. */
export function normalizePrivateKey(input: string): Hex {
  const text = typeof input === 'string' ? input.trim() : ''
  const digits = /^0x/i.test(text) ? text.slice(2) : text
  if (!/^[0-9a-fA-F]{64}$/.test(digits)) {
    throw keyringError(
      'BAD_PRIVATE_KEY',
      'A private key is 64 hexadecimal characters (0-9, a-f), optionally starting with 0x; ' +
        (/^[0-9a-fA-F]*$/.test(digits) ? `this one has ${digits.length}.` : 'this one has other characters in it.'),
    )
  }
  const value = BigInt('0x' + digits)
  if (value === 0n || value >= SECP256K1_N) {
    throw keyringError('BAD_PRIVATE_KEY', 'This is not a valid private key: it is zero or beyond the range of the secp256k1 curve.')
  }
  return `0x${digits.toLowerCase()}`
}
