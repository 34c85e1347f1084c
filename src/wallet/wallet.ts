// The wallet as the background runs it: keyring, settings, networks, and (in their own modules)
// dApp permissions, approvals, balances and the bridge tracker. The background only wires browser
// events to this object; everything here runs in node against MemoryKV and a test Platform.
import { getAddress, type Address } from 'viem'
import { Keyring } from '../keyring/keyring.ts'
import type { AccountInfo } from '../keyring/accounts.ts'
import type { KV } from '../storage/kv.ts'
import type { StorageProblem, WalletHalt } from '../storage/problems.ts'
import { SettingsStore, type Settings } from '../storage/settings.ts'
import { checkAutoLockMinutes } from '../keyring/auto-lock.ts'
import { requireAccount } from '../keyring/accounts.ts'
import { NetworkStore } from '../chains/store.ts'
import type { Network } from '../chains/types.ts'
import type { Platform } from './platform.ts'
import { AlarmRouter } from './alarms.ts'
import { sameAddress } from '../util/address.ts'

export const AUTO_LOCK_ALARM = 'auto-lock'

export type WalletChange = 'accounts' | 'chain' | 'settings'

export interface WalletDeps {
  local: KV
  session: KV
  platform: Platform
  /** shipped + devnet networks */
  networks: Network[]
  /** PBKDF2 iterations for new vaults: tests only */
  kdfIterations?: number
  /** storage migrations, run first by start() (the storage map, src/storage-map.ts) */
  migrate?: (local: KV) => Promise<unknown>
  /** testnets and the devnet shown until the user chooses (builds for the local devnet) */
  testnetsByDefault?: boolean
  /** every stored family checked against what it should hold (the storage map), after the migrations */
  checkStorage?: (local: KV, session: KV) => Promise<StorageProblem[]>
}

export interface WalletState {
  initialized: boolean
  unlocked: boolean
  accounts: AccountInfo[]
  selected: Address | null
  activeChainId: number
  autoLockMinutes: number
  defaultWallet: boolean
  /** testnets and the devnet are in the network lists */
  showTestnets: boolean
  /** set when the wallet stopped at start (a storage migration failed): nothing else works until it is fixed */
  halted: WalletHalt | null
  /** what was found wrong in storage (each left as it was; the wallet goes on without it) */
  problems: StorageProblem[]
}

export class Wallet {
  readonly local: KV
  readonly session: KV
  readonly platform: Platform
  readonly keyring: Keyring
  readonly networks: NetworkStore
  /** the one writer of the user's settings */
  readonly settingsStore: SettingsStore
  readonly alarms = new AlarmRouter()
  private readonly migrate?: (local: KV) => Promise<unknown>
  private readonly testnetsByDefault: boolean
  private readonly checkStorage?: (local: KV, session: KV) => Promise<StorageProblem[]>
  private started: Promise<void> | null = null
  private halt: WalletHalt | null = null
  private found: StorageProblem[] = []
  private readonly listeners = new Set<(what: WalletChange) => void>()

  constructor(deps: WalletDeps) {
    this.local = deps.local
    this.session = deps.session
    this.platform = deps.platform
    this.networks = new NetworkStore(deps.local, deps.networks)
    if (deps.migrate) this.migrate = deps.migrate
    this.testnetsByDefault = !!deps.testnetsByDefault
    if (deps.checkStorage) this.checkStorage = deps.checkStorage
    this.settingsStore = new SettingsStore(deps.local, { activeChainId: deps.networks[0]?.chainId })
    this.keyring = new Keyring({
      local: deps.local,
      session: deps.session,
      settings: this.settingsStore,
      now: () => deps.platform.now(),
      ...(deps.kdfIterations ? { kdfIterations: deps.kdfIterations } : {}),
    })
    this.keyring.subscribe(() => this.emit('accounts'))
    this.alarms.on(AUTO_LOCK_ALARM, () => this.onAutoLockAlarm())
  }

