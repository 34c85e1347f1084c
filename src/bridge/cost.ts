// What a bridging flow really costs (the bridge flow's summary, re-quoted while the review is on
// screen): a deposit's L1 transactions (approve, deposit) with the L2 gas limit the portal sells
// inside the deposit, or a withdrawal's whole exit (L2 initiate + L1 prove + L1 finalize at today's
// L1 prices), each step with where its gas comes from. The flow's current step is prepared; a step
// that cannot be prepared yet (the deposit behind an approval: the estimate needs the allowance)
// gets the gas the same call used on the devnet. The fee model itself is src/rollup/bridge-cost.ts.
import { decodeFunctionData, encodeFunctionData, getAddress, numberToHex, parseAbi, type Address, type Hex } from 'viem'
import type { RpcClient } from '../chains/rpc-client.ts'
import type { PreparedTx } from '../tx/types.ts'
import type { Network, RollupInfo } from '../chains/types.ts'
import { WalletError } from '../errors.ts'
import { l1StandardBridgeAbi, l2StandardBridgeAbi, portalDepositAbi } from '../abi/op-bridge.ts'
import { bridgeCostJson, depositCost, MEASURED_INITIATE_GAS, withdrawalExitCost, type BridgeCostJson, type WithdrawalPath } from '../rollup/bridge-cost.ts'
import { L2_TO_L1_MESSAGE_PASSER } from '../chains/predeploys.ts'
import type { FlowTx } from './deposit.ts'
import type { BridgeContext } from './context.ts'
import type { BridgeIntent } from './flows.ts'
import { gasLimitFor } from '../tx/prepare.ts'
import { DEFAULT_WITHDRAW_L1_GAS, ethWithdrawalTx, LEGACY_ERC20_ETH } from './withdraw.ts'

/**
 * L1 gas used by L1StandardBridge.depositERC20To (transferFrom, the bridge's bookkeeping, the
 * messenger, the portal's deposit event) WITHOUT the portal's burn for the L2 gas limit, which
 * depends on today's prices and is added on top. Measured on the devnet (contracts-bedrock 0.17.3,
 * PHA, minGasLimit 200,000): 171,526 for the first deposit of a token pair (the bridge's token
 * balance, the pair's deposit total and the messenger's nonce are set from zero), 120,226 after.
 * The higher figure is kept: the cost shown before an approval is never below what the deposit
 * uses. test/integration/bridge-cost.test.ts measures it again and fails when it no longer holds.
 */
export const MEASURED_ERC20_DEPOSIT_GAS = 172_000n

const messengerAbi = parseAbi(['function baseGas(bytes message, uint32 minGasLimit) pure returns (uint64)'])
const finalizeBridgeAbi = parseAbi(['function finalizeBridgeERC20(address localToken, address remoteToken, address from, address to, uint256 amount, bytes extraData)'])
const portalParamsAbi = parseAbi(['function params() view returns (uint128 prevBaseFee, uint64 prevBoughtGas, uint64 prevBlockNum)'])
const GWEI = 1_000_000_000n

export interface BridgeCostView extends BridgeCostJson {
  kind: 'deposit' | 'exit'
  /** deposits: the L2 gas limit bought on L1, and how much L1 gas the portal burns for it today */
  l2Gas?: { limit: string; l1GasBurned: string | null }
  /** ms since epoch (the background's clock) when quoted */
  at: number
}

/**
 * What the rest of a flow costs from step `current` on, `prepared` being that step as it will be
 * signed: a withdrawal's whole exit, or a deposit's remaining L1 steps (the deposit behind an
 * approval quoted from measured gas until the approval is mined) with the L2 gas they buy.
 */
export async function flowCost(ctx: BridgeContext, intent: BridgeIntent, steps: FlowTx[], current: number, prepared: PreparedTx): Promise<BridgeCostView> {
  const from = getAddress(intent.from)
  if (getAddress(prepared.from) !== from) throw new WalletError('BAD_PARAMS', 'The prepared transaction is not from the flow’s account.')
  const l2 = await ctx.network(intent.l2ChainId)
  const rollup = l2.rollup!
  const l1 = await ctx.network(rollup.l1ChainId)
  const [l1Client, l2Client] = [ctx.client(l1), ctx.client(l2)]
  const at = ctx.now()

  if (intent.direction === 'withdraw') {
    const cost = await withdrawalExitCost({ l2, l2Client, initiate: prepared, l1, l1Client, portal: rollup.portal, path: withdrawalPath(steps[0]) })
    return { kind: 'exit', ...bridgeCostJson(cost), at }
  }

  const rest = steps.slice(current)
  const deposit = rest[rest.length - 1]
  const l2GasLimit = await depositL2GasLimit(l1Client, rollup, deposit, from)
  const measured = rest.length > 1 ? await measuredDeposit(l1Client, rollup, deposit, prepared, l2GasLimit) : null
  const all = rest.length > 1 ? [prepared, measured!] : [prepared]
  const cost = await depositCost({ l1, l1Client, portal: rollup.portal, txs: all, l2GasLimit })
  const json = bridgeCostJson({ ...cost, steps: cost.steps.map((s, i) => (measured && i === all.length - 1 ? { ...s, gasSource: 'measured' as const } : s)) })
  return { kind: 'deposit', ...json, l2Gas: { limit: cost.l2Gas.limit.toString(), l1GasBurned: cost.l2Gas.l1GasBurned?.toString() ?? null }, at }
}

