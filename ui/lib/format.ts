// Display helpers for addresses. Addresses arrive EIP-55 checksummed from the background.

/** "0xf39F…2266": enough to tell accounts apart, never enough to send to. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address
}

/** The address in groups of four after "0x", so a person can compare it with another screen. */
export function groupedAddress(address: string): string {
  return address.startsWith('0x') ? '0x ' + address.slice(2).replace(/(.{4})(?=.)/g, '$1 ') : address
}
