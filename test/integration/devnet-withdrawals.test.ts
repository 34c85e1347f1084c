// Withdrawals on the devnet, all the way through the real portals' checks:
// 901 (OptimismPortal2 + PermissionedDisputeGame): initiate -> game posted -> viem's
//   buildProveWithdrawal + proveWithdrawal -> time forward -> finalizeWithdrawal;
// 902 (legacy OptimismPortal + OP Succinct oracle v3): initiate through L2StandardBridge -> output
//   proposed -> prove with viem's output path -> time forward -> finalize;
// 902 in 'games' mode (OptimismPortal2 + OPSuccinctDisputeGame, type 6), then switched to type 1.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parseAbi, parseEther, type Address, type TransactionReceipt } from 'viem'
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts'
import { getWithdrawals } from 'viem/op-stack'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { l1Clients, l2Clients } from '../../devnet/testing.ts'

const gameAbi = parseAbi([
  'function status() view returns (uint8)',
  'function gameType() view returns (uint32)',
  'function version() view returns (string)',
  'function resolvedAt() view returns (uint64)',
  'function createdAt() view returns (uint64)',
  'function l2BlockNumber() view returns (uint256)',
  'function l2SequenceNumber() view returns (uint256)',
])
const l2StandardBridgeAbi = parseAbi(['function withdrawTo(address _l2Token, address _to, uint256 _amount, uint32 _minGasLimit, bytes _extraData) payable'])
const LEGACY_ERC20_ETH: Address = '0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000'
const DEFENDER_WINS = 2

const fresh = (): Address => privateKeyToAccount(generatePrivateKey()).address

/** Initiates an ETH withdrawal through L2ToL1MessagePasser with viem's own actions. */
async function initiateEth(devnet: Devnet, chainId: number, account: PrivateKeyAccount, to: Address, value: bigint): Promise<TransactionReceipt> {
  const l1 = l1Clients(devnet.manifest, account)
  const l2 = l2Clients(devnet.manifest, chainId, account)
  const args = await l1.public.buildInitiateWithdrawal({ to, value })
  const hash = await l2.wallet.initiateWithdrawal(args as never)
  const receipt = await l2.public.waitForTransactionReceipt({ hash })
  assert.equal(receipt.status, 'success')
  return receipt
}

/** The whole dispute-game path with unchanged viem actions; returns the game proven against. */
async function withdrawThroughGames(devnet: Devnet, chainId: number, accountIndex: number, expectGameType: number) {
  const account = privateKeyToAccount(devnet.accounts[accountIndex]!.privateKey)
  const l1 = l1Clients(devnet.manifest, account)
  const l2 = l2Clients(devnet.manifest, chainId, account)
  const targetChain = l2.chain
  const l2Info = devnet.manifest.l2s.find((c) => c.chainId === chainId)!
  const to = fresh()
  const value = parseEther('0.75')

  // no proposal between the withdrawal and the first status read (on a busy machine one could land in between)
  devnet.proposer.pause()
  await devnet.proposer.catchUp()
  const receipt = await initiateEth(devnet, chainId, account, to, value)
  try {
    assert.equal(await l1.public.getWithdrawalStatus({ receipt, targetChain } as never), 'waiting-to-prove')
  } finally {
    devnet.proposer.resume()
  }

  // The proposer posts a game covering the withdrawal's block; viem finds it (getGames calls l2SequenceNumber()).
  const { game, withdrawal } = await l1.public.waitToProve({ receipt, targetChain, pollingInterval: 250 } as never)
  assert.ok(game.l2BlockNumber >= receipt.blockNumber)
  const gameAddress = `0x${game.metadata.slice(26)}` as Address
  assert.equal(await l1.public.readContract({ address: gameAddress, abi: gameAbi, functionName: 'gameType' }), expectGameType)
  assert.equal(await l1.public.getWithdrawalStatus({ receipt, targetChain } as never), 'ready-to-prove')

  const proveArgs = await l2.public.buildProveWithdrawal({ game, withdrawal } as never)
  const proveHash = await l1.wallet.proveWithdrawal(proveArgs as never)
  assert.equal((await l1.public.waitForTransactionReceipt({ hash: proveHash })).status, 'success')
  assert.equal(await l1.public.getWithdrawalStatus({ receipt, targetChain } as never), 'waiting-to-finalize')

  // The real portal refuses to finalize before the proof has matured.
  await assert.rejects(
    l1.public.estimateFinalizeWithdrawalGas({ withdrawal, targetChain, account } as never),
    /proven withdrawal has not matured yet/,
  )

  // The portal wants strictly more than the delay.
  await devnet.warp(l2Info.delays.proofMaturitySeconds! + 1)
  // Fault games: the clock ran out by then, the proposer resolved the game at the new time, and the
  // finality air gap now runs. Validity games resolved at creation, so only maturity mattered.
  if (expectGameType !== 6) {
    assert.equal(await l1.public.getWithdrawalStatus({ receipt, targetChain } as never), 'waiting-to-finalize')
    await assert.rejects(l1.public.estimateFinalizeWithdrawalGas({ withdrawal, targetChain, account } as never), /output proposal in air-gap/)
    await devnet.warp(l2Info.delays.disputeGameFinalitySeconds! + 1)
  }
  assert.equal(await l1.public.readContract({ address: gameAddress, abi: gameAbi, functionName: 'status' }), DEFENDER_WINS)
  assert.equal(await l1.public.getWithdrawalStatus({ receipt, targetChain } as never), 'ready-to-finalize')

  const finalizeHash = await l1.wallet.finalizeWithdrawal({ targetChain, withdrawal } as never)
  assert.equal((await l1.public.waitForTransactionReceipt({ hash: finalizeHash })).status, 'success')
  assert.equal(await l1.public.getBalance({ address: to }), value, 'the withdrawn ETH arrived on L1')
  assert.equal(await l1.public.getWithdrawalStatus({ receipt, targetChain } as never), 'finalized')
  return gameAddress
}

