// The approval window's calls ('approvals.*') and the connected sites in settings ('sites.*').
import * as v from 'valibot'
import type { ErrorShape } from '../errors.ts'
import type { PendingApproval } from '../approvals/types.ts'
import type { Handlers } from '../wire/messaging.ts'
import { address, call, id, none, text, units, type CallsOf } from '../wire/contract.ts'
import type { WalletState } from '../wallet/wallet.ts'
import type { OriginGrant } from './permissions.ts'
import type { ProviderService } from './service.ts'

type Site = { origin: string } & OriginGrant

const decision = v.variant('approved', [
  v.object({ approved: v.literal(false) }),
  v.object({ approved: v.literal(true), accounts: v.optional(v.pipe(v.array(address), v.maxLength(100))), approveAmount: v.optional(units) }),
])

export const providerContracts = {
  'approvals.current': call(none).returns<{ approval: PendingApproval | null; total: number; state: WalletState }>(),
  'approvals.resolve': call(v.object({ id, decision })).returns<{ result: unknown } | { error: ErrorShape }>(),
  'sites.list': call(none).returns<Site[]>(),
  'sites.revoke': call(v.object({ origin: text(300) })).returns<Site[]>(),
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
    'sites.list': sites,
    'sites.revoke': async ({ origin }) => {
      await svc.revoke(origin)
      return sites()
    },
  }
}
