// What the bridge's functions (building flows, costing them, comparing rollups) need of the
// background, and nothing more: networks, clients, live rollup parameters, the tracked items, and
// a way to make the tracker look sooner. BridgeService provides it; tests can provide their own.
import type { RpcClient } from '../chains/rpc-client.ts'
import type { Network } from '../chains/types.ts'
import type { RollupParams } from '../rollup/params.ts'
import type { BridgeStore } from './store.ts'

export interface BridgeContext {
  /** the network of a chain id, or a coded error */
  network(chainId: number): Promise<Network>
  networks(): Promise<Network[]>
  client(n: Network): RpcClient
  /** the rollup's live parameters (proof system, delays, cadence) */
  params(l2: Network, opts?: { fresh?: boolean }): Promise<RollupParams>
  readonly store: BridgeStore
  /** the tracker looks again at about `when` (ms) */
  schedule(when: number): void
  now(): number
}
