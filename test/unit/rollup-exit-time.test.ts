// Exit-time predictions over parameters shaped like the chains the wallet meets: Phala L2 today
// (permissioned games every ~12 h, 7 d maturity, 3.5 d clock + 3.5 d finality), a validity-game
// chain (resolves at creation), an OP Succinct output oracle, and a game type nobody knows.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cadenceText, exitDuration, formatDuration, predictFinalize, predictProposal } from '../../src/rollup/exit-time.ts'
import { cadenceOf, median, type Proposal, type RollupParams } from '../../src/rollup/params.ts'
import { gameTypeInfo, type ProofSystem } from '../../src/rollup/proof-system.ts'

const H = 3600
const D = 86400
const T0 = 1_800_000_000

function games(type: number, extra: Partial<RollupParams> = {}): RollupParams {
  const system: ProofSystem = {
    kind: 'dispute-games',
    portal: '0x96B124841Eff4Ab1b3C1F654D60402a1405fF51A',
    portalVersion: '5.6.1',
    factory: '0x2157F4d5934c4b12193C4983E99b9D6418798a2E',
    anchorStateRegistry: '0xDeF9B23dAE7769004e80f579f9d3aF0D7a29E4aD',
    respectedGameType: type,
    game: gameTypeInfo(type),
    gameImplementation: '0xe1dFFCBE4e22B813F26d2106D943C102e7cAb87e',
  }
  // proposals every 12 h for 4320 blocks (10 s blocks), newest first
  const proposals: Proposal[] = [0, 1, 2, 3].map((i) => ({ index: 100 - i, l2Block: 1_000_000 - i * 4320, timestamp: T0 - i * 12 * H, root: '0x01' }))
  return {
    l2ChainId: 2035,
    l1ChainId: 1,
    system,
    l2BlockTimeSeconds: 10,
    proofMaturityDelaySeconds: 7 * D,
    disputeGameFinalityDelaySeconds: 3.5 * D,
    gameClockSeconds: 3.5 * D,
    cadence: cadenceOf(proposals),
    readAt: T0,
    ...extra,
  }
}

test('formatDuration: the two largest units, whole numbers', () => {
  assert.equal(formatDuration(3 * D + 4 * H + 59), '3 d 4 h')
  assert.equal(formatDuration(12 * H), '12 h')
  assert.equal(formatDuration(5 * 60 + 1), '5 min 1 s')
  assert.equal(formatDuration(40), '40 s')
  assert.equal(formatDuration(0), '0 s')
})

test('cadence: median interval and blocks from the newest proposals; the reason names the proposer', () => {
  const p = games(1)
  assert.equal(p.cadence.intervalSeconds, 12 * H)
  assert.equal(p.cadence.blocksPerProposal, 4320)
  assert.equal(cadenceText(p), 'permissioned proposer: proposals about every 12 h')
  assert.equal(median([5, 1, 100]), 5, 'an outlier (a warp, a proposer outage) does not move the median')
  assert.equal(cadenceText({ ...p, cadence: cadenceOf([]) }), 'permissioned proposer: no proposals seen yet')
})

test('ready to prove: the proposal that covers the block, from the cadence', () => {
  const p = games(1)
  // 1 block after the last proposal: the next one, 12 h after the last
  assert.deepEqual(predictProposal(p, 1_000_001, T0 + 60), { at: T0 + 12 * H, reason: 'permissioned proposer: proposals about every 12 h' })
  // 5000 blocks on: two proposals away
  assert.equal(predictProposal(p, 1_005_000, T0 + 60).at, T0 + 24 * H)
  // already covered: open since the proposal
  assert.equal(predictProposal(p, 999_999, T0 + 60).at, T0)
  // the proposer is late: the next tick of its cadence from now, flagged
  const late = predictProposal(p, 1_000_001, T0 + 13 * H)
  assert.equal(late.at, T0 + 24 * H)
  assert.equal(late.late, true)
})

