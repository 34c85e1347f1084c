// A personal_sign message as a person should see it: its text when it is UTF-8, with invisible and
// direction-changing characters made visible and flagged (they can make a message read differently
// from what is signed), and a warning when it is not text at all or is exactly 32 bytes (a hash: a
// site may be asking to sign a transaction's hash blindly). Pure: the window calls it on the bytes.
import { hexToBytes, type Hex } from 'viem'

export interface MessagePart {
  text: string
  /** a character shown by its code point because it is invisible or changes direction */
  flagged?: { code: string; name: string }
}

export interface MessageView {
  bytes: number
  /** the message as text, or null when it is not UTF-8 (then the hex is shown) */
  text: string | null
  parts: MessagePart[]
  /** exactly 32 bytes: likely a hash */
  hashLike: boolean
  /** the flagged characters, once each, with how often */
  flagged: { code: string; name: string; count: number }[]
}

const NAMES: Record<number, string> = {
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2061: 'function application',
  0x2062: 'invisible times',
  0x2063: 'invisible separator',
  0x2064: 'invisible plus',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0x00ad: 'soft hyphen',
  0x034f: 'combining grapheme joiner',
  0x061c: 'Arabic letter mark',
  0x115f: 'Hangul choseong filler',
  0x1160: 'Hangul jungseong filler',
  0x17b4: 'Khmer vowel inherent aq',
  0x17b5: 'Khmer vowel inherent aa',
  0x180e: 'Mongolian vowel separator',
  0x3164: 'Hangul filler',
  0xfeff: 'zero-width no-break space',
  0xffa0: 'halfwidth Hangul filler',
}

function flagOf(cp: number): string | null {
  if (NAMES[cp]) return NAMES[cp]!
  if (cp < 0x20 && cp !== 0x0a && cp !== 0x09 && cp !== 0x0d) return 'control character'
  if (cp >= 0x7f && cp <= 0x9f) return 'control character'
  if (cp >= 0xfe00 && cp <= 0xfe0f) return 'variation selector'
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'tag character'
  if (cp >= 0xe0100 && cp <= 0xe01ef) return 'variation selector'
  return null
}

export function describeMessage(message: Hex): MessageView {
  const bytes = hexToBytes(message)
  let text: string | null = null
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = null
  }
  const parts: MessagePart[] = []
  const counts = new Map<string, { code: string; name: string; count: number }>()
  if (text !== null) {
    let run = ''
    for (const ch of text) {
      const cp = ch.codePointAt(0)!
      const name = flagOf(cp)
      if (!name) {
        run += ch
        continue
      }
      if (run) parts.push({ text: run })
      run = ''
      const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
      parts.push({ text: ch, flagged: { code, name } })
      const c = counts.get(code) ?? { code, name, count: 0 }
      c.count++
      counts.set(code, c)
    }
    if (run) parts.push({ text: run })
  }
  return { bytes: bytes.length, text, parts, hashLike: bytes.length === 32, flagged: [...counts.values()] }
}
