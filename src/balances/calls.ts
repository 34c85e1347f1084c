// The home screen's calls: refresh (every chosen chain in parallel; the popup has already drawn
// the cache), the chain filter, and the activity list's "look now" for pending transactions ('balances.*', 'activity.*').
import * as v from 'valibot'
import type { Handlers } from '../wire/messaging.ts'
import { address, call, chainId, none, type CallsOf } from '../wire/contract.ts'
import type { ActivityWatcher } from '../activity/watcher.ts'
import type { AccountBalances, BalanceMeta } from './cache.ts'
import type { BalanceService } from './service.ts'

const chainIds = v.pipe(v.array(chainId), v.maxLength(200))

export const balancesContracts = {
  'balances.refresh': call(v.object({ address: v.optional(address), chainIds: v.optional(chainIds) }), { passive: true }).returns<{ balances: AccountBalances; meta: BalanceMeta; chainIds: number[] }>(),
  'balances.setFilter': call(v.object({ chainIds: v.nullable(chainIds) })).returns<{ chainIds: number[] }>(),
  'activity.check': call(none, { passive: true }).returns<{ settled: number }>(),
}
export type BalancesCalls = CallsOf<typeof balancesContracts>

export function balancesHandlers(balances: BalanceService, watcher: ActivityWatcher): Handlers<BalancesCalls> {
  return {
    'balances.refresh': async ({ address, chainIds }) => {
      const result = await balances.refresh({ ...(address ? { address } : {}), ...(chainIds?.length ? { chainIds } : {}) })
      return { balances: result, meta: (await balances.cache.meta())!, chainIds: chainIds?.length ? chainIds : await balances.chosenChainIds() }
    },
    'balances.setFilter': async ({ chainIds }) => {
      await balances.cache.setFilter(chainIds?.length ? { chainIds } : null)
      return { chainIds: await balances.chosenChainIds() }
    },
    'activity.check': async () => ({ settled: (await watcher.tick()).length }),
  }
}
