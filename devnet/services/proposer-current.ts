// The proposer's work on a chain running the 'current' contracts (OptimismPortal2 5.x double +
// AnchorStateRegistry 3.x double): it proposes the respected game type, whatever it is, and
// resolves every game it knows of as soon as the game allows it.
//  - 0, 1, 8: the published 1.2.0 fault games behind FaultGameForwarder: a bonded game every N L2
//    blocks; resolveClaim(0,0) + resolve() once the clock has run out.
//  - 42 (OP Succinct Lite): a game naming its parent (the newest valid own 42 game, or none to start
//    from the anchor root); resolve() once unchallenged past the window, proven, or past the prove
//    deadline — after its parent.
//  - 621 (AggregateVerifier): a chain of games, each exactly N blocks after its parent (the first
//    after the registry's starting anchor), each given a TEE proof right after creation (and a ZK
//    proof too when the chain is set to 'tee+zk'); resolve() once expectedResolution has come.
//  - 6 stays with the legacy proposer code (OP Succinct oracle + dgfProposeL2Output).
// Like op-proposer's bond claims, a finalized game the proposer resolved is offered to the
// registry as the new anchor (setAnchorState).
import { encodePacked, getAddress, parseAbi, type Address, type Hex, type PublicClient } from 'viem'
import { bedrock } from '../lib/contracts.ts'
import type { Signer } from '../lib/tx.ts'
import { GAME_TYPE } from '../deploy/constants.ts'
import { outputAtBlock } from '../deploy/l2.ts'
import type { L1Clock } from './l1-clock.ts'
import type { Proposal } from './proposer.ts'

export const CURRENT_ABI = {
  asr: parseAbi([
    'function respectedGameType() view returns (uint32)',
    'function retirementTimestamp() view returns (uint64)',
    'function getAnchorRoot() view returns (bytes32, uint256)',
    'function getStartingAnchorRoot() view returns ((bytes32 root, uint256 l2SequenceNumber))',
    'function isGameProper(address) view returns (bool)',
    'function isGameRespected(address) view returns (bool)',
    'function isGameRegistered(address) view returns (bool)',
    'function isGameBlacklisted(address) view returns (bool)',
    'function isGameRetired(address) view returns (bool)',
    'function isGameClaimValid(address) view returns (bool)',
    'function setAnchorState(address)',
    'function setRespectedGameType(uint32)',
    'function updateRetirementTimestamp()',
    'function blacklistDisputeGame(address)',
  ]),
  game: parseAbi([
    'function status() view returns (uint8)',
    'function createdAt() view returns (uint64)',
    'function resolvedAt() view returns (uint64)',
    'function rootClaim() view returns (bytes32)',
    'function gameCreator() view returns (address)',
    'function gameType() view returns (uint32)',
    'function l2SequenceNumber() view returns (uint256)',
    'function maxClockDuration() view returns (uint64)',
    'function resolveClaim(uint256, uint256)',
    'function resolve() returns (uint8)',
  ]),
  lite: parseAbi([
    'function claimData() view returns (uint32 parentIndex, address counteredBy, address prover, bytes32 claim, uint8 status, uint64 deadline)',
    'function challengerBond() view returns (uint256)',
    'function challenge() payable returns (uint8)',
    'function prove(bytes) returns (uint8)',
  ]),
  aggregate: parseAbi([
    'function expectedResolution() view returns (uint64)',
    'function parentAddress() view returns (address)',
    'function verifyProposalProof(bytes)',
    'function teeProver() view returns (address)',
    'function zkProver() view returns (address)',
  ]),
  portal: parseAbi(['function respectedGameType() view returns (uint32)']),
} as const

const IN_PROGRESS = 0
const CHALLENGER_WINS = 1
const DEFENDER_WINS = 2
const NO_PARENT = 0xffffffff
/** The devnet's mock TEE / ZK proofs: proof type byte, then the one byte the mock verifier accepts. */
export const AGGREGATE_PROOF = { tee: '0x0000', zk: '0x0100' } as const satisfies Record<string, Hex>
const FAULT_TYPES: readonly number[] = [GAME_TYPE.CANNON, GAME_TYPE.PERMISSIONED_CANNON, GAME_TYPE.CANNON_KONA]

export type GameProposal = Extract<Proposal, { kind: 'game' }>

export type GameKind = 'fault' | 'lite' | 'aggregate' | 'validity'

