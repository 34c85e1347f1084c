// background -> content relay: an answer to a deferred request, or a provider event, sent to one
// frame of one tab (browser.tabs.sendMessage).
import type { ErrorShape } from '../errors.ts'
import { isPlainObject, isRequestId, type RequestId } from './ids.ts'

export type ProviderEventName = 'connect' | 'disconnect' | 'accountsChanged' | 'chainChanged'

export const PROVIDER_EVENTS: readonly ProviderEventName[] = ['connect', 'disconnect', 'accountsChanged', 'chainChanged']

export type PushToTab =
  | { channel: 'push'; kind: 'response'; id: RequestId; reply: { result: unknown } | { error: ErrorShape } }
  | { channel: 'push'; kind: 'event'; event: ProviderEventName; data: unknown }

export function isPushToTab(x: unknown): x is PushToTab {
  if (!isPlainObject(x) || x.channel !== 'push') return false
  if (x.kind === 'response') return isRequestId(x.id) && isPlainObject(x.reply)
  if (x.kind === 'event') return typeof x.event === 'string' && PROVIDER_EVENTS.includes(x.event as ProviderEventName)
  return false
}
