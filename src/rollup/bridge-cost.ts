// What bridging costs, for the bridge screens, at current gas prices:
//
// depositCost — the L1 transaction(s) the user signs (approve, deposit), each quoted by the fee
//   model. The deposit's L2 gas limit is not paid on L2: the portal sells it on L1 (ResourceMetering:
//   l2GasLimit × params().prevBaseFee, charged as an L1 gas burn inside the deposit transaction), so
//   it is already in the L1 fee; `l2Gas` says how much of the L1 gas it accounts for.
//
// withdrawalExitCost — the whole exit: L2 initiate (L2 execution + L1 data fee) + L1 prove + L1
//   finalize at today's L1 prices. Prove and finalize gas come from eth_estimateGas when the caller
//   can already encode the call (a proposal covers the withdrawal; it is proven and ready), else prove
//   from the size of the proof the L2's trie gives today (./prove-gas.ts) and finalize from the gas
//   the same call used on the devnet (MEASURED_FINALIZE_GAS below).
import { numberToHex, parseAbi, type Address, type Hex } from 'viem'
import type { FeeQuote, PreparedTx } from '../tx/types.ts'
import type { Network } from '../chains/types.ts'
import type { FeeQuoter } from '../tx/types.ts'
import { feeAmounts, rollupFeeQuote } from './fees.ts'
import { expectedProofShape, proveGasFor, type PortalKind, type WithdrawalPath } from './prove-gas.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export type { PortalKind, WithdrawalPath } from './prove-gas.ts'

/**
 * L1 gas used by finalizeWithdrawalTransaction, measured on the devnet with contracts-bedrock 0.17.3
 * (test/integration/fees-bridge.test.ts measures it again on every run and fails when a figure no
 * longer holds): 'portal2' = OptimismPortal2 3.10.0 with a PermissionedDisputeGame (chain 901),
 * 'legacy' = OptimismPortal 2.8.1 with an OP Succinct output oracle (chain 902). It depends on the path
 * (what the relayed call does on L1) and is steady to the gas. Prove gas follows the L2's trie: see
 * ./prove-gas.ts.
 */
export const MEASURED_FINALIZE_GAS: Record<PortalKind, Record<WithdrawalPath, bigint>> = {
  portal2: { eth: 127_000n, 'bridge-eth': 229_000n, 'bridge-erc20': 211_000n },
  legacy: { eth: 149_000n, 'bridge-eth': 242_000n, 'bridge-erc20': 233_000n },
}

/**
 * L2 gas of an ETH withdrawal through L2ToL1MessagePasser.initiateWithdrawal(target, 100_000, 0x):
 * the figure eth_estimateGas gives (and the transaction uses: the two are equal, no sub-call) on the
 * devnet's predeploy (contracts-bedrock 0.17.3), the same on 901 and 902. 54,188 once the passer's
 * nonce is above zero, as on any live chain (the chain's very first withdrawal sets it from zero:
 * 71,288); a target with zero bytes is 12 gas cheaper per zero byte. For a quote with no account
 * (the L2 comparison), where there is no transaction to estimate.
 * test/integration/fees-bridge.test.ts estimates it again on both L2s and fails when it no longer holds.
 */
export const MEASURED_INITIATE_GAS = 54_188n

const portalAbi = parseAbi([
  'function version() view returns (string)',
  'function params() view returns (uint128 prevBaseFee, uint64 prevBoughtGas, uint64 prevBlockNum)',
])

export type GasSource = 'prepared' | 'estimated' | 'measured'

export interface CostStep {
  step: 'approve' | 'deposit' | 'initiate' | 'prove' | 'finalize'
  chainId: number
  gas: bigint
  gasSource: GasSource
  fee: FeeQuote
}

export interface BridgeCost {
  steps: CostStep[]
  /** likely total of every step, wei */
  total: bigint
  /** the most every step can cost at today's fee caps, wei */
  max: bigint
}

export interface DepositCost extends BridgeCost {
  /** the deposit's L2 gas limit, bought on L1: no fee is charged on L2 */
  l2Gas: { limit: bigint; l1GasBurned: bigint | null }
}

export type ExitCost = BridgeCost

/** OptimismPortal2 (3.x and later) or the legacy OptimismPortal (output oracle), from its version(). */
export async function portalKind(l1: Pick<RpcClient, 'readContract'>, portal: Address): Promise<PortalKind> {
  const version = await l1.readContract({ address: portal, abi: portalAbi, functionName: 'version' })
  return Number.parseInt(version.split('.')[0], 10) >= 3 ? 'portal2' : 'legacy'
}

function sum(steps: CostStep[]): BridgeCost {
  return {
    steps,
    total: steps.reduce((a, s) => a + feeAmounts(s.fee).total, 0n),
    max: steps.reduce((a, s) => a + feeAmounts(s.fee).max, 0n),
  }
}

/**
 * A deposit's cost: `txs` are the prepared L1 transactions of the flow (src/bridge/deposit.ts through
 * 'tx.prepare'), the last one the deposit itself. `l2GasLimit` is the gas the portal is asked for
 * (a portal ETH deposit: its gasLimit argument; a bridge deposit: the messenger's baseGas, which is
 * above minGasLimit).
 */
