// The withdrawal state machine, fact by fact: what the chain says moves the status, records when
// each step opened, announces each transition once, and flags a proof that no longer counts.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { evaluateWithdrawal, type ChainFacts, type WithdrawalFacts } from '../../src/bridge/evaluate.ts'
import { ETH_TOKEN, type WithdrawalItem } from '../../src/bridge/types.ts'
import { cadenceOf, type RollupParams } from '../../src/rollup/params.ts'
import { gameTypeInfo } from '../../src/rollup/proof-system.ts'

const T0 = 1_800_000_000
const GAME = '0x00000000000000000000000000000000000000A1' as const

const params = (type = 1): RollupParams => ({
  l2ChainId: 901,
  l1ChainId: 900,
  system: {
    kind: 'dispute-games',
    portal: '0x5740c8d4Ca41cF72af3b7CA90f7e50144dC6d0D8',
    portalVersion: '3.10.0',
    factory: '0xf36b5c426D34c69f020D5bE35D2ecD19Cc5eb966',
    anchorStateRegistry: null,
    respectedGameType: type,
    game: gameTypeInfo(type),
    gameImplementation: '0xeCD694eA8041947Dc4EC1300a43683Fa4A1fF39c',
  },
  l2BlockTimeSeconds: 2,
  proofMaturityDelaySeconds: 240,
  disputeGameFinalityDelaySeconds: 120,
  gameClockSeconds: 120,
  cadence: cadenceOf([
    { index: 3, l2Block: 100, timestamp: T0, root: '0x01', game: GAME },
    { index: 2, l2Block: 95, timestamp: T0 - 10, root: '0x01' },
  ]),
  readAt: T0,
})

const item = (over: Partial<WithdrawalItem> = {}): WithdrawalItem => ({
  kind: 'withdrawal',
  id: '901:0xabc',
  l2ChainId: 901,
  l1ChainId: 900,
  account: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  to: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  token: ETH_TOKEN,
  amount: '1000',
  l2Hash: '0xabc',
  createdAt: 0,
  status: 'waiting-proposal',
  l2Block: 103,
  message: { nonce: '1', sender: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', target: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', value: '1000', gasLimit: '100000', data: '0x', withdrawalHash: '0x01' },
  ...over,
})

const chain = (now: number, latestBlock: number | null, p = params()): ChainFacts => ({
  now,
  params: p,
  latest: latestBlock === null ? null : { index: 4, l2Block: latestBlock, timestamp: now - 2, root: '0x02', game: GAME },
})
const none: WithdrawalFacts = { finalized: false, proven: null }

test('waiting for a proposal: predicted from the cadence, then ready to prove once one covers the block (announced once)', () => {
  const a = evaluateWithdrawal(item(), chain(T0 + 3, 100), none)
  assert.equal(a.item.status, 'waiting-proposal')
  // the newest proposal (block 100, made at T0 + 1) + one interval of the cadence (10 s)
  assert.equal(a.item.eta?.prove?.at, T0 + 11)
  assert.equal(a.item.eta?.firstProve?.at, T0 + 11)
  assert.equal(a.nextAt, T0 + 11)
  const b = evaluateWithdrawal(a.item, chain(T0 + 11, 105), none)
  assert.equal(b.item.status, 'ready-to-prove')
  assert.deepEqual(b.transitions, ['ready-to-prove'])
  assert.equal(b.item.opened?.prove, T0 + 9, 'opened when the covering proposal was made')
  assert.equal(b.item.eta?.firstProve?.at, T0 + 11, 'the first prediction is kept to measure it')
  assert.deepEqual(evaluateWithdrawal(b.item, chain(T0 + 12, 110), none).transitions, [])
})

