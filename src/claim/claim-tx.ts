// The claim transaction: checked approval in, `claim(h160, free, staked, receiver, signature)` out,
// simulated with eth_call before anything is signed so that a revert is a sentence, not a fee.
import { encodeFunctionData, hexToBytes, isAddressEqual, type Address, type Hex } from 'viem'
import { WalletError } from '../errors.ts'
import { claimerAbi } from './abi.ts'
import type { BackendApproval } from './backend.ts'
import type { ClaimNetwork } from './config.ts'
import { approvalMismatch, claimRevertError, pha, revertName } from './errors.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export interface ClaimArgs {
  h160: Address
  free: bigint
  staked: bigint
  receiver: Address
  signature: Hex
}

/** The backend's approval must be for this account and exactly the amounts it showed. */
export function checkApproval(a: BackendApproval, expected: { h160: Address; free: bigint; staked: bigint }): BackendApproval {
  if (!isAddressEqual(a.h160, expected.h160)) throw approvalMismatch(`it names the account ${a.h160}, yours is ${expected.h160}`)
  if (a.free !== expected.free) throw approvalMismatch(`it approves ${pha(a.free)} where it showed ${pha(expected.free)}`)
  if (a.staked !== expected.staked) throw approvalMismatch(`it approves ${pha(a.staked, 'vPHA')} where it showed ${pha(expected.staked, 'vPHA')}`)
  if (hexToBytes(a.signature).length !== 65) {
    throw new WalletError(
      'INVALID_CLAIM_SIGNATURE',
      `The claim service's approval is not a signature (${hexToBytes(a.signature).length} bytes where 65 are expected). Nothing was sent; try again later.`,
    )
  }
  return a
}

export function claimCalldata(a: ClaimArgs): Hex {
  return encodeFunctionData({ abi: claimerAbi, functionName: 'claim', args: [a.h160, a.free, a.staked, a.receiver, a.signature] })
}

export async function readClaimed(l1: RpcClient, claimer: Address, h160: Address): Promise<boolean> {
  return l1.readContract({ address: claimer, abi: claimerAbi, functionName: 'claimed', args: [h160] })
}

/**
 * eth_call of the claim from the account that will send it (its gas is estimated, with the wallet's
 * one headroom rule, when the flow prepares it). A revert becomes the claimer's error as a sentence
 * (AlreadyClaimed, InvalidSignature, ...).
 */
export async function simulateClaim(l1: RpcClient, claimer: Address, a: ClaimArgs, network: ClaimNetwork): Promise<void> {
  const call = { account: a.receiver, address: claimer, abi: claimerAbi, functionName: 'claim', args: [a.h160, a.free, a.staked, a.receiver, a.signature] } as const
  try {
    await l1.simulateContract(call)
  } catch (err) {
    const name = revertName(err)
    if (name) throw claimRevertError(name, { network, h160: a.h160, receiver: a.receiver })
    const e = err as { shortMessage?: string; message?: string }
    throw new WalletError('L1_UNAVAILABLE', `Ethereum could not check the claim (${e.shortMessage ?? e.message ?? 'no answer'}). Nothing was sent; try again.`)
  }
}
