// A withdrawal message (what L2ToL1MessagePasser recorded) between its three forms: viem's
// (bigints), the stored one (decimal strings) and the tuple the portal's prove/finalize take.
import type { Address, Hex } from 'viem'
import type { WithdrawalMessage } from './types.ts'

export function messageOf(m: { nonce: bigint; sender: Address; target: Address; value: bigint; gasLimit: bigint; data: Hex; withdrawalHash: Hex }): WithdrawalMessage {
  return { nonce: m.nonce.toString(), sender: m.sender, target: m.target, value: m.value.toString(), gasLimit: m.gasLimit.toString(), data: m.data, withdrawalHash: m.withdrawalHash }
}

export function viemWithdrawal(m: WithdrawalMessage) {
  return { nonce: BigInt(m.nonce), sender: m.sender, target: m.target, value: BigInt(m.value), gasLimit: BigInt(m.gasLimit), data: m.data, withdrawalHash: m.withdrawalHash }
}

export function withdrawalTuple(m: WithdrawalMessage) {
  const { withdrawalHash: _, ...tuple } = viemWithdrawal(m)
  return tuple
}
