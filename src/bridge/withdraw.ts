// Withdrawals from an OP Stack L2 to its L1, as the transaction the user signs on the L2: ETH
// straight through the L2ToL1MessagePasser (the portal pays it out on L1; cheapest), or through
// the L2StandardBridge; ERC-20s through L2StandardBridge.withdrawTo, which burns the L2 token and
// releases the L1 token when the withdrawal is finalized. No approval: the bridge burns.
import { encodeFunctionData, formatUnits, getAddress, type Address } from 'viem'
import { l2StandardBridgeAbi, messagePasserAbi } from '../abi/op-bridge.ts'
import { WalletError } from '../errors.ts'
import { L2_STANDARD_BRIDGE, L2_TO_L1_MESSAGE_PASSER } from '../chains/predeploys.ts'
import type { FlowTx } from './deposit.ts'

/** The L2StandardBridge's stand-in address for ETH. */
export const LEGACY_ERC20_ETH: Address = '0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000'
/** Gas the L1 side of an ETH withdrawal gets when the portal pays it out (an EOA needs 21,000; contracts more). */
export const DEFAULT_WITHDRAW_L1_GAS = 100_000n
/** minGasLimit for the L1 side of a standard-bridge withdrawal (finalizeBridgeERC20 + the transfer). */
export const DEFAULT_WITHDRAW_BRIDGE_MIN_GAS = 200_000

export function ethWithdrawalTx(p: { l2ChainId: number; to: Address; amount: bigint; via?: 'message-passer' | 'bridge'; l1Gas?: bigint; l2Name?: string }): FlowTx {
  if (p.amount <= 0n) throw new WalletError('BAD_AMOUNT', 'Enter an amount above zero.')
  const label = `Withdraw ${formatUnits(p.amount, 18)} ETH${p.l2Name ? ` from ${p.l2Name}` : ''}`
  if (p.via === 'bridge') {
    return {
      chainId: p.l2ChainId,
      to: L2_STANDARD_BRIDGE,
      value: p.amount,
      data: encodeFunctionData({ abi: l2StandardBridgeAbi, functionName: 'withdrawTo', args: [LEGACY_ERC20_ETH, getAddress(p.to), p.amount, DEFAULT_WITHDRAW_BRIDGE_MIN_GAS, '0x'] }),
      role: 'withdraw',
      label,
    }
  }
  return {
    chainId: p.l2ChainId,
    to: L2_TO_L1_MESSAGE_PASSER,
    value: p.amount,
    data: encodeFunctionData({ abi: messagePasserAbi, functionName: 'initiateWithdrawal', args: [getAddress(p.to), p.l1Gas ?? DEFAULT_WITHDRAW_L1_GAS, '0x'] }),
    role: 'withdraw',
    label,
  }
}

export function erc20WithdrawalTx(p: { l2ChainId: number; l2Token: Address; to: Address; amount: bigint; symbol: string; decimals?: number; l2Name?: string; minGasLimit?: number }): FlowTx {
  if (p.amount <= 0n) throw new WalletError('BAD_AMOUNT', 'Enter an amount above zero.')
  return {
    chainId: p.l2ChainId,
    to: L2_STANDARD_BRIDGE,
    value: 0n,
    data: encodeFunctionData({
      abi: l2StandardBridgeAbi,
      functionName: 'withdrawTo',
      args: [getAddress(p.l2Token), getAddress(p.to), p.amount, p.minGasLimit ?? DEFAULT_WITHDRAW_BRIDGE_MIN_GAS, '0x'],
    }),
    role: 'withdraw',
    label: `Withdraw ${formatUnits(p.amount, p.decimals ?? 18)} ${p.symbol}${p.l2Name ? ` from ${p.l2Name}` : ''}`,
  }
}
