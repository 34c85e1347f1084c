// The fee market of a chain now, in one JSON-RPC batch: the next block's base fee (the node's own
// pending block when it has one — that is what a transaction must pay to get into the next block —
// else predicted from the latest block with the chain's EIP-1559 parameters), the tip the node
// suggests, its gas price, and the low / market / aggressive levels from them.
import { numberToHex } from 'viem'
import type { Network } from '../chains/types.ts'
import { feeLevels, type FeeMarket } from '../tx/fee-levels.ts'
import { ETHEREUM_BASE_FEE_PARAMS, nextBaseFee, opBaseFeeParams } from './fees-eip1559.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export type FeeMarketReader = (network: Network, client: RpcClient) => Promise<FeeMarket>

export async function readFeeMarket(network: Pick<Network, 'chainId'>, client: Pick<RpcClient, 'getBlock' | 'getGasPrice' | 'request'>): Promise<FeeMarket> {
  const [latest, pending, gasPrice, tip] = await Promise.all([
    client.getBlock({ blockTag: 'latest' }),
    client.getBlock({ blockTag: 'pending' }).catch(() => null),
    client.getGasPrice(),
    client.request({ method: 'eth_maxPriorityFeePerGas' } as never).then(
      (x) => BigInt(x as string),
      () => null,
    ),
  ])
  if (latest.baseFeePerGas === null || latest.baseFeePerGas === undefined) {
    return { chainId: network.chainId, gasPrice: numberToHex(gasPrice), levels: feeLevels({ gasPrice }), at: Date.now() }
  }
  const predicted = nextBaseFee(latest, opBaseFeeParams(latest.extraData) ?? ETHEREUM_BASE_FEE_PARAMS) ?? latest.baseFeePerGas
  const baseFee = pending?.baseFeePerGas ?? predicted
  // a node without eth_maxPriorityFeePerGas: its gas price less the base fee is its suggestion
  const suggested = tip ?? (gasPrice > latest.baseFeePerGas ? gasPrice - latest.baseFeePerGas : 0n)
  return {
    chainId: network.chainId,
    baseFee: numberToHex(baseFee),
    tip: numberToHex(suggested),
    gasPrice: numberToHex(gasPrice),
    levels: feeLevels({ baseFee, tip: suggested, gasPrice }),
    at: Date.now(),
  }
}
