// The user's settings (storage.local 'settings'), with their one writer: every change goes through
// SettingsStore.update under one lock, so two changes at once cannot overwrite each other.
import type { KV } from './kv.ts'
import { Mutex } from '../util/mutex.ts'

export const SETTINGS_KEY = 'settings'

export interface Settings {
  /** chain id the dApps and the popup see */
  activeChainId: number
  /** replace another wallet's window.ethereum */
  defaultWallet: boolean
  autoLockMinutes: number
  /** the account the popup shows and dApps get first; null until onboarding */
  selectedAccount: string | null
  /** show testnets and the devnet in the network lists; null: the build's default */
  showTestnets: boolean | null
}

/** activeChainId here is only a last resort: the wallet's default chain is its first network (SettingsStore's defaults). */
export const DEFAULT_SETTINGS: Settings = { activeChainId: 1, defaultWallet: false, autoLockMinutes: 15, selectedAccount: null, showTestnets: null }

export const MIN_AUTO_LOCK_MINUTES = 1
export const MAX_AUTO_LOCK_MINUTES = 24 * 60

/** Settings as stored, repaired field by field when an entry is missing or corrupt. */
export function readSettings(raw: unknown, defaults: Settings = DEFAULT_SETTINGS): Settings {
  const s = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
  return {
    activeChainId: Number.isSafeInteger(s.activeChainId) && (s.activeChainId as number) > 0 ? (s.activeChainId as number) : defaults.activeChainId,
    defaultWallet: typeof s.defaultWallet === 'boolean' ? s.defaultWallet : defaults.defaultWallet,
    autoLockMinutes:
      typeof s.autoLockMinutes === 'number' && s.autoLockMinutes >= MIN_AUTO_LOCK_MINUTES && s.autoLockMinutes <= MAX_AUTO_LOCK_MINUTES ? s.autoLockMinutes : defaults.autoLockMinutes,
    selectedAccount: typeof s.selectedAccount === 'string' && /^0x[0-9a-fA-F]{40}$/.test(s.selectedAccount) ? s.selectedAccount : null,
    showTestnets: typeof s.showTestnets === 'boolean' ? s.showTestnets : null,
  }
}

/** Is every stored field valid (nothing would be repaired on read)? */
export function settingsProblem(raw: unknown): string | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'it is not a settings object'
  const fixed = readSettings(raw)
  const s = raw as Record<string, unknown>
  for (const k of Object.keys(fixed) as (keyof Settings)[]) {
    if (k in s && s[k] !== fixed[k]) return `its "${k}" is not valid`
  }
  return null
}

export class SettingsStore {
  private readonly mutex = new Mutex()
  private readonly defaults: Settings

  /** `defaults`: the wallet's own (its first network is the default chain). */
  constructor(
    private readonly kv: KV,
    defaults: Partial<Settings> = {},
  ) {
    this.defaults = { ...DEFAULT_SETTINGS, ...Object.fromEntries(Object.entries(defaults).filter(([, v]) => v !== undefined)) }
  }

  async read(): Promise<Settings> {
    return readSettings(await this.kv.get(SETTINGS_KEY), this.defaults)
  }

  /** Applies `patch` (a function of the settings now, or an object) and returns [before, after]. */
  update(patch: Partial<Settings> | ((s: Settings) => Partial<Settings>)): Promise<[Settings, Settings]> {
    return this.mutex.run(async () => {
      const before = await this.read()
      const next = readSettings({ ...before, ...(typeof patch === 'function' ? patch(before) : patch) }, this.defaults)
      await this.kv.set({ [SETTINGS_KEY]: next })
      return [before, next] as [Settings, Settings]
    })
  }
}
