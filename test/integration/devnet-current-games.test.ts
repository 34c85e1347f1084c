// The game types of the devnet's 'current' contracts that no published artifact provides, driven
// as their real versions are (FACTS.md): OP Succinct Lite (type 42, OPSuccinctFaultDisputeGame
// 2.0.0) and Base's AggregateVerifier (type 621). Time is moved with devnet.warp; the proposer
// resolves a game as soon as the game allows it, so "resolved at time T" is read off resolvedAt.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parseAbi, parseEther, zeroAddress, type Address } from 'viem'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import {
  CHALLENGER_WINS,
  DEFENDER_WINS,
  IN_PROGRESS,
  account,
  asrRead,
  check,
  finalize,
  fresh,
  gameCovering,
  gameRead,
  initiateEth,
  l1Now,
  proveAgainst,
  proveRevert,
  revertName,
  rollup,
  warpTo,
} from './devnet-current-support.ts'

const liteAbi = parseAbi([
  'function claimData() view returns (uint32 parentIndex, address counteredBy, address prover, bytes32 claim, uint8 status, uint64 deadline)',
  'function maxChallengeDuration() view returns (uint64)',
  'function maxProveDuration() view returns (uint64)',
  'function challengerBond() view returns (uint256)',
  'function parentIndex() view returns (uint32)',
  'function startingBlockNumber() view returns (uint256)',
  'function version() view returns (string)',
  'function gameOver() view returns (bool)',
  'function resolve() returns (uint8)',
  'error ParentGameNotResolved()',
  'error GameNotOver()',
])
const aggregateAbi = parseAbi([
  'function expectedResolution() view returns (uint64)',
  'function proofCount() view returns (uint8)',
  'function teeProver() view returns (address)',
  'function zkProver() view returns (address)',
  'function parentAddress() view returns (address)',
  'function startingBlockNumber() view returns (uint256)',
  'function BLOCK_INTERVAL() view returns (uint256)',
  'function FAST_FINALIZATION_DELAY() view returns (uint64)',
  'function SLOW_FINALIZATION_DELAY() view returns (uint64)',
  'function gameOver() view returns (bool)',
  'event Proved(address indexed proposer, uint8 indexed proofType)',
])
// ProposalStatus of OPSuccinctFaultDisputeGame
const UNCHALLENGED = 0
const CHALLENGED = 1
const RESOLVED = 4
const NO_PARENT = 0xffffffff

type Claim = { parentIndex: number; counteredBy: Address; prover: Address; status: number; deadline: bigint }

