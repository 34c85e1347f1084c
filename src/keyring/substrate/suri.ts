// Secret URIs as Substrate writes them: `<phrase>//hard/soft///password`.
// The phrase may be a mnemonic, a 0x-hex 32-byte mini-secret, or empty (then the well-known dev phrase,
// as `subkey` and polkadot.js do for `//Alice`). Junctions become 32-byte chain codes the way
// sp-core's DeriveJunction does: a decimal that fits in u64 is its 8-byte little-endian encoding,
// anything else its SCALE encoding (compact length + UTF-8); then zero-padded to 32 bytes, or
// blake2b-256 hashed when longer.
import { blake2b } from '@noble/hashes/blake2.js'
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { SubstrateKeyError } from './errors.ts'

export const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'

export interface Junction {
  hard: boolean
  /** the junction as written, e.g. "Alice" or "0" */
  path: string
  chainCode: Uint8Array
}

export interface ParsedSuri {
  phrase: string
  junctions: Junction[]
  /** the substrate-bip39 password (after `///`), '' when absent */
  password: string
}

const U64_MAX = (1n << 64n) - 1n

function compactLength(n: number): Uint8Array {
  if (n < 1 << 6) return Uint8Array.of(n << 2)
  if (n < 1 << 14) return Uint8Array.of(((n << 2) | 1) & 0xff, n >> 6)
  if (n < 1 << 30) {
    const v = (n << 2) | 2
    return Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff)
  }
  throw new SubstrateKeyError('BAD_SURI', 'a derivation path junction is too long')
}

export function junctionChainCode(path: string): Uint8Array {
  let encoded: Uint8Array
  if (/^\d+$/.test(path) && BigInt(path) <= U64_MAX) {
    encoded = new Uint8Array(8)
    let v = BigInt(path)
    for (let i = 0; i < 8; i++, v >>= 8n) encoded[i] = Number(v & 0xffn)
  } else {
    const text = utf8ToBytes(path)
    encoded = concatBytes(compactLength(text.length), text)
  }
  if (encoded.length > 32) return blake2b(encoded, { dkLen: 32 })
  const code = new Uint8Array(32)
  code.set(encoded)
  return code
}

export function parseSuri(suri: string): ParsedSuri {
  if (typeof suri !== 'string') throw new SubstrateKeyError('BAD_SURI', 'a secret URI must be text')
  const trimmed = suri.trim()
  const pw = trimmed.indexOf('///')
  const password = pw >= 0 ? trimmed.slice(pw + 3) : ''
  const beforePassword = pw >= 0 ? trimmed.slice(0, pw) : trimmed
  const firstSlash = beforePassword.indexOf('/')
  const phrase = (firstSlash >= 0 ? beforePassword.slice(0, firstSlash) : beforePassword).trim()
  const pathText = firstSlash >= 0 ? beforePassword.slice(firstSlash) : ''

  const junctions: Junction[] = []
  const re = /(\/\/?)([^/]+)/y
  let at = 0
  while (at < pathText.length) {
    re.lastIndex = at
    const m = re.exec(pathText)
    if (!m) {
      throw new SubstrateKeyError('BAD_SURI', `the derivation path "${pathText}" has an empty junction: use /soft or //hard with a name or number`)
    }
    junctions.push({ hard: m[1] === '//', path: m[2], chainCode: junctionChainCode(m[2]) })
    at = re.lastIndex
  }
  if (phrase && !/^0x[0-9a-fA-F]+$/.test(phrase) && !/^[\p{L}\p{M}]+( [\p{L}\p{M}]+)*$/u.test(phrase.replace(/\s+/g, ' '))) {
    throw new SubstrateKeyError('BAD_SURI', 'the phrase part of a secret URI is words separated by spaces, or a 0x-hex seed')
  }
  return { phrase: phrase.replace(/\s+/g, ' '), junctions, password }
}
