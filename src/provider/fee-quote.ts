// The fee shown before a transaction is signed: the seam between the provider (dApp approvals,
// 'tx.prepare', 'tx.quote') and the fee model. The default is the rollup fee model (src/rollup/fees.ts):
// L2 execution + L1 data + operator fee on OP Stack chains, the L1 component on Arbitrum, EIP-1559
// execution elsewhere. Tests may plug in another quoter through ProviderService's deps.
import type { PublicClient } from 'viem'
import type { FeeQuote, PreparedTx } from '../approvals/types.ts'
import type { Network } from '../chains/types.ts'
import { rollupFeeQuote } from '../rollup/fees.ts'

export type FeeQuoter = (network: Network, client: PublicClient, tx: PreparedTx) => Promise<FeeQuote>

export const defaultFeeQuoter: FeeQuoter = rollupFeeQuote