export function gameKind(gameType: number): GameKind {
  if (FAULT_TYPES.includes(gameType)) return 'fault'
  if (gameType === GAME_TYPE.OP_SUCCINCT_LITE) return 'lite'
  if (gameType === GAME_TYPE.AGGREGATE_VERIFIER) return 'aggregate'
  if (gameType === GAME_TYPE.OP_SUCCINCT) return 'validity'
  throw new Error(`game type ${gameType} is not one the devnet runs`)
}

interface OpenGame {
  address: Address
  index: bigint
  kind: GameKind
  /** L1 time from which it may be resolvable; undefined = look now */
  dueAt?: bigint
}

interface OwnGame {
  index: bigint
  address: Address
  l2: bigint
}

export interface CurrentChainConfig {
  chainId: number
  l2: PublicClient
  portal: Address
  disputeGameFactory: Address
  anchorStateRegistry: Address
  signer: Signer
  intervalBlocks: number
}

export class CurrentChainProposer {
  private readonly open = new Map<string, OpenGame>()
  private readonly lastOwn = new Map<number, OwnGame | null>()
  private anchorCandidates: { address: Address; readyAt: bigint; l2: bigint }[] = []
  private readonly roots = new Map<bigint, Hex>()
  private finality: bigint | undefined
  /** which proofs the proposer gives its own type-621 games */
  aggregateProofs: 'tee' | 'tee+zk' = 'tee'

  constructor(
    private readonly l1: PublicClient,
    private readonly clock: L1Clock,
    readonly cfg: CurrentChainConfig,
    private readonly log: (line: string) => void,
    private readonly warn: (line: string) => void,
  ) {}

  /** The real output root of an L2 block (cached: a block never changes). */
  async outputRoot(l2Block: bigint): Promise<Hex> {
    let root = this.roots.get(l2Block)
    if (!root) {
      root = (await outputAtBlock(this.cfg.l2, l2Block)).outputRoot
      this.roots.set(l2Block, root)
    }
    return root
  }

  /** Makes the proposer resolve this game too (games created by others). */
  async track(address: Address) {
    const index = await this.indexOf(address)
    const type = Number(await this.read(address, CURRENT_ABI.game, 'gameType'))
    this.open.set(address.toLowerCase(), { address, index, kind: gameKind(type) })
  }

  /** Re-reads every open game's state on the next pass (after a challenge, a proof, a retirement…). */
  invalidate() {
    for (const g of this.open.values()) g.dueAt = undefined
    for (const k of [...this.lastOwn.keys()]) if (this.lastOwn.get(k) === null) this.lastOwn.delete(k)
  }

  // ------------------------------------------------------------------ resolution

  async resolveDue(l1Now: bigint) {
    const games = [...this.open.values()].sort((a, b) => (a.index < b.index ? -1 : 1))
    let resolvedAny = false
    for (const g of games) {
      if (g.dueAt !== undefined && l1Now < g.dueAt) continue
      try {
        const done = await this.tryResolve(g, l1Now)
        if (done) {
          this.open.delete(g.address.toLowerCase())
          resolvedAny = true
        }
      } catch (e) {
        this.warn(`proposer ${this.cfg.chainId}: resolving ${g.address} failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`)
        g.dueAt = l1Now + 1n
      }
    }
    // A resolved parent can make its children resolvable (or lose).
    if (resolvedAny) for (const g of this.open.values()) if (g.kind !== 'fault') g.dueAt = undefined
  }

