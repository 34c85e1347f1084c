// The one map of the wallet's storage: every key family in storage.local and storage.session, with
// the type it holds, the module that owns (and alone writes) it, who else may read it, and the
// migrations that take storage.local from one schema version to the next. The background hands
// every module a KV that refuses keys this map does not declare (storage/guard.ts), so the map
// cannot fall behind the code. Screens never read storage: they follow topics (src/topics.ts);
// the content relay reads `settings` only (to know whether to take window.ethereum without waking
// the background).
import type { ActivityRecord } from './activity/store.ts'
import { ACTIVITY_KEY } from './activity/store.ts'
import { INCOMING_PREFIX, type IncomingCache } from './activity/incoming.ts'
import { ALLOWANCES_KEY, type ScanMark } from './allowances/service.ts'
import { APPROVAL_KEYS } from './approvals/queue.ts'
import type { PendingApproval } from './approvals/types.ts'
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
import type { VaultRecord } from './keyring/vault.ts'
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
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from './storage/settings.ts'
import { USER_TOKENS_KEY, type UserToken } from './tokens/user-tokens.ts'

export type Area = 'local' | 'session'

export interface KeyFamily<T = unknown> {
  area: Area
  /** the key, or for a family of keys its prefix (`prefix: true`) */
  key: string
  prefix?: true
  /** the module that writes it (and the only one) */
  owner: string
  /** contexts other than the background that read it directly */
  readers?: 'content'[]
  /** what it holds, in a sentence */
  holds: string
  /** phantom: the stored type */
  type?: T
}

const family = <T>(f: KeyFamily<T>): KeyFamily<T> => f

