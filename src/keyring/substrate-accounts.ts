// Substrate (Polkadot-style, sr25519) accounts of the PHA migration claim, as the keyring keeps
// them: the public list (name, ss58, h160, public key) in plain storage.local beside the EVM
// accounts, and the secret key of each inside the vault (VaultPayload.substrate). Pure functions.
import type { Address, Hex } from 'viem'
import { WalletError } from '../errors.ts'
import { keyringError } from './errors.ts'
import { accountIds } from './substrate/account.ts'
import { fromHex, toHex } from './substrate/hex.ts'
import { isSubstrateKeyError } from './substrate/errors.ts'
import { ss58Decode } from './substrate/ss58.ts'
import type { Sr25519Keypair } from './substrate/keypair.ts'
import type { SubstrateSecret } from './vault.ts'

/** storage.local key of the public list (the vault holds the keys) */
export const SUBSTRATE_ACCOUNTS_KEY = 'keyring.substrateAccounts'

export interface SubstrateAccountInfo {
  name: string
  /** SS58 with the Phala/Khala prefix 30 */
  ss58: string
  /** first 20 bytes of the public key, EIP-55: the `user` of the claimer contracts */
  h160: Address
  publicKey: Hex
  /** how it came in: a secret phrase (with its derivation path) or a polkadot.js JSON file */
  source: 'phrase' | 'keystore'
  /** position in the list; 0 first */
  order: number
}

/** What the vault keeps per account: the 64-byte sr25519 secret (@scure/sr25519 layout) and its public key. */
export interface SubstrateKeyEntry extends SubstrateSecret {
  publicKey: Hex
  secretKey: Hex
}

const MAX_NAME = 40

export function readSubstrateAccounts(raw: unknown): SubstrateAccountInfo[] {
  if (!Array.isArray(raw)) return []
  return raw
    .filter(
      (a): a is SubstrateAccountInfo =>
        !!a &&
        typeof a === 'object' &&
        typeof a.name === 'string' &&
        typeof a.ss58 === 'string' &&
        typeof a.h160 === 'string' &&
        typeof a.publicKey === 'string' &&
        /^0x[0-9a-f]{64}$/.test(a.publicKey) &&
        (a.source === 'phrase' || a.source === 'keystore') &&
        Number.isFinite(a.order),
    )
    .sort((a, b) => a.order - b.order)
}

/** An account by its SS58 address (any network prefix), or its 0x public key. */
export function findSubstrateAccount(list: readonly SubstrateAccountInfo[], id: string): SubstrateAccountInfo | undefined {
  const key = publicKeyOf(id)
  return key ? list.find((a) => a.publicKey === key) : undefined
}

export function requireSubstrateAccount(list: readonly SubstrateAccountInfo[], id: string): SubstrateAccountInfo {
  const found = typeof id === 'string' ? findSubstrateAccount(list, id) : undefined
  if (!found) throw keyringError('UNKNOWN_ACCOUNT', `The Polkadot account ${String(id)} is not in this wallet. Import it first.`, { address: String(id) })
  return found
}

export function appendSubstrateAccount(
  list: readonly SubstrateAccountInfo[],
  entry: { publicKey: Uint8Array; source: SubstrateAccountInfo['source']; name?: string },
): SubstrateAccountInfo[] {
  const ids = accountIds(entry.publicKey)
  const publicKey = ids.publicKey.toLowerCase() as Hex
  if (list.some((a) => a.publicKey === publicKey)) {
    throw keyringError('DUPLICATE_ACCOUNT', `The Polkadot account ${ids.ss58} is already in this wallet.`, { address: ids.ss58 })
  }
  const name = entry.name === undefined || entry.name.trim() === '' ? `Polkadot account ${list.length + 1}` : checkName(entry.name)
  const order = list.reduce((max, a) => Math.max(max, a.order + 1), 0)
  return [...list, { name, ss58: ids.ss58, h160: ids.h160 as Address, publicKey, source: entry.source, order }]
}

export function withoutSubstrateAccount(list: readonly SubstrateAccountInfo[], id: string): SubstrateAccountInfo[] {
  const target = requireSubstrateAccount(list, id)
  return list.filter((a) => a !== target)
}

/** The vault's entries that are well formed (a damaged one is skipped, never signed with). */
export function substrateKeys(secrets: readonly SubstrateSecret[] | undefined): SubstrateKeyEntry[] {
  return (secrets ?? []).filter(
    (s): s is SubstrateKeyEntry =>
      typeof s.publicKey === 'string' && /^0x[0-9a-f]{64}$/.test(s.publicKey) && typeof s.secretKey === 'string' && /^0x[0-9a-f]{128}$/.test(s.secretKey),
  )
}

export function keyEntry(pair: Sr25519Keypair): SubstrateKeyEntry {
  return { publicKey: toHex(pair.publicKey).toLowerCase() as Hex, secretKey: toHex(pair.secretKey).toLowerCase() as Hex }
}

export function keypairOf(entry: SubstrateKeyEntry): Sr25519Keypair {
  return { publicKey: fromHex(entry.publicKey, 'the public key', 'BAD_SEED', 32), secretKey: fromHex(entry.secretKey, 'the secret key', 'BAD_SEED', 64) }
}

/** The list made to agree with the vault: entries without a key go, keys without an entry get one. */
export function reconcileSubstrateAccounts(list: SubstrateAccountInfo[], keys: readonly SubstrateKeyEntry[]): SubstrateAccountInfo[] {
  const inVault = new Set(keys.map((k) => k.publicKey))
  let next = list.filter((a) => inVault.has(a.publicKey))
  for (const k of keys) {
    if (!next.some((a) => a.publicKey === k.publicKey)) next = appendSubstrateAccount(next, { publicKey: fromHex(k.publicKey, 'the public key', 'BAD_SEED', 32), source: 'phrase' })
  }
  return next.length === list.length && next.every((a, i) => a === list[i]) ? list : next
}

/**
 * A Substrate key error as the wallet's error: its own codes (the keystore's WRONG_PASSWORD is not
 * the wallet password) and a whole sentence.
 */
export function substrateError(err: unknown, what: string): unknown {
  if (!isSubstrateKeyError(err)) return err
  if (err.code === 'WRONG_PASSWORD') {
    return new WalletError(
      'WRONG_KEYSTORE_PASSWORD',
      'That is not the password of this account file. It is the password you chose when you exported the account from your Polkadot wallet, not this wallet’s password.',
    )
  }
  return new WalletError(`SUBSTRATE_${err.code}`, `${what}: ${err.message.replace(/\.$/, '')}.`)
}

function publicKeyOf(id: string): Hex | null {
  if (typeof id !== 'string') return null
  if (/^0x[0-9a-fA-F]{64}$/.test(id)) return id.toLowerCase() as Hex
  try {
    return toHex(ss58Decode(id).publicKey).toLowerCase() as Hex
  } catch {
    return null
  }
}

function checkName(name: unknown): string {
  const clean = typeof name === 'string' ? name.trim().replace(/\s+/g, ' ') : ''
  if (!clean || clean.length > MAX_NAME) throw keyringError('BAD_ACCOUNT_NAME', `An account name has 1 to ${MAX_NAME} characters.`)
  return clean
}
