// The claimers' custom errors as sentences a user can act on. A claim is always simulated first
// (eth_call); when the simulation reverts, nothing is sent and the user reads one of these.
import { BaseError, ContractFunctionRevertedError, formatUnits, type Address } from 'viem'
import { WalletError } from '../errors.ts'
import { networkLabel, type ClaimNetwork } from './config.ts'

export interface RevertContext {
  network: ClaimNetwork
  h160: Address
  receiver: Address
}

/** The claimer's custom error behind `err`, or null when `err` is not a revert (RPC down, ...). */
export function revertName(err: unknown): string | null {
  const reverted = err instanceof BaseError ? err.walk((e) => e instanceof ContractFunctionRevertedError) : null
  return reverted instanceof ContractFunctionRevertedError ? (reverted.data?.errorName ?? reverted.reason ?? 'unknown') : null
}

export function claimRevertError(name: string, ctx: RevertContext): WalletError {
  const chain = networkLabel(ctx.network)
  switch (name) {
    case 'AlreadyClaimed':
      return alreadyClaimed(ctx)
    case 'NoAssetsToClaim':
      return nothingToClaim(ctx.network)
    case 'InvalidReceiver':
      return new WalletError('INVALID_RECEIVER', `The ${chain} claimer does not accept ${ctx.receiver} as the receiver. Choose another Ethereum account; nothing was sent.`)
    case 'InvalidSignature':
    case 'ECDSAInvalidSignature':
    case 'ECDSAInvalidSignatureLength':
    case 'ECDSAInvalidSignatureS':
      return new WalletError(
        'INVALID_CLAIM_SIGNATURE',
        `The claim service's approval does not verify on the ${chain} claimer contract (${name}). The service may be misconfigured or answering for another network. Nothing was sent; try again later.`,
      )
    case 'NotDeposited':
      return new WalletError('CLAIMER_NOT_FUNDED', `The ${chain} claimer has not been funded yet, so it cannot pay any claim. Nothing was sent; try again later.`)
    case 'InvalidBridgeConfig':
      return new WalletError('CLAIMER_NO_BRIDGE', `The ${chain} claimer has no bridge to Phala L2 set up for staked vPHA. Nothing was sent; try again later.`)
    default:
      return new WalletError('CLAIM_WOULD_FAIL', `The claim would fail on chain (${name}). Nothing was sent.`)
  }
}

export function alreadyClaimed(ctx: { network: ClaimNetwork; h160: Address }): WalletError {
  return new WalletError(
    'ALREADY_CLAIMED',
    `This parachain account (${ctx.h160}) was already claimed on ${networkLabel(ctx.network)}: its balance went to the receiver of that claim. Nothing was sent again.`,
  )
}

export function nothingToClaim(network: ClaimNetwork): WalletError {
  return new WalletError(
    'NOTHING_TO_CLAIM',
    `This account has nothing to claim on ${networkLabel(network)}: no free PHA and no staked PHA at the end of the parachain. Check that you imported the right account, or try the other network.`,
  )
}

export function approvalMismatch(what: string): WalletError {
  return new WalletError('CLAIM_APPROVAL_MISMATCH', `The claim service's approval does not match your account: ${what}. Nothing was sent.`)
}

export function pha(amount: bigint, symbol = 'PHA'): string {
  return `${formatUnits(amount, 18)} ${symbol}`
}