export const STORAGE_MAP = {
  // ---------------------------------------------------------------- storage.local: persistent
  schemaVersion: family<number>({ area: 'local', key: SCHEMA_KEY, owner: 'src/storage/migrate.ts', holds: 'the schema version this storage is at' }),
  settings: family<Settings>({ area: 'local', key: SETTINGS_KEY, owner: 'src/storage/settings.ts (SettingsStore, through Wallet.updateSettings)', readers: ['content'], holds: 'active chain, default-wallet choice, auto-lock minutes, selected account' }),
  vault: family<VaultRecord>({ area: 'local', key: LOCAL_KEYS.vault, owner: 'src/keyring/keyring.ts', holds: 'the encrypted vault: KDF parameters, salt, IV, AES-GCM ciphertext' }),
  accounts: family<AccountInfo[]>({ area: 'local', key: LOCAL_KEYS.accounts, owner: 'src/keyring/keyring.ts', holds: 'public account data: addresses, names, order, visibility' }),
  failures: family<{ count: number; lastAt: number }>({ area: 'local', key: LOCAL_KEYS.failures, owner: 'src/keyring/keyring.ts', holds: 'wrong-password count for the back-off' }),
  substrateAccounts: family<unknown[]>({ area: 'local', key: SUBSTRATE_ACCOUNTS_KEY, owner: 'src/keyring/keyring.ts', holds: 'public data of imported Polkadot accounts (ss58, h160, names)' }),
  permissions: family<Record<string, OriginGrant>>({ area: 'local', key: PERMISSIONS_KEY, owner: 'src/provider/permissions.ts', holds: 'per-origin EIP-2255 grants: the accounts each site may see' }),
  siteChains: family<Record<string, SiteChain>>({ area: 'local', key: SITE_CHAINS_KEY, owner: 'src/provider/site-chains.ts', holds: "each site's own chain and the chains the user approved for it (newest 500 sites)" }),
  batches: family<BatchRecord[]>({ area: 'local', key: BATCHES_KEY, owner: 'src/provider/batches.ts', holds: 'EIP-5792 batches sites sent (wallet_sendCalls): their calls, hashes, receipts and status (newest 200)' }),
  networksUser: family<Network[]>({ area: 'local', key: NETWORK_KEYS.user, owner: 'src/chains/store.ts', holds: 'networks the user added (rollups from their portal, dApp-suggested chains)' }),
  rpcOverrides: family<Record<string, string[]>>({ area: 'local', key: NETWORK_KEYS.rpcOverrides, owner: 'src/chains/store.ts', holds: "the user's own RPC URLs per network, in fallback order" }),
  userTokens: family<UserToken[]>({ area: 'local', key: USER_TOKENS_KEY, owner: 'src/tokens/user-tokens.ts', holds: 'tokens added by address or by wallet_watchAsset' }),
  activity: family<ActivityRecord[]>({ area: 'local', key: ACTIVITY_KEY, owner: 'src/activity/store.ts', holds: "the wallet's own transactions with status and fee (newest 500)" }),
  activityIncoming: family<IncomingCache>({ area: 'local', key: INCOMING_PREFIX, prefix: true, owner: 'src/activity/incoming.ts', holds: "tokens that came in to one account (Transfer logs), with the block each chain was scanned to" }),
  balancesMeta: family<BalanceMeta>({ area: 'local', key: BALANCE_KEYS.meta, owner: 'src/balances/cache.ts', holds: 'the chains and tokens the balance cache refers to' }),
  balancesFilter: family<BalanceFilter>({ area: 'local', key: BALANCE_KEYS.filter, owner: 'src/balances/cache.ts', holds: 'the chains the user chose to see on Home' }),
  balancesAccount: family<AccountBalances>({ area: 'local', key: accountKey(''), prefix: true, owner: 'src/balances/cache.ts', holds: "one account's last good balances per chain, with block, time and error" }),
  bridgeItems: family<BridgeItem[]>({ area: 'local', key: BRIDGE_KEYS.items, owner: 'src/bridge/store.ts', holds: 'tracked deposits and withdrawals (an unfinished one is never dropped)' }),
  bridgeParams: family<Record<string, RollupParams>>({ area: 'local', key: BRIDGE_KEYS.params, owner: 'src/bridge/store.ts', holds: 'the last read rollup parameters per L2' }),
  bridgeDiscovery: family<Record<string, DiscoveryMark>>({ area: 'local', key: BRIDGE_KEYS.discovery, owner: 'src/bridge/store.ts', holds: 'when each account was last scanned for past bridging' }),
  bridgeClocks: family<Record<string, ClockSample>>({ area: 'local', key: BRIDGE_KEYS.clocks, owner: 'src/bridge/store.ts', holds: "each L1's block time against this computer's clock at the last read" }),
  claimBackends: family<Record<string, unknown>>({ area: 'local', key: CLAIM_BACKENDS_KEY, owner: 'src/claim/config.ts', holds: 'claim backend URLs the user set per deployment' }),
  claimRecords: family<ClaimRecord[]>({ area: 'local', key: CLAIM_RECORDS_KEY, owner: 'src/claim/records.ts', holds: 'claims this wallet sent, so one is never sent twice' }),
  prices: family<PriceBook>({ area: 'local', key: PRICES_KEY, owner: 'src/prices/service.ts', holds: 'USD prices read from on-chain feeds per L1 family, with when each was read and the feed\'s own age' }),
  flows: family<Flow[]>({ area: 'local', key: FLOWS_KEY, owner: 'src/flows/store.ts', holds: 'multi-step flows (bridge, claim) with their prepared step; an unfinished one is never dropped' }),
  addressBook: family<Contact[]>({ area: 'local', key: ADDRESS_BOOK_KEY, owner: 'src/names/book.ts', holds: 'the address book: names the user gave to addresses' }),
  allowancesScan: family<Record<string, ScanMark>>({ area: 'local', key: ALLOWANCES_KEY, owner: 'src/allowances/service.ts', holds: 'per chain and account: the blocks whose approval logs were read and the spenders found' }),

  // ---------------------------------------------------------------- storage.session: until the browser closes
  session: family<SessionRecord>({ area: 'session', key: SESSION_KEYS.session, owner: 'src/keyring/keyring.ts', holds: "the vault's AES key while unlocked (survives a worker restart)" }),
  lastActivity: family<number>({ area: 'session', key: SESSION_KEYS.lastActivity, owner: 'src/keyring/keyring.ts', holds: 'time of the last user activity, for the auto-lock' }),
  connections: family<Connection[]>({ area: 'session', key: CONNECTIONS_KEY, owner: 'src/provider/connections.ts', holds: 'which tab frames talk to the wallet, from which origin (for events)' }),
  filters: family<FilterRecord[]>({ area: 'session', key: FILTERS_KEY, owner: 'src/provider/filters.ts', holds: "sites' filters (eth_newFilter …): the node's id or the emulation's last block, per origin and chain" }),
  approvalsPending: family<PendingApproval[]>({ area: 'session', key: APPROVAL_KEYS.pending, owner: 'src/approvals/queue.ts', holds: 'requests waiting for the user, oldest first' }),
  approvalsWindow: family<number>({ area: 'session', key: APPROVAL_KEYS.window, owner: 'src/approvals/queue.ts', holds: 'the approval window showing them' }),
} satisfies Record<string, KeyFamily>

const FAMILIES: KeyFamily[] = Object.values(STORAGE_MAP)

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
  // 0 -> 1: settings get every field (defaults for the missing ones)
  async (kv) => {
    const current = await kv.get<Partial<Settings>>(SETTINGS_KEY)
    await kv.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, ...(current && typeof current === 'object' && !Array.isArray(current) ? current : {}) } })
  },
]

export const SCHEMA_VERSION = MIGRATIONS.length

export function migrateStorage(local: KV): Promise<{ from: number; to: number }> {
  return migrate(local, MIGRATIONS)
}