export async function depositCost(p: { l1: Network; l1Client: RpcClient; portal: Address; txs: PreparedTx[]; l2GasLimit: bigint; quote?: FeeQuoter }): Promise<DepositCost> {
  const quote = p.quote ?? rollupFeeQuote
  const [fees, params, block] = await Promise.all([
    Promise.all(p.txs.map((tx) => quote(p.l1, p.l1Client, tx))),
    p.l1Client.readContract({ address: p.portal, abi: portalAbi, functionName: 'params' }).catch(() => null),
    p.l1Client.getBlock({ blockTag: 'latest' }),
  ])
  const steps = p.txs.map<CostStep>((tx, i) => ({ step: i === p.txs.length - 1 ? 'deposit' : 'approve', chainId: tx.chainId, gas: BigInt(tx.gas), gasSource: 'prepared', fee: fees[i] }))
  const GWEI = 1_000_000_000n
  const l1Base = block.baseFeePerGas ?? 0n
  const l1GasBurned = params ? (p.l2GasLimit * params[0]) / (l1Base > GWEI ? l1Base : GWEI) : null
  return { ...sum(steps), l2Gas: { limit: p.l2GasLimit, l1GasBurned } }
}

/** An L1 call the caller can already encode (the proof exists; the withdrawal is proven and ready). */
export interface L1Call {
  from: Address
  data: Hex
}

/**
 * The whole exit of a withdrawal. `initiate` is the prepared L2 transaction (omit once it was sent);
 * `prove` / `finalize` the encoded portal calls when they can be made now, estimated against L1;
 * otherwise (or when the estimate fails) the measured gas of the same call on this portal kind.
 */
export async function withdrawalExitCost(p: {
  l2: Network
  l2Client: RpcClient
  initiate?: PreparedTx
  l1: Network
  l1Client: RpcClient
  portal: Address
  path: WithdrawalPath
  prove?: L1Call
  finalize?: L1Call
  quote?: FeeQuoter
}): Promise<ExitCost> {
  const quote = p.quote ?? rollupFeeQuote
  const kind = await portalKind(p.l1Client, p.portal)
  // before the proof exists: priced for the proof the L2's trie gives a new withdrawal today
  const modelledProve = async () => proveGasFor(kind, p.path, await expectedProofShape(p.l2Client, p.l2.chainId))
  const [initiateFee, proveGas, finalizeGas, fees] = await Promise.all([
    p.initiate ? quote(p.l2, p.l2Client, p.initiate) : null,
    l1Gas(p.l1Client, p.portal, p.prove, modelledProve),
    l1Gas(p.l1Client, p.portal, p.finalize, async () => MEASURED_FINALIZE_GAS[kind][p.path]),
    p.l1Client.estimateFeesPerGas({ type: 'eip1559', chain: null }),
  ])
  const l1Step = async (step: 'prove' | 'finalize', g: { gas: bigint; source: GasSource }, call: L1Call | undefined): Promise<CostStep> => {
    const tx: PreparedTx = {
      chainId: p.l1.chainId,
      from: call?.from ?? p.portal,
      to: p.portal,
      value: '0x0',
      data: call?.data ?? '0x',
      nonce: 0,
      gas: numberToHex(g.gas),
      type: 'eip1559',
      maxFeePerGas: numberToHex(fees.maxFeePerGas),
      maxPriorityFeePerGas: numberToHex(fees.maxPriorityFeePerGas),
    }
    return { step, chainId: p.l1.chainId, gas: g.gas, gasSource: g.source, fee: await quote(p.l1, p.l1Client, tx) }
  }
  const steps: CostStep[] = []
  if (p.initiate && initiateFee) steps.push({ step: 'initiate', chainId: p.l2.chainId, gas: BigInt(p.initiate.gas), gasSource: 'prepared', fee: initiateFee })
  steps.push(...(await Promise.all([l1Step('prove', proveGas, p.prove), l1Step('finalize', finalizeGas, p.finalize)])))
  return sum(steps)
}

async function l1Gas(client: RpcClient, portal: Address, call: L1Call | undefined, measured: () => Promise<bigint>): Promise<{ gas: bigint; source: GasSource }> {
  if (call) {
    try {
      return { gas: await client.estimateGas({ account: call.from, to: portal, data: call.data }), source: 'estimated' }
    } catch {
      // the state to estimate against is not there (yet): from the measured figures
    }
  }
  return { gas: await measured(), source: 'measured' }
}

/** Plain-JSON form for UI messaging (amounts as decimal strings). */
export function bridgeCostJson(c: BridgeCost) {
  return {
    steps: c.steps.map((s) => ({ step: s.step, chainId: s.chainId, gas: s.gas.toString(), gasSource: s.gasSource, fee: s.fee })),
    total: c.total.toString(),
    max: c.max.toString(),
  }
}
export type BridgeCostJson = ReturnType<typeof bridgeCostJson>