  /** 'accounts': lock state, the account list or the selected account changed; 'chain': the active chain did. */
  onChange(listener: (what: WalletChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(what: WalletChange): void {
    for (const l of [...this.listeners]) {
      try {
        l(what)
      } catch (err) {
        console.error('wallet listener failed', err)
      }
    }
  }

  /**
   * Storage migrations, the storage check and the session restore; every entry point awaits it. A
   * migration that fails leaves storage as it was (src/storage/migrate.ts) and stops the wallet here:
   * halted() says why, the pages show it, and nothing else runs until a version that can read the
   * data is installed.
   */
  start(): Promise<void> {
    this.started ??= (async () => {
      try {
        await this.migrate?.(this.local)
      } catch (err) {
        const e = err as { code?: unknown; message?: unknown }
        this.halt = {
          code: typeof e?.code === 'string' ? e.code : 'STORAGE_MIGRATION_FAILED',
          message:
            e?.code === 'STORAGE_NEWER'
              ? String(e.message)
              : `The wallet could not update its stored data to this version (${typeof e?.message === 'string' ? e.message : 'unknown error'}). Your data was left exactly as it was; install the previous version or an update of the wallet.`,
        }
        console.error('storage migration failed: the wallet is stopped', err)
        this.emit('accounts')
        return
      }
      this.found = (await this.checkStorage?.(this.local, this.session).catch((err) => {
        console.error('storage check failed', err)
        return [] as StorageProblem[]
      })) ?? []
      await this.keyring.restoreSession()
      await this.armAutoLock()
    })()
    return this.started
  }

  /** Why the wallet is stopped, or null while it runs. */
  halted(): WalletHalt | null {
    return this.halt
  }

  /** What was found wrong in storage: at start, and by the keyring (at unlock). */
  problems(): StorageProblem[] {
    // one per key: what unlocking found (it says what was done) over what the start saw
    const fromKeyring = this.keyring.problems()
    const keys = new Set(fromKeyring.map((p) => `${p.area}:${p.key}`))
    return [...this.found.filter((p) => !keys.has(`${p.area}:${p.key}`)), ...fromKeyring]
  }

  settings(): Promise<Settings> {
    return this.settingsStore.read()
  }

  /** Every settings change goes through here (one lock); the auto-lock alarm follows a new auto-lock time. */
  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    if (patch.autoLockMinutes !== undefined) checkAutoLockMinutes(patch.autoLockMinutes)
    const [before, next] = await this.settingsStore.update(patch)
    if (before.activeChainId !== next.activeChainId) this.emit('chain')
    if (before.selectedAccount !== next.selectedAccount) this.emit('accounts')
    if (before.autoLockMinutes !== next.autoLockMinutes) {
      await this.armAutoLock()
      this.emit('settings')
    }
    if (before.defaultWallet !== next.defaultWallet || before.showTestnets !== next.showTestnets) this.emit('settings')
    return next
  }

  /** The one account-ownership check: `address` is an account of this wallet (hidden ones included); its EIP-55 form. */
  async ownAccount(address: unknown): Promise<Address> {
    const { accounts } = await this.keyring.status()
    return getAddress(requireAccount(accounts, address as string).address)
  }

  async switchChain(chainId: number): Promise<Network> {
    const n = await this.networks.require(chainId)
    await this.updateSettings({ activeChainId: chainId })
    return n
  }

  async state(): Promise<WalletState> {
    if (this.halt) {
      const settings = await this.settings().catch(() => null)
      return { initialized: false, unlocked: false, accounts: [], selected: null, activeChainId: settings?.activeChainId ?? 0, autoLockMinutes: settings?.autoLockMinutes ?? 0, defaultWallet: false, showTestnets: false, halted: this.halt, problems: [] }
    }
    const [status, settings] = await Promise.all([this.keyring.status(), this.settings()])
    return {
      initialized: status.initialized,
      unlocked: status.unlocked,
      accounts: status.accounts,
      selected: pickSelected(status.accounts, settings.selectedAccount),
      activeChainId: settings.activeChainId,
      autoLockMinutes: status.autoLockMinutes,
      defaultWallet: settings.defaultWallet,
      showTestnets: settings.showTestnets ?? this.testnetsByDefault,
      halted: null,
      problems: this.problems(),
    }
  }

  /** The account dApps see first and the popup shows: the chosen one if still visible. */
  async selectedAccount(): Promise<Address | null> {
    return (await this.state()).selected
  }

  async selectAccount(address: string): Promise<void> {
    const { accounts } = await this.keyring.status()
    const a = accounts.find((x) => sameAddress(x.address, address) && !x.hidden)
    if (!a) throw Object.assign(new Error(`No visible account ${address} in this wallet.`), { code: 'UNKNOWN_ACCOUNT' })
    await this.updateSettings({ selectedAccount: a.address })
  }

  async activeNetwork(): Promise<Network> {
    const s = await this.settings()
    const n = await this.networks.get(s.activeChainId)
    if (n) return n
    const first = (await this.networks.list())[0]
    await this.updateSettings({ activeChainId: first.chainId })
    return first
  }

  /** User activity: pushes the auto-lock deadline out and re-arms the alarm. */
  async touch(): Promise<void> {
    const deadline = await this.keyring.touch()
    if (deadline !== null) this.platform.setAlarm(AUTO_LOCK_ALARM, deadline)
  }

  async armAutoLock(): Promise<void> {
    const deadline = await this.keyring.lockDeadline()
    if (deadline === null) this.platform.clearAlarm(AUTO_LOCK_ALARM)
    else this.platform.setAlarm(AUTO_LOCK_ALARM, deadline)
  }

  /** The alarm rang (or the worker woke late): lock if the deadline passed, else re-arm. */
  async onAutoLockAlarm(): Promise<void> {
    await this.keyring.checkAutoLock(this.platform.now())
    await this.armAutoLock()
  }
}

function pickSelected(accounts: AccountInfo[], chosen: string | null): Address | null {
  const visible = accounts.filter((a) => !a.hidden)
  const hit = chosen ? visible.find((a) => sameAddress(a.address, chosen)) : undefined
  return hit ? getAddress(hit.address) : visible[0]?.address ?? null
}
