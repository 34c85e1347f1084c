// The warnings a user must not miss before signing a transaction, from what the wallet knows about
// it (the decoded call, the simulation, which addresses have code, the account's own history).
// Pure: the insight (./insight.ts) gathers the facts, this decides.
import type { Address } from 'viem'
import type { CallAction } from '../tx/types.ts'
import { sameAddress } from '../util/address.ts'
import type { EditableApproval, Simulation, TokenMeta, Warning } from './types.ts'
import { UNLIMITED_THRESHOLD } from './types.ts'

export interface WarningFacts {
  chainName: string
  from: Address
  to: Address | null
  value: bigint
  data: string
  action: CallAction | null
  decoded: boolean
  simulation: Simulation
  /** the target's token metadata, when it is a token */
  target: TokenMeta | null
  targetHasCode: boolean
  /** addresses with no code (of the spender, the operator, the recipient) */
  eoas: Address[]
  /** the recipient's token metadata, when the recipient is a token contract */
  recipientToken: TokenMeta | null
  /** the account never sent a transaction to `to` on this chain from this wallet */
  firstInteraction: boolean
  /** the token's total supply (ERC-20 approvals), base units */
  totalSupply: bigint | null
}

/** Permit2 amounts are uint160: unlimited from 2^159 up */
const PERMIT2_UNLIMITED = 2n ** 159n

export function isUnlimited(amount: bigint, standard: 'erc20' | 'permit2'): boolean {
  return amount >= (standard === 'permit2' ? PERMIT2_UNLIMITED : UNLIMITED_THRESHOLD)
}

/** The approval in the call that the user may lower before signing. */
export function editableApproval(action: CallAction | null, to: Address | null, target: TokenMeta | null): EditableApproval | null {
  if (action?.kind === 'approve' && to && target?.kind === 'erc20') {
    return { standard: 'erc20', token: to, spender: action.spender, amount: action.amount, unlimited: isUnlimited(BigInt(action.amount), 'erc20') }
  }
  if (action?.kind === 'permit2Approve') {
    return { standard: 'permit2', token: action.token, spender: action.spender, amount: action.amount, unlimited: isUnlimited(BigInt(action.amount), 'permit2') }
  }
  return null
}

export function txWarnings(f: WarningFacts): Warning[] {
  const out: Warning[] = []
  const s = f.simulation
  if (s.status === 'reverted') {
    out.push({ code: 'reverts', level: 'danger', title: 'This transaction will fail', text: `Simulated on the current block, it reverts: ${s.revert?.reason ?? 'no reason given'}. Sending it anyway still costs the network fee.` })
  }
  const a = f.action
  const symbol = f.target?.symbol ?? 'this token'
  const approval = editableApproval(a, f.to, f.target)
  if (approval) {
    const amount = BigInt(approval.amount)
    const tokenName = approval.standard === 'erc20' ? symbol : 'this token'
    if (approval.unlimited) {
      out.push({ code: 'unlimited-approval', level: 'danger', title: 'Unlimited approval', text: `The spender could take all of your ${tokenName}, now and whenever you receive more, until you revoke it. Lower the amount to what this app needs.` })
    } else if (approval.standard === 'erc20' && f.totalSupply !== null && f.totalSupply > 0n && amount >= f.totalSupply) {
      out.push({ code: 'large-approval', level: 'warning', title: 'Very large approval', text: `The amount is more than all the ${tokenName} that exists. Lower it to what this app needs.` })
    }
  }
  if (a?.kind === 'setApprovalForAll' && a.approved) {
    out.push({ code: 'approval-for-all', level: 'danger', title: 'Access to the whole collection', text: `The operator could move every ${f.target?.symbol ?? 'item'} you hold in this collection, now and later, until you revoke it. Marketplaces ask for this; a scam site asks for it too.` })
  }
  const spender = a?.kind === 'approve' || a?.kind === 'increaseAllowance' || a?.kind === 'permit2Approve' ? a.spender : a?.kind === 'setApprovalForAll' && a.approved ? a.operator : null
  if (spender && f.eoas.some((e) => sameAddress(e, spender))) {
    out.push({ code: 'spender-eoa', level: 'danger', title: 'The spender is not a contract', text: 'The address you would approve is an ordinary account, not a contract: whoever holds its key could take the tokens at any time. Apps approve their contracts, not people.' })
  }
  const recipient = !f.data || f.data === '0x' ? f.to : a?.kind === 'transfer' || a?.kind === 'transferFrom' || a?.kind === 'nftTransfer' ? a.to : null
  if (recipient && (f.recipientToken || (f.to && sameAddress(recipient, f.to) && f.target && f.target.kind !== 'unknown'))) {
    out.push({ code: 'recipient-token', level: 'danger', title: 'The recipient is a token contract', text: 'Tokens or ETH sent to a token’s own contract are almost always lost for good. Check the address you meant to send to.' })
  }
  if (recipient && sameAddress(recipient, f.from) && (a?.kind !== 'transferFrom' || !sameAddress(a.from, f.from))) {
    out.push({ code: 'self-send', level: 'warning', title: 'Sending to yourself', text: `The recipient is this same account on ${f.chainName}: nothing leaves ${f.chainName}. To move funds to another chain, use Bridge.` })
  }
  if (f.firstInteraction && f.targetHasCode && f.data !== '0x') {
    out.push({ code: 'first-interaction', level: 'info', title: 'First time with this contract', text: 'This account has not sent a transaction to this contract from this wallet before. Make sure it is the app you meant to use.' })
  }
  if (!f.decoded && f.data && f.data !== '0x' && f.to) {
    out.push({ code: 'unknown-call', level: 'info', title: 'Unknown call', text: 'The wallet does not know this function: its data is shown below as it will be signed.' })
  }
  if (s.method === 'none') out.push({ code: 'no-simulation', level: 'warning', title: 'Not simulated', text: s.note })
  return out
}
