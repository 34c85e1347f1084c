// The devnet's 'current' contracts (OptimismPortal2 5.x + AnchorStateRegistry 3.x) seen from
// outside, with viem only: the portal's getters answer as 5.6.1's do (legacy ones forwarding to
// the registry, the oracle getters gone), deposits still reach the L2, withdrawals finalize
// through the published L1CrossDomainMessenger / L1StandardBridge, against a PermissionedDisputeGame
// (type 1, 901) and an OP Succinct validity game (type 6, 902), a proof submitted by another
// account is listed and finalizes with finalizeWithdrawalTransactionExternalProof, and the
// guardian's pause reaches the portal and the registry.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parseAbi, parseEther, zeroAddress, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { getWithdrawals } from 'viem/op-stack'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import {
  DEFENDER_WINS,
  account,
  asrRead,
  check,
  clients,
  finalize,
  fresh,
  gameCovering,
  gameRead,
  initiateEth,
  portal5Abi,
  proveAgainst,
  proveRevert,
  revertName,
  rollup,
  txOf,
} from './devnet-current-support.ts'

const l2StandardBridgeAbi = parseAbi(['function withdrawTo(address _l2Token, address _to, uint256 _amount, uint32 _minGasLimit, bytes _extraData) payable'])
const l1StandardBridgeAbi = parseAbi(['function depositETHTo(address _to, uint32 _minGasLimit, bytes _extraData) payable'])
const superchainConfigAbi = parseAbi(['function pause(string _identifier)', 'function unpause()'])
const LEGACY_ERC20_ETH: Address = '0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000'

