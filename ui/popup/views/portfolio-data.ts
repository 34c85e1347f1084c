// The home screen's data: the 'balances' topic (src/topics.ts) pushes the cached balances at once
// (so they are on screen before any RPC answers), then a refresh is asked of the background; every
// cache write (this refresh, a confirmed transaction) is pushed again.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import type { AccountBalances, BalanceMeta } from '../../../src/balances/cache.ts'
import { defaultChainIds } from '../../../src/balances/view.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { useTopic } from '../../lib/topic.ts'

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

export function usePortfolio(address: string | null): PortfolioData {
  const topic = useTopic('balances', address ? address.toLowerCase() : null, { keyed: true })
  const stored = topic.value
  const [refreshing, setRefreshing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const seq = useRef(0)

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
    void refresh()
  }, [address, refresh])

  const known = new Set(stored?.meta?.chains.map((c) => c.chainId) ?? [])
  const picked = stored?.filter?.chainIds.filter((id) => known.has(id)) ?? []
  const chainIds = picked.length ? picked : stored?.meta ? defaultChainIds(stored.meta, stored.activeChainId) : []

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

  return { meta: stored?.meta ?? null, balances: stored?.balances ?? null, chainIds, chosen: picked.length > 0, refreshing, error: error ?? topic.error, refresh, choose }
}