describe('devnet withdrawals: 901 fault proofs and 902 validity oracle', () => {
  let devnet: Devnet
  before(async () => {
    devnet = await startDevnet({ ports: 'auto', contracts: 'legacy', l2BlockTime: 1 })
  })
  after(async () => {
    await devnet?.stop()
  })

  test('901: ETH withdrawal through a real PermissionedDisputeGame, viem actions unchanged', async () => {
    const game = await withdrawThroughGames(devnet, 901, 6, 1)
    const l1 = devnet.l1.client
    // It is the bedrock 0.17.3 game logic (v1.2.0) that ran, clock and all.
    assert.equal(await l1.readContract({ address: game, abi: gameAbi, functionName: 'version' }), '1.2.0')
    const [createdAt, resolvedAt] = await Promise.all([
      l1.readContract({ address: game, abi: gameAbi, functionName: 'createdAt' }),
      l1.readContract({ address: game, abi: gameAbi, functionName: 'resolvedAt' }),
    ])
    assert.ok(resolvedAt - createdAt >= BigInt(devnet.manifest.l2s[0]!.delays.gameClockSeconds!), 'resolved only after its clock ran out')
  })

  test('902: ETH withdrawal through L2StandardBridge, proven against an OP Succinct oracle output', async () => {
    const account = privateKeyToAccount(devnet.accounts[7]!.privateKey)
    const l1 = l1Clients(devnet.manifest, account)
    const l2 = l2Clients(devnet.manifest, 902, account)
    const targetChain = l2.chain
    const l2Info = devnet.manifest.l2s[1]!
    assert.equal(l2Info.proofSystem, 'opsuccinct-oracle')
    const to = fresh()
    const value = parseEther('0.4')

    const hash = await l2.wallet.writeContract({
      address: '0x4200000000000000000000000000000000000010',
      abi: l2StandardBridgeAbi,
      functionName: 'withdrawTo',
      args: [LEGACY_ERC20_ETH, to, value, 200_000, '0x'],
      value,
    } as never)
    const receipt = await l2.public.waitForTransactionReceipt({ hash })
    assert.equal(receipt.status, 'success')
    const [withdrawal] = getWithdrawals(receipt)
    assert.ok(withdrawal)

    // v3 oracle: viem's legacy "when is the next output" path needs uppercase getters it does not have.
    await assert.rejects(l1.public.getTimeToNextL2Output({ l2BlockNumber: receipt.blockNumber, targetChain } as never))

    const proposal = await devnet.waitForProposal(902, receipt.blockNumber)
    assert.equal(proposal.kind, 'output')
    const output = await l1.public.getL2Output({ l2BlockNumber: receipt.blockNumber, targetChain } as never)
    assert.equal(output.outputIndex, proposal.index)
    assert.equal(output.outputRoot, proposal.kind === 'output' ? proposal.outputRoot : undefined)

    const proveArgs = await l2.public.buildProveWithdrawal({ output, withdrawal } as never)
    const proveHash = await l1.wallet.proveWithdrawal(proveArgs as never)
    assert.equal((await l1.public.waitForTransactionReceipt({ hash: proveHash })).status, 'success')

    await assert.rejects(
      l1.public.estimateFinalizeWithdrawalGas({ withdrawal, targetChain, account } as never),
      /finalization period has not elapsed/,
    )
    await devnet.warp(l2Info.delays.finalizationPeriodSeconds! + 1)
    const finalizeHash = await l1.wallet.finalizeWithdrawal({ targetChain, withdrawal } as never)
    assert.equal((await l1.public.waitForTransactionReceipt({ hash: finalizeHash })).status, 'success')
    assert.equal(await l1.public.getBalance({ address: to }), value, 'relayed through L1CrossDomainMessenger and L1StandardBridge')
  })
})

describe('devnet withdrawals: 902 as OptimismPortal2 + OPSuccinctDisputeGame (validityMode "games")', () => {
  let devnet: Devnet
  before(async () => {
    devnet = await startDevnet({ ports: 'auto', contracts: 'legacy', l2BlockTime: 1, validityMode: 'games' })
  })
  after(async () => {
    await devnet?.stop()
  })

  test('ETH withdrawal proven against a type-6 game that resolved at creation', async () => {
    assert.equal(devnet.manifest.l2s[1]!.proofSystem, 'opsuccinct-games')
    const game = await withdrawThroughGames(devnet, 902, 8, 6)
    const l1 = devnet.l1.client
    const [createdAt, resolvedAt] = await Promise.all([
      l1.readContract({ address: game, abi: gameAbi, functionName: 'createdAt' }),
      l1.readContract({ address: game, abi: gameAbi, functionName: 'resolvedAt' }),
    ])
    assert.equal(resolvedAt, createdAt)
  })

  test('after the guardian switches the respected game type to 1, withdrawals go through PermissionedDisputeGames', async () => {
    await devnet.setRespectedGameType(902, 1)
    await withdrawThroughGames(devnet, 902, 9, 1)
  })
})
