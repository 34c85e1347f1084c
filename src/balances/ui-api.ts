// The home screen's calls: refresh (every chosen chain in parallel; the popup has already drawn
// the cache), the chain filter, and the activity list's "look now" for pending transactions.
import type { Handlers } from '../messaging.ts'
import type { UiCallsOf } from '../messages.ts'
import type { ActivityWatcher } from '../activity/watcher.ts'
import type { BalanceService } from './service.ts'

export function balancesUiHandlers(balances: BalanceService, watcher: ActivityWatcher): Handlers<UiCallsOf<'balances' | 'activity'>, null> {
  return {
    'balances.refresh': async ({ address, chainIds } = {}) => {
      const ids = Array.isArray(chainIds) ? chainIds.map(Number).filter(Number.isSafeInteger) : undefined
      const result = await balances.refresh({ ...(typeof address === 'string' ? { address } : {}), ...(ids?.length ? { chainIds: ids } : {}) })
      return { balances: result, meta: (await balances.cache.meta())!, chainIds: ids?.length ? ids : await balances.chosenChainIds() }
    },
    'balances.setFilter': async ({ chainIds }) => {
      await balances.cache.setFilter(Array.isArray(chainIds) && chainIds.length ? { chainIds: chainIds.map(Number).filter(Number.isSafeInteger) } : null)
      return { chainIds: await balances.chosenChainIds() }
    },
    'activity.check': async () => ({ settled: (await watcher.tick()).length }),
  }
}
