// Shared by the devnet-current-*.test.ts files: viem clients against a devnet running the
// 'current' contracts (OptimismPortal2 5.x + AnchorStateRegistry 3.x), the real 5.x interfaces
// (from the deployed OptimismPortal2 5.6.1 and AnchorStateRegistry 3.9.0 ABIs), withdrawals
// driven with viem's op-stack actions, and reading a revert's custom error name.
import assert from 'node:assert/strict'
import { BaseError, ContractFunctionRevertedError, parseAbi, parseEther, type Address, type Hex, type TransactionReceipt } from 'viem'
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts'
import { getWithdrawals } from 'viem/op-stack'
import type { Devnet } from '../../devnet/index.ts'
import { l1Clients, l2Clients } from '../../devnet/testing.ts'

/** OptimismPortal2 5.6.1, the parts the tests call (interface of the deployed contract). */
export const portal5Abi = parseAbi([
  'error OptimismPortal_AlreadyFinalized()',
  'error OptimismPortal_BadTarget()',
  'error OptimismPortal_CallPaused()',
  'error OptimismPortal_ImproperDisputeGame()',
  'error OptimismPortal_InvalidDisputeGame()',
  'error OptimismPortal_InvalidMerkleProof()',
  'error OptimismPortal_InvalidOutputRootProof()',
  'error OptimismPortal_InvalidProofTimestamp()',
  'error OptimismPortal_InvalidRootClaim()',
  'error OptimismPortal_ProofNotOldEnough()',
  'error OptimismPortal_Unproven()',
  'error OutOfGas()',
  'function version() pure returns (string)',
  'function anchorStateRegistry() view returns (address)',
  'function disputeGameFactory() view returns (address)',
  'function respectedGameType() view returns (uint32)',
  'function respectedGameTypeUpdatedAt() view returns (uint64)',
  'function disputeGameFinalityDelaySeconds() view returns (uint256)',
  'function disputeGameBlacklist(address) view returns (bool)',
  'function proofMaturityDelaySeconds() view returns (uint256)',
  'function params() view returns (uint128 prevBaseFee, uint64 prevBoughtGas, uint64 prevBlockNum)',
  'function guardian() view returns (address)',
  'function paused() view returns (bool)',
  'function ethLockbox() view returns (address)',
  'function superchainConfig() view returns (address)',
  'function l2Sender() view returns (address)',
  'function minimumGasLimit(uint64) pure returns (uint64)',
  'function checkWithdrawal(bytes32 _withdrawalHash, address _proofSubmitter) view',
  'function numProofSubmitters(bytes32) view returns (uint256)',
  'function proofSubmitters(bytes32, uint256) view returns (address)',
  'function provenWithdrawals(bytes32, address) view returns (address disputeGameProxy, uint64 timestamp)',
  'function finalizedWithdrawals(bytes32) view returns (bool)',
  'function proveWithdrawalTransaction((uint256 nonce, address sender, address target, uint256 value, uint256 gasLimit, bytes data) _tx, uint256 _disputeGameIndex, (bytes32 version, bytes32 stateRoot, bytes32 messagePasserStorageRoot, bytes32 latestBlockhash) _outputRootProof, bytes[] _withdrawalProof)',
  'function finalizeWithdrawalTransaction((uint256 nonce, address sender, address target, uint256 value, uint256 gasLimit, bytes data) _tx)',
  'function finalizeWithdrawalTransactionExternalProof((uint256 nonce, address sender, address target, uint256 value, uint256 gasLimit, bytes data) _tx, address _proofSubmitter)',
  'function l2Oracle() view returns (address)',
  'function L2_ORACLE() view returns (address)',
])

/** AnchorStateRegistry 3.9.0 (interface of the deployed contract). */
export const asrAbi = parseAbi([
  'function version() view returns (string)',
  'function anchorGame() view returns (address)',
  'function anchors(uint32) view returns (bytes32, uint256)',
  'function disputeGameFactory() view returns (address)',
  'function disputeGameFinalityDelaySeconds() view returns (uint256)',
  'function getAnchorRoot() view returns (bytes32, uint256)',
  'function getStartingAnchorRoot() view returns ((bytes32 root, uint256 l2SequenceNumber))',
  'function isGameBlacklisted(address) view returns (bool)',
  'function isGameClaimValid(address) view returns (bool)',
  'function isGameFinalized(address) view returns (bool)',
  'function isGameProper(address) view returns (bool)',
  'function isGameRegistered(address) view returns (bool)',
  'function isGameResolved(address) view returns (bool)',
  'function isGameRespected(address) view returns (bool)',
  'function isGameRetired(address) view returns (bool)',
  'function respectedGameType() view returns (uint32)',
  'function retirementTimestamp() view returns (uint64)',
  'function paused() view returns (bool)',
])

