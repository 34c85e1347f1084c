// The wallet's own transactions ('tx.*'): re-quote a prepared transaction as blocks arrive (a passive
// call: an open screen does not hold the auto-lock off), send one the send screen prepared, and list
// what was sent. Multi-step flows (bridge, claim) never come here: the background owns them (src/flows).
import * as v from 'valibot'
import type { Handlers } from '../wire/messaging.ts'
import { address, call, chainId, preparedTx, text, type CallsOf } from '../wire/contract.ts'
import type { ActivityRecord } from '../activity/store.ts'
import type { Wallet } from '../wallet/wallet.ts'
import type { TxPipeline } from './pipeline.ts'
import type { FeeQuote } from './types.ts'

export const txContracts = {
  'tx.quote': call(v.object({ tx: preparedTx }), { passive: true }).returns<{ fee: FeeQuote }>(),
  'tx.send': call(v.object({ tx: preparedTx, title: text(200) })).returns<{ hash: string }>(),
  'tx.activity': call(v.object({ from: v.optional(address), chainId: v.optional(chainId) })).returns<ActivityRecord[]>(),
}
export type TxCalls = CallsOf<typeof txContracts>

export function txHandlers(wallet: Wallet, pipeline: TxPipeline): Handlers<TxCalls> {
  return {
    'tx.quote': async ({ tx }) => ({ fee: await pipeline.quote(tx) }),
    'tx.send': async ({ tx, title }) => {
      await wallet.ownAccount(tx.from)
      return { hash: await pipeline.send(tx, { title: title.slice(0, 80), origin: 'wallet' }) }
    },
    'tx.activity': (filter) => pipeline.activity.list(filter),
  }
}
