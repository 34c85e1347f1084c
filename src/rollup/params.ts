// The live parameters that decide when a withdrawal can be proven and finalized, read from L1
// (and the L2's block time from the L2): finalization period, submission interval and L2 block
// time (output oracles); proof maturity delay, dispute-game finality delay and game clock (dispute
// games); and the proposal cadence seen in the most recent games or outputs.
import { getAddress, zeroAddress, type Address, type Hex } from 'viem'
import { anchorStateRegistryAbi, disputeGameAbi, disputeGameFactoryAbi, multicall3Abi, outputOracleAbi, portal2Abi } from './abis.ts'
import { MULTICALL3, readMany, value, type Read } from './multicall.ts'
import { detectProofSystem, type ProofSystem } from './proof-system.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

/** A state proposal on L1: a dispute game or an oracle output. Times are L1 seconds. */
export interface Proposal {
  /** factory index of the game, or oracle output index */
  index: number
  l2Block: number
  /** L1 timestamp of the proposal */
  timestamp: number
  /** game proxy (games) */
  game?: Address
  root: Hex
}

export interface Cadence {
  /** median seconds between consecutive proposals (null: fewer than two seen) */
  intervalSeconds: number | null
  /** median L2 blocks between consecutive proposals */
  blocksPerProposal: number | null
  samples: number
  /** newest proposal of the respected kind */
  last: Proposal | null
}

export interface RollupParams {
  l2ChainId: number
  l1ChainId: number
  system: ProofSystem
  l2BlockTimeSeconds: number
  /** output oracles */
  submissionIntervalBlocks?: number
  finalizationPeriodSeconds?: number
  /** OptimismPortal2 */
  proofMaturityDelaySeconds?: number
  disputeGameFinalityDelaySeconds?: number
  /** L1 time from which games count (3.x: respectedGameTypeUpdatedAt; 5.x: the registry's retirement time + 1) */
  gamesValidAfter?: number
  /** fault games: maxClockDuration (a game resolves once it ran out unchallenged); Lite: maxChallengeDuration */
  gameClockSeconds?: number
  /** OP Succinct Lite: how long a challenged proposal's proposer has to prove it (maxProveDuration) */
  proveDurationSeconds?: number
  /** AggregateVerifier (621): a game resolves this long after its proofs (fast: TEE and ZK both; slow: one) */
  finalizationDelays?: { fastSeconds: number; slowSeconds: number }
  cadence: Cadence
  /** L1 time of the read, seconds */
  readAt: number
}

/** How many recent proposals the cadence is measured over. */
export const CADENCE_SAMPLES = 10

const num = (x: unknown): number | undefined => (typeof x === 'bigint' ? Number(x) : typeof x === 'number' ? x : undefined)

