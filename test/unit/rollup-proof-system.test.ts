// Detection and parameters against the contract shapes the devnet does not run: Phala's current
// OptimismPortal2 5.6.1 (respected type and finality delay also on the AnchorStateRegistry, no
// respectedGameTypeUpdatedAt, retirement in the registry) and an OP Succinct v1 oracle with the
// uppercase getters. The devnet covers 3.10 and the v3 oracle for real (integration tests); these
// shapes only exist on mainnet, so a stand-in multicall answers from the reference ABIs' getters
// (../shared/reference/abis) and reverts for any getter that version does not have.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Address } from 'viem'
import { detectProofSystem } from '../../src/rollup/proof-system.ts'
import { readRollupParams } from '../../src/rollup/params.ts'

type Answers = Record<string, unknown> // `${address}.${functionName}` -> value

function chainOf(answers: Answers) {
  return {
    async multicall({ contracts }: { contracts: { address: Address; functionName: string; args?: unknown[] }[] }) {
      return contracts.map((c) => {
        const key = `${c.address.toLowerCase()}.${c.functionName}`
        const v = answers[key]
        if (typeof v === 'function') return { status: 'success', result: (v as (args: unknown[]) => unknown)(c.args ?? []) }
        return v === undefined ? { status: 'failure', error: new Error(`revert: ${key}`) } : { status: 'success', result: v }
      })
    },
  }
}

const PORTAL = '0x96b124841eff4ab1b3c1f654d60402a1405ff51a'
const DGF = '0x2157f4d5934c4b12193c4983e99b9d6418798a2e'
const ASR = '0xdef9b23dae7769004e80f579f9d3af0d7a29e4ad'
const PDG = '0xe1dffcbe4e22b813f26d2106d943c102e7cab87e'
const MC = '0xca11bde05977b3631167028862be2a173976ca11'
const T0 = 1_800_000_000n

test("Phala's OptimismPortal2 5.6.1: permissioned games, delays from portal and registry, retirement counts", async () => {
  const game = (i: number) => ({ index: BigInt(100 - i), metadata: `0x${'0'.repeat(24)}${'a1'.repeat(20)}` as `0x${string}`, timestamp: T0 - BigInt(i * 43200), rootClaim: '0x01', extraData: `0x${(1_000_000 - i * 4320).toString(16).padStart(64, '0')}` })
  const l1 = chainOf({
    [`${PORTAL}.version`]: '5.6.1',
    [`${PORTAL}.disputeGameFactory`]: DGF,
    [`${PORTAL}.anchorStateRegistry`]: ASR,
    [`${PORTAL}.respectedGameType`]: 1,
    [`${PORTAL}.proofMaturityDelaySeconds`]: 604800n,
    [`${PORTAL}.disputeGameFinalityDelaySeconds`]: 302400n,
    [`${ASR}.respectedGameType`]: 1,
    [`${ASR}.disputeGameFinalityDelaySeconds`]: 302400n,
    [`${ASR}.retirementTimestamp`]: T0 - 100000n,
    [`${DGF}.gameImpls`]: PDG,
    [`${DGF}.gameCount`]: 101n,
    [`${DGF}.findLatestGames`]: [0, 1, 2, 3].map(game),
    // the shared implementation takes its parameters from gameArgs: the proxies answer, not it
    [`${'0x' + 'a1'.repeat(20)}.maxClockDuration`]: 302400n,
    [`${MC}.getCurrentBlockTimestamp`]: T0 + 60n,
  })
  const ps = await detectProofSystem(l1 as never, PORTAL as Address)
  assert.equal(ps.kind, 'dispute-games')
  assert.equal(ps.kind === 'dispute-games' && ps.anchorStateRegistry?.toLowerCase(), ASR)
  const p = await readRollupParams({ l1: l1 as never }, { l2ChainId: 2035, l1ChainId: 1, portal: PORTAL as Address, blockTimeSeconds: 10 })
  assert.equal(p.proofMaturityDelaySeconds, 604800)
  assert.equal(p.disputeGameFinalityDelaySeconds, 302400)
  assert.equal(p.gameClockSeconds, 302400, "read from the newest game proxy")
  assert.equal(p.gamesValidAfter, Number(T0) - 100000 + 1)
  assert.equal(p.cadence.intervalSeconds, 43200)
  assert.equal(p.cadence.samples, 3, 'the game from before the retirement does not count')
})

