// The encrypted vault: what is stored (VaultRecord, all public: salt, KDF, parameters, IV,
// ciphertext) and what it hides (VaultPayload, every secret of the wallet in one JSON document).
//
// Reading a record distinguishes three outcomes, because the user's way out differs:
//   damaged  -> VAULT_CORRUPT (fields missing, checksum `sum` wrong, or the GCM tag fails
//               although the password's check value matched): restore from the phrase;
//   wrong password -> { ok: false } for the caller to count (back-off), nothing written;
//   fine     -> the payload.
import type { Hex } from 'viem'
import { equalBytes, fromBase64, toBase64, utf8 } from './encoding.ts'
import { errors } from './errors.ts'
import {
  aesDecrypt,
  aesEncrypt,
  deriveKey,
  IV_BYTES,
  KEY_BYTES,
  MAX_PBKDF2_ITERATIONS,
  newKdfParams,
  sha256,
  TAG_BYTES,
  type DerivedKey,
  type KdfParams,
} from './vault-crypto.ts'

export interface HdSecret {
  mnemonic: string
  /** the BIP39 passphrase ("25th word"), '' when none */
  passphrase: string
}

export interface ImportedKeySecret {
  privateKey: Hex
}

/**
 * One imported Substrate (sr25519) account: src/keyring/substrate-accounts.ts defines the fields
 * (SubstrateKeyEntry: publicKey, 64-byte secretKey, 0x-hex). The keyring keeps each entry
 * verbatim through every re-encryption (password change, key import, KDF upgrade).
 */
export interface SubstrateSecret {
  [field: string]: unknown
}

export interface VaultPayload {
  v: 1
  hd?: HdSecret
  keys: ImportedKeySecret[]
  substrate?: SubstrateSecret[]
}

export interface VaultRecord {
  v: 1
  kdf: KdfParams
  cipher: 'AES-256-GCM'
  /** base64: 12-byte GCM nonce, fresh for every write */
  iv: string
  /** base64: HKDF(master, "check"), tells a wrong password from damage */
  check: string
  /** base64: ciphertext followed by the 16-byte tag */
  ct: string
  /** base64: SHA-256 of every field above, finds damage before the slow KDF runs */
  sum: string
}

/** The fields of a record that stay the same while its key does (salt, KDF, check). */
export type VaultHeader = Pick<VaultRecord, 'v' | 'kdf' | 'check'>

interface Parsed {
  header: VaultHeader
  iv: Uint8Array<ArrayBuffer>
  ct: Uint8Array<ArrayBuffer>
  check: Uint8Array
}

export async function sealVault(
  payload: VaultPayload,
  password: string,
  iterations: number,
): Promise<{ record: VaultRecord; derived: DerivedKey }> {
  const kdf = newKdfParams(iterations)
  const derived = await deriveKey(password, kdf)
  const record = await resealVault({ v: 1, kdf, check: toBase64(derived.check) }, derived.key, payload)
  return { record, derived }
}

/** Encrypts `payload` again under the same key and header, with a fresh IV. */
export async function resealVault(header: VaultHeader, key: CryptoKey, payload: VaultPayload): Promise<VaultRecord> {
  const { iv, ct } = await aesEncrypt(key, utf8.encode(JSON.stringify(payload)), aadOf(header))
  const body = { v: header.v, kdf: header.kdf, cipher: 'AES-256-GCM' as const, iv: toBase64(iv), check: header.check, ct: toBase64(ct) }
  return { ...body, sum: await sumOf(body) }
}

export async function openVault(
  stored: unknown,
  password: string,
): Promise<{ ok: true; payload: VaultPayload; derived: DerivedKey; header: VaultHeader } | { ok: false }> {
  const parsed = await parseRecord(stored)
  const derived = await deriveKey(password, parsed.header.kdf)
  if (!equalBytes(derived.check, parsed.check)) return { ok: false }
  const payload = await decryptPayload(parsed, derived.key)
  return { ok: true, payload, derived, header: parsed.header }
}

/** Opens with a key kept from an earlier unlock (session restore). */
export async function openVaultWithKey(stored: unknown, key: CryptoKey): Promise<{ payload: VaultPayload; header: VaultHeader }> {
  const parsed = await parseRecord(stored)
  return { payload: await decryptPayload(parsed, key), header: parsed.header }
}

