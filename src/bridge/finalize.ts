// The L1 transaction that finalizes a proven withdrawal: the portal pays out ETH (or relays the
// bridge message that releases the tokens). On OptimismPortal2 the proof is looked up by the
// account that proved it, so the wallet names that account (…ExternalProof); the legacy portal
// has one proof per withdrawal.
import { encodeFunctionData } from 'viem'
import { WalletError } from '../errors.ts'
import { legacyPortalAbi, portal2Abi } from '../rollup/abis.ts'
import type { ProofSystem } from '../rollup/proof-system.ts'
import type { FlowTx } from './deposit.ts'
import { withdrawalTuple } from './message.ts'
import type { WithdrawalItem } from './types.ts'

export function finalizeTx(system: ProofSystem, w: WithdrawalItem): FlowTx {
  if (!w.message) throw new WalletError('NOT_READY', 'The withdrawal transaction is not mined yet.')
  if (system.kind === 'unknown') throw new WalletError('UNKNOWN_PROOF_SYSTEM', 'This wallet cannot tell how this chain finalizes withdrawals.')
  const label = `Finalize the withdrawal of ${w.token.symbol}`
  if (system.kind === 'dispute-games') {
    const submitter = w.proof?.submitter ?? w.account
    return {
      chainId: w.l1ChainId,
      to: system.portal,
      value: 0n,
      data: encodeFunctionData({ abi: portal2Abi, functionName: 'finalizeWithdrawalTransactionExternalProof', args: [withdrawalTuple(w.message), submitter] }),
      role: 'finalize',
      label,
    }
  }
  return {
    chainId: w.l1ChainId,
    to: system.portal,
    value: 0n,
    data: encodeFunctionData({ abi: legacyPortalAbi, functionName: 'finalizeWithdrawalTransaction', args: [withdrawalTuple(w.message)] }),
    role: 'finalize',
    label,
  }
}
