// A token's mark: the first letter of its symbol on a colour from its address (decorative; the
// symbol is always written next to it). ETH gets its own.
export function TokenMark({ symbol, address }: { symbol: string; address: string | null }) {
  const hue = address ? parseInt(address.slice(2, 6), 16) % 360 : 250
  const letter = (symbol.match(/[A-Za-z0-9]/)?.[0] ?? '?').toUpperCase()
  return (
    <span class="token-mark" aria-hidden="true" style={{ background: address ? `hsl(${hue} 55% 45%)` : 'var(--accent)' }}>
      {address ? letter : 'Ξ'}
    </span>
  )
}
