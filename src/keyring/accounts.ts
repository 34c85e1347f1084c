// Account metadata: public data only (addresses, names, order, visibility), stored in plain
// storage.local beside the vault so the UI can list accounts. Pure functions over the list.
import { getAddress, isAddress, type Address } from 'viem'
import { sameAddress } from '../util/address.ts'
import { errors, keyringError } from './errors.ts'

export type AccountKind = 'hd' | 'imported'

export interface AccountInfo {
  /** EIP-55 checksummed */
  address: Address
  name: string
  hidden: boolean
  /** position in the user's list; 0 first */
  order: number
  kind: AccountKind
  /** BIP44 address index for 'hd', null for 'imported' */
  index: number | null
}

export const MAX_NAME_LENGTH = 40

export function sortAccounts(list: readonly AccountInfo[]): AccountInfo[] {
  return [...list].sort((a, b) => a.order - b.order)
}

export function nextHdIndex(list: readonly AccountInfo[]): number {
  return list.reduce((next, a) => (a.kind === 'hd' && a.index !== null ? Math.max(next, a.index + 1) : next), 0)
}

export function findAccount(list: readonly AccountInfo[], address: string): AccountInfo | undefined {
  return list.find((a) => sameAddress(a.address, address))
}

export function requireAccount(list: readonly AccountInfo[], address: string): AccountInfo {
  const found = typeof address === 'string' ? findAccount(list, address) : undefined
  if (!found) throw errors.unknownAccount(String(address))
  return found
}

export function appendAccount(
  list: readonly AccountInfo[],
  entry: { address: Address; kind: AccountKind; index: number | null; name?: string },
): AccountInfo[] {
  if (findAccount(list, entry.address)) {
    throw keyringError('DUPLICATE_ACCOUNT', `The account ${entry.address} is already in this wallet.`, { address: entry.address })
  }
  const name =
    entry.name === undefined
      ? entry.kind === 'hd'
        ? `Account ${(entry.index ?? 0) + 1}`
        : `Imported ${list.filter((a) => a.kind === 'imported').length + 1}`
      : checkName(entry.name)
  const order = list.reduce((max, a) => Math.max(max, a.order + 1), 0)
  return [...list, { address: getAddress(entry.address), name, hidden: false, order, kind: entry.kind, index: entry.index }]
}

export function renamed(list: readonly AccountInfo[], address: string, name: string): AccountInfo[] {
  const target = requireAccount(list, address)
  const clean = checkName(name)
  return list.map((a) => (a === target ? { ...a, name: clean } : a))
}

export function withHidden(list: readonly AccountInfo[], address: string, hidden: boolean): AccountInfo[] {
  const target = requireAccount(list, address)
  const next = list.map((a) => (a === target ? { ...a, hidden: hidden === true } : a))
  if (next.every((a) => a.hidden)) {
    throw keyringError('LAST_VISIBLE_ACCOUNT', 'At least one account must stay visible. Show another account first.')
  }
  return next
}

/** `addresses` must name every account exactly once; their order becomes the list order. */
export function reordered(list: readonly AccountInfo[], addresses: readonly string[]): AccountInfo[] {
  const wanted = Array.isArray(addresses) ? addresses.map((a) => (typeof a === 'string' ? a.toLowerCase() : '')) : []
  const known = new Set(list.map((a) => a.address.toLowerCase()))
  if (wanted.length !== list.length || new Set(wanted).size !== wanted.length || !wanted.every((a) => known.has(a))) {
    throw keyringError('BAD_ORDER', 'The new order must list every account exactly once.')
  }
  return list.map((a) => ({ ...a, order: wanted.indexOf(a.address.toLowerCase()) }))
}

export function without(list: readonly AccountInfo[], address: string): AccountInfo[] {
  const target = requireAccount(list, address)
  return list.filter((a) => a !== target)
}

/**
 * The list made to agree with the vault, which is the truth: accounts with no key behind them go,
 * each imported key gets an entry, and a phrase wallet keeps at least its first account.
 * Returns the same array when nothing changed.
 */
export function reconcileAccounts(
  list: AccountInfo[],
  vault: { firstHdAddress: (() => Address) | null; imported: readonly Address[] },
): AccountInfo[] {
  const importedSet = new Set(vault.imported.map((a) => a.toLowerCase()))
  let next = list.filter((a) => (a.kind === 'hd' ? vault.firstHdAddress !== null : importedSet.has(a.address.toLowerCase())))
  if (vault.firstHdAddress && !next.some((a) => a.kind === 'hd')) {
    const address = vault.firstHdAddress()
    if (!findAccount(next, address)) next = appendAccount(next, { address, kind: 'hd', index: 0 })
  }
  for (const address of vault.imported) {
    if (!findAccount(next, address)) next = appendAccount(next, { address, kind: 'imported', index: null })
  }
  return next.length === list.length && next.every((a, i) => a === list[i]) ? list : next
}

/** What was stored, or [] when nothing usable is there (the vault stays the source of truth). */
export function readAccounts(raw: unknown): AccountInfo[] {
  if (!Array.isArray(raw)) return []
  return raw.filter(
    (a): a is AccountInfo =>
      !!a &&
      typeof a === 'object' &&
      typeof a.address === 'string' &&
      isAddress(a.address, { strict: false }) &&
      typeof a.name === 'string' &&
      typeof a.hidden === 'boolean' &&
      Number.isFinite(a.order) &&
      (a.kind === 'hd' ? Number.isSafeInteger(a.index) && a.index >= 0 : a.kind === 'imported' && a.index === null),
  )
}

function checkName(name: unknown): string {
  const clean = typeof name === 'string' ? name.trim().replace(/\s+/g, ' ') : ''
  if (!clean || clean.length > MAX_NAME_LENGTH) {
    throw keyringError('BAD_ACCOUNT_NAME', `An account name has 1 to ${MAX_NAME_LENGTH} characters.`)
  }
  return clean
}
