// The background's side of "know what you sign": the insight of a transaction (decoded, simulated on
// the chain's own RPC, its warnings) for the approval window, the send screen and the flows' review.
import { getAddress, type Address } from 'viem'
import type { ActivityStore } from '../activity/store.ts'
import type { Network } from '../chains/types.ts'
import type { PreparedTx } from '../tx/types.ts'
import { sameAddress } from '../util/address.ts'
import { txInsight } from './insight.ts'
import type { TxInsight } from './types.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export interface SimulationDeps {
  network(chainId: number): Promise<Network>
  client(network: Network): RpcClient
  /** the tokens the wallet knows on a chain (registry + the user's) */
  knownTokens(chainId: number): Promise<Address[]>
  activity: ActivityStore
  now(): number
}

export class SimulationService {
  constructor(private readonly d: SimulationDeps) {}

  async insight(tx: Pick<PreparedTx, 'chainId' | 'from' | 'to' | 'value' | 'data'> & { gas?: string }, onRequest?: (method: string) => void): Promise<TxInsight> {
    const network = await this.d.network(tx.chainId)
    const known = await this.d.knownTokens(tx.chainId).catch(() => [] as Address[])
    return txInsight(
      {
        network,
        client: this.d.client(network),
        knownTokens: known,
        interactedBefore: async (from, to) => (await this.d.activity.list({ from, chainId: tx.chainId })).some((r) => !!r.to && sameAddress(r.to, to)),
        now: this.d.now,
        ...(onRequest ? { onRequest } : {}),
      },
      { chainId: tx.chainId, from: getAddress(tx.from), to: tx.to ? getAddress(tx.to) : null, value: BigInt(tx.value), data: tx.data, ...(tx.gas ? { gas: BigInt(tx.gas) } : {}) },
    )
  }
}
