// The calldata of an approval with a given amount: ERC-20 approve(spender, amount) and Permit2
// approve(token, spender, amount, expiration). Standalone (no ABI table), so the approval window can
// preview a lowered amount without the selector table in its bundle; ./edit.ts checks and signs the same.
import { concat, encodeAbiParameters, type Address, type Hex } from 'viem'

export const APPROVE_SELECTOR = '0x095ea7b3'
export const PERMIT2_APPROVE_SELECTOR = '0x87517c45'

export function approvalData(a: { standard: 'erc20' | 'permit2'; token: Address; spender: Address; amount: bigint; expiration?: number }): Hex {
  if (a.standard === 'erc20') return concat([APPROVE_SELECTOR, encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [a.spender, a.amount])])
  return concat([PERMIT2_APPROVE_SELECTOR, encodeAbiParameters([{ type: 'address' }, { type: 'address' }, { type: 'uint160' }, { type: 'uint48' }], [a.token, a.spender, a.amount, a.expiration ?? 0])])
}
