// The one edit a user may make to a dApp's transaction before signing: lowering the amount of an
// approval (ERC-20 approve, Permit2 approve). The calldata is re-encoded with the same spender (and
// the same token and expiration for Permit2); anything else, or a higher amount, is refused.
import { encodeFunctionData, type Hex } from 'viem'
import { WalletError } from '../errors.ts'
import { decodeCall } from '../tx/decode.ts'
import { ERC20_SELECTORS, PERMIT2_SELECTORS } from '../tx/selectors.ts'

export function withApprovalAmount(data: Hex, amount: bigint): Hex {
  const a = decodeCall(data)?.action
  if (amount < 0n) throw new WalletError('BAD_AMOUNT', 'An approval cannot be negative.')
  if (a?.kind === 'approve') {
    if (amount > BigInt(a.amount)) throw new WalletError('BAD_AMOUNT', 'The amount can only be lowered, not raised above what the site asked for.')
    return encodeFunctionData({ abi: ERC20_SELECTORS, functionName: 'approve', args: [a.spender, amount] })
  }
  if (a?.kind === 'permit2Approve') {
    if (amount > BigInt(a.amount)) throw new WalletError('BAD_AMOUNT', 'The amount can only be lowered, not raised above what the site asked for.')
    return encodeFunctionData({ abi: PERMIT2_SELECTORS, functionName: 'approve', args: [a.token, a.spender, amount, a.expiration] })
  }
  throw new WalletError('NOT_AN_APPROVAL', 'Only the amount of an approval can be changed before signing.')
}
