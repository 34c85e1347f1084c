// polkadot.js JSON keystores of sr25519 accounts (what "Export account" in polkadot{.js}, Talisman and
// SubWallet writes), version 3:
//   encoding: { content: ['pkcs8', 'sr25519'], type: ['scrypt', 'xsalsa20-poly1305'], version: '3' }
//   encoded:  base64( salt[32] | N u32le | p u32le | r u32le | nonce[24] | secretbox(pkcs8) )
//   key:      first 32 bytes of scrypt(password, salt, N, r, p, dkLen 64)
//   pkcs8:    HEADER[16] | secret[64] | DIVIDER[5] | publicKey[32]
// The 64-byte secret is schnorrkel's "ed25519 bytes" (scalar*8 LE | nonce), the same layout
// @scure/sr25519 uses; it is checked against the public key before it is used.
// Older files hold a 32-byte mini-secret instead of the 64-byte secret, or use no scrypt (the password
// bytes, zero-padded to 32, are the key), or no encryption at all ('none').
import { getPublicKey } from '@scure/sr25519'
import { base64 } from '@scure/base'
import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js'
import { scryptAsync } from '@noble/hashes/scrypt.js'
import { concatBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { SubstrateKeyError } from './errors.ts'
import { keypairFromMiniSecret, type Sr25519Keypair } from './keypair.ts'
import { SS58_PREFIX, ss58Decode, ss58Encode } from './ss58.ts'

export const PKCS8_HEADER = Uint8Array.of(48, 83, 2, 1, 1, 48, 5, 6, 3, 43, 101, 112, 4, 34, 4, 32)
export const PKCS8_DIVIDER = Uint8Array.of(161, 35, 3, 33, 0)
export const DEFAULT_SCRYPT = { N: 1 << 15, p: 1, r: 8 } as const
const SALT_LENGTH = 32
const SCRYPT_LENGTH = SALT_LENGTH + 12
const NONCE_LENGTH = 24

export interface ScryptParams {
  N: number
  p: number
  r: number
}

export interface KeystoreJson {
  encoded: string
  encoding: { content: string[]; type: string[]; version: string }
  address: string
  meta?: Record<string, unknown>
}

export interface ImportedKeystore extends Sr25519Keypair {
  /** the address written in the file, re-encoded at its own prefix */
  address: string
  meta: Record<string, unknown>
}

function bad(message: string): never {
  throw new SubstrateKeyError('BAD_KEYSTORE', message)
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

function u32le(data: Uint8Array, at: number): number {
  return (data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24)) >>> 0
}

function u32leBytes(n: number): Uint8Array {
  return Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff)
}

/**
 * What an imported file may ask for: polkadot.js's own parameters only (it accepts nothing else
 * either), so a crafted file cannot make the wallet work longer than a real one does.
 */
function checkImportScrypt({ N, p, r }: ScryptParams): void {
  if (N !== DEFAULT_SCRYPT.N || r !== DEFAULT_SCRYPT.r || p !== DEFAULT_SCRYPT.p) {
    throw new SubstrateKeyError(
      'UNSUPPORTED_KEYSTORE',
      `this keystore asks for scrypt parameters polkadot.js does not use (N=${N}, r=${r}, p=${p}; polkadot.js writes N=${DEFAULT_SCRYPT.N}, r=${DEFAULT_SCRYPT.r}, p=${DEFAULT_SCRYPT.p}); export it again from the wallet that made it`,
    )
  }
}

/** Bounds what the wallet writes (its own exports use the defaults; tests may use cheaper ones). */
function checkScrypt({ N, p, r }: ScryptParams): void {
  const pow2 = N > 1 && (N & (N - 1)) === 0
  if (!pow2 || N < 1 << 10 || N > 1 << 20 || r < 1 || r > 16 || p < 1 || p > 16 || N * r * p > 1 << 21) {
    throw new SubstrateKeyError('UNSUPPORTED_KEYSTORE', `this keystore asks for unusual scrypt parameters (N=${N}, r=${r}, p=${p}); export it again from the wallet that made it`)
  }
}

async function deriveKey(password: string, salt: Uint8Array, params: ScryptParams): Promise<Uint8Array> {
  const out = await scryptAsync(utf8ToBytes(password), salt, { ...params, dkLen: 64 })
  return out.slice(0, 32)
}

function asStringList(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value
  return []
}

/** Reads the JSON text or object of a keystore file and checks that it is one we can open. */
export function parseKeystore(input: unknown): KeystoreJson {
  let json = input
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input)
    } catch {
      bad('this file is not JSON: choose the .json file your Polkadot wallet exported')
    }
  }
  if (!json || typeof json !== 'object') bad('this is not a Polkadot account file')
  const j = json as Record<string, unknown>
  const encoding = (j.encoding ?? {}) as Record<string, unknown>
  if (typeof j.encoded !== 'string' || typeof j.address !== 'string') bad('this is not a Polkadot account file: it has no "encoded" key or no "address"')
  const content = asStringList(encoding.content)
  const type = asStringList(encoding.type)
  // a string or a number only: String() of an object without a prototype throws
  const version = typeof encoding.version === 'string' || typeof encoding.version === 'number' ? String(encoding.version) : ''
  if (content[0] !== 'pkcs8') bad('this keystore does not hold a PKCS8 key')
  if (content[1] && content[1] !== 'sr25519') {
    throw new SubstrateKeyError('UNSUPPORTED_KEYSTORE', `this account uses ${content[1]} keys; only sr25519 accounts (the Polkadot default) can be imported`)
  }
  if (!['2', '3'].includes(version)) throw new SubstrateKeyError('UNSUPPORTED_KEYSTORE', `keystore version ${version || '(none)'} is not supported; export it again from a current wallet`)
  const meta = j.meta && typeof j.meta === 'object' ? (j.meta as Record<string, unknown>) : {}
  return { encoded: j.encoded as string, encoding: { content, type, version }, address: j.address as string, meta }
}

