// The proposer: posts state proposals for each L2 on L1 at a fixed cadence (every N L2 blocks),
// with output roots computed from the L2's real state, and resolves fault games once their clock
// has run out. What it posts follows the chain's proof system as the L1 contracts say it is now:
//  - OptimismPortal2 chains: a game of the portal's respected type through the DisputeGameFactory
//    (types 0/1: bedrock FaultDisputeGame / PermissionedDisputeGame, bonded, resolved later with
//    resolveClaim + resolve; type 6: OPSuccinctDisputeGame via the oracle's dgfProposeL2Output,
//    resolved at creation);
//  - the legacy portal: an output in the OP Succinct oracle (checkpoint an L1 block hash, then
//    proposeL2Output with the empty devnet proof);
//  - chains on the 'current' contracts (OptimismPortal2 5.x + AnchorStateRegistry 3.x): every game
//    type but 6 is handled by CurrentChainProposer (services/proposer-current.ts).
import { decodeEventLog, encodeAbiParameters, parseAbi, toHex, type Address, type Hex, type PublicClient } from 'viem'
import { bedrock, devnetContract } from '../lib/contracts.ts'
import { rpc, type Signer } from '../lib/tx.ts'
import { GAME_TYPE } from '../deploy/constants.ts'
import { OP_SUCCINCT_CONFIG_NAME } from '../deploy/l1.ts'
import { outputAtBlock } from '../deploy/l2.ts'
import type { L1Clock } from './l1-clock.ts'
import { CurrentChainProposer } from './proposer-current.ts'

const portalAbi = parseAbi(['function respectedGameType() view returns (uint32)'])
// Looked up when used, so that loading this module costs nothing (compiling is part of start-up).
const abis = {
  get dgf() {
    return bedrock('DisputeGameFactory').abi
  },
  get faultGame() {
    return bedrock('FaultDisputeGame').abi
  },
  get asr() {
    return bedrock('AnchorStateRegistry').abi
  },
  get oracle() {
    return devnetContract('OPSuccinctL2OutputOracle').abi
  },
}

export interface ProposerChain {
  chainId: number
  l2: PublicClient
  /** 'games': OptimismPortal2 + DisputeGameFactory; 'oracle': legacy portal + OP Succinct oracle;
   *  'current': the OptimismPortal2 5.x + AnchorStateRegistry 3.x doubles */
  mode: 'games' | 'oracle' | 'current'
  portal: Address
  disputeGameFactory?: Address
  anchorStateRegistry?: Address
  l2OutputOracle?: Address
  signer: Signer
  intervalBlocks: number
}

export type Proposal =
  | {
      kind: 'game'
      chainId: number
      gameType: number
      /** index in the DisputeGameFactory (what proveWithdrawalTransaction takes) */
      index: bigint
      address: Address
      l2BlockNumber: bigint
      rootClaim: Hex
      /** L1 timestamp of creation */
      timestamp: bigint
    }
  | {
      kind: 'output'
      chainId: number
      /** index in the output oracle (what the legacy proveWithdrawalTransaction takes) */
      index: bigint
      l2BlockNumber: bigint
      outputRoot: Hex
      timestamp: bigint
    }

interface OpenGame {
  address: Address
  createdAt: bigint
  maxClock: bigint
}

interface OracleTiming {
  startingBlockNumber: bigint
  startingTimestamp: bigint
  l2BlockTime: bigint
  submissionInterval: bigint
}

interface ChainState {
  cfg: ProposerChain
  open: OpenGame[]
  current?: CurrentChainProposer
  timing?: OracleTiming
  warned: Set<string>
}

const L1_TOP_UP_BELOW = 100n * 10n ** 18n
const L1_TOP_UP_TO = 10_000n * 10n ** 18n

