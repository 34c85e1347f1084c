// background -> content relay, over the document's own port (./page.ts, PAGE_PORT): an answer to a
// request of that document, a note that the answer waits for the user, a provider event for that
// document's origin, or whether the relay should reconnect at once when the port drops.
import type { ErrorShape } from '../errors.ts'
import { isPlainObject, isRequestId, type RequestId } from './ids.ts'

export type ProviderEventName = 'connect' | 'disconnect' | 'accountsChanged' | 'chainChanged'

export const PROVIDER_EVENTS: readonly ProviderEventName[] = ['connect', 'disconnect', 'accountsChanged', 'chainChanged']

export type ProviderAnswer = { result: unknown } | { error: ErrorShape }

export type WalletToPage =
  | { kind: 'response'; id: RequestId; reply: ProviderAnswer }
  /** the answer waits for the user (approval window): it comes later on this port */
  | { kind: 'deferred'; id: RequestId }
  | { kind: 'event'; event: ProviderEventName; data: unknown }
  /** stay: reconnect at once if the port drops (the site is connected or has a chain of its own, so it expects events) */
  | { kind: 'status'; stay: boolean }

export function isWalletToPage(x: unknown): x is WalletToPage {
  if (!isPlainObject(x)) return false
  switch (x.kind) {
    case 'response':
      return isRequestId(x.id) && isPlainObject(x.reply) && ('result' in x.reply || isPlainObject(x.reply.error))
    case 'deferred':
      return isRequestId(x.id)
    case 'event':
      return typeof x.event === 'string' && PROVIDER_EVENTS.includes(x.event as ProviderEventName)
    case 'status':
      return typeof x.stay === 'boolean'
  }
  return false
}