describe("devnet 'current' contracts: portal 5.x", () => {
  let devnet: Devnet
  before(async () => {
    devnet = await startDevnet({ ports: 'auto', l2BlockTime: 1, proposalIntervalBlocks: 3, contracts: 'current' })
  })
  after(async () => {
    await devnet?.stop()
  })

  test('the portal answers as OptimismPortal2 5.6.1 does; the registry holds the respected type and retirement', async () => {
    const l1 = devnet.l1.client
    assert.equal(devnet.contracts, 'current')
    for (const [chainId, respected] of [[901, 1], [902, 6]] as const) {
      const { portal, asr, dgf, info } = rollup(devnet, chainId)
      assert.equal(info.contracts, 'current')
      const read = (functionName: string, args: readonly unknown[] = []) => l1.readContract({ address: portal, abi: portal5Abi, functionName, args } as never)
      assert.equal(await read('version'), '5.6.1')
      assert.equal(await read('anchorStateRegistry'), asr)
      assert.equal(await read('disputeGameFactory'), dgf)
      assert.equal(await read('respectedGameType'), respected)
      assert.equal(await asrRead(devnet, chainId, 'respectedGameType'), respected)
      // respectedGameTypeUpdatedAt is the registry's retirement timestamp now
      assert.equal(await read('respectedGameTypeUpdatedAt'), await asrRead(devnet, chainId, 'retirementTimestamp'))
      assert.equal(await read('disputeGameFinalityDelaySeconds'), BigInt(info.delays.disputeGameFinalitySeconds!))
      assert.equal(await read('proofMaturityDelaySeconds'), BigInt(info.delays.proofMaturitySeconds!))
      assert.equal(await read('ethLockbox'), zeroAddress)
      assert.equal(await read('paused'), false)
      assert.equal(await read('guardian'), devnet.roles.guardian.address)
      assert.equal(await read('l2Sender'), '0x000000000000000000000000000000000000dEaD')
      // 5.x has no output oracle
      assert.match(await revertName(read('l2Oracle')), /unknown|revert/i)
      assert.match(await revertName(read('L2_ORACLE')), /unknown|revert/i)
      // the registry starts from the L2's starting anchor, with no anchor game yet
      assert.equal(await asrRead(devnet, chainId, 'version'), '3.9.0')
      assert.equal(await asrRead(devnet, chainId, 'anchorGame'), zeroAddress)
      const [root, l2] = await asrRead<readonly [string, bigint]>(devnet, chainId, 'getAnchorRoot')
      const start = await asrRead<{ root: string; l2SequenceNumber: bigint }>(devnet, chainId, 'getStartingAnchorRoot')
      assert.deepEqual([root, l2], [start.root, start.l2SequenceNumber])
    }
    const registered = devnet.manifest.l2s.map((l2) => Object.keys(l2.l1Contracts.gameImplementations!).sort((a, b) => Number(a) - Number(b)))
    assert.deepEqual(registered, [['0', '1', '8', '42', '621'], ['0', '1', '6', '8', '42', '621']])
  })

  test('deposits: the portal and the L1StandardBridge still reach the L2; params() meters them', async () => {
    const who = account(devnet, 3)
    const { l1, l2 } = clients(devnet, 901, who)
    const { portal } = rollup(devnet, 901)
    const direct = fresh()
    const viaBridge = fresh()
    const args = await l2.public.buildDepositTransaction({ to: direct, mint: parseEther('0.3') } as never)
    const gas = await l1.public.estimateDepositTransactionGas({ ...(args as object), account: who } as never)
    const h1 = await l1.wallet.depositTransaction({ ...(args as object), gas: (gas * 12n) / 10n } as never)
    const r1 = await l1.public.waitForTransactionReceipt({ hash: h1 })
    assert.equal(r1.status, 'success')
    const [, prevBoughtGas, prevBlockNum] = await devnet.l1.client.readContract({ address: portal, abi: portal5Abi, functionName: 'params', blockNumber: r1.blockNumber })
    assert.equal(prevBlockNum, r1.blockNumber, 'the deposit bought gas in its own L1 block')
    assert.ok(prevBoughtGas >= 21_000n)
    const bridge = devnet.manifest.l2s[0]!.l1Contracts.l1StandardBridge
    const h2 = await l1.wallet.writeContract({ address: bridge, abi: l1StandardBridgeAbi, functionName: 'depositETHTo', args: [viaBridge, 200_000, '0x'], value: parseEther('0.2'), gas: 1_000_000n } as never)
    assert.equal((await l1.public.waitForTransactionReceipt({ hash: h2 })).status, 'success')
    await devnet.relayer.flush()
    const deadline = Date.now() + 20_000
    while ((await l2.public.getBalance({ address: viaBridge })) === 0n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    assert.equal(await l2.public.getBalance({ address: direct }), parseEther('0.3'))
    assert.equal(await l2.public.getBalance({ address: viaBridge }), parseEther('0.2'), 'relayed by L2CrossDomainMessenger to L2StandardBridge')
  })

  test('901, type 1: a withdrawal through L2StandardBridge finalizes through the messenger and L1StandardBridge, viem actions unchanged', async () => {
    const who = account(devnet, 4)
    const { l1, l2 } = clients(devnet, 901, who)
    const targetChain = l2.chain
    const { delays } = rollup(devnet, 901)
    const to = fresh()
    const value = parseEther('0.4')
    const hash = await l2.wallet.writeContract({ address: '0x4200000000000000000000000000000000000010', abi: l2StandardBridgeAbi, functionName: 'withdrawTo', args: [LEGACY_ERC20_ETH, to, value, 200_000, '0x'], value } as never)
    const receipt = await l2.public.waitForTransactionReceipt({ hash })
    const [withdrawal] = getWithdrawals(receipt)
    assert.ok(withdrawal)

    // viem picks the newest covering game; the 5.x portal refuses proofs in the block (on the devnet:
    // the second) that created it, so hold new proposals while viem chooses and proves.
    await gameCovering(devnet, 901, receipt.blockNumber)
    devnet.proposer.pause()
    const { game } = await l1.public.waitToProve({ receipt, targetChain, pollingInterval: 250 } as never)
    const gameAddress = `0x${game.metadata.slice(26)}` as Address
    assert.equal(await gameRead(devnet, gameAddress, 'gameType'), 1)
    assert.equal(await gameRead(devnet, gameAddress, 'version'), '1.2.0', 'the published PermissionedDisputeGame runs behind the forwarder')
    assert.equal(await gameRead(devnet, gameAddress, 'wasRespectedGameTypeWhenCreated'), true)
    assert.equal(await gameRead(devnet, gameAddress, 'l2SequenceNumber'), game.l2BlockNumber)
    assert.equal(await l1.public.getWithdrawalStatus({ receipt, targetChain } as never), 'ready-to-prove')
    const args = await l2.public.buildProveWithdrawal({ game, withdrawal } as never)
    const proveHash = await l1.wallet.proveWithdrawal(args as never)
    assert.equal((await l1.public.waitForTransactionReceipt({ hash: proveHash })).status, 'success')
    devnet.proposer.resume()
    assert.equal(await l1.public.getWithdrawalStatus({ receipt, targetChain } as never), 'waiting-to-finalize')
    assert.equal(await check(devnet, 901, withdrawal.withdrawalHash, who.address), 'OptimismPortal_ProofNotOldEnough')

    await devnet.warp(delays.proofMaturitySeconds! + 1)
    // Mature, and the game's clock ran out so the proposer resolved it: the finality air gap runs now.
    assert.equal(await gameRead(devnet, gameAddress, 'status'), DEFENDER_WINS)
    assert.equal(await check(devnet, 901, withdrawal.withdrawalHash, who.address), 'OptimismPortal_InvalidRootClaim')
    assert.equal(await l1.public.getWithdrawalStatus({ receipt, targetChain } as never), 'waiting-to-finalize')
    await devnet.warp(delays.disputeGameFinalitySeconds! + 1)
    assert.equal(await check(devnet, 901, withdrawal.withdrawalHash, who.address), 'ok')
    assert.equal(await l1.public.getWithdrawalStatus({ receipt, targetChain } as never), 'ready-to-finalize')

    const finalizeHash = await l1.wallet.finalizeWithdrawal({ targetChain, withdrawal } as never)
    assert.equal((await l1.public.waitForTransactionReceipt({ hash: finalizeHash })).status, 'success')
    assert.equal(await l1.public.getBalance({ address: to }), value, 'relayed by L1CrossDomainMessenger (reading the portal l2Sender) to L1StandardBridge')
    assert.equal(await l1.public.getWithdrawalStatus({ receipt, targetChain } as never), 'finalized')
    assert.equal(await check(devnet, 901, withdrawal.withdrawalHash, who.address), 'OptimismPortal_AlreadyFinalized')
  })

  test('902, type 6: a withdrawal proven against an OP Succinct validity game (resolved at creation) finalizes after maturity', async () => {
    const who = account(devnet, 5)
    const { receipt, withdrawal, to, value } = await initiateEth(devnet, 902, who, fresh())
    const { l1, l2 } = clients(devnet, 902, who)
    const game = await gameCovering(devnet, 902, receipt.blockNumber)
    assert.equal(game.gameType, 6)
    assert.equal(await gameRead(devnet, game.address, 'status'), DEFENDER_WINS)
    assert.equal(await asrRead(devnet, 902, 'isGameProper', [game.address]), true)
    const args = await l2.public.buildProveWithdrawal({ game, withdrawal } as never)
    const proveHash = await l1.wallet.proveWithdrawal(args as never)
    assert.equal((await l1.public.waitForTransactionReceipt({ hash: proveHash })).status, 'success')
    assert.equal(await check(devnet, 902, withdrawal.withdrawalHash, who.address), 'OptimismPortal_ProofNotOldEnough')
    await devnet.warp(rollup(devnet, 902).delays.proofMaturitySeconds! + 1)
    assert.equal(await check(devnet, 902, withdrawal.withdrawalHash, who.address), 'ok')
    await finalize(devnet, 902, who, withdrawal)
    assert.equal(await l1.public.getBalance({ address: to }), value)
  })

  test('a withdrawal proven by another account is listed by numProofSubmitters/proofSubmitters and finalizes with finalizeWithdrawalTransactionExternalProof', async () => {
    const owner = account(devnet, 6)
    const relayer = account(devnet, 7)
    const { receipt, withdrawal, to, value } = await initiateEth(devnet, 901, owner, fresh())
    const proven = await devnet.proveWithdrawalAs(901, receipt, 7)
    assert.equal(proven.submitter, relayer.address)
    assert.equal(proven.withdrawalHash, withdrawal.withdrawalHash)
    const l1 = devnet.l1.client
    const { portal } = rollup(devnet, 901)
    const read = (functionName: string, args: readonly unknown[]) => l1.readContract({ address: portal, abi: portal5Abi, functionName, args } as never)
    assert.equal(await read('numProofSubmitters', [withdrawal.withdrawalHash]), 1n)
    assert.equal(await read('proofSubmitters', [withdrawal.withdrawalHash, 0n]), relayer.address)
    const [gameOfRelayer, provenAt] = (await read('provenWithdrawals', [withdrawal.withdrawalHash, relayer.address])) as readonly [Address, bigint]
    assert.equal(gameOfRelayer, proven.game.address)
    assert.ok(provenAt > 0n)
    const [, ownProof] = (await read('provenWithdrawals', [withdrawal.withdrawalHash, owner.address])) as readonly [Address, bigint]
    assert.equal(ownProof, 0n, 'proofs are per submitter: the owner has none')

    const { delays } = rollup(devnet, 901)
    await devnet.warp(delays.proofMaturitySeconds! + 1)
    await devnet.warp(delays.disputeGameFinalitySeconds! + 1)
    assert.equal(await check(devnet, 901, withdrawal.withdrawalHash, owner.address), 'OptimismPortal_Unproven')
    assert.equal(await check(devnet, 901, withdrawal.withdrawalHash, relayer.address), 'ok')
    const { l1: ownerL1 } = clients(devnet, 901, owner)
    assert.equal(
      await revertName(ownerL1.public.simulateContract({ account: owner, address: portal, abi: portal5Abi, functionName: 'finalizeWithdrawalTransaction', args: [txOf(withdrawal)] } as never)),
      'OptimismPortal_Unproven',
      'with its own (missing) proof the owner cannot finalize',
    )
    // Anyone may finalize with the relayer's proof; the owner does.
    await finalize(devnet, 901, owner, withdrawal, relayer.address)
    assert.equal(await l1.getBalance({ address: to }), value)
  })

  test("the portal's Merkle-Patricia check refuses a withdrawal the L2 never sent, and a tampered proof", async () => {
    const who = account(devnet, 9)
    const { receipt, withdrawal } = await initiateEth(devnet, 901, who, fresh())
    const game = await gameCovering(devnet, 901, receipt.blockNumber)
    const { l1, l2 } = clients(devnet, 901, who)
    const args = (await l2.public.buildProveWithdrawal({ game, withdrawal } as never)) as unknown as {
      outputRootProof: { version: Hex; stateRoot: Hex; messagePasserStorageRoot: Hex; latestBlockhash: Hex }
      withdrawalProof: Hex[]
    }
    const attempt = (tx: ReturnType<typeof txOf>, proof: Hex[]) =>
      revertName(l1.public.simulateContract({ account: who, address: rollup(devnet, 901).portal, abi: portal5Abi, functionName: 'proveWithdrawalTransaction', args: [tx, game.index, args.outputRootProof, proof], blockTag: 'pending' } as never))
    // one more wei than was sent: another withdrawal hash, not in the message passer's storage
    assert.equal(await attempt({ ...txOf(withdrawal), value: withdrawal.value + 1n }, args.withdrawalProof), 'OptimismPortal_InvalidMerkleProof')
    // a node of the proof changed: it no longer hangs off the storage root
    const last = args.withdrawalProof[args.withdrawalProof.length - 1]!
    const tampered = [...args.withdrawalProof.slice(0, -1), `${last.slice(0, -2)}${last.endsWith('01') ? '02' : '01'}` as Hex]
    assert.equal(await attempt(txOf(withdrawal), tampered), 'OptimismPortal_InvalidMerkleProof')
    assert.equal(await attempt(txOf(withdrawal), args.withdrawalProof.slice(0, -1)), 'OptimismPortal_InvalidMerkleProof')
    // the untouched proof is accepted
    await proveAgainst(devnet, 901, who, withdrawal, game)
  })

  test("the guardian's pause (SuperchainConfig) stops proofs and finalization, and makes every game improper until unpaused", async () => {
    const who = account(devnet, 8)
    const { receipt, withdrawal, to, value } = await initiateEth(devnet, 901, who, fresh())
    const game = await gameCovering(devnet, 901, receipt.blockNumber)
    const guardian = privateKeyToAccount(devnet.roles.guardian.privateKey)
    const { l1 } = clients(devnet, 901, guardian)
    const superchainConfig = rollup(devnet, 901).info.l1Contracts.superchainConfig
    const { portal } = rollup(devnet, 901)
    const pause = async (on: boolean) => {
      const hash = await l1.wallet.writeContract({ address: superchainConfig, abi: superchainConfigAbi, functionName: on ? 'pause' : 'unpause', args: on ? ['devnet test'] : [], gas: 200_000n } as never)
      assert.equal((await l1.public.waitForTransactionReceipt({ hash })).status, 'success')
    }
    await pause(true)
    try {
      assert.equal(await devnet.l1.client.readContract({ address: portal, abi: portal5Abi, functionName: 'paused' }), true)
      assert.equal(await asrRead(devnet, 901, 'isGameProper', [game.address]), false)
      assert.equal(await proveRevert(devnet, 901, who, withdrawal, game), 'OptimismPortal_CallPaused')
    } finally {
      await pause(false)
    }
    assert.equal(await asrRead(devnet, 901, 'isGameProper', [game.address]), true)
    await proveAgainst(devnet, 901, who, withdrawal, game)
    const { delays } = rollup(devnet, 901)
    await devnet.warp(delays.proofMaturitySeconds! + 1)
    await devnet.warp(delays.disputeGameFinalitySeconds! + 1)
    await pause(true)
    try {
      assert.equal(await check(devnet, 901, withdrawal.withdrawalHash, who.address), 'OptimismPortal_InvalidRootClaim', 'a paused registry calls no game proper')
    } finally {
      await pause(false)
    }
    await finalize(devnet, 901, who, withdrawal)
    assert.equal(await devnet.l1.client.getBalance({ address: to }), value)
  })
})