describe("devnet 'current' contracts: OP Succinct Lite (type 42)", () => {
  let devnet: Devnet
  let window: bigint
  let proveWindow: bigint
  let lost: bigint | undefined
  before(async () => {
    devnet = await startDevnet({ ports: 'auto', l2BlockTime: 1, proposalIntervalBlocks: 3, contracts: 'current' })
    await devnet.setRespectedGameType(901, 42)
    // No proposals on the proposer's own rhythm from here on: games come from proposeNow, and from
    // the passes warps and the devnet's actions run (which also resolve what can be resolved).
    devnet.proposer.pause()
    window = BigInt(rollup(devnet, 901).delays.challengeWindowSeconds!)
    proveWindow = BigInt(rollup(devnet, 901).delays.proveWindowSeconds!)
  })
  after(async () => {
    await devnet?.stop()
  })

  const read = <T>(game: Address, functionName: string) => devnet.l1.client.readContract({ address: game, abi: liteAbi, functionName } as never) as Promise<T>
  const claim = async (game: Address): Promise<Claim> => {
    const [parentIndex, counteredBy, prover, , status, deadline] = await read<readonly [number, Address, Address, string, number, bigint]>(game, 'claimData')
    return { parentIndex, counteredBy, prover, status, deadline }
  }
  const propose = async () => {
    const p = await devnet.proposeNow(901)
    assert.equal(p.kind, 'game')
    if (p.kind !== 'game') throw new Error('unreachable')
    assert.equal(p.gameType, 42)
    return p
  }

  test('unchallenged: DEFENDER_WINS once maxChallengeDuration has passed, not before; a withdrawal proven against it finalizes', async () => {
    const who = account(devnet, 14)
    const { receipt, withdrawal, to, value } = await initiateEth(devnet, 901, who, fresh(), parseEther('0.25'))
    const g = await propose()
    assert.ok(g.l2BlockNumber >= receipt.blockNumber)
    assert.equal(await read(g.address, 'version'), '2.0.0')
    assert.equal(await read(g.address, 'maxChallengeDuration'), window)
    assert.equal(await read(g.address, 'maxProveDuration'), proveWindow)
    assert.equal(await gameRead(devnet, g.address, 'wasRespectedGameTypeWhenCreated'), true)
    assert.equal(await gameRead(devnet, g.address, 'l2SequenceNumber'), g.l2BlockNumber)
    assert.equal(await gameRead(devnet, g.address, 'l2BlockNumber'), g.l2BlockNumber)
    const c = await claim(g.address)
    assert.equal(c.status, UNCHALLENGED)
    assert.equal(c.deadline, (await gameRead<bigint>(devnet, g.address, 'createdAt')) + window)
    // built on the proposer's previous type-42 game, or on the anchor root
    assert.ok(c.parentIndex === NO_PARENT || BigInt(c.parentIndex) < g.index)

    await proveAgainst(devnet, 901, who, withdrawal, g)
    await warpTo(devnet, c.deadline - 3n)
    assert.equal(await gameRead(devnet, g.address, 'status'), IN_PROGRESS)
    // (its parent, a few seconds older, may still be undecided too)
    assert.match(await revertName(devnet.l1.client.simulateContract({ address: g.address, abi: liteAbi, functionName: 'resolve' })), /^(GameNotOver|ParentGameNotResolved)$/)
    await warpTo(devnet, c.deadline + 1n) // over once the deadline has strictly passed
    assert.equal(await gameRead(devnet, g.address, 'status'), DEFENDER_WINS)
    assert.ok((await gameRead<bigint>(devnet, g.address, 'resolvedAt')) > c.deadline)
    assert.equal((await claim(g.address)).status, RESOLVED)

    await devnet.warp(rollup(devnet, 901).delays.proofMaturitySeconds! + 1)
    await devnet.warp(rollup(devnet, 901).delays.disputeGameFinalitySeconds! + 1)
    assert.equal(await check(devnet, 901, withdrawal.withdrawalHash, who.address), 'ok')
    await finalize(devnet, 901, who, withdrawal)
    assert.equal(await devnet.l1.client.getBalance({ address: to }), value)
  })

  test('challenged then proven: the challenge moves the deadline to challenge time + maxProveDuration; the proof ends the game early, DEFENDER_WINS', async () => {
    const g = await propose()
    const created = await gameRead<bigint>(devnet, g.address, 'createdAt')
    await devnet.warp(10)
    await devnet.challengeGame(901, g.address)
    const c = await claim(g.address)
    assert.equal(c.status, CHALLENGED)
    assert.equal(c.counteredBy, devnet.roles.challenger901.address)
    const challengedAt = (await devnet.l1.client.getBlock()).timestamp
    assert.ok(c.deadline >= challengedAt + proveWindow - 1n && c.deadline <= challengedAt + proveWindow, 'deadline = challenge time + maxProveDuration')
    assert.ok(c.deadline < created + window, 'here, earlier than the end of the challenge window')
    await assert.rejects(devnet.challengeGame(901, g.address), /ClaimAlreadyChallenged|reverted/)

    await devnet.proveGame(901, g.address)
    assert.equal((await claim(g.address)).prover, devnet.roles.proposer901.address)
    assert.equal(await gameRead(devnet, g.address, 'status'), DEFENDER_WINS, 'proven: resolved at once')
    assert.ok((await gameRead<bigint>(devnet, g.address, 'resolvedAt')) < c.deadline)
  })

  test('challenged and not proven: CHALLENGER_WINS at the prove deadline; withdrawals cannot be proven against it', async () => {
    const who = account(devnet, 15)
    const { receipt, withdrawal } = await initiateEth(devnet, 901, who, fresh(), parseEther('0.1'))
    const g = await propose()
    assert.ok(g.l2BlockNumber >= receipt.blockNumber)
    await devnet.challengeGame(901, g.address)
    const c = await claim(g.address)
    await warpTo(devnet, c.deadline - 2n)
    assert.equal(await gameRead(devnet, g.address, 'status'), IN_PROGRESS)
    await warpTo(devnet, c.deadline + 1n)
    assert.equal(await gameRead(devnet, g.address, 'status'), CHALLENGER_WINS)
    assert.equal(await proveRevert(devnet, 901, who, withdrawal, g), 'OptimismPortal_InvalidDisputeGame')
    lost = g.index
  })

  test('proven early, unchallenged: resolves at once; the devnet will not prove a false root', async () => {
    const g = await propose()
    // nothing builds on a game that lost
    assert.notEqual((await claim(g.address)).parentIndex, Number(lost))
    await devnet.proveGame(901, g.address)
    assert.equal((await claim(g.address)).status, RESOLVED)
    assert.equal(await gameRead(devnet, g.address, 'status'), DEFENDER_WINS)
    assert.ok((await gameRead<bigint>(devnet, g.address, 'resolvedAt')) < (await gameRead<bigint>(devnet, g.address, 'createdAt')) + window)

    const falseGame = await devnet.postFalseGame(901, undefined, { gameType: 42 })
    assert.notEqual(await gameRead(devnet, falseGame, 'gameCreator'), devnet.roles.proposer901.address)
    await assert.rejects(devnet.proveGame(901, falseGame), /false output root/)
    // unchallenged, even a false claim wins after the window: challengers are what keeps type 42 honest
    await devnet.challengeGame(901, falseGame)
    await devnet.warp(Number(proveWindow) + 2)
    assert.equal(await gameRead(devnet, falseGame, 'status'), CHALLENGER_WINS)
  })

  test('a game cannot resolve before its parent; a game whose parent lost loses', async () => {
    const parent = await propose()
    await new Promise((r) => setTimeout(r, 3500)) // three more L2 blocks for the child
    const child = await propose()
    assert.equal((await claim(child.address)).parentIndex, Number(parent.index))
    assert.equal(await read(child.address, 'startingBlockNumber'), parent.l2BlockNumber)

    // Late in its window, the parent is challenged: its deadline moves past the child's.
    const childDeadline = (await claim(child.address)).deadline
    await warpTo(devnet, childDeadline - 20n)
    await devnet.challengeGame(901, parent.address)
    const parentDeadline = (await claim(parent.address)).deadline
    assert.ok(parentDeadline > childDeadline)

    await warpTo(devnet, childDeadline + 1n)
    assert.equal(await read(child.address, 'gameOver'), true)
    assert.equal(await gameRead(devnet, child.address, 'status'), IN_PROGRESS, 'its window is over, but its parent is undecided')
    assert.equal(await revertName(devnet.l1.client.simulateContract({ address: child.address, abi: liteAbi, functionName: 'resolve' })), 'ParentGameNotResolved')

    await warpTo(devnet, parentDeadline + 1n)
    assert.equal(await gameRead(devnet, parent.address, 'status'), CHALLENGER_WINS)
    assert.equal(await gameRead(devnet, child.address, 'status'), CHALLENGER_WINS, 'unchallenged itself, it loses with its parent')
    assert.equal((await claim(child.address)).counteredBy, zeroAddress)
  })
})

