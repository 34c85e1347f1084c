// The bridge screens' calls ('bridge.*'): the tracked items and their timelines, a tracker tick on
// demand, the tokens of a chain pair, the L2 comparison and rediscovery. Bridging itself (deposit,
// withdrawal, prove, finalize) is a flow ('flows.*': kinds 'bridge', 'bridge.prove', 'bridge.finalize').
import * as v from 'valibot'
import type { Handlers } from '../wire/messaging.ts'
import { call, chainId, id, none, type CallsOf } from '../wire/contract.ts'
import { compareRollups, type CompareRow } from './compare.ts'
import type { BridgeService, Overview } from './service.ts'
import type { BridgeTokenOption } from './tokens.ts'
import type { ItemView } from './view.ts'

export const bridgeContracts = {
  'bridge.overview': call(none, { passive: true }).returns<Overview>(),
  'bridge.refresh': call(none, { passive: true }).returns<Overview>(),
  'bridge.item': call(v.object({ id }), { passive: true }).returns<ItemView | null>(),
  'bridge.tokens': call(v.object({ l2ChainId: chainId })).returns<BridgeTokenOption[]>(),
  'bridge.compare': call(none).returns<CompareRow[]>(),
  'bridge.discover': call(none).returns<{ found: number; errors: string[] }>(),
}
export type BridgeCalls = CallsOf<typeof bridgeContracts>

export function bridgeHandlers(svc: BridgeService): Handlers<BridgeCalls> {
  return {
    'bridge.overview': () => svc.overview(),
    'bridge.refresh': async () => {
      await svc.check()
      return svc.overview()
    },
    'bridge.item': ({ id }) => svc.item(id),
    'bridge.tokens': ({ l2ChainId }) => svc.tokens(l2ChainId),
    'bridge.compare': () => compareRollups(svc),
    'bridge.discover': () => svc.discover(),
  }
}