/** What is wrong with a stored record without the password (fields, parameters, checksum), or null when it is whole. */
export async function vaultRecordProblem(stored: unknown): Promise<string | null> {
  try {
    await parseRecord(stored)
    return null
  } catch (err) {
    return (err as Error).message
  }
}

export function headerOf(record: VaultRecord): VaultHeader {
  return { v: record.v, kdf: record.kdf, check: record.check }
}

async function decryptPayload(parsed: Parsed, key: CryptoKey): Promise<VaultPayload> {
  const plain = await aesDecrypt(key, parsed.iv, parsed.ct, aadOf(parsed.header))
  if (!plain) throw errors.vaultCorrupt('its ciphertext failed the integrity check')
  let payload: unknown
  try {
    payload = JSON.parse(utf8.decode(plain))
  } catch {
    throw errors.vaultCorrupt('its contents are not readable')
  } finally {
    plain.fill(0)
  }
  if (!isPayload(payload)) throw errors.vaultCorrupt('its contents have an unknown layout')
  return payload
}

async function parseRecord(stored: unknown): Promise<Parsed> {
  if (!isObject(stored) || !isObject(stored.kdf)) throw errors.vaultCorrupt('fields are missing')
  const { v, kdf, cipher } = stored
  if (v !== 1 || cipher !== 'AES-256-GCM') throw errors.vaultCorrupt('unknown version or cipher')
  if (
    kdf.name !== 'PBKDF2' ||
    kdf.hash !== 'SHA-256' ||
    !Number.isSafeInteger(kdf.iterations) ||
    (kdf.iterations as number) < 1 ||
    (kdf.iterations as number) > MAX_PBKDF2_ITERATIONS
  ) {
    throw errors.vaultCorrupt('its key-derivation parameters are not valid')
  }
  const salt = fromBase64(kdf.salt)
  const iv = fromBase64(stored.iv)
  const check = fromBase64(stored.check)
  const ct = fromBase64(stored.ct)
  const sum = fromBase64(stored.sum)
  if (!salt || salt.length < 16 || !iv || iv.length !== IV_BYTES || !check || check.length !== KEY_BYTES || !sum) {
    throw errors.vaultCorrupt('fields are missing or malformed')
  }
  if (!ct || ct.length <= TAG_BYTES) throw errors.vaultCorrupt('its ciphertext is truncated')
  const header: VaultHeader = {
    v: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: kdf.iterations as number, salt: kdf.salt as string },
    check: stored.check as string,
  }
  const body = { v: 1, kdf: header.kdf, cipher: 'AES-256-GCM', iv: stored.iv, check: header.check, ct: stored.ct }
  if (!equalBytes(fromBase64(await sumOf(body))!, sum)) throw errors.vaultCorrupt('its checksum does not match')
  return { header, iv, ct, check }
}

// Binds the header to the ciphertext: changing the KDF or check value also breaks the tag.
function aadOf(h: VaultHeader): Uint8Array<ArrayBuffer> {
  return utf8.encode(JSON.stringify([h.v, h.kdf.name, h.kdf.hash, h.kdf.iterations, h.kdf.salt, h.check]))
}

// A fixed field order, whatever order the storage hands the object back in.
async function sumOf(b: { v: number; kdf: KdfParams; cipher: string; iv: unknown; check: unknown; ct: unknown }): Promise<string> {
  const canonical = JSON.stringify([b.v, b.kdf.name, b.kdf.hash, b.kdf.iterations, b.kdf.salt, b.cipher, b.iv, b.check, b.ct])
  return toBase64(await sha256(utf8.encode(canonical)))
}

function isPayload(x: unknown): x is VaultPayload {
  if (!isObject(x) || x.v !== 1 || !Array.isArray(x.keys)) return false
  if (!x.keys.every((k) => isObject(k) && typeof k.privateKey === 'string' && /^0x[0-9a-f]{64}$/.test(k.privateKey))) return false
  if (x.hd !== undefined && !(isObject(x.hd) && typeof x.hd.mnemonic === 'string' && typeof x.hd.passphrase === 'string')) return false
  if (x.substrate !== undefined && !(Array.isArray(x.substrate) && x.substrate.every(isObject))) return false
  return true
}

function isObject(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === 'object' && !Array.isArray(x)
}
