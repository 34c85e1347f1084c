// Arbitrum (Nitro) fees. The L1 part is not a separate charge: it is bought as extra L2 gas, which
// eth_estimateGas on Arbitrum already includes in the gas limit. NodeInterface (a virtual contract
// at 0xC8, answered by the node to eth_call only) says how much of that gas is for L1:
// gasEstimateL1Component(to, contractCreation, data). The breakdown is therefore
//   L1 data   = gasEstimateForL1 × base fee
//   execution = (gas limit − gasEstimateForL1) × base fee
// Arbitrum charges the base fee only (the priority fee is not paid), so the likely total is
// gas limit × base fee, and the most is gas limit × max fee per gas.
import { decodeFunctionResult, encodeFunctionData, parseAbi, type Address } from 'viem'
import type { FeeQuote, PreparedTx } from '../tx/types.ts'
import { WalletError } from '../errors.ts'
import { gasPrices } from './fees-eip1559.ts'
import { expectedGas } from './fees-execution.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export const NODE_INTERFACE: Address = '0x00000000000000000000000000000000000000C8'
const ZERO: Address = '0x0000000000000000000000000000000000000000'

export const nodeInterfaceAbi = parseAbi([
  'function gasEstimateL1Component(address to, bool contractCreation, bytes data) payable returns (uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate)',
])

export interface ArbitrumL1Component {
  /** L2 gas units that pay for posting the transaction to L1 */
  gasForL1: bigint
  /** the L2 base fee the node used */
  baseFee: bigint
  /** the node's estimate of the L1 base fee */
  l1BaseFeeEstimate: bigint
}

/** Read-only: an eth_call to NodeInterface, never a transaction. */
export async function arbitrumL1Component(client: Pick<RpcClient, 'call'>, tx: Pick<PreparedTx, 'from' | 'to' | 'data'>): Promise<ArbitrumL1Component> {
  const { data } = await client.call({
    account: tx.from,
    to: NODE_INTERFACE,
    data: encodeFunctionData({ abi: nodeInterfaceAbi, functionName: 'gasEstimateL1Component', args: [tx.to ?? ZERO, tx.to === null, tx.data] }),
  })
  if (!data || data === '0x') throw new WalletError('NO_NODE_INTERFACE', 'The Arbitrum node did not answer the L1 fee query (NodeInterface); try another RPC.')
  const [gasForL1, baseFee, l1BaseFeeEstimate] = decodeFunctionResult({ abi: nodeInterfaceAbi, functionName: 'gasEstimateL1Component', data })
  return { gasForL1, baseFee, l1BaseFeeEstimate }
}

export async function arbitrumQuote(client: Pick<RpcClient, 'call' | 'getBlock'>, tx: PreparedTx): Promise<FeeQuote> {
  const [block, l1] = await Promise.all([client.getBlock({ blockTag: 'latest' }), arbitrumL1Component(client, tx)])
  const gas = BigInt(tx.gas)
  if (gas < l1.gasForL1) {
    throw new WalletError('GAS_TOO_LOW', `The gas limit (${gas}) is below the ${l1.gasForL1} gas this chain needs for the L1 part alone: the transaction would fail.`)
  }
  const price = gasPrices(tx, l1.baseFee)
  // the base fee only: a tip is not paid on Arbitrum
  const perGas = l1.baseFee < price.cap ? l1.baseFee : price.cap
  const l1Data = l1.gasForL1 * perGas
  const used = expectedGas(tx)
  const execution = ((used > l1.gasForL1 ? used : gas) - l1.gasForL1) * perGas
  return {
    execution: execution.toString(),
    l1Data: l1Data.toString(),
    operator: '0',
    total: (execution + l1Data).toString(),
    max: (gas * price.cap).toString(),
    opStack: false,
    at: Number(block.timestamp) * 1000,
  }
}
