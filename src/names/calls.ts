// Names ('names.*'): the address book (add or rename, remove, list), ENS names resolved for Send,
// names for the addresses a screen shows, and recent recipients.
import * as v from 'valibot'
import type { Handlers } from '../wire/messaging.ts'
import { address, call, chainId, none, text, type CallsOf } from '../wire/contract.ts'
import type { Contact } from './book.ts'
import type { KnownName, NameService, Recent, Resolved } from './service.ts'

export const namesContracts = {
  'names.contacts': call(none, { passive: true }).returns<Contact[]>(),
  'names.putContact': call(v.object({ address, name: text(200) })).returns<Contact[]>(),
  'names.removeContact': call(v.object({ address })).returns<Contact[]>(),
  'names.resolve': call(v.object({ name: text(300), chainId: v.optional(chainId) }), { passive: true }).returns<Resolved>(),
  'names.lookup': call(v.object({ addresses: v.pipe(v.array(address), v.maxLength(50)), chainId: v.optional(chainId) }), { passive: true }).returns<Record<string, KnownName>>(),
  'names.recents': call(v.object({ from: address }), { passive: true }).returns<Recent[]>(),
}
export type NamesCalls = CallsOf<typeof namesContracts>

export function namesHandlers(svc: NameService, now: () => number): Handlers<NamesCalls> {
  return {
    'names.contacts': () => svc.contacts(),
    'names.putContact': ({ address, name }) => svc.book.put(address, name, now()),
    'names.removeContact': ({ address }) => svc.book.remove(address),
    'names.resolve': ({ name, chainId }) => svc.resolve(name, chainId),
    'names.lookup': ({ addresses, chainId }) => svc.lookup(addresses, chainId),
    'names.recents': ({ from }) => svc.recents(from),
  }
}