export const gameAbi = parseAbi([
  'function status() view returns (uint8)',
  'function gameType() view returns (uint32)',
  'function version() view returns (string)',
  'function createdAt() view returns (uint64)',
  'function resolvedAt() view returns (uint64)',
  'function rootClaim() view returns (bytes32)',
  'function l2BlockNumber() view returns (uint256)',
  'function l2SequenceNumber() view returns (uint256)',
  'function wasRespectedGameTypeWhenCreated() view returns (bool)',
  'function gameCreator() view returns (address)',
])

export const IN_PROGRESS = 0
export const CHALLENGER_WINS = 1
export const DEFENDER_WINS = 2

export const fresh = (): Address => privateKeyToAccount(generatePrivateKey()).address

export function account(devnet: Devnet, index: number): PrivateKeyAccount {
  return privateKeyToAccount(devnet.accounts[index]!.privateKey)
}

export function clients(devnet: Devnet, chainId: number, who: PrivateKeyAccount) {
  return { l1: l1Clients(devnet.manifest, who), l2: l2Clients(devnet.manifest, chainId, who) }
}

export function rollup(devnet: Devnet, chainId: number) {
  const l2 = devnet.manifest.l2s.find((c) => c.chainId === chainId)!
  return { portal: l2.l1Contracts.optimismPortal, asr: l2.l1Contracts.anchorStateRegistry!, dgf: l2.l1Contracts.disputeGameFactory!, delays: l2.delays, info: l2 }
}

/** The name of the custom error (or the reason string) a call reverted with; throws if it did not revert. */
export async function revertName(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    if (e instanceof BaseError) {
      const r = e.walk((x) => x instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null
      if (r?.data?.errorName) return r.data.errorName === 'Error' ? String(r.data.args?.[0]) : r.data.errorName
      if (r?.reason) return r.reason
    }
    return `unknown: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`
  }
  throw new Error('expected a revert, the call succeeded')
}

/** An ETH withdrawal initiated through L2ToL1MessagePasser with viem's own actions. */
export async function initiateEth(devnet: Devnet, chainId: number, who: PrivateKeyAccount, to: Address, value = parseEther('0.5')) {
  const { l1, l2 } = clients(devnet, chainId, who)
  const args = await l1.public.buildInitiateWithdrawal({ to, value })
  const hash = await l2.wallet.initiateWithdrawal(args as never)
  const receipt = await l2.public.waitForTransactionReceipt({ hash })
  assert.equal(receipt.status, 'success')
  const [withdrawal] = getWithdrawals(receipt)
  return { receipt, withdrawal: withdrawal!, to, value }
}

export type Withdrawal = ReturnType<typeof getWithdrawals>[number]

export const txOf = (w: Withdrawal) => ({ nonce: w.nonce, sender: w.sender, target: w.target, value: w.value, gasLimit: w.gasLimit, data: w.data })

/** Proves with viem (buildProveWithdrawal + proveWithdrawal) against the game at `index`. */
export async function proveAgainst(devnet: Devnet, chainId: number, who: PrivateKeyAccount, withdrawal: Withdrawal, game: { index: bigint; l2BlockNumber: bigint }): Promise<TransactionReceipt> {
  const { l1, l2 } = clients(devnet, chainId, who)
  const args = await l2.public.buildProveWithdrawal({ game, withdrawal } as never)
  const hash = await l1.wallet.proveWithdrawal(args as never)
  const receipt = await l1.public.waitForTransactionReceipt({ hash })
  assert.equal(receipt.status, 'success')
  return receipt
}