test('ready to finalize on a fault-proof portal: max(proven + maturity, resolved + finality), the term viem leaves out included', () => {
  const p = games(1)
  const created = T0
  const proven = T0 + 600
  // Phala today: maturity 7 d = clock 3.5 d + finality 3.5 d, the proof came after the game: maturity decides
  const a = predictFinalize(p, { provenAt: proven, game: { createdAt: created, resolvedAt: 0, status: 0 } }, proven)
  assert.equal(a.at, proven + 7 * D + 1)
  assert.match(a.reason, /^proof maturity: 7 d left; game clock: 3 d 11 h left; dispute-game finality: 6 d 23 h left$/)
  // a shorter maturity: the game's clock and the finality delay decide (viem would say proven + 3 d)
  const b = predictFinalize({ ...p, proofMaturityDelaySeconds: 3 * D }, { provenAt: proven, game: { createdAt: created, resolvedAt: 0, status: 0 } }, proven)
  assert.equal(b.at, created + 3.5 * D + 3.5 * D + 1)
  assert.deepEqual(
    b.parts.map((x) => x.key),
    ['maturity', 'clock', 'finality'],
  )
  // once resolved, the real resolution time counts
  const c = predictFinalize({ ...p, proofMaturityDelaySeconds: 3 * D }, { provenAt: proven, game: { createdAt: created, resolvedAt: created + 4 * D, status: 2 } }, created + 4 * D)
  assert.equal(c.at, created + 4 * D + 3.5 * D + 1)
  // clock ran out but nobody resolved the game yet: any moment now, so finality from now
  const now = created + 5 * D
  assert.equal(predictFinalize({ ...p, proofMaturityDelaySeconds: 3 * D }, { provenAt: proven, game: { createdAt: created, resolvedAt: 0, status: 0 } }, now).at, now + 3.5 * D + 1)
})

test('validity games resolve at creation: only maturity and finality from creation', () => {
  const p = games(6, { proofMaturityDelaySeconds: H, disputeGameFinalityDelaySeconds: 8 * H, gameClockSeconds: undefined })
  assert.equal(p.system.kind === 'dispute-games' && p.system.game.label, 'OP Succinct validity proofs (game type 6)')
  const at = predictFinalize(p, { provenAt: T0 + 60, game: { createdAt: T0, resolvedAt: T0, status: 2 } }, T0 + 60).at
  assert.equal(at, T0 + 8 * H + 1)
  assert.equal(exitDuration(p).finalizeWaitSeconds, 8 * H)
})

test('output oracles: max(proven, output time) + finalization period', () => {
  const p: RollupParams = {
    l2ChainId: 2035,
    l1ChainId: 1,
    system: { kind: 'output-oracle', portal: '0x96B124841Eff4Ab1b3C1F654D60402a1405fF51A', portalVersion: '2.8.0', oracle: '0xb45440830bd8D288bB2B5B01Be303ae60fc855d8', oracleVersion: 'v1.0.0-rc2', flavor: 'op-succinct', getters: 'uppercase' },
    l2BlockTimeSeconds: 10,
    submissionIntervalBlocks: 4320,
    finalizationPeriodSeconds: 8 * H,
    cadence: cadenceOf([]),
    readAt: T0,
  }
  assert.equal(cadenceText(p), 'OP Succinct validity proofs: an output about every 12 h (every 4320 L2 blocks)', 'no outputs seen: the submission interval stands in')
  assert.equal(predictFinalize(p, { provenAt: T0 + 100, output: { timestamp: T0 } }, T0 + 100).at, T0 + 100 + 8 * H + 1)
  assert.equal(predictFinalize(p, { provenAt: T0 - 100, output: { timestamp: T0 } }, T0).at, T0 + 8 * H + 1)
  assert.deepEqual(exitDuration(p), { proveWaitSeconds: 12 * H, finalizeWaitSeconds: 8 * H, totalSeconds: 20 * H, reason: cadenceText(p) })
})

test('a game type the wallet does not know: no guess, and the reason says so', () => {
  const p = games(1337)
  assert.equal(p.system.kind === 'dispute-games' && p.system.game.family, 'unknown')
  const e = predictProposal(p, 1_000_001, T0)
  assert.equal(e.at, null)
  assert.match(e.reason, /game type 1337, which this wallet does not know/)
  assert.equal(predictFinalize(p, { provenAt: T0, game: { createdAt: T0, resolvedAt: 0, status: 0 } }, T0).at, null)
  assert.equal(exitDuration(p).totalSeconds, null)
})
