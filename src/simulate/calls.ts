// The insight screens show before a transaction is signed ('simulate.*'): asked again every block
// while the screen is open (a passive call: an open screen does not hold the auto-lock off).
import * as v from 'valibot'
import type { Handlers } from '../wire/messaging.ts'
import { call, preparedTx, type CallsOf } from '../wire/contract.ts'
import type { SimulationService } from './service.ts'
import type { TxInsight } from './types.ts'

export const simulateContracts = {
  'simulate.tx': call(v.object({ tx: preparedTx }), { passive: true }).returns<TxInsight>(),
}
export type SimulateCalls = CallsOf<typeof simulateContracts>

export function simulateHandlers(svc: SimulationService): Handlers<SimulateCalls> {
  return {
    'simulate.tx': ({ tx }) => svc.insight(tx),
  }
}
