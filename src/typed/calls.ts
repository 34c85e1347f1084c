// Typed data and messages in the approval window ('typed.*'): what a pending eth_signTypedData_v4
// request means (its tree, a permit's tokens and spender, the warnings), read by the approval's id.
import * as v from 'valibot'
import { WalletError } from '../errors.ts'
import type { PendingApproval } from '../approvals/types.ts'
import type { Network } from '../chains/types.ts'
import type { Handlers } from '../wire/messaging.ts'
import { call, id, type CallsOf } from '../wire/contract.ts'
import type { TypedDataLike } from './check.ts'
import { typedInsightFor, type TypedInsight } from './service.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export const typedContracts = {
  'typed.describe': call(v.object({ approvalId: id }), { passive: true }).returns<TypedInsight>(),
}
export type TypedCalls = CallsOf<typeof typedContracts>

export interface TypedDeps {
  pending(): Promise<PendingApproval[]>
  activeChainId(): Promise<number>
  network(chainId: number): Promise<Network>
  client(n: Network): RpcClient
  now(): number
}

export function typedHandlers(d: TypedDeps): Handlers<TypedCalls> {
  return {
    'typed.describe': async ({ approvalId }) => {
      const item = (await d.pending()).find((p) => p.id === approvalId)
      if (!item || item.request.kind !== 'typedData') throw new WalletError('ALREADY_SETTLED', 'This request was already answered or withdrawn.')
      const r = item.request
      return typedInsightFor(d, r.domainChainId ?? (await d.activeChainId()), r.typedData as TypedDataLike)
    },
  }
}
