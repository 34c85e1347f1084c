// The home screen's data: the cached balances read straight from storage.local (public data, no
// background round trip, so they are on screen at once), then a refresh asked of the background;
// every cache write (this refresh, a confirmed transaction) arrives through storage.onChanged.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import browser from 'webextension-polyfill'
import { accountKey, BALANCE_KEYS, type AccountBalances, type BalanceFilter, type BalanceMeta } from '../../../src/balances/cache.ts'
import { defaultChainIds } from '../../../src/balances/view.ts'
import { KEYS } from '../../../src/storage/schema.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'

export interface PortfolioData {
  meta: BalanceMeta | null
  balances: AccountBalances | null
  /** the chains shown: the user's choice, else the active chain's family */
  chainIds: number[]
  /** the user chose the chains (vs the default family) */
  chosen: boolean
  refreshing: boolean
  error: string | null
  refresh: () => Promise<void>
  choose: (chainIds: number[] | null) => Promise<void>
}

interface Stored {
  meta: BalanceMeta | null
  balances: AccountBalances | null
  filter: BalanceFilter | null
  activeChainId: number | null
}

const EMPTY: Stored = { meta: null, balances: null, filter: null, activeChainId: null }

export function usePortfolio(address: string | null): PortfolioData {
  const [stored, setStored] = useState<Stored>(EMPTY)
  const [refreshing, setRefreshing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const seq = useRef(0)

  const read = useCallback(async () => {
    if (!address) return
    const got = await browser.storage.local.get([BALANCE_KEYS.meta, BALANCE_KEYS.filter, accountKey(address), KEYS.settings])
    const settings = got[KEYS.settings] as { activeChainId?: unknown } | undefined
    setStored({
      meta: (got[BALANCE_KEYS.meta] as BalanceMeta | undefined) ?? null,
      balances: (got[accountKey(address)] as AccountBalances | undefined) ?? null,
      filter: (got[BALANCE_KEYS.filter] as BalanceFilter | undefined) ?? null,
      activeChainId: typeof settings?.activeChainId === 'number' ? settings.activeChainId : null,
    })
  }, [address])

  const refresh = useCallback(async () => {
    if (!address) return
    const mine = ++seq.current
    setRefreshing(true)
    setError(null)
    try {
      await bg('balances.refresh', { address })
    } catch (err) {
      if (mine === seq.current) setError(asWalletError(err).message)
    } finally {
      if (mine === seq.current) setRefreshing(false)
    }
  }, [address])

  useEffect(() => {
    setStored(EMPTY)
    void read().then(() => refresh())
    const watched = address ? [BALANCE_KEYS.meta, BALANCE_KEYS.filter, accountKey(address), KEYS.settings] : []
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && watched.some((k) => k in changes)) void read()
    }
    browser.storage.onChanged.addListener(onChanged)
    return () => browser.storage.onChanged.removeListener(onChanged)
  }, [address, read, refresh])

  const known = new Set(stored.meta?.chains.map((c) => c.chainId) ?? [])
  const picked = stored.filter?.chainIds.filter((id) => known.has(id)) ?? []
  const chainIds = picked.length ? picked : stored.meta && stored.activeChainId !== null ? defaultChainIds(stored.meta, stored.activeChainId) : []

  const choose = useCallback(
    async (ids: number[] | null) => {
      setError(null)
      try {
        await bg('balances.setFilter', { chainIds: ids })
        await refresh()
      } catch (err) {
        setError(asWalletError(err).message)
      }
    },
    [refresh],
  )

  return { meta: stored.meta, balances: stored.balances, chainIds, chosen: picked.length > 0, refreshing, error, refresh, choose }
}
