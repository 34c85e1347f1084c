// The layout of storage.local, versioned. Each migration takes the whole store from version n-1
// to n; they run in order at background start, before anything else reads storage.
import type { KV } from './kv.ts'

export const SCHEMA_KEY = 'schemaVersion'

/** Keys of storage.local. The content relay reads SETTINGS directly (no background wake-up). */
export const KEYS = {
  settings: 'settings',
} as const

export interface Settings {
  /** chain id the dApps and the popup see */
  activeChainId: number
  /** replace another wallet's window.ethereum */
  defaultWallet: boolean
  autoLockMinutes: number
  /** the account the popup shows and dApps get first; null until onboarding */
  selectedAccount: string | null
}

export const DEFAULT_SETTINGS: Settings = { activeChainId: 900, defaultWallet: false, autoLockMinutes: 15, selectedAccount: null }

type Migration = (kv: KV) => Promise<void>

/** migrations[i] takes the store from version i to i+1. */
export const migrations: Migration[] = [
  async (kv) => {
    const current = await kv.get<Partial<Settings>>(KEYS.settings)
    await kv.set({ [KEYS.settings]: { ...DEFAULT_SETTINGS, ...(isObject(current) ? current : {}) } })
  },
]

export const SCHEMA_VERSION = migrations.length

export async function migrate(kv: KV): Promise<{ from: number; to: number }> {
  const raw = await kv.get<number>(SCHEMA_KEY)
  const from = typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : 0
  if (from > SCHEMA_VERSION) {
    throw new Error(`Storage was written by a newer version of the wallet (schema ${from}, this one knows ${SCHEMA_VERSION}).`)
  }
  for (let v = from; v < SCHEMA_VERSION; v++) {
    await migrations[v](kv)
    await kv.set({ [SCHEMA_KEY]: v + 1 })
  }
  return { from, to: SCHEMA_VERSION }
}

/** Settings as stored, repaired field by field when an entry is missing or corrupt. */
export function readSettings(raw: unknown): Settings {
  const s = isObject(raw) ? raw : {}
  return {
    activeChainId: Number.isSafeInteger(s.activeChainId) && (s.activeChainId as number) > 0 ? (s.activeChainId as number) : DEFAULT_SETTINGS.activeChainId,
    defaultWallet: typeof s.defaultWallet === 'boolean' ? s.defaultWallet : DEFAULT_SETTINGS.defaultWallet,
    autoLockMinutes:
      typeof s.autoLockMinutes === 'number' && s.autoLockMinutes >= 1 && s.autoLockMinutes <= 24 * 60 ? s.autoLockMinutes : DEFAULT_SETTINGS.autoLockMinutes,
    selectedAccount: typeof s.selectedAccount === 'string' && /^0x[0-9a-fA-F]{40}$/.test(s.selectedAccount) ? s.selectedAccount : null,
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === 'object' && !Array.isArray(x)
}
