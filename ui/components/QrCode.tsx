// A QR code as one SVG path (dark modules on a light quiet zone, whatever the theme: scanners
// expect dark on light).
import { encode } from 'uqr'

export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const qr = encode(value, { ecc: 'M', border: 2 })
  let d = ''
  qr.data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`
    }),
  )
  return (
    <svg class="qr" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${qr.size} ${qr.size}`} shape-rendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  )
}