  /** Resolves `g` if it can be now; returns true once it is no longer open. */
  private async tryResolve(g: OpenGame, l1Now: bigint): Promise<boolean> {
    const signer = this.cfg.signer
    const status = Number(await this.read(g.address, CURRENT_ABI.game, 'status'))
    if (status !== IN_PROGRESS) return true
    if (g.kind === 'fault') {
      const [createdAt, clock] = await Promise.all([this.read(g.address, CURRENT_ABI.game, 'createdAt'), this.read(g.address, CURRENT_ABI.game, 'maxClockDuration')])
      g.dueAt = (createdAt as bigint) + (clock as bigint)
      if (l1Now < g.dueAt) return false
      await signer.call(g.address, bedrock('FaultDisputeGame').abi, 'resolveClaim', [0n, 0n], { gas: 1_000_000n, label: `resolveClaim ${g.address}` })
    } else if (g.kind === 'lite') {
      const [parentIndex, , prover, , , deadline] = (await this.read(g.address, CURRENT_ABI.lite, 'claimData')) as readonly [number, Address, Address, Hex, number, bigint]
      const parent = parentIndex === NO_PARENT ? DEFENDER_WINS : await this.statusAt(BigInt(parentIndex))
      if (parent === IN_PROGRESS) return false // the parent's resolution re-arms this one
      if (parent === DEFENDER_WINS && !(deadline < l1Now || !/^0x0{40}$/i.test(prover))) {
        g.dueAt = deadline + 1n
        return false
      }
    } else if (g.kind === 'aggregate') {
      const [expected, parentAddress] = await Promise.all([
        this.read(g.address, CURRENT_ABI.aggregate, 'expectedResolution') as Promise<bigint>,
        this.read(g.address, CURRENT_ABI.aggregate, 'parentAddress') as Promise<Address>,
      ])
      let parent = DEFENDER_WINS
      if (parentAddress.toLowerCase() !== this.cfg.anchorStateRegistry.toLowerCase()) {
        const [blacklisted, retired, parentStatus] = await Promise.all([
          this.read(this.cfg.anchorStateRegistry, CURRENT_ABI.asr, 'isGameBlacklisted', [parentAddress]),
          this.read(this.cfg.anchorStateRegistry, CURRENT_ABI.asr, 'isGameRetired', [parentAddress]),
          this.read(parentAddress, CURRENT_ABI.game, 'status'),
        ])
        parent = blacklisted || retired ? CHALLENGER_WINS : Number(parentStatus)
      }
      if (parent === IN_PROGRESS) return false
      if (parent === DEFENDER_WINS && expected > l1Now) {
        g.dueAt = expected
        return false
      }
    } else {
      return true // validity games resolve at creation
    }
    await signer.call(g.address, CURRENT_ABI.game, 'resolve', [], { gas: 1_000_000n, label: `resolve ${g.address}` })
    await signer.settle()
    const final = Number(await this.read(g.address, CURRENT_ABI.game, 'status'))
    this.log(`proposer ${this.cfg.chainId}: resolved game ${g.address}: ${final === DEFENDER_WINS ? 'DEFENDER_WINS' : 'CHALLENGER_WINS'}`)
    if (final === DEFENDER_WINS) {
      const [resolvedAt, l2] = await Promise.all([this.read(g.address, CURRENT_ABI.game, 'resolvedAt'), this.read(g.address, CURRENT_ABI.game, 'l2SequenceNumber')])
      this.anchorCandidates.push({ address: g.address, readyAt: (resolvedAt as bigint) + (await this.finalityDelay()) + 1n, l2: l2 as bigint })
    }
    return true
  }

  /** The newest game that has been final for long enough becomes the anchor (what closeGame does on a real chain). */
  async advanceAnchor(l1Now: bigint) {
    const ready = this.anchorCandidates.filter((c) => c.readyAt <= l1Now)
    if (!ready.length) return
    this.anchorCandidates = this.anchorCandidates.filter((c) => c.readyAt > l1Now)
    const asr = this.cfg.anchorStateRegistry
    const [, anchorL2] = (await this.read(asr, CURRENT_ABI.asr, 'getAnchorRoot')) as readonly [Hex, bigint]
    for (const c of ready.sort((a, b) => (a.l2 > b.l2 ? -1 : 1))) {
      if (c.l2 <= anchorL2) break
      if (!(await this.read(asr, CURRENT_ABI.asr, 'isGameClaimValid', [c.address]))) continue
      await this.cfg.signer.call(asr, CURRENT_ABI.asr, 'setAnchorState', [c.address], { gas: 300_000n, label: `setAnchorState ${c.address}` })
      await this.cfg.signer.settle()
      this.log(`proposer ${this.cfg.chainId}: anchor state is now game ${c.address} (L2 block ${c.l2})`)
      break
    }
  }

  // ------------------------------------------------------------------ proposals

