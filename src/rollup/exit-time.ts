// When each step of a withdrawal opens, predicted from the chain's own parameters (params.ts).
// Pure functions over L1 seconds (chain time: the devnet moves it, and so may a node's clock):
//   ready to prove    = the predicted proposal that covers the withdrawal's L2 block;
//   ready to finalize = max(proven at + proof maturity delay, game resolved at + dispute-game
//                       finality delay) for OptimismPortal2 (viem's getTimeToFinalize leaves out
//                       the second term), output time + finalization period for output oracles
//                       (and the proof must be that old too, as the legacy portal checks).
// The portals compare with a strict ">", hence the + 1 s.
import { GAME_STATUS } from './abis.ts'
import { formatDuration } from './duration.ts'

export { formatDuration }
import type { Proposal, RollupParams } from './params.ts'

export interface Eta {
  /** L1 seconds when the step opens; null when it cannot be predicted (and `reason` says why) */
  at: number | null
  /** why the wait, in words a user reads: "permissioned proposer: proposals about every 12 h" */
  reason: string
  /** the cadence says it should have happened already */
  late?: boolean
}

export interface FinalizeEta extends Eta {
  /** each clock that must run out, with its own time; the latest one decides */
  parts: { key: 'maturity' | 'clock' | 'finality' | 'period'; label: string; at: number }[]
}

/** "permissioned proposer: proposals about every 12 h" */
export function cadenceText(p: RollupParams): string {
  const every = effectiveCadence(p)
  const s = p.system
  if (s.kind === 'unknown') return `unknown proof system: ${s.reason}`
  let who: string
  let what = 'proposals'
  if (s.kind === 'output-oracle') {
    who = s.flavor === 'op-succinct' ? 'OP Succinct validity proofs' : 'output proposer'
    what = 'an output'
  } else {
    who = { permissioned: 'permissioned proposer', permissionless: 'fault proofs', 'op-succinct': 'OP Succinct validity proofs', 'op-succinct-lite': 'OP Succinct Lite', aggregate: 'TEE + ZK proofs', unknown: s.game.label }[s.game.family]
    if (s.game.family === 'op-succinct') what = 'a proven proposal'
  }
  if (!every) return `${who}: no proposals seen yet`
  const blocks = s.kind === 'output-oracle' && p.submissionIntervalBlocks ? ` (every ${p.submissionIntervalBlocks} L2 blocks)` : ''
  return `${who}: ${what} about every ${formatDuration(every.intervalSeconds)}${blocks}`
}

/**
 * Seconds and L2 blocks between proposals. Proposers propose every so many L2 blocks, so the
 * interval is the median block gap of recent proposals times the L2 block time: steadier than the
 * L1 time between them (one late proposal, a node's clock jump or the devnet's warp skews those).
 * The L1 time median stands in when the block time is unknown; for an oracle with no outputs yet,
 * its submission interval.
 */
export function effectiveCadence(p: RollupParams): { intervalSeconds: number; blocksPerProposal: number } | null {
  const c = p.cadence
  if (c.blocksPerProposal && p.l2BlockTimeSeconds > 0) return { intervalSeconds: c.blocksPerProposal * p.l2BlockTimeSeconds, blocksPerProposal: c.blocksPerProposal }
  if (c.intervalSeconds && c.blocksPerProposal) return { intervalSeconds: c.intervalSeconds, blocksPerProposal: c.blocksPerProposal }
  if (p.system.kind === 'output-oracle' && p.submissionIntervalBlocks) {
    return { intervalSeconds: p.submissionIntervalBlocks * p.l2BlockTimeSeconds, blocksPerProposal: p.submissionIntervalBlocks }
  }
  return null
}

function unpredictable(p: RollupParams): string | null {
  if (p.system.kind === 'unknown') return `This wallet cannot tell how ${p.l2ChainId} proves withdrawals (${p.system.reason}), so it does not guess when the steps open.`
  if (p.system.kind === 'dispute-games' && p.system.game.family === 'unknown') {
    return `The chain respects ${p.system.game.label}: the wallet does not guess its timing, it checks the portal instead.`
  }
  return null
}

/** When a proposal covering `l2Block` exists (or will, from the cadence). */
export function predictProposal(p: RollupParams, l2Block: number, now: number, last: Proposal | null = p.cadence.last): Eta {
  const why = unpredictable(p)
  if (why) return { at: null, reason: why }
  const reason = cadenceText(p)
  if (last && last.l2Block >= l2Block) return { at: last.timestamp, reason }
  const c = effectiveCadence(p)
  if (!c || !last) return { at: null, reason }
  const k = Math.max(1, Math.ceil((l2Block - last.l2Block) / c.blocksPerProposal))
  const at = last.timestamp + k * c.intervalSeconds
  if (at >= now) return { at, reason }
  // Overdue: the next tick of the cadence from now on.
  const m = Math.ceil((now - last.timestamp) / c.intervalSeconds)
  return { at: last.timestamp + Math.max(k, m) * c.intervalSeconds, reason, late: true }
}

