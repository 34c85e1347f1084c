// Every multi-step flow has one shape for the screens ('flows.*'): start one from an intent (it
// comes back with its first step prepared with its fee), choose the fees of the step on screen,
// confirm it by its index, cancel, and read a flow or the open ones. Screens follow a flow through the 'flow' topic
// (src/topics.ts): the background pushes each change and re-quotes the step while it is watched.
import * as v from 'valibot'
import type { Handlers } from '../wire/messaging.ts'
import { address, call, chainId, feeChoice, id, int, text, units, type CallsOf } from '../wire/contract.ts'
import type { FlowEngine } from './engine.ts'
import type { Flow } from './types.ts'

const token = v.object({ symbol: text(40), decimals: int(0, 255), l1: v.nullable(address), l2: v.nullable(address) })
const bridgeIntent = v.object({ direction: v.picklist(['deposit', 'withdraw']), l2ChainId: chainId, token, amount: units, from: address, to: v.optional(address) })
const itemIntent = v.object({ id })
const claimIntent = v.object({ deployment: text(100), network: v.picklist(['phala', 'khala']), account: text(100), receiver: address })

const start = v.variant('kind', [
  v.object({ kind: v.literal('bridge'), intent: bridgeIntent }),
  v.object({ kind: v.literal('bridge.prove'), intent: itemIntent }),
  v.object({ kind: v.literal('bridge.finalize'), intent: itemIntent }),
  v.object({ kind: v.literal('claim'), intent: claimIntent }),
])

export const flowsContracts = {
  'flows.start': call(start).returns<Flow>(),
  'flows.confirm': call(v.object({ id, step: int(0, 20) })).returns<Flow>(),
  'flows.cancel': call(v.object({ id })).returns<Flow>(),
  /** the fees (gas limit, nonce) the user chose for the step on screen: what 'flows.confirm' signs */
  'flows.setFees': call(v.object({ id, step: int(0, 20), fees: feeChoice })).returns<Flow>(),
  'flows.get': call(v.object({ id }), { passive: true }).returns<Flow>(),
  'flows.list': call(v.object({ open: v.optional(v.boolean()) }), { passive: true }).returns<Flow[]>(),
}
export type FlowsCalls = CallsOf<typeof flowsContracts>

export function flowsHandlers(engine: FlowEngine): Handlers<FlowsCalls> {
  return {
    'flows.start': ({ kind, intent }) => engine.start(kind, intent),
    'flows.confirm': ({ id, step }) => engine.confirm(id, step),
    'flows.cancel': ({ id }) => engine.cancel(id),
    'flows.setFees': ({ id, step, fees }) => engine.setFees(id, step, fees),
    'flows.get': ({ id }) => engine.get(id),
    'flows.list': ({ open }) => engine.list(open ? { open } : {}),
  }
}
