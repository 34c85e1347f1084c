// The approval window's calls ('approvals.*'), the connected sites in settings ('sites.*') and the
// popup's per-site chain ('sites.current', 'sites.setChain').
import * as v from 'valibot'
import type { ErrorShape } from '../errors.ts'
import type { PendingApproval } from '../approvals/types.ts'
import type { Handlers } from '../wire/messaging.ts'
import { address, call, chainId, feeChoice, id, int, none, text, units, type CallsOf } from '../wire/contract.ts'
import type { WalletState } from '../wallet/wallet.ts'
import type { OriginGrant } from './permissions.ts'
import type { ProviderService, SiteView } from './service.ts'

type Site = { origin: string } & OriginGrant

const decision = v.variant('approved', [
  v.object({ approved: v.literal(false) }),
  v.object({ approved: v.literal(true), accounts: v.optional(v.pipe(v.array(address), v.maxLength(100))), approveAmount: v.optional(units), fees: v.optional(feeChoice), feeLevel: v.optional(v.picklist(['low', 'market', 'aggressive'])) }),
])

export const providerContracts = {
  /** the request the window shows now, the queue's length and how many of them its site sent */
  'approvals.current': call(none).returns<{ approval: PendingApproval | null; total: number; fromSite: number; state: WalletState }>(),
  'approvals.resolve': call(v.object({ id, decision })).returns<{ result: unknown } | { error: ErrorShape }>(),
  /** "Reject all from this site": rejects every request of the site (a registrable domain) and makes it wait before asking again */
  'approvals.rejectSite': call(v.object({ site: text(253) })).returns<{ rejected: number }>(),
  'sites.list': call(none).returns<Site[]>(),
  'sites.revoke': call(v.object({ origin: text(300) })).returns<Site[]>(),
  /** the site in a tab (the popup asks for the active tab's), null when it never talked to the wallet */
  'sites.current': call(v.object({ tabId: int() }), { passive: true }).returns<SiteView | null>(),
  /** the user chose a chain for one site */
  'sites.setChain': call(v.object({ origin: text(300), chainId })).returns<SiteView>(),
}
export type ProviderCalls = CallsOf<typeof providerContracts>

export function providerHandlers(svc: ProviderService): Handlers<ProviderCalls> {
  const sites = async () =>
    Object.entries(await svc.permissions.all())
      .map(([origin, g]) => ({ origin, ...g }))
      .sort((a, b) => b.date - a.date)
  return {
    'approvals.current': async () => ({ ...(await svc.currentApproval()), state: await svc.wallet.state() }),
    'approvals.resolve': ({ id, decision }) => svc.resolveApproval(id, decision),
    'approvals.rejectSite': async ({ site }) => ({ rejected: await svc.rejectSite(site) }),
    'sites.list': sites,
    'sites.revoke': async ({ origin }) => {
      await svc.revoke(origin)
      return sites()
    },
    'sites.current': ({ tabId }) => svc.siteForTab(tabId),
    'sites.setChain': ({ origin, chainId }) => svc.chooseSiteChain(origin, chainId),
  }
}
