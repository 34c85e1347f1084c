// The wallet's state as the ui shows it: the 'wallet' topic (src/topics.ts), pushed by the background
// whenever lock state, accounts or settings change (a lock by the alarm included). A call that
// returns the new state (e.g. 'keyring.unlock') may hand it over at once with `accept`.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import type { WalletState } from '../../src/wallet/wallet.ts'
import { bg } from './background.ts'
import { asWalletError, type WalletError } from './errors.ts'
import { lastValue, subscribe } from './topic.ts'

export interface WalletStateHandle {
  state: WalletState | null
  error: WalletError | null
  /** asks again (after an error); resolves the new state (null on failure) */
  refresh: () => Promise<WalletState | null>
  /** takes a state a call already returned (e.g. from 'keyring.unlock') */
  accept: (s: WalletState) => void
}

export function useWalletState(): WalletStateHandle {
  const [state, setState] = useState<WalletState | null>(() => lastValue('wallet', null))
  const [error, setError] = useState<WalletError | null>(null)
  // Answers can arrive out of order; only the newest may set the state.
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

  useEffect(
    () =>
      subscribe('wallet', null, (m) => {
        seq.current++
        if ('value' in m) {
          setState(m.value)
          setError(null)
        } else setError(asWalletError(m.error))
      }),
    [],
  )

  return { state, error, refresh, accept }
}
