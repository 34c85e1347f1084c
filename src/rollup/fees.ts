// The rollup fee model: what a transaction will really cost, and the most it can, on any chain.
// The model is chosen by probing the chain (fees-detect.ts), so a rollup the wallet has never heard
// of gets its L1 data fee counted like OP Mainnet does:
//   OP Stack  L2 execution + L1 data fee (GasPriceOracle.getL1Fee) + operator fee   fees-op.ts
//   Arbitrum  execution and its L1 component (NodeInterface)                        arbitrum.ts
//   others    EIP-1559 execution at the next block's base fee                       fees-execution.ts
// The default FeeQuoter of the wallet (src/provider/fee-quote.ts): dApp approvals, 'tx.prepare',
// 'tx.quote', Max and the bridge costs all go through it.
import type { FeeQuote, PreparedTx } from '../tx/types.ts'
import type { Network } from '../chains/types.ts'
import { arbitrumQuote } from './arbitrum.ts'
import { feeModelOf } from './fees-detect.ts'
import { eip1559Quote } from './fees-execution.ts'
import { opStackQuote } from './fees-op.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export async function rollupFeeQuote(network: Network, client: RpcClient, tx: PreparedTx): Promise<FeeQuote> {
  const model = await feeModelOf(network, client)
  switch (model.kind) {
    case 'op':
      return opStackQuote(client, tx, model)
    case 'arbitrum':
      return arbitrumQuote(client, tx)
    case 'l1':
      return eip1559Quote(client, tx)
  }
}

/** Quotes as bigints, for code that adds them up (Max, bridge costs). */
export interface FeeAmounts {
  execution: bigint
  l1Data: bigint
  operator: bigint
  total: bigint
  max: bigint
}

export function feeAmounts(q: FeeQuote): FeeAmounts {
  return { execution: BigInt(q.execution), l1Data: BigInt(q.l1Data), operator: BigInt(q.operator), total: BigInt(q.total), max: BigInt(q.max) }
}