function decodePkcs8(plain: Uint8Array): Sr25519Keypair {
  if (!equal(plain.subarray(0, PKCS8_HEADER.length), PKCS8_HEADER)) bad('the decrypted key has an unknown layout (PKCS8 header)')
  const at = PKCS8_HEADER.length
  for (const secretLength of [64, 32]) {
    const div = at + secretLength
    if (!equal(plain.subarray(div, div + PKCS8_DIVIDER.length), PKCS8_DIVIDER)) continue
    const secret = plain.subarray(at, div)
    const publicKey = plain.slice(div + PKCS8_DIVIDER.length, div + PKCS8_DIVIDER.length + 32)
    if (publicKey.length !== 32) bad('the decrypted key is cut short')
    if (secretLength === 32) {
      const pair = keypairFromMiniSecret(secret)
      if (!equal(pair.publicKey, publicKey)) bad("the keystore's seed does not match its public key")
      return pair
    }
    // the secret is used as stored (scalar*8 | nonce, what sign() takes); it must give the stored public key
    let derived: Uint8Array | null = null
    try {
      derived = getPublicKey(secret)
    } catch {
      derived = null
    }
    if (!derived || !equal(derived, publicKey)) bad("the keystore's secret key does not match its public key")
    return { secretKey: secret.slice(0, 64), publicKey }
  }
  bad('the decrypted key has an unknown layout (PKCS8 divider)')
}

/** Opens a polkadot.js keystore. A wrong password is a WRONG_PASSWORD error, never a crash. */
export async function decodeKeystore(input: unknown, password: string): Promise<ImportedKeystore> {
  const ks = parseKeystore(input)
  let data: Uint8Array
  try {
    data = base64.decode(ks.encoded.trim())
  } catch {
    bad('the "encoded" field is not base64: the file is damaged')
  }
  const types = ks.encoding.type
  let plain: Uint8Array
  if (types.includes('xsalsa20-poly1305')) {
    if (!password) throw new SubstrateKeyError('WRONG_PASSWORD', 'this keystore is encrypted: enter the password it was exported with')
    let key: Uint8Array
    if (types.includes('scrypt')) {
      if (data.length < SCRYPT_LENGTH + NONCE_LENGTH + 16) bad('the encrypted key is cut short')
      const params = { N: u32le(data, 32), p: u32le(data, 36), r: u32le(data, 40) }
      checkImportScrypt(params)
      key = await deriveKey(password, data.subarray(0, SALT_LENGTH), params)
      data = data.subarray(SCRYPT_LENGTH)
    } else {
      key = new Uint8Array(32)
      key.set(utf8ToBytes(password).subarray(0, 32))
    }
    if (data.length < NONCE_LENGTH + 16) bad('the encrypted key is cut short')
    try {
      plain = xsalsa20poly1305(key, data.subarray(0, NONCE_LENGTH)).decrypt(data.subarray(NONCE_LENGTH))
    } catch {
      throw new SubstrateKeyError('WRONG_PASSWORD', 'wrong keystore password')
    }
  } else if (types.length === 0 || types.includes('none')) {
    plain = data
  } else {
    throw new SubstrateKeyError('UNSUPPORTED_KEYSTORE', `keystore encryption "${types.join(', ')}" is not supported`)
  }
  const pair = decodePkcs8(plain)
  let decoded
  try {
    decoded = ss58Decode(ks.address)
  } catch (err) {
    bad(`the file's address is not valid (${(err as Error).message})`)
  }
  if (!equal(decoded.publicKey, pair.publicKey)) bad("the key in this file does not belong to the file's address")
  return { ...pair, address: ks.address, meta: ks.meta ?? {} }
}

export interface EncodeKeystoreOptions {
  meta?: Record<string, unknown>
  ss58Prefix?: number
  scrypt?: ScryptParams
  /** fixed salt / nonce, for reproducible test files only */
  salt?: Uint8Array
  nonce?: Uint8Array
}

/** Writes a version-3 keystore that polkadot.js (and decodeKeystore) can import. */
export async function encodeKeystore(pair: Sr25519Keypair, password: string, options: EncodeKeystoreOptions = {}): Promise<KeystoreJson> {
  if (!password) throw new SubstrateKeyError('WRONG_PASSWORD', 'choose a password to protect the exported account')
  if (!equal(getPublicKey(pair.secretKey), pair.publicKey)) bad('the secret key does not match the public key')
  const params = options.scrypt ?? DEFAULT_SCRYPT
  checkScrypt(params)
  const salt = options.salt ?? randomBytes(SALT_LENGTH)
  const nonce = options.nonce ?? randomBytes(NONCE_LENGTH)
  const key = await deriveKey(password, salt, params)
  const pkcs8 = concatBytes(PKCS8_HEADER, pair.secretKey, PKCS8_DIVIDER, pair.publicKey)
  const sealed = xsalsa20poly1305(key, nonce).encrypt(pkcs8)
  const encoded = concatBytes(salt, u32leBytes(params.N), u32leBytes(params.p), u32leBytes(params.r), nonce, sealed)
  return {
    encoded: base64.encode(encoded),
    encoding: { content: ['pkcs8', 'sr25519'], type: ['scrypt', 'xsalsa20-poly1305'], version: '3' },
    address: ss58Encode(pair.publicKey, options.ss58Prefix ?? SS58_PREFIX.substrate),
    meta: options.meta ?? {},
  }
}
