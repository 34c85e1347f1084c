// What the send screen checks before anything is prepared, as sentences a person can act on.
// Pure, so the popup checks as the user types and the background checks the same way again.
import { getAddress, isAddress, parseUnits, type Address } from 'viem'

export type Check<T> = { ok: true; value: T } | { ok: false; error: string }

/** A recipient: 0x + 40 hex digits; mixed case must be the EIP-55 checksum (a typo changes it). */
export function checkRecipient(text: string): Check<Address> {
  const t = text.trim()
  if (!t) return { ok: false, error: 'Enter the address to send to.' }
  if (!/^0x[0-9a-fA-F]{40}$/.test(t)) {
    return { ok: false, error: /^0x[0-9a-fA-F]*$/.test(t) ? `An address has 40 hex digits after 0x; this has ${t.length - 2}.` : 'That is not an address: it starts with 0x followed by 40 hex digits.' }
  }
  const mixed = t.slice(2) !== t.slice(2).toLowerCase() && t.slice(2) !== t.slice(2).toUpperCase()
  if (mixed && !isAddress(t, { strict: true })) return { ok: false, error: 'The checksum does not match: check for a typo.' }
  return { ok: true, value: getAddress(t) }
}

/** An amount in whole units ("1.5") to base units, within the balance when one is known. */
export function checkAmount(text: string, decimals: number, symbol: string, balance?: bigint | null): Check<bigint> {
  const t = text.trim().replace(/,/g, '')
  if (!t) return { ok: false, error: 'Enter an amount.' }
  if (!/^(\d+\.?\d*|\.\d+)$/.test(t)) return { ok: false, error: 'Enter the amount as a number, like 0.5.' }
  const fraction = t.includes('.') ? t.split('.')[1].length : 0
  if (fraction > decimals) return { ok: false, error: `${symbol} has ${decimals} decimals at most; this amount has ${fraction}.` }
  const value = parseUnits(t, decimals)
  if (value === 0n) return { ok: false, error: 'Enter an amount above zero.' }
  if (balance !== undefined && balance !== null && value > balance) return { ok: false, error: `That is more than your ${symbol} balance.` }
  return { ok: true, value }
}
