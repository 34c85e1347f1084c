// The one map of the wallet's storage: every key family in storage.local and storage.session, with
// the type it holds, the module that owns (and alone writes) it, who else may read it, and the
// migrations that take storage.local from one schema version to the next. The background hands
// every module a KV that refuses keys this map does not declare (storage/guard.ts), so the map
// cannot fall behind the code. Screens never read storage: they follow topics (src/topics.ts); the
// one exception is the popup's own picture of Home (`homeSnapshot`), which it writes and reads itself
// so that it can show it before the background answers. The content relay reads `settings` only
// (to know whether to take window.ethereum without waking the background). Each family also says
// what a sound value looks like (`check`): the wallet checks its whole storage at start and reports
// what does not hold (WalletState.problems), leaving it as it was. Checks are structural (and, for
// the vault, its checksum): what the owner's reader would drop.
import * as v from 'valibot'
import type { ActivityRecord } from './activity/store.ts'
import { ACTIVITY_KEY } from './activity/store.ts'
import { INCOMING_PREFIX, type IncomingCache } from './activity/incoming.ts'
import { ALLOWANCES_KEY, type ScanMark } from './allowances/service.ts'
import { APPROVAL_KEYS, type QueueEntry } from './approvals/queue.ts'
import { accountKey, BALANCE_KEYS, type AccountBalances, type BalanceFilter, type BalanceMeta } from './balances/cache.ts'
import { BRIDGE_KEYS, type DiscoveryMark } from './bridge/store.ts'
import type { BridgeItem } from './bridge/types.ts'
import type { ClockSample } from './bridge/view.ts'
import { NETWORK_KEYS } from './chains/store.ts'
import type { Network } from './chains/types.ts'
import { CLAIM_BACKENDS_KEY } from './claim/config.ts'
import { CLAIM_RECORDS_KEY, type ClaimRecord } from './claim/records.ts'
import { FLOWS_KEY } from './flows/store.ts'
import type { Flow } from './flows/types.ts'
import type { AccountInfo } from './keyring/accounts.ts'
import { LOCAL_KEYS, SESSION_KEYS, type SessionRecord } from './keyring/storage-keys.ts'
import { SUBSTRATE_ACCOUNTS_KEY } from './keyring/substrate-accounts.ts'
import { vaultRecordProblem, type VaultRecord } from './keyring/vault.ts'
import { readAccounts } from './keyring/accounts.ts'
import { readSubstrateAccounts } from './keyring/substrate-accounts.ts'
import { readFailures } from './keyring/backoff.ts'
import { fromBase64 } from './keyring/encoding.ts'
import type { StorageProblem } from './storage/problems.ts'
import { ADDRESS_BOOK_KEY, type Contact } from './names/book.ts'
import { CONNECTIONS_KEY, type Connection } from './provider/connections.ts'
import { PERMISSIONS_KEY, type OriginGrant } from './provider/permissions.ts'
import { SITE_CHAINS_KEY, type SiteChain } from './provider/site-chains.ts'
import { FILTERS_KEY, type FilterRecord } from './provider/filters.ts'
import { BATCHES_KEY, type BatchRecord } from './provider/batches.ts'
import type { RollupParams } from './rollup/params.ts'
import { PRICES_KEY, type PriceBook } from './prices/service.ts'
import type { KV } from './storage/kv.ts'
import { SCHEMA_KEY, migrate, type Migration } from './storage/migrate.ts'
import { DEFAULT_SETTINGS, SETTINGS_KEY, settingsProblem, type Settings } from './storage/settings.ts'
import { USER_TOKENS_KEY, type UserToken } from './tokens/user-tokens.ts'
import { HOME_SNAPSHOT_KEY, homeSnapshotProblem, type HomeSnapshot } from './wallet/home-snapshot.ts'

export type Area = 'local' | 'session'

export interface KeyFamily<T = unknown> {
  area: Area
  /** the key, or for a family of keys its prefix (`prefix: true`) */
  key: string
  prefix?: true
  /** the module that writes it (and the only one) */
  owner: string
  /** contexts other than the background that read it directly */
  readers?: ('content' | 'popup')[]
  /** what it holds, in a sentence */
  holds: string
  /** what is wrong with a stored value (never called for an absent key), or null when it is sound */
  check: Check
  /** phantom: the stored type */
  type?: T
}

/** A family's check; `ctx` gives the other area for checks across them. */
export type Check = (value: unknown, ctx: { local: KV; session: KV }) => string | null | Promise<string | null>

