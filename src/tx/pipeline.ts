// The one transaction pipeline every flow uses (dApp approvals, the send screen, bridge, claim):
// prepare (nonce from the wallet's own tracker, gas with the one headroom rule, fees), quote (the
// rollup fee model), send (signed by the keyring, recorded in the activity list), the chain's fee
// market (the levels a fee editor offers), and replacements of a pending transaction (speed up,
// cancel, send again). Built once at the composition root and handed to each domain, which sees
// only this narrow interface.
import type { Address, Hex } from 'viem'
import type { Network } from '../chains/types.ts'
import { toErrorShape, WalletError } from '../errors.ts'
import type { ActivityStore } from '../activity/store.ts'
import type { KeyringSigner } from '../keyring/signer.ts'
import type { FeeMarket } from './fee-levels.ts'
import { NonceTracker } from './nonces.ts'
import { prepareTx } from './prepare.ts'
import { draftReplacement, type ReplaceMode, type ReplacementDraft } from './replace.ts'
import { signAndSend, type SendMeta } from './send.ts'
import type { FeeQuote, FeeQuoter, PreparedTx, TxRequest } from './types.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

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
  client(network: Network): RpcClient
  /** the chain's fees now, with the low / market / aggressive levels */
  market(chainId: number): Promise<FeeMarket>
  /** the replacement of one of the wallet's transactions at today's fees, quoted */
  replacement(chainId: number, hash: Hex, mode: ReplaceMode): Promise<ReplacementDraft & Pick<Quoted, 'fee' | 'feeError'>>
  readonly activity: ActivityStore
  readonly nonces: NonceTracker
}

export interface PipelineDeps {
  /** the network of a chain id, or a coded error */
  network(chainId: number): Promise<Network>
  client(network: Network): RpcClient
  signer(address: Address): Promise<KeyringSigner>
  quoteFee: FeeQuoter
  /** the chain's fee market (src/rollup/fee-market.ts) */
  feeMarket(network: Network, client: RpcClient): Promise<FeeMarket>
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
  const nonces = new NonceTracker(deps.activity, deps.now)
  const prepare = async (chainId: number, req: TxRequest) => {
    const network = await deps.network(chainId)
    const client = deps.client(network)
    return prepareTx(client, network.chainId, req, { nextNonce: () => nonces.next(client, network.chainId, req.from) })
  }
  const market = async (chainId: number) => {
    const network = await deps.network(chainId)
    return deps.feeMarket(network, deps.client(network))
  }
  return {
    activity: deps.activity,
    nonces,
    network: deps.network,
    client: deps.client,
    market,
    async replacement(chainId, hash, mode) {
      const original = await deps.activity.get(chainId, hash)
      if (!original) throw new WalletError('UNKNOWN_TX', 'The wallet has no such transaction in its activity list.')
      const network = await deps.network(chainId)
      const client = deps.client(network)
      const draft = await draftReplacement({ original, family: await deps.activity.family(chainId, hash), market: await market(chainId), mode, client, nonces })
      return { ...draft, ...(await quoteOrError(draft.tx)) }
    },
    prepare,
    quote,
    quoteOrError,
    async prepareQuoted(chainId, req) {
      const tx = await prepare(chainId, req)
      return { tx, ...(await quoteOrError(tx)) }
    },
    async send(tx, meta) {
      const network = await deps.network(tx.chainId)
      return signAndSend({ network, client: deps.client(network), signer: await deps.signer(tx.from), activity: deps.activity, nonces, now: deps.now }, tx, meta)
    },
  }
}