export function median(xs: number[]): number | null {
  if (!xs.length) return null
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Cadence from proposals sorted newest first. */
export function cadenceOf(proposals: Proposal[]): Cadence {
  const intervals: number[] = []
  const blocks: number[] = []
  for (let i = 0; i + 1 < proposals.length; i++) {
    const dt = proposals[i].timestamp - proposals[i + 1].timestamp
    const db = proposals[i].l2Block - proposals[i + 1].l2Block
    if (db > 0 && dt >= 0) {
      intervals.push(dt)
      blocks.push(db)
    }
  }
  return { intervalSeconds: median(intervals), blocksPerProposal: median(blocks), samples: proposals.length, last: proposals[0] ?? null }
}

/** The L2 block a game's extra data starts with (every supported game type encodes it first). */
export function gameL2Block(extraData: Hex): number {
  return Number(BigInt(extraData.slice(0, 66)))
}

type RawGame = { index: bigint; metadata: Hex; timestamp: bigint; rootClaim: Hex; extraData: Hex }

export function proposalFromGame(g: RawGame): Proposal {
  return { index: Number(g.index), l2Block: gameL2Block(g.extraData), timestamp: Number(g.timestamp), game: getAddress(`0x${g.metadata.slice(26)}`), root: g.rootClaim }
}

/** The reads that give the newest `n` games of a type (factory.findLatestGames). */
export function latestGamesRead(factory: Address, gameType: number, gameCount: bigint, n: number): Read | null {
  if (gameCount === 0n) return null
  return { address: factory, abi: disputeGameFactoryAbi, functionName: 'findLatestGames', args: [gameType, gameCount - 1n, BigInt(n)] }
}

export interface ParamsClients {
  l1: Pick<RpcClient, 'multicall'>
  /** the L2, to measure its block time when no oracle states it */
  l2?: Pick<RpcClient, 'getBlock' | 'getBlockNumber'>
}

/** Detects the proof system and reads every parameter; 3–4 eth_calls on L1, 2 on the L2 (one batch). */
export async function readRollupParams(clients: ParamsClients, r: { l2ChainId: number; l1ChainId: number; portal: Address; blockTimeSeconds: number }): Promise<RollupParams> {
  const system = await detectProofSystem(clients.l1, r.portal)
  const base = { l2ChainId: r.l2ChainId, l1ChainId: r.l1ChainId, system }
  if (system.kind === 'output-oracle') return { ...base, ...(await oracleParams(clients.l1, system, r.blockTimeSeconds)) }
  const l2BlockTimeSeconds = clients.l2 ? await measureBlockTime(clients.l2, r.blockTimeSeconds) : r.blockTimeSeconds
  if (system.kind === 'dispute-games') return { ...base, l2BlockTimeSeconds, ...(await gameParams(clients.l1, system)) }
  const [now] = await readMany(clients.l1, [nowRead()])
  return { ...base, l2BlockTimeSeconds, cadence: cadenceOf([]), readAt: num(value(now)) ?? 0 }
}

/** The L1 time of the block the multicall runs in: chain time, not the computer's clock (the devnet warps it). */
export function nowRead(): Read {
  return { address: MULTICALL3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' }
}

async function gameParams(l1: Pick<RpcClient, 'multicall'>, s: Extract<ProofSystem, { kind: 'dispute-games' }>) {
  const p = (functionName: string): Read => ({ address: s.portal, abi: portal2Abi, functionName })
  const a = (functionName: string): Read | null => (s.anchorStateRegistry ? { address: s.anchorStateRegistry, abi: anchorStateRegistryAbi, functionName } : null)
  const impl = s.gameImplementation !== zeroAddress ? s.gameImplementation : null
  const g = (functionName: string): Read | null => (impl ? { address: impl, abi: disputeGameAbi, functionName } : null)
  const reads = [
    nowRead(),
    { address: s.factory, abi: disputeGameFactoryAbi, functionName: 'gameCount' },
    p('proofMaturityDelaySeconds'),
    p('disputeGameFinalityDelaySeconds'),
    p('respectedGameTypeUpdatedAt'),
    a('disputeGameFinalityDelaySeconds'),
    a('retirementTimestamp'),
    g('maxClockDuration'),
    g('maxChallengeDuration'),
    g('maxProveDuration'),
    g('FAST_FINALIZATION_DELAY'),
    g('SLOW_FINALIZATION_DELAY'),
  ]
  const res = await readMany(l1, reads.map((x) => x ?? nowRead()))
  const at = (i: number) => (reads[i] ? res[i] : undefined)
  const readAt = num(value(at(0))) ?? 0
  const count = value<bigint>(at(1)) ?? 0n
  const latest = latestGamesRead(s.factory, s.respectedGameType, count, CADENCE_SAMPLES)
  const games = latest ? ((value<RawGame[]>((await readMany(l1, [latest]))[0]) ?? []) as RawGame[]) : []
  // 3.x: games created before respectedGameTypeUpdatedAt do not count; 5.x: games up to the registry's retirement time
  const retired = num(value(at(6)))
  const validAfter = Math.max(num(value(at(4))) ?? 0, retired ? retired + 1 : 0)
  const proposals = games.map(proposalFromGame).filter((g) => g.timestamp >= validAfter)
  let clock = num(value(at(7))) ?? num(value(at(8)))
  let prove = num(value(at(9)))
  let fast = num(value(at(10)))
  let slow = num(value(at(11)))
  // Newer games take their parameters from the factory's gameArgs: the shared implementation may
  // not answer, the game proxies do.
  if (clock === undefined && fast === undefined && proposals[0]?.game) {
    const gp = (functionName: string): Read => ({ address: proposals[0].game!, abi: disputeGameAbi, functionName })
    const [c, d, e, f, g2] = await readMany(l1, [gp('maxClockDuration'), gp('maxChallengeDuration'), gp('maxProveDuration'), gp('FAST_FINALIZATION_DELAY'), gp('SLOW_FINALIZATION_DELAY')])
    clock = num(value(c)) ?? num(value(d))
    prove ??= num(value(e))
    fast ??= num(value(f))
    slow ??= num(value(g2))
  }
  return {
    proofMaturityDelaySeconds: num(value(at(2))),
    disputeGameFinalityDelaySeconds: num(value(at(3))) ?? num(value(at(5))),
    ...(validAfter ? { gamesValidAfter: validAfter } : {}),
    ...(clock !== undefined && !s.game.resolvesAtCreation ? { gameClockSeconds: clock } : {}),
    ...(prove !== undefined && s.game.family === 'op-succinct-lite' ? { proveDurationSeconds: prove } : {}),
    ...(fast !== undefined && slow !== undefined && s.game.family === 'aggregate' ? { finalizationDelays: { fastSeconds: fast, slowSeconds: slow } } : {}),
    cadence: cadenceOf(proposals),
    readAt,
  }
}

async function oracleParams(l1: Pick<RpcClient, 'multicall'>, s: Extract<ProofSystem, { kind: 'output-oracle' }>, fallbackBlockTime: number) {
  const o = (functionName: string, args?: unknown[]): Read => ({ address: s.oracle, abi: outputOracleAbi, functionName, ...(args ? { args } : {}) })
  const getter = (lower: string, upper: string) => (s.getters === 'uppercase' ? o(upper) : o(lower))
  const [now, period, interval, blockTime, latestIndex] = await readMany(l1, [
    nowRead(),
    getter('finalizationPeriodSeconds', 'FINALIZATION_PERIOD_SECONDS'),
    getter('submissionInterval', 'SUBMISSION_INTERVAL'),
    getter('l2BlockTime', 'L2_BLOCK_TIME'),
    o('latestOutputIndex'),
  ])
  const latest = value<bigint>(latestIndex)
  const outputs = latest === undefined ? [] : await recentOutputs(l1, s.oracle, latest, CADENCE_SAMPLES)
  return {
    l2BlockTimeSeconds: num(value(blockTime)) ?? fallbackBlockTime,
    submissionIntervalBlocks: num(value(interval)),
    finalizationPeriodSeconds: num(value(period)),
    cadence: cadenceOf(outputs),
    readAt: num(value(now)) ?? 0,
  }
}

/** The newest `n` outputs (newest first), one eth_call. */
export async function recentOutputs(l1: Pick<RpcClient, 'multicall'>, oracle: Address, latestIndex: bigint, n: number): Promise<Proposal[]> {
  const indices: bigint[] = []
  for (let i = latestIndex; i >= 0n && indices.length < n; i--) indices.push(i)
  const res = await readMany(
    l1,
    indices.map((i) => ({ address: oracle, abi: outputOracleAbi, functionName: 'getL2Output', args: [i] })),
  )
  const out: Proposal[] = []
  res.forEach((r, k) => {
    const o = value<{ outputRoot: Hex; timestamp: bigint; l2BlockNumber: bigint }>(r)
    if (o) out.push({ index: Number(indices[k]), l2Block: Number(o.l2BlockNumber), timestamp: Number(o.timestamp), root: o.outputRoot })
  })
  return out
}

/** Median seconds between the last 10 L2 blocks (one JSON-RPC batch); the configured value if the L2 does not answer. */
async function measureBlockTime(l2: Pick<RpcClient, 'getBlock' | 'getBlockNumber'>, fallback: number): Promise<number> {
  try {
    const head = await l2.getBlockNumber()
    const span = head > 10n ? 10 : Number(head)
    if (span < 2) return fallback
    const blocks = await Promise.all(Array.from({ length: span + 1 }, (_, i) => l2.getBlock({ blockNumber: head - BigInt(i) })))
    const deltas = blocks.slice(1).map((b, i) => Number(blocks[i].timestamp - b.timestamp))
    const t = median(deltas)
    return t && t > 0 ? t : fallback
  } catch {
    return fallback
  }
}