/** A check from a valibot schema: the first issue, in words. */
function shape(schema: v.GenericSchema): Check {
  return (value) => {
    const r = v.safeParse(schema, value)
    if (r.success) return null
    const issue = r.issues[0]
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? ''
    return `${path ? `"${path}": ` : ''}${issue.message}`
  }
}

const int = v.pipe(v.number(), v.safeInteger())
const count = v.pipe(int, v.minValue(0))
const time = v.pipe(v.number(), v.finite())
const chainIdS = v.pipe(int, v.minValue(1))
const hexS = v.pipe(v.string(), v.regex(/^0x[0-9a-fA-F]*$/))
const addressS = v.pipe(v.string(), v.regex(/^0x[0-9a-fA-F]{40}$/))
const decimalS = v.pipe(v.string(), v.regex(/^\d{1,80}$/))
const originS = v.pipe(v.string(), v.regex(/^https?:\/\/[^\s/]+$/))
const urlS = v.pipe(v.string(), v.regex(/^https?:\/\/\S+$/))
const record = <T extends v.GenericSchema>(value: T) => v.record(v.string(), value)

/** A reader that drops what it cannot use: the value is sound when nothing is dropped. */
function keepsAll(read: (raw: unknown) => unknown[], what: string): Check {
  return (value) => {
    if (!Array.isArray(value)) return `${what} is not a list`
    const kept = read(value).length
    return kept === value.length ? null : `${value.length - kept} of ${value.length} ${what} cannot be read`
  }
}

const networkS = v.looseObject({ chainId: chainIdS, name: v.string(), rpcUrls: v.pipe(v.array(urlS), v.minLength(1)), nativeCurrency: v.looseObject({ symbol: v.string(), decimals: int }), blockTimeSeconds: v.number() })
const flowS = v.looseObject({ id: v.string(), kind: v.string(), steps: v.array(v.looseObject({})), current: int, status: v.string() })
const bridgeItemS = v.looseObject({ kind: v.picklist(['withdrawal', 'deposit']), id: v.string() })
const chainReadingS = v.looseObject({ at: v.nullable(time), block: v.nullable(v.string()), amounts: record(decimalS), error: v.nullable(v.looseObject({ message: v.string(), at: time })) })

const family = <T>(f: KeyFamily<T>): KeyFamily<T> => f

