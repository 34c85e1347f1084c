// The vault's cryptography, all through WebCrypto (globalThis.crypto.subtle):
//   master = PBKDF2-SHA256(password, salt, iterations) -> 256 bits: the one slow step
//   encKey = HKDF-SHA256(master, "vault enc")    AES-256-GCM key for the secrets
//   check  = HKDF-SHA256(master, "vault check")  stored, so a wrong password can be told apart
//                                                 from a damaged ciphertext (GCM alone cannot)
// One PBKDF2 output block of 256 bits: a longer output would cost us twice while an attacker
// testing the check value would pay once.
import { fromBase64, randomBytes, toBase64, utf8 } from './encoding.ts'

export interface Pbkdf2Params {
  name: 'PBKDF2'
  hash: 'SHA-256'
  iterations: number
  /** base64, 32 bytes */
  salt: string
}
/** A union so that a later migration can add scrypt/argon2 beside PBKDF2. */
export type KdfParams = Pbkdf2Params

/** The production cost: above OWASP's and MetaMask's 600,000; about 0.2 s on a 2-core laptop. */
export const DEFAULT_PBKDF2_ITERATIONS = 1_000_000
export const MIN_PRODUCTION_ITERATIONS = 600_000
/** Refuse absurd stored costs (a damaged number must not hang the background for hours). */
export const MAX_PBKDF2_ITERATIONS = 50_000_000

export const SALT_BYTES = 32
export const IV_BYTES = 12
export const KEY_BYTES = 32
/** AES-GCM appends a 16-byte tag: no valid ciphertext is shorter. */
export const TAG_BYTES = 16

export interface DerivedKey {
  /** non-extractable AES-GCM key */
  key: CryptoKey
  /** the same key's bytes, kept only long enough to park them in storage.session */
  raw: Uint8Array<ArrayBuffer>
  check: Uint8Array
}

const subtle = () => globalThis.crypto.subtle

/** `kdf.salt` must already have been checked to be base64 (vault.ts does, before any KDF runs). */
export async function deriveKey(password: string, kdf: KdfParams): Promise<DerivedKey> {
  const salt = fromBase64(kdf.salt)
  if (!salt) throw new TypeError('KDF salt is not base64')
  const base = await subtle().importKey('raw', utf8.encode(password.normalize('NFKC')), 'PBKDF2', false, ['deriveBits'])
  const master = await subtle().deriveBits({ name: 'PBKDF2', hash: kdf.hash, salt, iterations: kdf.iterations }, base, 256)
  const hkdf = await subtle().importKey('raw', master, 'HKDF', false, ['deriveBits'])
  const expand = async (info: string) =>
    new Uint8Array(
      await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8.encode(info) }, hkdf, 256),
    )
  const raw = await expand('rollup-wallet vault enc v1')
  const check = await expand('rollup-wallet vault check v1')
  return { key: await importAesKey(raw), raw, check }
}

export function importAesKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return subtle().importKey('raw', raw, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
}

/** Fresh parameters (new random salt) for sealing a vault. */
export function newKdfParams(iterations: number): KdfParams {
  return { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(randomBytes(SALT_BYTES)) }
}

export async function aesEncrypt(
  key: CryptoKey,
  plaintext: Uint8Array<ArrayBuffer>,
  aad: Uint8Array<ArrayBuffer>,
): Promise<{ iv: Uint8Array<ArrayBuffer>; ct: Uint8Array<ArrayBuffer> }> {
  const iv = randomBytes(IV_BYTES)
  const ct = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, plaintext))
  return { iv, ct }
}

/** Resolves null when the tag does not verify (wrong key, or bytes changed). */
export async function aesDecrypt(
  key: CryptoKey,
  iv: Uint8Array<ArrayBuffer>,
  ct: Uint8Array<ArrayBuffer>,
  aad: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, ct))
  } catch {
    return null
  }
}

export async function sha256(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', data))
}
