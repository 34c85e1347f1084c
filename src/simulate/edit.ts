// The one edit a user may make to a dApp's transaction before signing: lowering the amount of an
// approval (ERC-20 approve, Permit2 approve). The calldata is re-encoded with the same spender (and
// the same token and expiration for Permit2); anything else, or a higher amount, is refused.
import type { Hex } from 'viem'
import { WalletError } from '../errors.ts'
import { decodeCall } from '../tx/decode.ts'
import { approvalData } from './approval-data.ts'

export function withApprovalAmount(data: Hex, amount: bigint): Hex {
  const a = decodeCall(data)?.action
  if (amount < 0n) throw new WalletError('BAD_AMOUNT', 'An approval cannot be negative.')
  if (a?.kind !== 'approve' && a?.kind !== 'permit2Approve') throw new WalletError('NOT_AN_APPROVAL', 'Only the amount of an approval can be changed before signing.')
  if (amount > BigInt(a.amount)) throw new WalletError('BAD_AMOUNT', 'The amount can only be lowered, not raised above what the site asked for.')
  return a.kind === 'approve'
    ? approvalData({ standard: 'erc20', token: '0x0000000000000000000000000000000000000000', spender: a.spender, amount })
    : approvalData({ standard: 'permit2', token: a.token, spender: a.spender, amount, expiration: a.expiration })
}