export const STORAGE_MAP = {
  // ---------------------------------------------------------------- storage.local: persistent
  schemaVersion: family<number>({ area: 'local', key: SCHEMA_KEY, owner: 'src/storage/migrate.ts', holds: 'the schema version this storage is at' , check: shape(count) }),
  settings: family<Settings>({ area: 'local', key: SETTINGS_KEY, owner: 'src/storage/settings.ts (SettingsStore, through Wallet.updateSettings)', readers: ['content'], holds: 'active chain, default-wallet choice, auto-lock minutes, selected account' , check: (value) => settingsProblem(value) }),
  vault: family<VaultRecord>({ area: 'local', key: LOCAL_KEYS.vault, owner: 'src/keyring/keyring.ts', holds: 'the encrypted vault: KDF parameters, salt, IV, AES-GCM ciphertext' , check: (value) => vaultRecordProblem(value) }),
  accounts: family<AccountInfo[]>({ area: 'local', key: LOCAL_KEYS.accounts, owner: 'src/keyring/keyring.ts', holds: 'public account data: addresses, names, order, visibility' , check: keepsAll(readAccounts, 'accounts') }),
  failures: family<{ count: number; lastAt: number }>({ area: 'local', key: LOCAL_KEYS.failures, owner: 'src/keyring/keyring.ts', holds: 'wrong-password count for the back-off' , check: failuresCheck }),
  substrateAccounts: family<unknown[]>({ area: 'local', key: SUBSTRATE_ACCOUNTS_KEY, owner: 'src/keyring/keyring.ts', holds: 'public data of imported Polkadot accounts (ss58, h160, names)' , check: keepsAll(readSubstrateAccounts, 'Polkadot accounts') }),
  permissions: family<Record<string, OriginGrant>>({ area: 'local', key: PERMISSIONS_KEY, owner: 'src/provider/permissions.ts', holds: 'per-origin EIP-2255 grants: the accounts each site may see' , check: shape(record(v.looseObject({ accounts: v.pipe(v.array(addressS), v.minLength(1)), date: time }))) }),
  siteChains: family<Record<string, SiteChain>>({ area: 'local', key: SITE_CHAINS_KEY, owner: 'src/provider/site-chains.ts', holds: "each site's own chain and the chains the user approved for it (newest 500 sites)" , check: shape(record(v.looseObject({ chainId: chainIdS, approved: v.array(chainIdS), date: time }))) }),
  batches: family<BatchRecord[]>({ area: 'local', key: BATCHES_KEY, owner: 'src/provider/batches.ts', holds: 'EIP-5792 batches sites sent (wallet_sendCalls): their calls, hashes, receipts and status (newest 200)' , check: shape(v.array(v.looseObject({ id: v.string(), origin: originS, chainId: chainIdS, from: addressS, version: v.string(), createdAt: time, calls: v.array(v.looseObject({})), status: int }))) }),
  networksUser: family<Network[]>({ area: 'local', key: NETWORK_KEYS.user, owner: 'src/chains/store.ts', holds: 'networks the user added (rollups from their portal, dApp-suggested chains)' , check: shape(v.array(networkS)) }),
  rpcOverrides: family<Record<string, string[]>>({ area: 'local', key: NETWORK_KEYS.rpcOverrides, owner: 'src/chains/store.ts', holds: "the user's own RPC URLs per network, in fallback order" , check: shape(record(v.array(urlS))) }),
  userTokens: family<UserToken[]>({ area: 'local', key: USER_TOKENS_KEY, owner: 'src/tokens/user-tokens.ts', holds: 'tokens added by address or by wallet_watchAsset' , check: shape(v.array(v.looseObject({ chainId: chainIdS, address: addressS, symbol: v.string(), decimals: v.pipe(int, v.minValue(0), v.maxValue(255)), addedAt: time, source: v.string() }))) }),
  activity: family<ActivityRecord[]>({ area: 'local', key: ACTIVITY_KEY, owner: 'src/activity/store.ts', holds: "the wallet's own transactions with status and fee (newest 500)" , check: shape(v.array(v.looseObject({ hash: hexS, chainId: chainIdS, from: addressS, value: decimalS, title: v.string(), origin: v.string(), createdAt: time, status: v.picklist(['pending', 'confirmed', 'failed', 'dropped', 'replaced']) }))) }),
  activityIncoming: family<IncomingCache>({ area: 'local', key: INCOMING_PREFIX, prefix: true, owner: 'src/activity/incoming.ts', holds: "tokens that came in to one account (Transfer logs), with the block each chain was scanned to", check: shape(v.looseObject({ v: v.literal(1), scanned: record(decimalS), items: v.array(v.looseObject({ chainId: chainIdS, hash: hexS, token: addressS, from: addressS, value: decimalS })) })) }),
  balancesMeta: family<BalanceMeta>({ area: 'local', key: BALANCE_KEYS.meta, owner: 'src/balances/cache.ts', holds: 'the chains and tokens the balance cache refers to' , check: shape(v.looseObject({ v: v.literal(1), chains: v.array(v.looseObject({ chainId: chainIdS, name: v.string() })), tokens: v.array(v.looseObject({ id: v.string(), symbol: v.string(), decimals: int, chains: v.array(chainIdS) })) })) }),
  balancesFilter: family<BalanceFilter>({ area: 'local', key: BALANCE_KEYS.filter, owner: 'src/balances/cache.ts', holds: 'the chains the user chose to see on Home' , check: shape(v.looseObject({ chainIds: v.array(chainIdS) })) }),
  balancesAccount: family<AccountBalances>({ area: 'local', key: accountKey(''), prefix: true, owner: 'src/balances/cache.ts', holds: "one account's last good balances per chain, with block, time and error" , check: shape(v.looseObject({ v: v.literal(1), address: v.string(), chains: record(chainReadingS) })) }),
  bridgeItems: family<BridgeItem[]>({ area: 'local', key: BRIDGE_KEYS.items, owner: 'src/bridge/store.ts', holds: 'tracked deposits and withdrawals (an unfinished one is never dropped)' , check: shape(v.array(bridgeItemS)) }),
  bridgeParams: family<Record<string, RollupParams>>({ area: 'local', key: BRIDGE_KEYS.params, owner: 'src/bridge/store.ts', holds: 'the last read rollup parameters per L2' , check: shape(record(v.looseObject({ l2ChainId: chainIdS, l1ChainId: chainIdS, l2BlockTimeSeconds: v.number() }))) }),
  bridgeDiscovery: family<Record<string, DiscoveryMark>>({ area: 'local', key: BRIDGE_KEYS.discovery, owner: 'src/bridge/store.ts', holds: 'when each account was last scanned for past bridging' , check: shape(record(v.looseObject({ at: time }))) }),
  bridgeClocks: family<Record<string, ClockSample>>({ area: 'local', key: BRIDGE_KEYS.clocks, owner: 'src/bridge/store.ts', holds: "each L1's block time against this computer's clock at the last read" , check: shape(record(v.looseObject({ l1: time, local: time }))) }),
  claimBackends: family<Record<string, unknown>>({ area: 'local', key: CLAIM_BACKENDS_KEY, owner: 'src/claim/config.ts', holds: 'claim backend URLs the user set per deployment' , check: shape(record(v.looseObject({ phala: v.optional(urlS), khala: v.optional(urlS) }))) }),
  claimRecords: family<ClaimRecord[]>({ area: 'local', key: CLAIM_RECORDS_KEY, owner: 'src/claim/records.ts', holds: 'claims this wallet sent, so one is never sent twice' , check: shape(v.array(v.looseObject({ deployment: v.string(), network: v.picklist(['phala', 'khala']), h160: addressS, receiver: addressS, chainId: chainIdS, hash: hexS, sentAt: time, status: v.picklist(['pending', 'confirmed', 'failed']) }))) }),
  prices: family<PriceBook>({ area: 'local', key: PRICES_KEY, owner: 'src/prices/service.ts', holds: 'USD prices read from on-chain feeds per L1 family, with when each was read and the feed\'s own age', check: shape(v.looseObject({ v: v.literal(1), prices: record(v.looseObject({})), errors: record(v.looseObject({ message: v.string(), at: time })) })) }),
  flows: family<Flow[]>({ area: 'local', key: FLOWS_KEY, owner: 'src/flows/store.ts', holds: 'multi-step flows (bridge, claim) with their prepared step; an unfinished one is never dropped' , check: shape(v.array(flowS)) }),
  addressBook: family<Contact[]>({ area: 'local', key: ADDRESS_BOOK_KEY, owner: 'src/names/book.ts', holds: 'the address book: names the user gave to addresses', check: shape(v.array(v.looseObject({ address: addressS, name: v.string(), addedAt: time }))) }),
  allowancesScan: family<Record<string, ScanMark>>({ area: 'local', key: ALLOWANCES_KEY, owner: 'src/allowances/service.ts', holds: 'per chain and account: the blocks whose approval logs were read and the spenders found', check: shape(record(v.looseObject({ fromBlock: decimalS, scannedTo: decimalS, pairs: v.array(v.looseObject({})) }))) }),

  // ---------------------------------------------------------------- storage.session: until the browser closes
  session: family<SessionRecord>({ area: 'session', key: SESSION_KEYS.session, owner: 'src/keyring/keyring.ts', holds: "the vault's AES key while unlocked (survives a worker restart)" , check: sessionCheck }),
  sessionFailures: family<{ count: number; lastAt: number }>({ area: 'session', key: SESSION_KEYS.failures, owner: 'src/keyring/keyring.ts', holds: 'a copy of the wrong-password count where content scripts cannot reach it (the higher count counts)', check: shape(v.looseObject({ count, lastAt: time })) }),
  lastActivity: family<number>({ area: 'session', key: SESSION_KEYS.lastActivity, owner: 'src/keyring/keyring.ts', holds: 'time of the last user activity, for the auto-lock' , check: shape(time) }),
  connections: family<Connection[]>({ area: 'session', key: CONNECTIONS_KEY, owner: 'src/provider/connections.ts', holds: "which origin each tab's frames showed last (the popup's site view; answers and events go over each document's own port, never by tab)" , check: shape(v.array(v.looseObject({ origin: originS, tabId: int, frameId: int }))) }),
  filters: family<FilterRecord[]>({ area: 'session', key: FILTERS_KEY, owner: 'src/provider/filters.ts', holds: "sites' filters (eth_newFilter …): the node's id or the emulation's last block, per origin and chain" , check: shape(v.array(v.looseObject({ id: hexS, origin: originS, chainId: chainIdS, kind: v.picklist(['log', 'block', 'pending']), polledAt: time }))) }),
  approvalsPending: family<QueueEntry[]>({ area: 'session', key: APPROVAL_KEYS.pending, owner: 'src/approvals/queue.ts', holds: 'requests waiting for the user, oldest first (a large payload is kept in memory only; bounded per site and in all)' , check: shape(v.array(v.looseObject({ id: v.string(), createdAt: time, requester: v.looseObject({ origin: v.union([originS, v.literal('wallet')]), tabId: int, frameId: int, doc: v.string() }), site: v.string(), bytes: count, request: v.nullable(v.looseObject({ kind: v.string() })) }))) }),
  homeSnapshot: family<HomeSnapshot>({ area: 'session', key: HOME_SNAPSHOT_KEY, owner: 'ui/popup/snapshot.ts (the popup writes it; src/wallet/home-snapshot.ts removes it when the wallet no longer shows that state)', readers: ['popup'], holds: "the popup's picture of Home (its elements as data), shown at the next open until the live screen has its figures", check: (value) => homeSnapshotProblem(value) }),
  approvalsWindow: family<number>({ area: 'session', key: APPROVAL_KEYS.window, owner: 'src/approvals/queue.ts', holds: 'the approval window showing them' , check: shape(int) }),
} satisfies Record<string, KeyFamily>