  /** Proposes a game of `gameType` if one is due (or, with `eager`, if any new one is possible). */
  async propose(gameType: number, eager: boolean): Promise<Proposal | undefined> {
    const kind = gameKind(gameType)
    if (kind === 'validity') throw new Error('type 6 is proposed through the OP Succinct oracle')
    // Games created in the second of a retirement would be retired at once.
    const retirement = (await this.read(this.cfg.anchorStateRegistry, CURRENT_ABI.asr, 'retirementTimestamp')) as bigint
    if ((await this.clock.nextTimestamp()) <= retirement) return undefined
    const head = await this.cfg.l2.getBlockNumber()
    if (kind === 'aggregate') return this.proposeAggregate(head)

    const [, anchorL2] = (await this.read(this.cfg.anchorStateRegistry, CURRENT_ABI.asr, 'getAnchorRoot')) as readonly [Hex, bigint]
    const own = await this.lastOwnGame(gameType)
    const last = own && own.l2 > anchorL2 ? own.l2 : anchorL2
    const step = BigInt(this.cfg.intervalBlocks)
    if (head < (eager ? last + 1n : last + step)) return undefined
    const target = eager ? head : last + ((head - last) / step) * step
    const root = await this.outputRoot(target)
    if (kind === 'fault') return this.create(gameType, root, target, encodePacked(['uint256'], [target]))
    const parent = own && own.l2 > anchorL2 && (await this.isValidParent(own.address)) ? own : undefined
    return this.create(gameType, root, target, encodePacked(['uint256', 'uint32'], [target, parent ? Number(parent.index) : NO_PARENT]))
  }

  /** Type 621: the next game(s) of the chain, BLOCK_INTERVAL blocks after the newest valid one. */
  private async proposeAggregate(head: bigint): Promise<GameProposal | undefined> {
    let made: GameProposal | undefined
    for (let i = 0; i < 32; i++) {
      const { parent, parentL2 } = await this.aggregateParent()
      const target = parentL2 + BigInt(this.cfg.intervalBlocks)
      if (head < target) break
      const root = await this.outputRoot(target)
      const extraData = encodePacked(['uint256', 'address', 'bytes32'], [target, parent, root])
      const [existing] = (await this.read(this.cfg.disputeGameFactory, bedrock('DisputeGameFactory').abi, 'games', [GAME_TYPE.AGGREGATE_VERIFIER, root, extraData])) as readonly [Address, bigint]
      if (!/^0x0{40}$/i.test(existing)) {
        // Only after a retirement: the chain would restart from the starting anchor, whose first game exists.
        this.warnOnce('621-restart', `proposer ${this.cfg.chainId}: no valid type-621 game to build on and the first game after the starting anchor exists already (${existing}): not proposing type 621`)
        break
      }
      // Catching up, only the newest game of the batch needs a second of its own.
      const last = head < target + BigInt(this.cfg.intervalBlocks)
      made = await this.create(GAME_TYPE.AGGREGATE_VERIFIER, root, target, extraData, last)
      await this.cfg.signer.call(made.address, CURRENT_ABI.aggregate, 'verifyProposalProof', [AGGREGATE_PROOF.tee], { gas: 500_000n, label: `TEE proof ${made.address}` })
      if (this.aggregateProofs === 'tee+zk') {
        await this.cfg.signer.call(made.address, CURRENT_ABI.aggregate, 'verifyProposalProof', [AGGREGATE_PROOF.zk], { gas: 500_000n, label: `ZK proof ${made.address}` })
      }
      await this.cfg.signer.settle()
    }
    return made
  }

  /** The game a new 621 game builds on: the newest valid own one, else the registry (starting anchor). */
  async aggregateParent(): Promise<{ parent: Address; parentL2: bigint }> {
    const own = await this.lastOwnGame(GAME_TYPE.AGGREGATE_VERIFIER)
    if (own && (await this.isValidParent(own.address))) return { parent: own.address, parentL2: own.l2 }
    const start = (await this.read(this.cfg.anchorStateRegistry, CURRENT_ABI.asr, 'getStartingAnchorRoot')) as { l2SequenceNumber: bigint }
    return { parent: this.cfg.anchorStateRegistry, parentL2: start.l2SequenceNumber }
  }

