// Each shipped mainnet rollup, from a recorded set of its on-chain parameters (the values in
// ../shared/FACTS.md, "The contracts the chains run today", and its recent proposal cadence),
// through the wallet's own detection and parameter reads (the same code that reads the chain):
// the proof system it is classified as, and the exit time it predicts. No shipped chain may read as
// "unknown". The recorded reads answer by contract and getter, as Multicall3 would.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { encodeAbiParameters, getAddress, type Address, type PublicClient } from 'viem'
import { BUILTIN_NETWORKS } from '../../src/chains/builtin.ts'
import { readRollupParams } from '../../src/rollup/params.ts'
import { exitDuration, formatDuration } from '../../src/rollup/exit-time.ts'
import { describeProofSystem } from '../../src/rollup/proof-system.ts'

const DAY = 86400
const HOUR = 3600
// The registries of Phala (FACTS) and Ink (reference/abis/dgf_asr_pdg_current.abi.txt); OP Mainnet's
// and Base's addresses are not in the facts: stand-ins, since the wallet reads the one the portal names.
const ASR: Record<number, Address> = {
  2035: '0xDeF9B23dAE7769004e80f579f9d3aF0D7a29E4aD',
  10: '0x00000000000000000000000000000000000a5a10',
  8453: '0x00000000000000000000000000000000000a5a21',
  57073: '0xEe018bAf058227872540AC60eFbd38b023d9dAe2',
}
const GAME_IMPL = '0x00000000000000000000000000000000000fa1e5'
const NOW = 1_796_000_000

interface Recorded {
  chainId: number
  portalVersion: string
  respectedGameType: number
  proofMaturity: number
  finality: number
  /** the game implementation's getters, as far as the type has them */
  game: Record<string, bigint>
  /** the newest proposals: seconds and L2 blocks between them */
  cadence: { everySeconds: number; blocks: number }
  expect: { family: string; label: RegExp; exitSeconds: number }
}

const CHAINS: Recorded[] = [
  {
    chainId: 2035, // Phala L2: portal 5.6.1 since 2026-08, permissioned games (type 1), proposals about every 12 h
    portalVersion: '5.6.1',
    respectedGameType: 1,
    proofMaturity: 7 * DAY,
    finality: 3.5 * DAY,
    game: { maxClockDuration: BigInt(3.5 * DAY) },
    cadence: { everySeconds: 12 * HOUR, blocks: (12 * HOUR) / 10 },
    // 12 h to a proposal, then max(7 d maturity, 3.5 d clock + 3.5 d finality) = 7 d
    expect: { family: 'permissioned', label: /permissioned fault proofs \(game type 1\)/, exitSeconds: 12 * HOUR + 7 * DAY },
  },
  {
    chainId: 10, // OP Mainnet: portal 5.6.1, permissionless fault proofs type 8 (CANNON_KONA) since upgrade 19
    portalVersion: '5.6.1',
    respectedGameType: 8,
    proofMaturity: 7 * DAY,
    finality: 3.5 * DAY,
    game: { maxClockDuration: BigInt(3.5 * DAY), clockExtension: BigInt(3 * HOUR) },
    cadence: { everySeconds: HOUR, blocks: HOUR / 2 },
    expect: { family: 'permissionless', label: /permissionless fault proofs \(Kona\) \(game type 8\)/, exitSeconds: HOUR + 7 * DAY },
  },
  {
    chainId: 8453, // Base: its own portal 5.2.0 + ASR 3.7.0, AggregateVerifier (621): 1 d fast, 7 d slow, proof maturity 1 d, no registry finality delay
    portalVersion: '5.2.0',
    respectedGameType: 621,
    proofMaturity: 1 * DAY,
    finality: 0,
    game: { FAST_FINALIZATION_DELAY: BigInt(DAY), SLOW_FINALIZATION_DELAY: BigInt(7 * DAY) },
    cadence: { everySeconds: HOUR, blocks: HOUR / 2 },
    expect: { family: 'aggregate', label: /aggregate TEE \+ ZK proofs \(game type 621\)/, exitSeconds: HOUR + DAY },
  },
  {
    chainId: 57073, // Ink: portal 5.6.1, permissionless fault proofs type 8, 1 s blocks
    portalVersion: '5.6.1',
    respectedGameType: 8,
    proofMaturity: 7 * DAY,
    finality: 3.5 * DAY,
    game: { maxClockDuration: BigInt(3.5 * DAY), clockExtension: BigInt(3 * HOUR) },
    cadence: { everySeconds: HOUR, blocks: HOUR },
    expect: { family: 'permissionless', label: /game type 8/, exitSeconds: HOUR + 7 * DAY },
  },
]

