// The approval window's and the connected-sites settings' calls (UiCalls in messages.ts).
import type { Handlers } from '../messaging.ts'
import type { UiCallsOf } from '../messages.ts'
import { WalletError } from '../errors.ts'
import type { ProviderService } from './service.ts'

export function providerUiHandlers(svc: ProviderService): Handlers<UiCallsOf<'approvals' | 'sites'>, null> {
  const sites = async () =>
    Object.entries(await svc.permissions.all())
      .map(([origin, g]) => ({ origin, ...g }))
      .sort((a, b) => b.date - a.date)
  return {
    'approvals.current': async () => ({ ...(await svc.currentApproval()), state: await svc.wallet.state() }),
    'approvals.resolve': ({ id, decision }) => {
      if (typeof id !== 'string' || !decision || typeof decision.approved !== 'boolean') throw new WalletError('BAD_PARAMS', 'Malformed decision.')
      return svc.resolveApproval(id, decision)
    },
    'sites.list': sites,
    'sites.revoke': async ({ origin }) => {
      if (typeof origin !== 'string') throw new WalletError('BAD_PARAMS', 'Which site?')
      await svc.revoke(origin)
      return sites()
    },
  }
}
