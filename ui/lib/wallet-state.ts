// The wallet's state as the ui shows it: fetched with 'wallet.state' and fetched again whenever the
// background changes what it depends on (lock, unlock, auto-lock, accounts, settings). The signal
// is storage.onChanged: the ui never polls, because every call but the ping counts as activity and
// would hold the auto-lock off.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import browser from 'webextension-polyfill'
import type { WalletState } from '../../src/wallet/wallet.ts'
import { LOCAL_KEYS, SESSION_KEYS } from '../../src/keyring/storage-keys.ts'
import { KEYS } from '../../src/storage/schema.ts'
import { bg } from './background.ts'
import { asWalletError, type WalletError } from './errors.ts'

const WATCHED: Record<string, readonly string[]> = {
  local: [LOCAL_KEYS.vault, LOCAL_KEYS.accounts, KEYS.settings],
  session: [SESSION_KEYS.session],
}

export interface WalletStateHandle {
  state: WalletState | null
  error: WalletError | null
  /** fetches again; resolves the new state (null on failure) */
  refresh: () => Promise<WalletState | null>
  /** takes a state a call already returned (e.g. from 'keyring.unlock') */
  accept: (s: WalletState) => void
}

export function useWalletState(): WalletStateHandle {
  const [state, setState] = useState<WalletState | null>(null)
  const [error, setError] = useState<WalletError | null>(null)
  // Answers can arrive out of order; only the newest request may set the state.
  const seq = useRef(0)

  const accept = useCallback((s: WalletState) => {
    seq.current++
    setState(s)
    setError(null)
  }, [])

  const refresh = useCallback(async () => {
    const mine = ++seq.current
    try {
      const s = await bg('wallet.state', {})
      if (mine === seq.current) {
        setState(s)
        setError(null)
      }
      return s
    } catch (err) {
      if (mine === seq.current) setError(asWalletError(err))
      return null
    }
  }, [])

  useEffect(() => {
    void refresh()
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (WATCHED[area]?.some((k) => k in changes)) void refresh()
    }
    browser.storage.onChanged.addListener(onChanged)
    return () => browser.storage.onChanged.removeListener(onChanged)
  }, [refresh])

  return { state, error, refresh, accept }
}