const FAMILIES: KeyFamily[] = Object.values(STORAGE_MAP)

/** The wrong-password count: sound, and not lower than the copy content scripts cannot reach. */
async function failuresCheck(value: unknown, ctx: { session: KV }): Promise<string | null> {
  const problem = shape(v.looseObject({ count, lastAt: time }))(value, ctx as never)
  if (problem) return problem as string
  const local = readFailures(value)
  const session = readFailures(await ctx.session.get(SESSION_KEYS.failures).catch(() => undefined))
  return session.count > local.count ? `it says ${local.count} wrong passwords but this browser session counted ${session.count}: it was lowered` : null
}

function sessionCheck(value: unknown): string | null {
  const r = value as Partial<SessionRecord> | null
  if (!r || typeof r !== 'object') return 'it is not a session record'
  const key = fromBase64(r.key)
  return key && key.length === 32 && typeof r.salt === 'string' ? null : 'its key or salt is malformed'
}

/**
 * Every stored key checked against its family: unknown keys (declared by no family) and values that
 * fail their family's check, each a problem naming the family and its owner. Nothing is changed.
 */
export async function checkStorage(local: KV, session: KV): Promise<StorageProblem[]> {
  const out: StorageProblem[] = []
  for (const [area, kv] of [['local', local], ['session', session]] as const) {
    const all = await kv.all()
    for (const [key, value] of Object.entries(all)) {
      const entry = Object.entries(STORAGE_MAP).find(([, f]) => f.area === area && (f.prefix ? key.startsWith(f.key) : key === f.key))
      if (!entry) {
        out.push({ area, key, family: '(undeclared)', owner: 'src/storage-map.ts', problem: 'a key no part of the wallet writes; it is ignored' })
        continue
      }
      const [name, f] = entry
      let problem: string | null
      try {
        problem = await (f as KeyFamily).check(value, { local, session })
      } catch (err) {
        problem = (err as Error).message
      }
      if (problem) out.push({ area, key, family: name, owner: f.owner, problem: `${f.holds.charAt(0).toUpperCase()}${f.holds.slice(1)}: ${problem}.` })
    }
  }
  return out
}