export class Proposer {
  private readonly chains = new Map<number, ChainState>()
  private timer: NodeJS.Timeout | undefined
  private running = false
  private paused = false
  private current: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly l1: PublicClient,
    private readonly clock: L1Clock,
    chains: ProposerChain[],
    private readonly pollMs: number,
    private readonly log: (line: string) => void,
    private readonly warn: (line: string) => void,
  ) {
    for (const cfg of chains) {
      const current =
        cfg.mode === 'current'
          ? new CurrentChainProposer(l1, clock, { chainId: cfg.chainId, l2: cfg.l2, portal: cfg.portal, disputeGameFactory: cfg.disputeGameFactory!, anchorStateRegistry: cfg.anchorStateRegistry!, signer: cfg.signer, intervalBlocks: cfg.intervalBlocks }, log, warn)
          : undefined
      this.chains.set(cfg.chainId, { cfg, open: [], warned: new Set(), current })
    }
  }

  /** The 'current' contracts' side of a chain's proposer (throws for chains on the legacy contracts). */
  currentChain(chainId: number): CurrentChainProposer {
    const c = this.state(chainId).current
    if (!c) throw new Error(`chain ${chainId} does not run the 'current' contracts`)
    return c
  }

  start() {
    this.running = true
    this.schedule(0)
  }

  async stop() {
    this.running = false
    if (this.timer) clearTimeout(this.timer)
    await this.current.catch(() => undefined)
  }

  pause() {
    this.paused = true
  }

  resume() {
    this.paused = false
  }

  /** Runs `f` between two passes of the proposer (never while it is sending). */
  run<T>(f: () => Promise<T>): Promise<T> {
    return this.exclusive(f)
  }

  /** A proposal every N L2 blocks on this chain. */
  intervalBlocks(chainId: number): number {
    return this.state(chainId).cfg.intervalBlocks
  }

  /** Runs one full pass now: resolves what is due and, unless paused, proposes what is due. */
  catchUp(): Promise<void> {
    return this.exclusive(() => this.tick(!this.paused))
  }

  /** Proposes for the newest L2 block the contracts accept now, regardless of the cadence. */
  proposeNow(chainId: number, timeoutMs = 60_000): Promise<Proposal> {
    const st = this.state(chainId)
    return this.exclusive(async () => {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const p = await this.proposeIfDue(st, true)
        if (p) return p
        if (Date.now() > deadline) throw new Error(`proposer: no proposal possible on ${chainId} within ${timeoutMs} ms`)
        await new Promise((r) => setTimeout(r, 250))
      }
    })
  }

  /** Resolves with the newest proposal that covers `l2Block` (what viem's getGame/getL2Output pick). */
  async waitForProposal(chainId: number, l2Block: bigint, timeoutMs = 120_000): Promise<Proposal> {
    const st = this.state(chainId)
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const p = await this.findProposal(st, l2Block)
      if (p) return p
      if (Date.now() > deadline) throw new Error(`no proposal covering L2 block ${l2Block} of chain ${chainId} within ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 200))
    }
  }

  private state(chainId: number): ChainState {
    const st = this.chains.get(chainId)
    if (!st) throw new Error(`proposer: unknown chain ${chainId}`)
    return st
  }

  private exclusive<T>(f: () => Promise<T>): Promise<T> {
    const run = this.current.then(f, f)
    this.current = run.catch(() => undefined)
    return run
  }

  private schedule(ms: number) {
    if (!this.running) return
    this.timer = setTimeout(() => {
      this.exclusive(() => (this.paused ? Promise.resolve() : this.tick()))
        .catch((e: unknown) => this.warn(`proposer: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`))
        .finally(() => this.schedule(this.pollMs))
    }, ms)
  }

  private async tick(propose = true) {
    const head = await this.l1.getBlock({ blockTag: 'latest' })
    for (const st of this.chains.values()) {
      try {
        if (st.current) {
          await st.current.resolveDue(head.timestamp)
          await st.current.advanceAnchor(head.timestamp)
        } else {
          await this.resolveDue(st, head.timestamp)
        }
        if (propose) await this.proposeIfDue(st, false)
      } catch (e) {
        this.warn(`proposer ${st.cfg.chainId}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`)
      }
    }
  }

  // ------------------------------------------------------------------ resolution

  private async resolveDue(st: ChainState, l1Now: bigint) {
    const due = st.open.filter((g) => l1Now >= g.createdAt + g.maxClock)
    if (!due.length) return
    const signer = st.cfg.signer
    for (const g of due) {
      await signer.call(g.address, abis.faultGame, 'resolveClaim', [0n, 0n], { gas: 1_000_000n, label: `resolveClaim ${g.address}` })
      await signer.call(g.address, abis.faultGame, 'resolve', [], { gas: 1_000_000n, label: `resolve ${g.address}` })
    }
    try {
      await signer.settle()
      st.open = st.open.filter((g) => !due.includes(g))
      for (const g of due) this.log(`proposer ${st.cfg.chainId}: resolved game ${g.address}`)
    } catch (e) {
      // Leave them open: the next pass retries (e.g. when the clock was a second short).
      this.warn(`proposer ${st.cfg.chainId}: resolving failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  // ------------------------------------------------------------------ proposals

  /** Proposes if a proposal is due (or, with `eager`, if any new one is possible). */
  private async proposeIfDue(st: ChainState, eager: boolean): Promise<Proposal | undefined> {
    const { cfg } = st
    const gameType = cfg.mode !== 'oracle' ? await this.respectedGameType(st) : undefined
    if (gameType !== undefined) {
      const impl = (await this.l1.readContract({ address: cfg.disputeGameFactory!, abi: abis.dgf, functionName: 'gameImpls', args: [gameType] })) as Address
      if (/^0x0{40}$/i.test(impl)) {
        this.warnOnce(st, `type-${gameType}`, `proposer ${cfg.chainId}: respected game type ${gameType} has no implementation; not proposing`)
        return undefined
      }
      if (st.current && gameType !== GAME_TYPE.OP_SUCCINCT) {
        await this.topUp(cfg.signer)
        return st.current.propose(gameType, eager)
      }
    }
    const last = await this.lastProposedBlock(st, gameType)
    const head = await cfg.l2.getBlockNumber()
    const usesOracle = gameType === undefined || gameType === GAME_TYPE.OP_SUCCINCT
    const timing = usesOracle ? await this.oracleTiming(st) : undefined
    const step = timing ? timing.submissionInterval : BigInt(cfg.intervalBlocks)
    const minimum = timing ? last + timing.submissionInterval : last + 1n
    if (head < (eager ? minimum : last + step)) return undefined
    let target = eager ? head : last + ((head - last) / step) * step
    let l1Block: bigint | undefined
    if (timing) {
      // OP Succinct proofs commit to a checkpointed L1 block hash; checkpointing also gives a fresh
      // L1 timestamp (an idle L1 only mines every l1BlockTime seconds).
      const cp = await this.checkpoint(st)
      l1Block = cp.l1Block
      // The oracle refuses outputs whose nominal L2 time is not in the L1 past.
      while (target >= minimum && timing.startingTimestamp + (target - timing.startingBlockNumber) * timing.l2BlockTime >= cp.timestamp) {
        target -= eager ? 1n : step
      }
      if (target < minimum) return undefined
    }
    await this.topUp(cfg.signer)
    const output = await outputAtBlock(cfg.l2, target)
    if (gameType === undefined) return this.proposeOutput(st, output.outputRoot, target, l1Block!)
    if (gameType === GAME_TYPE.OP_SUCCINCT) return this.proposeValidityGame(st, output.outputRoot, target, l1Block!)
    return this.proposeFaultGame(st, gameType, output.outputRoot, target)
  }

  private async proposeFaultGame(st: ChainState, gameType: number, root: Hex, l2Block: bigint): Promise<Proposal> {
    const { cfg } = st
    const bond = (await this.l1.readContract({ address: cfg.disputeGameFactory!, abi: abis.dgf, functionName: 'initBonds', args: [gameType] })) as bigint
    await this.clock.holdSecond(() =>
      cfg.signer.call(cfg.disputeGameFactory!, abis.dgf, 'create', [gameType, root, encodeAbiParameters([{ type: 'uint256' }], [l2Block])], {
        value: bond,
        gas: 2_000_000n,
        label: `create game type ${gameType} for L2 block ${l2Block}`,
      }),
    )
    const [receipt] = await cfg.signer.settle()
    const proposal = await this.gameFromReceipt(st, receipt!, gameType, l2Block, root)
    const maxClock = (await this.l1.readContract({ address: proposal.address, abi: abis.faultGame, functionName: 'maxClockDuration' })) as bigint
    st.open.push({ address: proposal.address, createdAt: proposal.timestamp, maxClock: BigInt(maxClock) })
    this.log(`proposer ${cfg.chainId}: game #${proposal.index} (type ${gameType}) for L2 block ${l2Block}, root ${root}`)
    return proposal
  }

  private async proposeValidityGame(st: ChainState, root: Hex, l2Block: bigint, l1Block: bigint): Promise<Proposal> {
    const { cfg } = st
    const bond = (await this.l1.readContract({ address: cfg.disputeGameFactory!, abi: abis.dgf, functionName: 'initBonds', args: [GAME_TYPE.OP_SUCCINCT] })) as bigint
    await this.clock.holdSecond(() =>
      cfg.signer.call(cfg.l2OutputOracle!, abis.oracle, 'dgfProposeL2Output', [OP_SUCCINCT_CONFIG_NAME, root, l2Block, l1Block, '0x', cfg.signer.address], {
        value: bond,
        gas: 2_000_000n,
        label: `dgfProposeL2Output for L2 block ${l2Block}`,
      }),
    )
    const [receipt] = await cfg.signer.settle()
    const proposal = await this.gameFromReceipt(st, receipt!, GAME_TYPE.OP_SUCCINCT, l2Block, root)
    this.log(`proposer ${cfg.chainId}: validity game #${proposal.index} for L2 block ${l2Block}, root ${root}`)
    return proposal
  }

  private async proposeOutput(st: ChainState, root: Hex, l2Block: bigint, l1Block: bigint): Promise<Proposal> {
    const { cfg } = st
    await cfg.signer.call(cfg.l2OutputOracle!, abis.oracle, 'proposeL2Output', [OP_SUCCINCT_CONFIG_NAME, root, l2Block, l1Block, '0x', cfg.signer.address], {
      gas: 1_000_000n,
      label: `proposeL2Output for L2 block ${l2Block}`,
    })
    const [receipt] = await cfg.signer.settle()
    const block = await this.l1.getBlock({ blockNumber: receipt!.blockNumber })
    const index = await this.l1.readContract({ address: cfg.l2OutputOracle!, abi: abis.oracle, functionName: 'latestOutputIndex' })
    this.log(`proposer ${cfg.chainId}: output #${index} for L2 block ${l2Block}, root ${root}`)
    return { kind: 'output', chainId: cfg.chainId, index: index as bigint, l2BlockNumber: l2Block, outputRoot: root, timestamp: block.timestamp }
  }

  /** Checkpoints the current L1 head's hash in the oracle; returns it and the time of the checkpointing block. */
  private async checkpoint(st: ChainState): Promise<{ l1Block: bigint; timestamp: bigint }> {
    const l1Block = await this.l1.getBlockNumber()
    await st.cfg.signer.call(st.cfg.l2OutputOracle!, abis.oracle, 'checkpointBlockHash', [l1Block], { gas: 200_000n, label: 'checkpointBlockHash' })
    const [receipt] = await st.cfg.signer.settle()
    const block = await this.l1.getBlock({ blockNumber: receipt!.blockNumber })
    return { l1Block, timestamp: block.timestamp }
  }

  private async gameFromReceipt(st: ChainState, receipt: { logs: { address: Address; data: Hex; topics: Hex[] }[]; blockNumber: bigint }, gameType: number, l2Block: bigint, root: Hex): Promise<Extract<Proposal, { kind: 'game' }>> {
    const { cfg } = st
    let address: Address | undefined
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== cfg.disputeGameFactory!.toLowerCase()) continue
      try {
        const ev = decodeEventLog({ abi: abis.dgf, data: log.data, topics: log.topics as [Hex, ...Hex[]] })
        if (ev.eventName === 'DisputeGameCreated') address = (ev.args as unknown as { disputeProxy: Address }).disputeProxy
      } catch {
        // other events of the factory
      }
    }
    if (!address) throw new Error(`no DisputeGameCreated in the proposal of L2 block ${l2Block}`)
    const block = await this.l1.getBlock({ blockNumber: receipt.blockNumber })
    const count = (await this.l1.readContract({ address: cfg.disputeGameFactory!, abi: abis.dgf, functionName: 'gameCount' })) as bigint
    // Usually the newest game; someone else may have created games since, so look back a little.
    for (let index = count - 1n; index >= 0n && index >= count - 64n; index--) {
      const [, , proxy] = (await this.l1.readContract({ address: cfg.disputeGameFactory!, abi: abis.dgf, functionName: 'gameAtIndex', args: [index] })) as readonly [number, bigint, Address]
      if (proxy.toLowerCase() === address.toLowerCase()) {
        return { kind: 'game', chainId: cfg.chainId, gameType, index, address, l2BlockNumber: l2Block, rootClaim: root, timestamp: block.timestamp }
      }
    }
    throw new Error(`game ${address} not found in the factory`)
  }

  // ------------------------------------------------------------------ reading the chain

  private async respectedGameType(st: ChainState): Promise<number> {
    return Number(await this.l1.readContract({ address: st.cfg.portal, abi: portalAbi, functionName: 'respectedGameType' }))
  }

  private async oracleTiming(st: ChainState): Promise<OracleTiming> {
    const read = (functionName: string) =>
      this.l1.readContract({ address: st.cfg.l2OutputOracle!, abi: abis.oracle, functionName } as never) as Promise<bigint>
    // submissionInterval may be changed by the owner; the rest is fixed at initialization.
    const submissionInterval = await read('submissionInterval')
    if (!st.timing) {
      const [startingBlockNumber, startingTimestamp, l2BlockTime] = await Promise.all([
        read('startingBlockNumber'),
        read('startingTimestamp'),
        read('l2BlockTime'),
      ])
      st.timing = { startingBlockNumber, startingTimestamp, l2BlockTime, submissionInterval }
    }
    st.timing.submissionInterval = submissionInterval
    return st.timing
  }

  /** The L2 block of the newest proposal of the kind that counts now (or the starting anchor). */
  private async lastProposedBlock(st: ChainState, gameType: number | undefined): Promise<bigint> {
    const { cfg } = st
    if (gameType === undefined || gameType === GAME_TYPE.OP_SUCCINCT) {
      return (await this.l1.readContract({ address: cfg.l2OutputOracle!, abi: abis.oracle, functionName: 'latestBlockNumber' })) as bigint
    }
    const latest = await this.latestGames(st, gameType, 1)
    if (latest[0]) return latest[0].l2BlockNumber
    const [, anchorBlock] = (await this.l1.readContract({ address: cfg.anchorStateRegistry!, abi: abis.asr, functionName: 'anchors', args: [gameType] })) as readonly [Hex, bigint]
    return anchorBlock
  }

  private async latestGames(st: ChainState, gameType: number, n: number) {
    const dgf = st.cfg.disputeGameFactory!
    const count = (await this.l1.readContract({ address: dgf, abi: abis.dgf, functionName: 'gameCount' })) as bigint
    if (count === 0n) return []
    const games = (await this.l1.readContract({ address: dgf, abi: abis.dgf, functionName: 'findLatestGames', args: [gameType, count - 1n, BigInt(n)] })) as readonly {
      index: bigint
      metadata: Hex
      timestamp: bigint
      rootClaim: Hex
      extraData: Hex
    }[]
    return games.map((g) => ({
      index: g.index,
      address: `0x${g.metadata.slice(26)}` as Address,
      timestamp: g.timestamp,
      rootClaim: g.rootClaim,
      // every game type here starts its extra data with the L2 block number
      l2BlockNumber: BigInt(g.extraData.slice(0, 66)),
    }))
  }

  private async findProposal(st: ChainState, l2Block: bigint): Promise<Proposal | undefined> {
    const { cfg } = st
    if (st.current) return st.current.findProposal(l2Block)
    if (cfg.mode === 'games') {
      const gameType = await this.respectedGameType(st)
      const games = await this.latestGames(st, gameType, 50)
      const g = games.find((x) => x.l2BlockNumber >= l2Block)
      if (!g) return undefined
      return { kind: 'game', chainId: cfg.chainId, gameType, index: g.index, address: g.address, l2BlockNumber: g.l2BlockNumber, rootClaim: g.rootClaim, timestamp: g.timestamp }
    }
    const oracle = cfg.l2OutputOracle!
    const latest = (await this.l1.readContract({ address: oracle, abi: abis.oracle, functionName: 'latestBlockNumber' })) as bigint
    if (latest < l2Block) return undefined
    const index = (await this.l1.readContract({ address: oracle, abi: abis.oracle, functionName: 'getL2OutputIndexAfter', args: [l2Block] })) as bigint
    const out = (await this.l1.readContract({ address: oracle, abi: abis.oracle, functionName: 'getL2Output', args: [index] })) as {
      outputRoot: Hex
      timestamp: bigint
      l2BlockNumber: bigint
    }
    return { kind: 'output', chainId: cfg.chainId, index, l2BlockNumber: out.l2BlockNumber, outputRoot: out.outputRoot, timestamp: out.timestamp }
  }

  private async topUp(signer: Signer) {
    const balance = await this.l1.getBalance({ address: signer.address })
    if (balance < L1_TOP_UP_BELOW) await rpc(this.l1, 'anvil_setBalance', [signer.address, toHex(L1_TOP_UP_TO)])
  }

  private warnOnce(st: ChainState, key: string, line: string) {
    if (st.warned.has(key)) return
    st.warned.add(key)
    this.warn(line)
  }
}