describe("devnet 'current' contracts: AggregateVerifier (type 621)", () => {
  let devnet: Devnet
  let fast: bigint
  let slow: bigint
  before(async () => {
    devnet = await startDevnet({ ports: 'auto', l2BlockTime: 1, proposalIntervalBlocks: 3, contracts: 'current' })
    await devnet.setRespectedGameType(902, 621)
    devnet.proposer.pause()
    fast = BigInt(rollup(devnet, 902).delays.aggregateFastSeconds!)
    slow = BigInt(rollup(devnet, 902).delays.aggregateSlowSeconds!)
  })
  after(async () => {
    await devnet?.stop()
  })

  const read = <T>(game: Address, functionName: string) => devnet.l1.client.readContract({ address: game, abi: aggregateAbi, functionName } as never) as Promise<T>
  const propose = async () => {
    const p = await devnet.proposeNow(902)
    assert.equal(p.kind, 'game')
    if (p.kind !== 'game') throw new Error('unreachable')
    assert.equal(p.gameType, 621)
    return p
  }
  /** When the proofs of a game were given (the blocks of its Proved events). */
  const proofTimes = async (game: Address) => {
    const logs = await devnet.l1.client.getContractEvents({ address: game, abi: aggregateAbi, eventName: 'Proved', fromBlock: 0n })
    return Promise.all(logs.map(async (l) => (await devnet.l1.client.getBlock({ blockNumber: l.blockNumber })).timestamp))
  }

  test('slow path: one TEE proof, expectedResolution = proof time + SLOW_FINALIZATION_DELAY; resolves then, not before', async () => {
    const g = await propose()
    assert.equal(await read(g.address, 'SLOW_FINALIZATION_DELAY'), slow)
    assert.equal(await read(g.address, 'FAST_FINALIZATION_DELAY'), fast)
    assert.equal(await read(g.address, 'teeProver'), devnet.roles.proposer902.address)
    assert.equal(await read(g.address, 'zkProver'), zeroAddress)
    assert.equal(await read(g.address, 'proofCount'), 1)
    const interval = await read<bigint>(g.address, 'BLOCK_INTERVAL')
    assert.equal(g.l2BlockNumber, (await read<bigint>(g.address, 'startingBlockNumber')) + interval, 'exactly one interval after its parent')
    assert.equal(await gameRead(devnet, g.address, 'wasRespectedGameTypeWhenCreated'), true)
    assert.equal(await asrRead(devnet, 902, 'isGameProper', [g.address]), true)
    const [teeAt] = await proofTimes(g.address)
    const expected = await read<bigint>(g.address, 'expectedResolution')
    assert.equal(expected, teeAt! + slow)

    await warpTo(devnet, expected - 2n)
    assert.equal(await gameRead(devnet, g.address, 'status'), IN_PROGRESS)
    await warpTo(devnet, expected)
    assert.equal(await gameRead(devnet, g.address, 'status'), DEFENDER_WINS, 'resolved at expectedResolution (its parents, proven earlier, before it)')
    assert.ok((await gameRead<bigint>(devnet, g.address, 'resolvedAt')) >= expected)
  })

  test('fast path: a ZK proof next to the TEE proof lowers expectedResolution to ZK time + FAST_FINALIZATION_DELAY; resolves then', async () => {
    const g = await propose()
    const before = await read<bigint>(g.address, 'expectedResolution')
    await devnet.submitAggregateProof(902, g.address, 'zk')
    assert.equal(await read(g.address, 'proofCount'), 2)
    assert.equal(await read(g.address, 'zkProver'), devnet.roles.proposer902.address)
    const [, zkAt] = await proofTimes(g.address)
    const expected = await read<bigint>(g.address, 'expectedResolution')
    assert.equal(expected, zkAt! + fast)
    assert.ok(expected < before)
    await assert.rejects(devnet.submitAggregateProof(902, g.address, 'zk'), /AlreadyProven|reverted/)

    // Its parents were given the TEE proof only (slow path): it resolves after them, so here the
    // proposer gives its new games both proofs, and one more game takes the fast path on its own.
    await warpTo(devnet, before)
    assert.equal(await gameRead(devnet, g.address, 'status'), DEFENDER_WINS)
    devnet.setAggregateProofs(902, 'tee+zk')
    await new Promise((r) => setTimeout(r, 3500)) // one more interval of L2 blocks
    const h = await propose()
    assert.equal(await read(h.address, 'proofCount'), 2)
    const [, hZkAt] = await proofTimes(h.address)
    const hExpected = await read<bigint>(h.address, 'expectedResolution')
    assert.equal(hExpected, hZkAt! + fast)
    await warpTo(devnet, hExpected - 2n)
    assert.equal(await gameRead(devnet, h.address, 'status'), IN_PROGRESS)
    await warpTo(devnet, hExpected)
    assert.equal(await gameRead(devnet, h.address, 'status'), DEFENDER_WINS)
    const resolvedAt = await gameRead<bigint>(devnet, h.address, 'resolvedAt')
    assert.ok(resolvedAt >= hExpected && resolvedAt < hZkAt! + slow, 'resolved on the fast path')
  })

  test('a withdrawal proven against a 621 game finalizes', async () => {
    devnet.setAggregateProofs(902, 'tee+zk')
    const who = account(devnet, 16)
    const { receipt, withdrawal, to, value } = await initiateEth(devnet, 902, who, fresh(), parseEther('0.2'))
    devnet.proposer.resume()
    try {
      const g = await gameCovering(devnet, 902, receipt.blockNumber)
      assert.equal(g.gameType, 621)
      // The game is reported once created; the proposer gives its TEE and ZK proofs in the next
      // transactions. A ZK proof that lands after the warps below would put the game's resolution
      // after them (a full run saw the finalization check answer OptimismPortal_InvalidRootClaim).
      const deadline = Date.now() + 30_000
      while ((await read<number>(g.address, 'proofCount')) < 2) {
        if (Date.now() > deadline) throw new Error(`game ${g.address} did not get its TEE and ZK proofs within 30 s`)
        await new Promise((r) => setTimeout(r, 100))
      }
      await proveAgainst(devnet, 902, who, withdrawal, g)
    } finally {
      devnet.proposer.pause()
    }
    const { delays } = rollup(devnet, 902)
    await devnet.warp(delays.proofMaturitySeconds! + 1)
    await devnet.warp(delays.disputeGameFinalitySeconds! + 1)
    assert.equal(await check(devnet, 902, withdrawal.withdrawalHash, who.address), 'ok')
    await finalize(devnet, 902, who, withdrawal)
    assert.equal(await devnet.l1.client.getBalance({ address: to }), value)
    assert.ok((await l1Now(devnet)) > 0n)
  })
})