/** Is `key` declared in `area`? */
export function isDeclared(area: Area, key: string): boolean {
  return FAMILIES.some((f) => f.area === area && (f.prefix ? key.startsWith(f.key) : key === f.key))
}

/** The family a key belongs to (for reports: a tampered key names its owner). */
export function familyOf(area: Area, key: string): KeyFamily | undefined {
  return FAMILIES.find((f) => f.area === area && (f.prefix ? key.startsWith(f.key) : key === f.key))
}

/**
 * migrations[i] takes storage.local from version i to i+1; SCHEMA_VERSION is their count.
 * Each has a test in test/unit/storage-map.test.ts from a store written at the version before.
 */
export const MIGRATIONS: readonly Migration[] = [
  // 0 -> 1: stored settings get every field (defaults for the missing ones; the chain stays the
  // wallet's own default, its first network). A new install has none to migrate.
  async (kv) => {
    const current = await kv.get<Partial<Settings>>(SETTINGS_KEY)
    if (!current || typeof current !== 'object' || Array.isArray(current)) return
    const { activeChainId: _chain, ...defaults } = DEFAULT_SETTINGS
    await kv.set({ [SETTINGS_KEY]: { ...defaults, ...current } })
  },
]

export const SCHEMA_VERSION = MIGRATIONS.length

export function migrateStorage(local: KV): Promise<{ from: number; to: number }> {
  return migrate(local, MIGRATIONS)
}
