// The wallet's own transactions ('tx.*'): re-quote a prepared transaction as blocks arrive (a passive
// call: an open screen does not hold the auto-lock off), the chain's fee market for a fee editor
// (with the gas estimate of the transaction edited), send one the send screen prepared, list what was
// sent, and speed up / cancel / send again one of them (through the approval window, with its fees).
// Multi-step flows (bridge, claim) never come here: the background owns them (src/flows).
import * as v from 'valibot'
import type { Handlers } from '../wire/messaging.ts'
import { address, call, chainId, hash, preparedTx, text, type CallsOf } from '../wire/contract.ts'
import type { ActivityRecord } from '../activity/store.ts'
import type { ProviderService } from '../provider/service.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { WalletError } from '../errors.ts'
import { replacedBy } from '../provider/site-tx.ts'
import { feesOf, meetsFloor, type FeeMarket } from './fee-levels.ts'
import type { TxPipeline } from './pipeline.ts'
import type { FeeQuote } from './types.ts'

export const txContracts = {
  'tx.quote': call(v.object({ tx: preparedTx }), { passive: true }).returns<{ fee: FeeQuote }>(),
  /** the chain's fees now; with `tx`, also its gas estimate (null when it would fail) */
  'tx.market': call(v.object({ chainId, tx: v.optional(preparedTx) }), { passive: true }).returns<FeeMarket & { gasEstimate?: string | null }>(),
  'tx.send': call(v.object({ tx: preparedTx, title: text(200) })).returns<{ hash: string }>(),
  'tx.activity': call(v.object({ from: v.optional(address), chainId: v.optional(chainId) })).returns<ActivityRecord[]>(),
  /** opens the approval window with the replacement of a pending (or dropped) transaction, its fees at today's market */
  'tx.replace': call(v.object({ chainId, hash, mode: v.picklist(['speedUp', 'cancel', 'resend']) })).returns<{ approvalId: string }>(),
}
export type TxCalls = CallsOf<typeof txContracts>

export function txHandlers(wallet: Wallet, pipeline: TxPipeline, provider: Pick<ProviderService, 'requestWalletApproval'>): Handlers<TxCalls> {
  return {
    'tx.quote': async ({ tx }) => ({ fee: await pipeline.quote(tx) }),
    'tx.market': async ({ chainId, tx }) => {
      const market = await pipeline.market(chainId)
      if (!tx) return market
      const network = await pipeline.network(chainId)
      const gasEstimate = await pipeline
        .client(network)
        .estimateGas({ account: tx.from, to: tx.to ?? undefined, value: BigInt(tx.value), data: tx.data })
        .then((g) => g.toString(), () => null)
      return { ...market, gasEstimate }
    },
    'tx.send': async ({ tx, title }) => {
      await wallet.ownAccount(tx.from)
      // a custom nonce one of the account's pending transactions has: this one replaces it
      const replaces = await replacedBy(pipeline, tx)
      if (replaces && !meetsFloor(feesOf(tx), replaces.floor)) throw new WalletError('BELOW_REPLACEMENT_MINIMUM', `Nonce ${tx.nonce} is taken by “${replaces.title}”, still pending: a replacement must pay at least 10% more on both fee fields. Raise the fees, or leave the nonce to the wallet.`)
      return { hash: await pipeline.send(tx, { title: title.slice(0, 80), origin: 'wallet', ...(replaces ? { replacement: { of: replaces.hash, kind: 'custom' as const } } : {}) }) }
    },
    'tx.activity': (filter) => pipeline.activity.list(filter),
    'tx.replace': async ({ chainId, hash, mode }) => {
      const d = await pipeline.replacement(chainId, hash, mode)
      await wallet.ownAccount(d.tx.from)
      const network = await pipeline.network(chainId)
      const approvalId = await provider.requestWalletApproval({
        kind: 'replaceTx',
        mode,
        original: { hash: d.original.hash, chainId, title: d.original.title, nonce: d.original.nonce!, createdAt: d.original.createdAt },
        title: d.title,
        tx: d.tx,
        fee: d.fee,
        ...(d.feeError ? { feeError: d.feeError } : {}),
        floor: d.floor,
        chainName: network.name,
      })
      return { approvalId }
    },
  }
}