  /** Creates a game; `hold` mines it in a second of its own (so it can be proven against in the next block). */
  private async create(gameType: number, root: Hex, l2Block: bigint, extraData: Hex, hold = true): Promise<GameProposal> {
    const { cfg } = this
    const dgfAbi = bedrock('DisputeGameFactory').abi
    const bond = (await this.read(cfg.disputeGameFactory, dgfAbi, 'initBonds', [gameType])) as bigint
    const send = () => cfg.signer.call(cfg.disputeGameFactory, dgfAbi, 'create', [gameType, root, extraData], { value: bond, gas: 3_000_000n, label: `create game type ${gameType} for L2 block ${l2Block}` })
    if (hold) await this.clock.holdSecond(send)
    else await send()
    const [receipt] = await cfg.signer.settle()
    const proposal = await gameFromReceipt(this.l1, cfg.chainId, cfg.disputeGameFactory, receipt!, gameType, l2Block, root)
    this.lastOwn.set(gameType, { index: proposal.index, address: proposal.address, l2: l2Block })
    this.open.set(proposal.address.toLowerCase(), { address: proposal.address, index: proposal.index, kind: gameKind(gameType) })
    this.log(`proposer ${cfg.chainId}: game #${proposal.index} (type ${gameType}) for L2 block ${l2Block}, root ${root}`)
    return proposal
  }

  // ------------------------------------------------------------------ reading the chain

  /** The proposer's newest game of a type with a true root (found once on chain, then remembered). */
  private async lastOwnGame(gameType: number): Promise<OwnGame | undefined> {
    if (this.lastOwn.has(gameType)) return this.lastOwn.get(gameType) ?? undefined
    let found: OwnGame | null = null
    for (const g of await latestGames(this.l1, this.cfg.disputeGameFactory, gameType, 20)) {
      const creator = (await this.read(g.address, CURRENT_ABI.game, 'gameCreator')) as Address
      if (creator.toLowerCase() !== this.cfg.signer.address.toLowerCase()) continue
      if (g.rootClaim !== (await this.outputRoot(g.l2BlockNumber))) continue
      found = { index: g.index, address: g.address, l2: g.l2BlockNumber }
      break
    }
    this.lastOwn.set(gameType, found)
    return found ?? undefined
  }

  /** What the games require of a parent: registered, respected, not blacklisted, not retired, not lost. */
  private async isValidParent(game: Address): Promise<boolean> {
    const asr = this.cfg.anchorStateRegistry
    const [registered, respected, blacklisted, retired, status] = await Promise.all([
      this.read(asr, CURRENT_ABI.asr, 'isGameRegistered', [game]),
      this.read(asr, CURRENT_ABI.asr, 'isGameRespected', [game]),
      this.read(asr, CURRENT_ABI.asr, 'isGameBlacklisted', [game]),
      this.read(asr, CURRENT_ABI.asr, 'isGameRetired', [game]),
      this.read(game, CURRENT_ABI.game, 'status'),
    ])
    return Boolean(registered && respected && !blacklisted && !retired && Number(status) !== CHALLENGER_WINS)
  }

  /**
   * The newest game of the respected type covering `l2Block` that a withdrawal can be proven
   * against now: proper, respected, not lost, claiming the L2's real output root, and created
   * before the second the next L1 block will have.
   */
  async findProposal(l2Block: bigint): Promise<Proposal | undefined> {
    const { cfg } = this
    const gameType = Number(await this.read(cfg.portal, CURRENT_ABI.portal, 'respectedGameType'))
    const asr = cfg.anchorStateRegistry
    // The portal refuses proofs in the block (here: the second) that created the game.
    const next = await this.clock.nextTimestamp()
    for (const g of await latestGames(this.l1, cfg.disputeGameFactory, gameType, 50)) {
      if (g.l2BlockNumber < l2Block || g.timestamp >= next) continue
      const [proper, respected, status] = await Promise.all([
        this.read(asr, CURRENT_ABI.asr, 'isGameProper', [g.address]),
        this.read(asr, CURRENT_ABI.asr, 'isGameRespected', [g.address]),
        this.read(g.address, CURRENT_ABI.game, 'status'),
      ])
      if (!proper || !respected || Number(status) === CHALLENGER_WINS) continue
      if (g.rootClaim !== (await this.outputRoot(g.l2BlockNumber))) continue
      return { kind: 'game', chainId: cfg.chainId, gameType, index: g.index, address: g.address, l2BlockNumber: g.l2BlockNumber, rootClaim: g.rootClaim, timestamp: g.timestamp }
    }
    return undefined
  }

  private async statusAt(index: bigint): Promise<number> {
    const [, , proxy] = (await this.read(this.cfg.disputeGameFactory, bedrock('DisputeGameFactory').abi, 'gameAtIndex', [index])) as readonly [number, bigint, Address]
    return Number(await this.read(proxy, CURRENT_ABI.game, 'status'))
  }