/** A Multicall3 stand-in answering from the recorded values (a getter not recorded reverts, as on chain). */
function recordedClient(r: Recorded, portal: Address, factory: Address): Pick<PublicClient, 'multicall'> {
  const asr = getAddress(ASR[r.chainId])
  const games = Array.from({ length: 10 }, (_, i) => ({
    index: BigInt(1000 - i),
    metadata: `0x${(r.respectedGameType).toString(16).padStart(8, '0')}${'0'.repeat(16)}${'ab'.repeat(20)}` as `0x${string}`,
    timestamp: BigInt(NOW - i * r.cadence.everySeconds),
    rootClaim: `0x${'11'.repeat(32)}` as `0x${string}`,
    extraData: encodeAbiParameters([{ type: 'uint256' }], [BigInt(5_000_000 - i * r.cadence.blocks)]),
  }))
  const table: Record<string, unknown> = {
    [`${portal}:version`]: r.portalVersion,
    [`${portal}:disputeGameFactory`]: factory,
    [`${portal}:anchorStateRegistry`]: asr,
    [`${portal}:respectedGameType`]: r.respectedGameType,
    [`${portal}:proofMaturityDelaySeconds`]: BigInt(r.proofMaturity),
    [`${portal}:disputeGameFinalityDelaySeconds`]: BigInt(r.finality),
    [`${portal}:respectedGameTypeUpdatedAt`]: BigInt(NOW - 90 * DAY), // 5.x: the registry's retirement time
    [`${asr}:retirementTimestamp`]: BigInt(NOW - 90 * DAY),
    [`${asr}:respectedGameType`]: r.respectedGameType,
    [`${asr}:disputeGameFinalityDelaySeconds`]: BigInt(r.finality),
    [`${factory}:gameCount`]: 1001n,
    [`${factory}:gameImpls`]: getAddress(GAME_IMPL),
    [`${factory}:findLatestGames`]: games,
    [`0xcA11bde05977b3631167028862bE2a173976CA11:getCurrentBlockTimestamp`]: BigInt(NOW),
    ...Object.fromEntries(Object.entries(r.game).map(([k, v]) => [`${getAddress(GAME_IMPL)}:${k}`, v])),
  }
  return {
    multicall: (async ({ contracts }: { contracts: { address: Address; functionName: string }[] }) =>
      contracts.map((c) => {
        const key = `${getAddress(c.address)}:${c.functionName}`
        return key in table ? { status: 'success', result: table[key] } : { status: 'failure', error: new Error('execution reverted') }
      })) as never,
  }
}

for (const r of CHAINS) {
  const n = BUILTIN_NETWORKS.find((x) => x.chainId === r.chainId)!
  test(`${n.name}: classified from its on-chain parameters, with a known exit time`, async () => {
    const portal = getAddress(n.rollup!.portal)
    const factory = getAddress(n.rollup!.disputeGameFactory!)
    const p = await readRollupParams({ l1: recordedClient(r, portal, factory) }, { l2ChainId: n.chainId, l1ChainId: 1, portal, blockTimeSeconds: n.blockTimeSeconds })
    assert.equal(p.system.kind, 'dispute-games')
    if (p.system.kind !== 'dispute-games') return
    assert.equal(p.system.game.family, r.expect.family)
    assert.match(describeProofSystem(p.system), r.expect.label)
    assert.equal(p.system.anchorStateRegistry, getAddress(ASR[r.chainId]), 'a 5.x portal names its registry')
    assert.equal(p.proofMaturityDelaySeconds, r.proofMaturity)
    const d = exitDuration(p)
    assert.notEqual(d.totalSeconds, null, d.reason)
    assert.equal(d.totalSeconds, r.expect.exitSeconds, `${n.name}: ${formatDuration(d.totalSeconds ?? 0)} (${d.reason})`)
    assert.doesNotMatch(d.reason, /unknown|does not know/)
  })
}

test('every shipped mainnet rollup has a recorded parameter set here', () => {
  const shipped = BUILTIN_NETWORKS.filter((n) => n.rollup && !n.testnet).map((n) => n.chainId).sort()
  assert.deepEqual(CHAINS.map((c) => c.chainId).sort(), shipped)
})