/** What proving against that game would revert with (simulated; nothing is sent). */
export async function proveRevert(devnet: Devnet, chainId: number, who: PrivateKeyAccount, withdrawal: Withdrawal, game: { index: bigint; l2BlockNumber: bigint }): Promise<string> {
  const { l1, l2 } = clients(devnet, chainId, who)
  const args = (await l2.public.buildProveWithdrawal({ game, withdrawal } as never)) as unknown as {
    outputRootProof: { version: Hex; stateRoot: Hex; messagePasserStorageRoot: Hex; latestBlockhash: Hex }
    withdrawalProof: Hex[]
  }
  return revertName(
    l1.public.simulateContract({
      account: who,
      address: rollup(devnet, chainId).portal,
      abi: portal5Abi,
      functionName: 'proveWithdrawalTransaction',
      args: [txOf(withdrawal), game.index, args.outputRootProof, args.withdrawalProof],
      blockTag: 'pending',
    } as never),
  )
}

/** checkWithdrawal(hash, submitter): 'ok' or the custom error it reverts with. */
export async function check(devnet: Devnet, chainId: number, withdrawalHash: Hex, submitter: Address): Promise<string> {
  const l1 = devnet.l1.client
  try {
    await l1.readContract({ address: rollup(devnet, chainId).portal, abi: portal5Abi, functionName: 'checkWithdrawal', args: [withdrawalHash, submitter] })
    return 'ok'
  } catch (e) {
    return revertName(Promise.reject(e))
  }
}

export async function finalize(devnet: Devnet, chainId: number, who: PrivateKeyAccount, withdrawal: Withdrawal, submitter?: Address): Promise<TransactionReceipt> {
  const { l1 } = clients(devnet, chainId, who)
  const portal = rollup(devnet, chainId).portal
  const hash = submitter
    ? await l1.wallet.writeContract({ address: portal, abi: portal5Abi, functionName: 'finalizeWithdrawalTransactionExternalProof', args: [txOf(withdrawal), submitter], gas: 1_000_000n } as never)
    : await l1.wallet.writeContract({ address: portal, abi: portal5Abi, functionName: 'finalizeWithdrawalTransaction', args: [txOf(withdrawal)], gas: 1_000_000n } as never)
  const receipt = await l1.public.waitForTransactionReceipt({ hash })
  assert.equal(receipt.status, 'success')
  return receipt
}

export async function gameRead<T>(devnet: Devnet, game: Address, functionName: string): Promise<T> {
  return (await devnet.l1.client.readContract({ address: game, abi: gameAbi, functionName } as never)) as T
}

export async function asrRead<T>(devnet: Devnet, chainId: number, functionName: string, args: readonly unknown[] = []): Promise<T> {
  return (await devnet.l1.client.readContract({ address: rollup(devnet, chainId).asr, abi: asrAbi, functionName, args } as never)) as T
}

export const l1Now = async (devnet: Devnet) => (await devnet.l1.client.getBlock({ blockTag: 'latest' })).timestamp

/** Moves time so that L1's latest block is at least `t` (a warp lands a second short now and then). */
export async function warpTo(devnet: Devnet, t: bigint) {
  for (let now = await l1Now(devnet); now < t; now = await l1Now(devnet)) await devnet.warp(Number(t - now))
}

/** The newest honest game of the respected type covering `l2Block` (the proposer's). */
export async function gameCovering(devnet: Devnet, chainId: number, l2Block: bigint) {
  const p = await devnet.waitForProposal(chainId, l2Block, 60_000)
  assert.equal(p.kind, 'game')
  if (p.kind !== 'game') throw new Error('unreachable')
  return p
}

const multicallTimestampAbi = parseAbi(['function getCurrentBlockTimestamp() view returns (uint256)'])

/** Waits until the next L1 block will be later than `game`'s creation (5.x refuses proofs in that block). */
export async function afterCreationSecond(devnet: Devnet, game: Address) {
  const createdAt = await gameRead<bigint>(devnet, game, 'createdAt')
  const deadline = Date.now() + 5000
  for (;;) {
    const next = await devnet.l1.client.readContract({ address: devnet.manifest.l1.contracts.multicall3, abi: multicallTimestampAbi, functionName: 'getCurrentBlockTimestamp', blockTag: 'pending' })
    if (next > createdAt) return
    if (Date.now() > deadline) throw new Error(`L1 time did not leave the second of ${game}'s creation`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