  private async indexOf(address: Address): Promise<bigint> {
    const dgfAbi = bedrock('DisputeGameFactory').abi
    const count = (await this.read(this.cfg.disputeGameFactory, dgfAbi, 'gameCount')) as bigint
    for (let i = count - 1n; i >= 0n && i >= count - 256n; i--) {
      const [, , proxy] = (await this.read(this.cfg.disputeGameFactory, dgfAbi, 'gameAtIndex', [i])) as readonly [number, bigint, Address]
      if (proxy.toLowerCase() === address.toLowerCase()) return i
    }
    throw new Error(`game ${address} is not among the newest 256 games of chain ${this.cfg.chainId}'s factory`)
  }

  private async finalityDelay(): Promise<bigint> {
    if (this.finality === undefined) {
      this.finality = (await this.l1.readContract({
        address: this.cfg.anchorStateRegistry,
        abi: parseAbi(['function disputeGameFinalityDelaySeconds() view returns (uint256)']),
        functionName: 'disputeGameFinalityDelaySeconds',
      })) as bigint
    }
    return this.finality
  }

  private readonly warned = new Set<string>()
  private warnOnce(key: string, line: string) {
    if (this.warned.has(key)) return
    this.warned.add(key)
    this.warn(line)
  }

  private read(address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[] = []): Promise<unknown> {
    return this.l1.readContract({ address, abi, functionName, args } as never)
  }
}

export interface LatestGame {
  index: bigint
  address: Address
  timestamp: bigint
  rootClaim: Hex
  l2BlockNumber: bigint
}

/** The newest `n` games of a type, newest first (the factory's findLatestGames). */
export async function latestGames(l1: PublicClient, dgf: Address, gameType: number, n: number): Promise<LatestGame[]> {
  const dgfAbi = bedrock('DisputeGameFactory').abi
  const count = (await l1.readContract({ address: dgf, abi: dgfAbi, functionName: 'gameCount' })) as bigint
  if (count === 0n) return []
  const games = (await l1.readContract({ address: dgf, abi: dgfAbi, functionName: 'findLatestGames', args: [gameType, count - 1n, BigInt(n)] })) as readonly {
    index: bigint
    metadata: Hex
    timestamp: bigint
    rootClaim: Hex
    extraData: Hex
  }[]
  return games.map((g) => ({
    index: g.index,
    address: getAddress(`0x${g.metadata.slice(26)}`),
    timestamp: g.timestamp,
    rootClaim: g.rootClaim,
    // every game type here starts its extra data with the L2 block number
    l2BlockNumber: BigInt(g.extraData.slice(0, 66)),
  }))
}

/** The game a factory `create` made, from its receipt, with its index. */
export async function gameFromReceipt(
  l1: PublicClient,
  chainId: number,
  dgf: Address,
  receipt: { logs: { address: Address; data: Hex; topics: Hex[] }[]; blockNumber: bigint },
  gameType: number,
  l2Block: bigint,
  root: Hex,
): Promise<Extract<Proposal, { kind: 'game' }>> {
  const dgfAbi = bedrock('DisputeGameFactory').abi
  // DisputeGameCreated(address indexed disputeProxy, uint32 indexed gameType, bytes32 indexed rootClaim)
  const log = receipt.logs.find((l) => l.address.toLowerCase() === dgf.toLowerCase() && l.topics.length === 4)
  if (!log) throw new Error(`no DisputeGameCreated in the proposal of L2 block ${l2Block}`)
  const address = getAddress(`0x${log.topics[1]!.slice(26)}`)
  const block = await l1.getBlock({ blockNumber: receipt.blockNumber })
  const count = (await l1.readContract({ address: dgf, abi: dgfAbi, functionName: 'gameCount' })) as bigint
  for (let index = count - 1n; index >= 0n && index >= count - 64n; index--) {
    const [, , proxy] = (await l1.readContract({ address: dgf, abi: dgfAbi, functionName: 'gameAtIndex', args: [index] })) as readonly [number, bigint, Address]
    if (proxy.toLowerCase() === address.toLowerCase()) {
      return { kind: 'game', chainId, gameType, index, address, l2BlockNumber: l2Block, rootClaim: root, timestamp: block.timestamp }
    }
  }
  throw new Error(`game ${address} not found in the factory`)
}
