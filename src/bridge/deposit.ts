// Deposits from L1 into an OP Stack L2, as the transactions the user signs on L1: ETH through the
// portal (the L2 credit is the deposit's mint), ERC-20 through the L1StandardBridge (approve first
// when the allowance is short). viem does not wrap the ERC-20 path; it is encoded here.
import { encodeFunctionData, formatUnits, type Address, type Hex } from 'viem'
import { erc20Abi } from '../abi/erc20.ts'
import { l1StandardBridgeAbi, portalDepositAbi } from '../abi/op-bridge.ts'
import { WalletError } from '../errors.ts'
import type { RollupInfo } from '../chains/types.ts'

/** One transaction of a bridging flow, before nonce, gas and fees are filled in. */
export interface FlowTx {
  chainId: number
  to: Address
  data: Hex
  value: bigint
  /** which step of its flow */
  role: 'approve' | 'deposit' | 'withdraw' | 'prove' | 'finalize'
  /** what the user sees: "Approve PHA", "Deposit 10 PHA to Phala L2" */
  label: string
}

/** Gas the L2 execution of a plain ETH deposit gets (an EOA transfer needs 21,000). */
export const DEFAULT_DEPOSIT_L2_GAS = 100_000n
/** minGasLimit for the L2 side of a standard-bridge deposit (finalizeBridgeERC20 + the mint). */
export const DEFAULT_BRIDGE_MIN_GAS = 200_000

export function ethDepositTxs(rollup: RollupInfo, p: { to: Address; amount: bigint; l2Gas?: bigint; l2Name?: string }): FlowTx[] {
  if (p.amount <= 0n) throw new WalletError('BAD_AMOUNT', 'Enter an amount above zero.')
  return [
    {
      chainId: rollup.l1ChainId,
      to: rollup.portal,
      value: p.amount,
      data: encodeFunctionData({ abi: portalDepositAbi, functionName: 'depositTransaction', args: [p.to, p.amount, p.l2Gas ?? DEFAULT_DEPOSIT_L2_GAS, false, '0x'] }),
      role: 'deposit',
      label: `Deposit ${formatUnits(p.amount, 18)} ETH${p.l2Name ? ` to ${p.l2Name}` : ''}`,
    },
  ]
}

export function erc20DepositTxs(
  rollup: RollupInfo,
  p: { l1Token: Address; l2Token: Address; to: Address; amount: bigint; allowance: bigint; symbol: string; decimals: number; l2Name?: string; minGasLimit?: number },
): FlowTx[] {
  if (!rollup.l1StandardBridge) throw new WalletError('NO_BRIDGE', 'This rollup has no known L1StandardBridge: add it in the network settings.')
  if (p.amount <= 0n) throw new WalletError('BAD_AMOUNT', 'Enter an amount above zero.')
  const txs: FlowTx[] = []
  if (p.allowance < p.amount) {
    txs.push({
      chainId: rollup.l1ChainId,
      to: p.l1Token,
      value: 0n,
      data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [rollup.l1StandardBridge, p.amount] }),
      role: 'approve',
      label: `Approve ${formatUnits(p.amount, p.decimals)} ${p.symbol} for the bridge`,
    })
  }
  txs.push({
    chainId: rollup.l1ChainId,
    to: rollup.l1StandardBridge,
    value: 0n,
    data: encodeFunctionData({
      abi: l1StandardBridgeAbi,
      functionName: 'depositERC20To',
      args: [p.l1Token, p.l2Token, p.to, p.amount, p.minGasLimit ?? DEFAULT_BRIDGE_MIN_GAS, '0x'],
    }),
    role: 'deposit',
    label: `Deposit ${formatUnits(p.amount, p.decimals)} ${p.symbol}${p.l2Name ? ` to ${p.l2Name}` : ''}`,
  })
  return txs
}
