// The one address-equality rule: two strings name the same account when both are addresses
// (0x + 40 hex digits, any case) and equal ignoring case. Anything else is never equal, and nothing
// throws (viem's isAddressEqual throws on a malformed address, which an incoming request may carry).
import { isAddress, isAddressEqual } from 'viem'

export function sameAddress(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false
  if (!isAddress(a, { strict: false }) || !isAddress(b, { strict: false })) return false
  return isAddressEqual(a, b)
}
