// The one transaction pipeline every flow uses (dApp approvals, the send screen, bridge, claim):
// prepare (nonce, gas with the one headroom rule, fees), quote (the rollup fee model), send (signed
// by the keyring, recorded in the activity list). Built once at the composition root and handed to
// each domain, which sees only this narrow interface.
import type { Address, Hex, PublicClient } from 'viem'
import type { Network } from '../chains/types.ts'
import { toErrorShape } from '../errors.ts'
import type { ActivityStore } from '../activity/store.ts'
import type { KeyringSigner } from '../keyring/signer.ts'
import { prepareTx } from './prepare.ts'
import { signAndSend, type SendMeta } from './send.ts'
import type { FeeQuote, FeeQuoter, PreparedTx, TxRequest } from './types.ts'

export interface Quoted {
  tx: PreparedTx
  fee: FeeQuote | null
  /** why the fee could not be quoted (the transaction itself is prepared) */
  feeError?: string
}

export interface TxPipeline {
  prepare(chainId: number, req: TxRequest): Promise<PreparedTx>
  /** prepare, then quote; a quote that fails leaves `fee: null` with the reason */
  prepareQuoted(chainId: number, req: TxRequest): Promise<Quoted>
  quote(tx: PreparedTx): Promise<FeeQuote>
  /** quote, keeping a failure as a sentence */
  quoteOrError(tx: PreparedTx): Promise<Pick<Quoted, 'fee' | 'feeError'>>
  send(tx: PreparedTx, meta: SendMeta): Promise<Hex>
  network(chainId: number): Promise<Network>
  client(network: Network): PublicClient
  readonly activity: ActivityStore
}

export interface PipelineDeps {
  /** the network of a chain id, or a coded error */
  network(chainId: number): Promise<Network>
  client(network: Network): PublicClient
  signer(address: Address): Promise<KeyringSigner>
  quoteFee: FeeQuoter
  activity: ActivityStore
  now(): number
}

export function createTxPipeline(deps: PipelineDeps): TxPipeline {
  const quote = async (tx: PreparedTx) => {
    const network = await deps.network(tx.chainId)
    return deps.quoteFee(network, deps.client(network), tx)
  }
  const quoteOrError = async (tx: PreparedTx): Promise<Pick<Quoted, 'fee' | 'feeError'>> => {
    try {
      return { fee: await quote(tx) }
    } catch (err) {
      return { fee: null, feeError: toErrorShape(err).message }
    }
  }
  const prepare = async (chainId: number, req: TxRequest) => {
    const network = await deps.network(chainId)
    return prepareTx(deps.client(network), network.chainId, req)
  }
  return {
    activity: deps.activity,
    network: deps.network,
    client: deps.client,
    prepare,
    quote,
    quoteOrError,
    async prepareQuoted(chainId, req) {
      const tx = await prepare(chainId, req)
      return { tx, ...(await quoteOrError(tx)) }
    },
    async send(tx, meta) {
      const network = await deps.network(tx.chainId)
      return signAndSend({ network, client: deps.client(network), signer: await deps.signer(tx.from), activity: deps.activity, now: deps.now }, tx, meta)
    },
  }
}
