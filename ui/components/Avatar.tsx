// A small picture derived from an address, so accounts are told apart at a glance. Two hues from
// the address bytes; decorative (the name and address are always written next to it).
export function Avatar({ address, size = 28 }: { address: string; size?: number }) {
  const hex = address.slice(2).toLowerCase()
  const h1 = parseInt(hex.slice(0, 4) || '0', 16) % 360
  const h2 = (h1 + 60 + (parseInt(hex.slice(4, 8) || '0', 16) % 180)) % 360
  const angle = parseInt(hex.slice(8, 10) || '0', 16) % 360
  return (
    <span
      class="avatar"
      aria-hidden="true"
      style={{ width: `${size}px`, height: `${size}px`, background: `linear-gradient(${angle}deg, hsl(${h1} 70% 55%), hsl(${h2} 70% 45%))` }}
    />
  )
}