/** Which kind of withdrawal the L2 transaction is (its finalize gas depends on it). */
export function withdrawalPath(step: Pick<FlowTx, 'to' | 'data'>): WithdrawalPath {
  if (getAddress(step.to) === L2_TO_L1_MESSAGE_PASSER) return 'eth'
  const { functionName, args } = decodeFunctionData({ abi: l2StandardBridgeAbi, data: step.data })
  if (functionName !== 'withdrawTo' && functionName !== 'withdraw') throw new WalletError('BAD_PARAMS', 'This is not a withdrawal the wallet builds.')
  return getAddress(args[0]) === getAddress(LEGACY_ERC20_ETH) ? 'bridge-eth' : 'bridge-erc20'
}

/**
 * The gas limit the portal is asked for on L2: a portal deposit's own gasLimit argument; a standard
 * bridge deposit's messenger baseGas (the relayed message's overhead on top of minGasLimit), read
 * from the L1 messenger for the very message the bridge will send.
 */
export async function depositL2GasLimit(l1: RpcClient, rollup: RollupInfo, deposit: FlowTx, from: Address): Promise<bigint> {
  if (getAddress(deposit.to) === getAddress(rollup.portal)) {
    const { args } = decodeFunctionData({ abi: portalDepositAbi, data: deposit.data })
    return args[2]
  }
  const { functionName, args } = decodeFunctionData({ abi: l1StandardBridgeAbi, data: deposit.data })
  if (functionName !== 'depositERC20To') throw new WalletError('BAD_PARAMS', 'This is not a deposit the wallet builds.')
  const [l1Token, l2Token, to, amount, minGasLimit, extraData] = args
  // the bridge sends finalizeBridgeERC20 as the other side sees it: its local token is the L2 token
  const message = encodeFunctionData({ abi: finalizeBridgeAbi, functionName: 'finalizeBridgeERC20', args: [l2Token, l1Token, from, to, amount, extraData] })
  const messenger = await l1.readContract({ address: deposit.to, abi: l1StandardBridgeAbi, functionName: 'messenger' })
  return l1.readContract({ address: messenger, abi: messengerAbi, functionName: 'baseGas', args: [message, minGasLimit] })
}

/**
 * The deposit behind an approval, as it will be prepared once the approval is mined: measured gas +
 * the portal's burn for the L2 gas at today's prices, with the flow's headroom, at the approval's
 * fee caps and next nonce.
 */
async function measuredDeposit(l1: RpcClient, rollup: RollupInfo, deposit: FlowTx, approve: PreparedTx, l2GasLimit: bigint): Promise<PreparedTx> {
  const [params, block] = await Promise.all([
    l1.readContract({ address: rollup.portal, abi: portalParamsAbi, functionName: 'params' }),
    l1.getBlock({ blockTag: 'latest' }),
  ])
  const base = block.baseFeePerGas ?? 0n
  const burn = (l2GasLimit * params[0]) / (base > GWEI ? base : GWEI)
  const estimate = MEASURED_ERC20_DEPOSIT_GAS + burn
  // the approval's caps and type; the deposit's own gas, with the wallet's one headroom rule
  const caps = { ...approve }
  delete caps.gasEstimate
  return { ...caps, to: deposit.to, data: deposit.data, value: numberToHex(deposit.value), nonce: approve.nonce + 1, gas: numberToHex(gasLimitFor(estimate, deposit.data, block.gasLimit)), gasEstimate: numberToHex(estimate) }
}

/**
 * A representative L2 initiate for a quote with no account (the L2 comparison): 0.1 ETH through
 * L2ToL1MessagePasser to an address with no zero bytes, at the chain's fee caps now, with the
 * measured gas. The fee model prices its L1 data from its unsigned serialization like any other.
 */
export async function representativeInitiate(l2: Network, client: RpcClient): Promise<PreparedTx> {
  const flow = ethWithdrawalTx({ l2ChainId: l2.chainId, to: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', amount: 10n ** 17n, l1Gas: DEFAULT_WITHDRAW_L1_GAS })
  const fees = await client.estimateFeesPerGas({ type: 'eip1559', chain: null })
  return {
    chainId: l2.chainId,
    from: '0x0000000000000000000000000000000000000000',
    to: flow.to,
    value: numberToHex(flow.value),
    data: flow.data as Hex,
    nonce: 1,
    gas: numberToHex(MEASURED_INITIATE_GAS),
    type: 'eip1559',
    maxFeePerGas: numberToHex(fees.maxFeePerGas),
    maxPriorityFeePerGas: numberToHex(fees.maxPriorityFeePerGas),
  }
}
