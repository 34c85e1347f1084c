// Draws the wallet's icon (the shapes of src/brand.ts: a rounded square and two rhombi) into PNG
// files at the sizes the manifests need, with 4x4 supersampling. No image tools needed.
import { deflateSync } from 'node:zlib'

const SHAPES = [
  { kind: 'rrect', r: 22, color: [0x4f, 0x3b, 0xd9] },
  { kind: 'poly', pts: [[18, 58], [48, 74], [78, 58], [48, 42]], color: [0xb7, 0xab, 0xff] },
  { kind: 'poly', pts: [[18, 38], [48, 54], [78, 38], [48, 22]], color: [0xff, 0xff, 0xff] },
]
const VIEW = 96

function inside(shape, x, y) {
  if (shape.kind === 'rrect') {
    const r = shape.r
    const cx = Math.min(Math.max(x, r), VIEW - r)
    const cy = Math.min(Math.max(y, r), VIEW - r)
    return x >= 0 && y >= 0 && x <= VIEW && y <= VIEW && (x - cx) ** 2 + (y - cy) ** 2 <= r * r
  }
  let hit = false
  const p = shape.pts
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
    const [xi, yi] = p[i]
    const [xj, yj] = p[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit
  }
  return hit
}

export function iconPng(size) {
  const ss = 4
  const rows = []
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4)
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = ((px + (sx + 0.5) / ss) / size) * VIEW
          const y = ((py + (sy + 0.5) / ss) / size) * VIEW
          let color = null
          for (const s of SHAPES) if (inside(s, x, y)) color = s.color
          if (color) { r += color[0]; g += color[1]; b += color[2]; a += 255 }
        }
      }
      const n = ss * ss
      const cov = a / 255
      const o = 1 + px * 4
      row[o] = cov ? Math.round(r / cov) : 0
      row[o + 1] = cov ? Math.round(g / cov) : 0
      row[o + 2] = cov ? Math.round(b / cov) : 0
      row[o + 3] = Math.round(a / n)
    }
    rows.push(row)
  }
  return encodePng(size, size, Buffer.concat(rows))
}

function encodePng(w, h, raw) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
export function crc32(buf) {
  let c = 0xffffffff
  for (const byte of buf) c = TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
