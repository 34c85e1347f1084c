// Which proofs still count under OptimismPortal2 5.x + AnchorStateRegistry 3.x, on the devnet's
// 'current' contracts, with viem only (FACTS.md, "The contracts the chains run today"):
// - changing the respected game type no longer invalidates older games: a withdrawal proven
//   against a type-1 game finalizes after the guardian switches 901 to type 8;
// - a retirement (updateRetirementTimestamp) does: the old proof fails checkWithdrawal, a proof
//   against a game created afterwards finalizes;
// - so does a blacklist, for one game;
// - on a permissionless chain anyone can post a game with a false root: proving against it reverts
//   with OptimismPortal_InvalidOutputRootProof, while an older true game works.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { encodeAbiParameters, keccak256, zeroAddress, type Address, type Hex } from 'viem'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import {
  DEFENDER_WINS,
  account,
  afterCreationSecond,
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
  rollup,
} from './devnet-current-support.ts'

describe("devnet 'current' contracts: which proofs count", () => {
  let devnet: Devnet
  let maturity: number
  let finality: number
  before(async () => {
    devnet = await startDevnet({ ports: 'auto', l2BlockTime: 1, proposalIntervalBlocks: 3, contracts: 'current' })
    maturity = rollup(devnet, 901).delays.proofMaturitySeconds!
    finality = rollup(devnet, 901).delays.disputeGameFinalitySeconds!
  })
  after(async () => {
    await devnet?.stop()
  })

  const portalRead = (functionName: string, args: readonly unknown[] = []) =>
    devnet.l1.client.readContract({ address: rollup(devnet, 901).portal, abi: portal5Abi, functionName, args } as never)

  test('a withdrawal proven against a type-1 game finalizes after the respected type changes to 8, with no retirement', async () => {
    const who = account(devnet, 10)
    const { receipt, withdrawal, to, value } = await initiateEth(devnet, 901, who, fresh())
    const g1 = await gameCovering(devnet, 901, receipt.blockNumber)
    assert.equal(g1.gameType, 1)
    await proveAgainst(devnet, 901, who, withdrawal, g1)
    const retiredAt = await asrRead<bigint>(devnet, 901, 'retirementTimestamp')

    await devnet.setRespectedGameType(901, 8)
    assert.equal(await portalRead('respectedGameType'), 8)
    assert.equal(await asrRead(devnet, 901, 'retirementTimestamp'), retiredAt, 'a type change retires nothing')
    assert.equal(await portalRead('respectedGameTypeUpdatedAt'), retiredAt)
    // The proposer follows: the next games are type 8 (the published FaultDisputeGame, permissionless).
    const g8 = await gameCovering(devnet, 901, await devnet.l2[901]!.client.getBlockNumber())
    assert.equal(g8.gameType, 8)
    assert.equal(await gameRead(devnet, g8.address, 'version'), '1.2.0')
    assert.equal(await asrRead(devnet, 901, 'isGameRespected', [g1.address]), true, 'g1 was respected when created, and stays so')
    assert.equal(await gameRead(devnet, g1.address, 'wasRespectedGameTypeWhenCreated'), true)

    await devnet.warp(maturity + 1)
    assert.equal(await gameRead(devnet, g1.address, 'status'), DEFENDER_WINS, 'the proposer resolved the type-1 game after its clock')
    await devnet.warp(finality + 1)
    assert.equal(await check(devnet, 901, withdrawal.withdrawalHash, who.address), 'ok')
    await finalize(devnet, 901, who, withdrawal)
    assert.equal(await devnet.l1.client.getBalance({ address: to }), value)
  })

  test('after retireGames the old proof fails checkWithdrawal; a re-proof against a game created afterwards finalizes', async () => {
    const who = account(devnet, 11)
    const { receipt, withdrawal, to, value } = await initiateEth(devnet, 901, who, fresh())
    const old = await gameCovering(devnet, 901, receipt.blockNumber)
    await proveAgainst(devnet, 901, who, withdrawal, old)

    const retiredAt = await devnet.retireGames(901)
    assert.equal(await portalRead('respectedGameTypeUpdatedAt'), retiredAt)
    assert.equal(await asrRead(devnet, 901, 'isGameRetired', [old.address]), true)
    assert.equal(await asrRead(devnet, 901, 'isGameProper', [old.address]), false)
    await devnet.warp(maturity + 1)
    await devnet.warp(finality + 1)
    assert.equal(await gameRead(devnet, old.address, 'status'), DEFENDER_WINS, 'resolved in favour of its (true) claim, and still retired')
    assert.equal(await check(devnet, 901, withdrawal.withdrawalHash, who.address), 'OptimismPortal_InvalidRootClaim')
    assert.equal(await proveRevert(devnet, 901, who, withdrawal, old), 'OptimismPortal_ImproperDisputeGame')

    // The proposer's next game is created after the retirement; waitForProposal only returns such a game.
    const fresh_ = await gameCovering(devnet, 901, receipt.blockNumber)
    assert.notEqual(fresh_.address, old.address)
    assert.ok(fresh_.timestamp > retiredAt)
    await proveAgainst(devnet, 901, who, withdrawal, fresh_)
    assert.equal(await check(devnet, 901, withdrawal.withdrawalHash, who.address), 'OptimismPortal_ProofNotOldEnough', 'a new proof starts a new maturity clock')
    await devnet.warp(maturity + 1)
    await devnet.warp(finality + 1)
    assert.equal(await check(devnet, 901, withdrawal.withdrawalHash, who.address), 'ok')
    await finalize(devnet, 901, who, withdrawal)
    assert.equal(await devnet.l1.client.getBalance({ address: to }), value)
  })

  test("a blacklisted game's proof fails; a proof against another game finalizes", async () => {
    const who = account(devnet, 12)
    const { receipt, withdrawal, to, value } = await initiateEth(devnet, 901, who, fresh())
    const bad = await gameCovering(devnet, 901, receipt.blockNumber)
    await proveAgainst(devnet, 901, who, withdrawal, bad)
    await devnet.blacklistGame(901, bad.address)
    assert.equal(await portalRead('disputeGameBlacklist', [bad.address]), true, 'the portal forwards to the registry')
    assert.equal(await asrRead(devnet, 901, 'isGameBlacklisted', [bad.address]), true)
    await devnet.warp(maturity + 1)
    await devnet.warp(finality + 1)
    assert.equal(await check(devnet, 901, withdrawal.withdrawalHash, who.address), 'OptimismPortal_InvalidRootClaim')
    assert.equal(await proveRevert(devnet, 901, who, withdrawal, bad), 'OptimismPortal_ImproperDisputeGame')

    const other = await gameCovering(devnet, 901, receipt.blockNumber)
    assert.notEqual(other.address, bad.address)
    await proveAgainst(devnet, 901, who, withdrawal, other)
    await devnet.warp(maturity + 1)
    await devnet.warp(finality + 1)
    await finalize(devnet, 901, who, withdrawal)
    assert.equal(await devnet.l1.client.getBalance({ address: to }), value)
  })

  test('proving against a game with a false root reverts with OptimismPortal_InvalidOutputRootProof; an older true game works', async () => {
    await devnet.setRespectedGameType(901, 0)
    const who = account(devnet, 13)
    const { l1, l2 } = clients(devnet, 901, who)
    const { receipt, withdrawal, to, value } = await initiateEth(devnet, 901, who, fresh())
    const honest = await gameCovering(devnet, 901, receipt.blockNumber)
    assert.equal(honest.gameType, 0)

    // Anyone may post a type-0 game for the bond; this one claims a root that is not the L2's.
    devnet.proposer.pause()
    try {
      const falseGame = await devnet.postFalseGame(901)
      assert.notEqual(await gameRead(devnet, falseGame, 'gameCreator'), devnet.roles.proposer901.address)
      assert.equal(await gameRead(devnet, falseGame, 'gameType'), 0)
      await afterCreationSecond(devnet, falseGame)
      // It is the newest game covering the withdrawal, so viem's getGame picks it.
      const newest = await l1.public.getGame({ l2BlockNumber: receipt.blockNumber, targetChain: l2.chain, strategy: 'latest' } as never)
      assert.equal(`0x${newest.metadata.slice(26)}`.toLowerCase(), falseGame.toLowerCase())
      assert.ok(newest.l2BlockNumber >= receipt.blockNumber)
      const args = (await l2.public.buildProveWithdrawal({ game: newest, withdrawal } as never)) as unknown as { outputRootProof: { version: Hex; stateRoot: Hex; messagePasserStorageRoot: Hex; latestBlockhash: Hex } }
      const p = args.outputRootProof
      const root = keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'bytes32' }, { type: 'bytes32' }], [p.version, p.stateRoot, p.messagePasserStorageRoot, p.latestBlockhash]))
      assert.notEqual(root, newest.rootClaim, 'the wallet can see it: rootClaim != hashOutputRootProof(proof)')
      assert.equal(await proveRevert(devnet, 901, who, withdrawal, newest), 'OptimismPortal_InvalidOutputRootProof')
      // The older, true game works.
      await proveAgainst(devnet, 901, who, withdrawal, honest)
    } finally {
      devnet.proposer.resume()
    }
    await devnet.warp(maturity + 1)
    await devnet.warp(finality + 1)
    assert.equal(await check(devnet, 901, withdrawal.withdrawalHash, who.address), 'ok')
    await finalize(devnet, 901, who, withdrawal)
    assert.equal(await devnet.l1.client.getBalance({ address: to }), value)

    // Meanwhile the anchor state moved on: the proposer offered its finalized games to the registry.
    const anchorGame = await asrRead<Address>(devnet, 901, 'anchorGame')
    assert.notEqual(anchorGame, zeroAddress)
    const [anchorRoot, anchorL2] = await asrRead<readonly [Hex, bigint]>(devnet, 901, 'getAnchorRoot')
    assert.equal(anchorRoot, await gameRead(devnet, anchorGame, 'rootClaim'))
    assert.ok(anchorL2 > (await asrRead<{ l2SequenceNumber: bigint }>(devnet, 901, 'getStartingAnchorRoot')).l2SequenceNumber)
  })
})
