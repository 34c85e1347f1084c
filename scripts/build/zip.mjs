// Writes a .zip (deflate) of a directory for the stores, leaving out source maps.
import { deflateRawSync } from 'node:zlib'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { crc32 } from './png.mjs'

export function zipDir(dir, outFile, exclude = (name) => name.endsWith('.map')) {
  const files = []
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (!exclude(name)) files.push(p)
    }
  }
  walk(dir)
  const local = []
  const central = []
  let offset = 0
  // DOS time for 1980-01-01 00:00: fixed so that the same input gives the same zip.
  const dosTime = 0
  const dosDate = (0 << 9) | (1 << 5) | 1
  for (const file of files) {
    const name = Buffer.from(relative(dir, file).split(sep).join('/'), 'utf8')
    const data = readFileSync(file)
    const packed = deflateRawSync(data, { level: 9 })
    const crc = crc32(data)
    const header = Buffer.alloc(30)
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt16LE(0x0800, 6) // UTF-8 names
    header.writeUInt16LE(8, 8) // deflate
    header.writeUInt16LE(dosTime, 10)
    header.writeUInt16LE(dosDate, 12)
    header.writeUInt32LE(crc, 14)
    header.writeUInt32LE(packed.length, 18)
    header.writeUInt32LE(data.length, 22)
    header.writeUInt16LE(name.length, 26)
    header.writeUInt16LE(0, 28)
    local.push(header, name, packed)
    const c = Buffer.alloc(46)
    c.writeUInt32LE(0x02014b50, 0)
    c.writeUInt16LE(20, 4)
    c.writeUInt16LE(20, 6)
    c.writeUInt16LE(0x0800, 8)
    c.writeUInt16LE(8, 10)
    c.writeUInt16LE(dosTime, 12)
    c.writeUInt16LE(dosDate, 14)
    c.writeUInt32LE(crc, 16)
    c.writeUInt32LE(packed.length, 20)
    c.writeUInt32LE(data.length, 24)
    c.writeUInt16LE(name.length, 28)
    c.writeUInt32LE(offset, 42)
    central.push(c, name)
    offset += header.length + name.length + packed.length
  }
  const centralBuf = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files.length, 8)
  end.writeUInt16LE(files.length, 10)
  end.writeUInt32LE(centralBuf.length, 12)
  end.writeUInt32LE(offset, 16)
  writeFileSync(outFile, Buffer.concat([...local, centralBuf, end]))
  return { files: files.length, bytes: offset + centralBuf.length + 22 }
}
