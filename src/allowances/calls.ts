// The allowances page ('allowances.*'): every approval of an account on the chains shown on Home,
// and the revoke of one prepared with its fee (sent with 'tx.send').
import * as v from 'valibot'
import type { Handlers } from '../wire/messaging.ts'
import { address, call, chainId, type CallsOf } from '../wire/contract.ts'
import type { Quoted } from '../tx/pipeline.ts'
import type { Wallet } from '../wallet/wallet.ts'
import type { AllowanceService, ChainAllowances } from './service.ts'

const row = v.object({ chainId, kind: v.picklist(['erc20', 'operator', 'permit2']), token: address, spender: address, via: v.optional(address) })

export const allowancesContracts = {
  'allowances.list': call(v.object({ owner: address, chainIds: v.optional(v.pipe(v.array(chainId), v.maxLength(50))) }), { passive: true }).returns<ChainAllowances[]>(),
  'allowances.prepareRevoke': call(v.object({ owner: address, row })).returns<Quoted>(),
}
export type AllowancesCalls = CallsOf<typeof allowancesContracts>

export function allowancesHandlers(wallet: Wallet, svc: AllowanceService): Handlers<AllowancesCalls> {
  return {
    'allowances.list': ({ owner, chainIds }) => svc.list(owner, chainIds),
    'allowances.prepareRevoke': async ({ owner, row }) => svc.prepareRevoke(await wallet.ownAccount(owner), row),
  }
}
