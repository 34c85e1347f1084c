// Proof-system detection and live parameters, from the portal address alone, against the devnet's
// real contracts: OptimismPortal2 3.10 + PermissionedDisputeGame (901), the legacy portal + OP
// Succinct v3 oracle with lowercase getters only (902), 902 as OptimismPortal2 + type-6 validity
// games and then switched to type 1, and portals that are not portals.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, http, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { l1Clients, l2Clients } from '../../devnet/testing.ts'
import { detectProofSystem } from '../../src/rollup/proof-system.ts'
import { readRollupParams } from '../../src/rollup/params.ts'
import { exitDuration, predictProposal } from '../../src/rollup/exit-time.ts'

const client = (url: string) => createPublicClient({ transport: http(url, { timeout: 10_000 }) }) as PublicClient

async function paramsOf(devnet: Devnet, chainId: number) {
  const l2 = devnet.manifest.l2s.find((c) => c.chainId === chainId)!
  return readRollupParams({ l1: client(devnet.manifest.l1.rpcUrl), l2: client(l2.rpcUrl) }, { l2ChainId: chainId, l1ChainId: 900, portal: l2.l1Contracts.optimismPortal, blockTimeSeconds: 12 })
}

describe('oracle mode devnet (901 fault proofs, 902 OP Succinct oracle)', () => {
  let devnet: Devnet
  before(async () => {
    devnet = await startDevnet({ ports: 'auto', contracts: 'legacy', l2BlockTime: 1 })
    await Promise.all([devnet.waitForProposal(901, 11n, 60_000), devnet.waitForProposal(902, 11n, 60_000)])
  })
  after(async () => {
    await devnet?.stop()
  })

  test('901: OptimismPortal2 3.10 with permissioned games; delays, clock and cadence read from chain', async () => {
    const p = await paramsOf(devnet, 901)
    const d = devnet.manifest.l2s[0]!.delays
    assert.equal(p.system.kind, 'dispute-games')
    if (p.system.kind !== 'dispute-games') return
    assert.equal(p.system.portalVersion, '3.10.0')
    assert.equal(p.system.respectedGameType, 1)
    assert.equal(p.system.game.family, 'permissioned')
    assert.equal(p.system.anchorStateRegistry, null, 'portal 3.10 has no anchorStateRegistry()')
    assert.equal(p.system.factory, devnet.manifest.l2s[0]!.l1Contracts.disputeGameFactory)
    assert.equal(p.proofMaturityDelaySeconds, d.proofMaturitySeconds)
    assert.equal(p.disputeGameFinalityDelaySeconds, d.disputeGameFinalitySeconds)
    assert.equal(p.gameClockSeconds, d.gameClockSeconds)
    assert.ok(p.gamesValidAfter && p.gamesValidAfter > 0, 'respectedGameTypeUpdatedAt')
    assert.equal(p.l2BlockTimeSeconds, 1, 'measured on the L2, not the configured 12 s')
    assert.equal(p.cadence.blocksPerProposal, 5)
    assert.ok(p.cadence.intervalSeconds! >= 4 && p.cadence.intervalSeconds! <= 7, `about 5 s between games, got ${p.cadence.intervalSeconds}`)
    assert.equal(exitDuration(p).finalizeWaitSeconds, Math.max(d.proofMaturitySeconds!, d.gameClockSeconds! + d.disputeGameFinalitySeconds!))
  })

  test('902: legacy portal + OP Succinct v3 oracle; viem\'s legacy helpers revert on it, the wallet reads the lowercase getters', async () => {
    const p = await paramsOf(devnet, 902)
    assert.equal(p.system.kind, 'output-oracle')
    if (p.system.kind !== 'output-oracle') return
    assert.equal(p.system.flavor, 'op-succinct')
    assert.equal(p.system.getters, 'lowercase')
    assert.equal(p.system.portalVersion, '2.8.1-beta.1')
    assert.equal(p.finalizationPeriodSeconds, devnet.manifest.l2s[1]!.delays.finalizationPeriodSeconds)
    assert.equal(p.submissionIntervalBlocks, 5)
    assert.equal(p.l2BlockTimeSeconds, 1, "the oracle's l2BlockTime")
    const account = privateKeyToAccount(devnet.accounts[0]!.privateKey)
    const head = await devnet.l2[902]!.client.getBlockNumber()
    await assert.rejects(l1Clients(devnet.manifest, account).public.getTimeToNextL2Output({ l2BlockNumber: head, targetChain: l2Clients(devnet.manifest, 902, account).chain } as never))
    const eta = predictProposal(p, Number(head) + 1, p.readAt)
    assert.ok(eta.at && eta.at >= p.readAt, 'the wallet predicts the next output anyway')
  })

  test('what is not a portal is said to be unknown, with the reason', async () => {
    const l1 = client(devnet.manifest.l1.rpcUrl)
    const messenger = await detectProofSystem(l1, devnet.manifest.l2s[0]!.l1Contracts.l1CrossDomainMessenger)
    assert.equal(messenger.kind, 'unknown')
    assert.match(messenger.kind === 'unknown' ? messenger.reason : '', /names neither a dispute game factory nor an output oracle/)
    const eoa = await detectProofSystem(l1, devnet.accounts[3]!.address)
    assert.match(eoa.kind === 'unknown' ? eoa.reason : '', /does not answer version\(\)/)
  })
})

describe('games mode devnet (902 as OptimismPortal2 + OP Succinct validity games)', () => {
  let devnet: Devnet
  before(async () => {
    devnet = await startDevnet({ ports: 'auto', contracts: 'legacy', l2BlockTime: 1, validityMode: 'games' })
    await devnet.waitForProposal(902, 11n, 60_000)
  })
  after(async () => {
    await devnet?.stop()
  })

  test('type 6 resolves at creation; after the guardian switches to type 1, detection follows', async () => {
    const p = await paramsOf(devnet, 902)
    assert.equal(p.system.kind === 'dispute-games' && p.system.game.label, 'OP Succinct validity proofs (game type 6)')
    assert.equal(p.system.kind === 'dispute-games' && p.system.game.resolvesAtCreation, true)
    assert.equal(p.gameClockSeconds, undefined, 'no clock to wait for')
    const before = p.gamesValidAfter!
    await devnet.setRespectedGameType(902, 1)
    const q = await paramsOf(devnet, 902)
    assert.equal(q.system.kind === 'dispute-games' && q.system.game.family, 'permissioned')
    assert.ok(q.gamesValidAfter! > before, 'games created before the switch no longer count')
    assert.ok(q.cadence.last === null || q.cadence.last.timestamp >= q.gamesValidAfter!, 'the cadence counts only games that count')
  })
})
