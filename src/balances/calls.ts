// The home screen's calls: refresh (every chosen chain in parallel; the popup has already drawn
// the cache), the chain filter, and the activity list's "look now" for pending transactions ('balances.*', 'activity.*').
import * as v from 'valibot'
import type { Handlers } from '../wire/messaging.ts'
import { address, call, chainId, none, type CallsOf } from '../wire/contract.ts'
import type { ActivityWatcher } from '../activity/watcher.ts'
import type { IncomingScanner } from '../activity/incoming.ts'
import type { AccountBalances, BalanceMeta } from './cache.ts'
import type { BalanceService } from './service.ts'

const chainIds = v.pipe(v.array(chainId), v.maxLength(200))

export const balancesContracts = {
  'balances.refresh': call(v.object({ address: v.optional(address), chainIds: v.optional(chainIds) }), { passive: true }).returns<{ balances: AccountBalances; meta: BalanceMeta; chainIds: number[] }>(),
  'balances.setFilter': call(v.object({ chainIds: v.nullable(chainIds) })).returns<{ chainIds: number[] }>(),
  'activity.check': call(none, { passive: true }).returns<{ settled: number }>(),
  /** tokens that came in to the account on the chains Home shows, since the last look */
  'activity.scanIncoming': call(v.object({ address }), { passive: true }).returns<{ errors: Record<number, string> }>(),
}
export type BalancesCalls = CallsOf<typeof balancesContracts>

export function balancesHandlers(balances: BalanceService, watcher: ActivityWatcher, incoming: IncomingScanner): Handlers<BalancesCalls> {
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
    'activity.scanIncoming': async ({ address }) => {
      const { networks, tokens } = await balances.registry()
      const ids = await balances.chosenChainIds(networks)
      const who = await balances.accountOrSelected(address)
      return { errors: await incoming.scan(who, networks.filter((n) => ids.includes(n.chainId)), tokens) }
    },
  }
}