test('a 5.x portal that names its respected type only through the registry', async () => {
  const l1 = chainOf({ [`${PORTAL}.version`]: '5.6.1', [`${PORTAL}.disputeGameFactory`]: DGF, [`${PORTAL}.anchorStateRegistry`]: ASR, [`${ASR}.respectedGameType`]: 42, [`${DGF}.gameImpls`]: PDG })
  const ps = await detectProofSystem(l1 as never, PORTAL as Address)
  assert.equal(ps.kind === 'dispute-games' && ps.game.label, 'OP Succinct Lite (optimistic, ZK fallback) (game type 42)')
})

test('OP Succinct v1 oracle behind the legacy portal: uppercase getters', async () => {
  const ORACLE = '0xb45440830bd8d288bb2b5b01be303ae60fc855d8'
  const l1 = chainOf({
    [`${PORTAL}.version`]: '2.8.0',
    [`${PORTAL}.l2Oracle`]: ORACLE,
    [`${ORACLE}.version`]: 'v1.0.0-rc2',
    [`${ORACLE}.FINALIZATION_PERIOD_SECONDS`]: 28800n,
    [`${ORACLE}.finalizationPeriodSeconds`]: 28800n,
    [`${ORACLE}.SUBMISSION_INTERVAL`]: 4320n,
    [`${ORACLE}.L2_BLOCK_TIME`]: 10n,
    [`${ORACLE}.aggregationVkey`]: '0x01',
    [`${ORACLE}.latestOutputIndex`]: 1n,
    [`${ORACLE}.getL2Output`]: ([i]: unknown[]) => ({ outputRoot: '0x01', timestamp: T0 - (1n - (i as bigint)) * 43200n, l2BlockNumber: 4320n * ((i as bigint) + 1n) }),
    [`${MC}.getCurrentBlockTimestamp`]: T0,
  })
  const p = await readRollupParams({ l1: l1 as never }, { l2ChainId: 2035, l1ChainId: 1, portal: PORTAL as Address, blockTimeSeconds: 2 })
  assert.deepEqual(p.system.kind === 'output-oracle' && [p.system.flavor, p.system.getters, p.system.oracleVersion], ['op-succinct', 'uppercase', 'v1.0.0-rc2'])
  assert.equal(p.finalizationPeriodSeconds, 28800)
  assert.equal(p.submissionIntervalBlocks, 4320)
  assert.equal(p.l2BlockTimeSeconds, 10)
  assert.equal(p.cadence.intervalSeconds, 43200)
})

test('an L1 node that does not answer is an error, not "unknown proof system"', async () => {
  const down = Object.assign(new Error('HTTP request failed.'), { name: 'HttpRequestError' })
  const wrapped = Object.assign(new Error('The contract function "version" returned no data'), { name: 'ContractFunctionExecutionError', shortMessage: 'HTTP request failed.', cause: down })
  const l1 = { multicall: async ({ contracts }: { contracts: unknown[] }) => contracts.map(() => ({ status: 'failure', error: wrapped })) }
  await assert.rejects(detectProofSystem(l1 as never, PORTAL as Address), (e) => e === wrapped)
  // a getter that reverts is an answer
  const reverted = { multicall: async ({ contracts }: { contracts: unknown[] }) => contracts.map(() => ({ status: 'failure', error: Object.assign(new Error('reverted'), { name: 'ContractFunctionExecutionError', cause: { name: 'ContractFunctionRevertedError' } }) })) }
  assert.equal((await detectProofSystem(reverted as never, PORTAL as Address)).kind, 'unknown')
})