export interface ProvenFacts {
  /** L1 time of the proof */
  provenAt: number
  /**
   * the game proven against (OptimismPortal2); `expected`: when the game itself says it can resolve
   * (OP Succinct Lite: its deadline, or now once proven; AggregateVerifier: expectedResolution;
   * null: not before more proofs arrive), already the later of its own and its parent's
   */
  game?: { createdAt: number; resolvedAt: number; status: number; expected?: number | null; expectedWhy?: string }
  /** the output proven against (legacy portal) */
  output?: { timestamp: number }
}

/** When a proven withdrawal can be finalized. */
export function predictFinalize(p: RollupParams, proven: ProvenFacts, now: number): FinalizeEta {
  const why = unpredictable(p)
  if (why) return { at: null, reason: why, parts: [] }
  const left = (t: number) => (t > now ? `${formatDuration(t - now)} left` : 'done')
  if (p.system.kind === 'output-oracle') {
    if (p.finalizationPeriodSeconds === undefined || !proven.output) return { at: null, reason: 'The oracle does not state its finalization period.', parts: [] }
    const at = Math.max(proven.provenAt, proven.output.timestamp) + p.finalizationPeriodSeconds + 1
    return { at, reason: `finalization period (${formatDuration(p.finalizationPeriodSeconds)}): ${left(at)}`, parts: [{ key: 'period', label: 'Finalization period', at }] }
  }
  if (p.system.kind !== 'dispute-games') return { at: null, reason: 'unknown proof system', parts: [] }
  const maturityDelay = p.proofMaturityDelaySeconds
  const finality = p.disputeGameFinalityDelaySeconds
  if (maturityDelay === undefined || finality === undefined || !proven.game) return { at: null, reason: 'The portal does not state its delays.', parts: [] }
  const parts: FinalizeEta['parts'] = []
  const maturity = proven.provenAt + maturityDelay + 1
  parts.push({ key: 'maturity', label: 'Proof maturity', at: maturity })
  const g = proven.game
  let resolvedAt: number
  if (g.status === GAME_STATUS.DEFENDER_WINS && g.resolvedAt > 0) resolvedAt = g.resolvedAt
  else if (p.system.game.resolvesAtCreation) resolvedAt = g.createdAt
  else if (g.expected !== undefined) {
    // the game says when (Lite's deadline or proof, 621's expectedResolution, and its parent's)
    if (g.expected === null) return { at: null, reason: g.expectedWhy ?? 'The game cannot resolve before more proofs arrive.', parts }
    resolvedAt = Math.max(g.expected, now)
    parts.push({ key: 'clock', label: g.expectedWhy ?? 'Game resolution', at: g.expected })
  } else if (p.gameClockSeconds !== undefined) {
    // an unchallenged game can be resolved once its clock ran out; past that, any moment now
    resolvedAt = Math.max(g.createdAt + p.gameClockSeconds, now)
    parts.push({ key: 'clock', label: 'Game clock', at: g.createdAt + p.gameClockSeconds })
  } else return { at: null, reason: 'The game does not state its clock.', parts }
  const finalityAt = resolvedAt + finality + 1
  parts.push({ key: 'finality', label: 'Dispute-game finality', at: finalityAt })
  const at = Math.max(maturity, finalityAt)
  const reasons = [`proof maturity: ${left(maturity)}`]
  const clock = parts.find((x) => x.key === 'clock')
  if (clock && clock.at > now) reasons.push(`${clock.label === 'Game clock' ? 'game clock' : clock.label.toLowerCase()}: ${left(clock.at)}`)
  reasons.push(`dispute-game finality: ${left(finalityAt)}`)
  return { at, reason: reasons.join('; '), parts }
}

/** What an exit costs in time on this chain today, before any withdrawal exists (the L2 comparison). */
export function exitDuration(p: RollupParams): { proveWaitSeconds: number | null; finalizeWaitSeconds: number | null; totalSeconds: number | null; reason: string } {
  const why = unpredictable(p)
  if (why) return { proveWaitSeconds: null, finalizeWaitSeconds: null, totalSeconds: null, reason: why }
  const c = effectiveCadence(p)
  const proveWaitSeconds = c ? c.intervalSeconds : null
  let finalizeWaitSeconds: number | null = null
  if (p.system.kind === 'output-oracle') finalizeWaitSeconds = p.finalizationPeriodSeconds ?? null
  else if (p.system.kind === 'dispute-games' && p.proofMaturityDelaySeconds !== undefined && p.disputeGameFinalityDelaySeconds !== undefined) {
    // validity games resolve when created; Lite after its challenge window; 621 its fast delay after
    // its proofs (the slow one when only one proof comes); fault games when their clock runs out
    const resolution = p.system.game.resolvesAtCreation ? 0 : p.finalizationDelays ? p.finalizationDelays.fastSeconds : (p.gameClockSeconds ?? 0)
    finalizeWaitSeconds = Math.max(p.proofMaturityDelaySeconds, resolution + p.disputeGameFinalityDelaySeconds)
  }
  const totalSeconds = proveWaitSeconds !== null && finalizeWaitSeconds !== null ? proveWaitSeconds + finalizeWaitSeconds : null
  return { proveWaitSeconds, finalizeWaitSeconds, totalSeconds, reason: cadenceText(p) }
}