test('proven: waits with its finalize prediction, then ready to finalize when the portal says so', () => {
  const proving = item({ status: 'proving', proof: { submitter: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', hash: '0xbeef' } })
  // the prove transaction is not mined yet: nothing to decide
  assert.equal(evaluateWithdrawal(proving, chain(T0 + 20, 105), none).item.status, 'proving')
  const facts: WithdrawalFacts = { finalized: false, proven: { provenAt: T0 + 20, game: GAME }, game: { type: 1, status: 0, createdAt: T0 + 9, resolvedAt: 0, blacklisted: false }, finalizable: false, proveTx: 'success' }
  const a = evaluateWithdrawal(proving, chain(T0 + 21, 105), facts)
  assert.equal(a.item.status, 'proven')
  assert.equal(a.item.eta?.finalize?.at, Math.max(T0 + 20 + 241, T0 + 9 + 120 + 121))
  assert.equal(a.item.proof?.game, GAME)
  const b = evaluateWithdrawal(a.item, chain(T0 + 300, 140), { ...facts, proveTx: undefined, game: { ...facts.game!, status: 2, resolvedAt: T0 + 130 }, finalizable: true })
  assert.equal(b.item.status, 'ready-to-finalize')
  assert.deepEqual(b.transitions, ['ready-to-finalize'])
  assert.equal(b.item.opened?.finalize, Math.max(T0 + 20 + 240, T0 + 130 + 120) + 1)
  const done = evaluateWithdrawal({ ...b.item, status: 'finalizing', finalizeHash: '0xf1' }, chain(T0 + 320, 140), { ...facts, finalized: true, finalizeTx: 'success' })
  assert.equal(done.item.status, 'finalized')
  assert.deepEqual(done.transitions, ['finalized'])
})

test('a proof that no longer counts is flagged: game lost, game blacklisted, respected type changed, output deleted', () => {
  const proven = item({ status: 'proven', proof: { submitter: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', provenAt: T0, game: GAME, gameType: 1 } })
  const base: WithdrawalFacts = { finalized: false, proven: { provenAt: T0, game: GAME }, game: { type: 1, status: 0, createdAt: T0 - 1, resolvedAt: 0, blacklisted: false }, finalizable: false }
  const lost = evaluateWithdrawal(proven, chain(T0 + 50, 140), { ...base, game: { ...base.game!, status: 1 } })
  assert.match(lost.item.reprove!, /lost by its proposer/)
  assert.equal(lost.item.status, 'ready-to-prove')
  assert.deepEqual(lost.transitions, ['reprove', 'ready-to-prove'])
  assert.match(evaluateWithdrawal(proven, chain(T0 + 50, 140), { ...base, game: { ...base.game!, blacklisted: true } }).item.reprove!, /blacklisted/)
  const switched = evaluateWithdrawal(proven, chain(T0 + 50, null, params(0)), base)
  assert.match(switched.item.reprove!, /now respects permissionless fault proofs \(game type 0\)/)
  assert.equal(switched.item.status, 'waiting-proposal', 'no game of the new type yet')
  const retired = evaluateWithdrawal(proven, chain(T0 + 50, 140, { ...params(), gamesValidAfter: T0 + 5 }), base)
  assert.match(retired.item.reprove!, /changed its respected game type/)
  // a new proof against a valid game clears the flag
  const again = evaluateWithdrawal(switched.item, chain(T0 + 90, 150, params(0)), { ...base, proven: { provenAt: T0 + 80, game: GAME }, game: { ...base.game!, type: 0, createdAt: T0 + 70 } })
  assert.equal(again.item.reprove, undefined)
  assert.equal(again.item.status, 'proven')

  const oracle: RollupParams = { ...params(), system: { kind: 'output-oracle', portal: '0x77d1D600D15AfDd1A25fd5cE281057b325c2d722', portalVersion: '2.8.1-beta.1', oracle: '0xED55c3D9E464F27f2E17a6534011B84deB17a4eA', oracleVersion: 'v3.0.0', flavor: 'op-succinct', getters: 'lowercase' }, finalizationPeriodSeconds: 120 }
  const out = item({ status: 'proven', proof: { submitter: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', provenAt: T0, outputIndex: 7, outputRoot: '0x07' } })
  const ok = evaluateWithdrawal(out, chain(T0 + 10, 140, oracle), { finalized: false, proven: { provenAt: T0, outputIndex: 7, outputRoot: '0x07' }, output: { root: '0x07', timestamp: T0 - 5 } })
  assert.equal(ok.item.eta?.finalize?.at, T0 + 121)
  assert.match(evaluateWithdrawal(out, chain(T0 + 10, 140, oracle), { finalized: false, proven: { provenAt: T0, outputIndex: 7, outputRoot: '0x07' }, output: 'deleted' }).item.reprove!, /deleted/)
})

test('a failed prove or finalize transaction says so and offers the step again', () => {
  const proving = item({ status: 'proving', proof: { submitter: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', hash: '0xbeef' } })
  const a = evaluateWithdrawal(proving, chain(T0 + 20, 105), { ...none, proveTx: 'reverted' })
  assert.equal(a.item.status, 'ready-to-prove')
  assert.match(a.item.error!, /prove transaction failed/)
  assert.equal(a.item.proof?.hash, undefined)
  assert.equal(proving.proof?.hash, '0xbeef', 'the stored item is not mutated')
})

// ---------------------------------------------------------------- portals with an AnchorStateRegistry (5.x)

const ASR = '0x00000000000000000000000000000000000a5a00' as const
const params5 = (type: number, over: Partial<RollupParams> = {}): RollupParams => {
  const p = params(type)
  if (p.system.kind !== 'dispute-games') throw new Error('games')
  return { ...p, system: { ...p.system, portalVersion: '5.6.1', anchorStateRegistry: ASR }, ...over }
}
const provenAgainst = (game: Partial<NonNullable<WithdrawalFacts['game']>>): WithdrawalFacts => ({
  finalized: false,
  proven: { provenAt: T0 - 100, game: GAME },
  game: { type: 0, status: 2, createdAt: T0 - 200, resolvedAt: T0 - 150, blacklisted: false, retired: false, respected: true, registered: true, ...game },
})

test('5.x: a change of the respected type alone keeps the proof (OP Mainnet and Ink went 0 -> 8); the registry decides', () => {
  const w = item({ status: 'proven', proof: { submitter: item().account, provenAt: T0 - 100, game: GAME, gameType: 0 } })
  // the chain now respects type 8; the proof's game is type 0, not retired, respected when created
  const ev = evaluateWithdrawal(w, chain(T0, 103, params5(8)), provenAgainst({ type: 0 }))
  assert.equal(ev.item.reprove, undefined)
  assert.notEqual(ev.item.status, 'ready-to-prove')
  assert.deepEqual(ev.transitions.filter((t) => t === 'reprove'), [])
})

test('5.x: a retirement, a blacklist, a lost game or a game not respected when created flags the proof, each with its reason', () => {
  const w = item({ status: 'proven', proof: { submitter: item().account, provenAt: T0 - 100, game: GAME } })
  const cases: [Partial<NonNullable<WithdrawalFacts['game']>>, RegExp][] = [
    [{ retired: true }, /retired every game up to a recent time/],
    [{ blacklisted: true }, /blacklisted/],
    [{ status: 1 }, /lost by its proposer/],
    [{ respected: false }, /not of the type the chain respected when it was created/],
    [{ registered: false }, /not one the chain’s factory created/],
  ]
  for (const [g, why] of cases) {
    const ev = evaluateWithdrawal(w, chain(T0, 103, params5(8)), provenAgainst(g))
    assert.match(ev.item.reprove ?? '', why, JSON.stringify(g))
    assert.deepEqual(ev.transitions, ['reprove', 'ready-to-prove'])
  }
})

test('3.x: no registry to ask: the local rule still flags a proof when the respected type changed', () => {
  const w = item({ status: 'proven', proof: { submitter: item().account, provenAt: T0 - 100, game: GAME } })
  const ev = evaluateWithdrawal(w, chain(T0, 103, params(8)), { ...provenAgainst({ type: 0 }), game: { type: 0, status: 2, createdAt: T0 - 200, resolvedAt: T0 - 150, blacklisted: false } })
  assert.match(ev.item.reprove ?? '', /no longer counts on this portal/)
})

test('a proof someone else submitted is adopted: finalize names that submitter, no prove is offered', () => {
  const relayer = '0x000000000000000000000000000000000000bEEF' as const
  const w = item({ status: 'ready-to-prove' })
  const f: WithdrawalFacts = { ...provenAgainst({}), proven: { provenAt: T0 - 100, game: GAME, submitter: relayer } }
  const ev = evaluateWithdrawal(w, chain(T0, 103, params5(1)), f)
  assert.ok(ev.item.status === 'proven' || ev.item.status === 'ready-to-finalize', ev.item.status)
  assert.equal(ev.item.proof?.submitter, relayer)
  assert.equal(ev.item.proof?.provenAt, T0 - 100)
})

test('OP Succinct Lite and AggregateVerifier: finalization follows what the game says of its own resolution (and never before now)', () => {
  const w = item({ status: 'proven', proof: { submitter: item().account, provenAt: T0 - 100, game: GAME } })
  const inProgress = (g: Partial<NonNullable<WithdrawalFacts['game']>>) => provenAgainst({ status: 0, resolvedAt: 0, ...g })
  // Lite, challenged: resolves at its deadline; finality 120 s after that
  let ev = evaluateWithdrawal(w, chain(T0, 103, params5(42)), inProgress({ type: 42, expected: T0 + 500, expectedWhy: 'Challenged: the proposer’s time to prove it' }))
  assert.equal(ev.item.eta?.finalize?.at, T0 + 500 + 120 + 1)
  assert.match(ev.item.eta?.finalize?.reason ?? '', /challenged: the proposer’s time to prove it: 8 min 20 s left/i)
  // proven early: resolvable now, so maturity decides
  ev = evaluateWithdrawal(w, chain(T0, 103, params5(42)), inProgress({ type: 42, expected: T0, expectedWhy: 'Proven: the game can resolve' }))
  assert.equal(ev.item.eta?.finalize?.at, Math.max(T0 - 100 + 240 + 1, T0 + 120 + 1))
  // 621 waiting for its proofs: no date, a reason
  ev = evaluateWithdrawal(w, chain(T0, 103, params5(621)), inProgress({ type: 621, expected: null, expectedWhy: 'The game is waiting for its proofs' }))
  assert.equal(ev.item.eta?.finalize?.at, null)
  assert.match(ev.item.eta?.finalize?.reason ?? '', /waiting for its proofs/)
})
