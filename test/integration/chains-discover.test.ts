// Adding an OP Stack rollup from its L1 portal address, against the devnet's real contracts: the
// fault-proof chain (OptimismPortal2 3.10 + DisputeGameFactory, chain id from the respected
// game), the validity chain as a legacy OptimismPortal + OP Succinct oracle and as
// OptimismPortal2 + type-6 games; an RPC of another rollup, an EOA and a token are refused.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { devnetNetworks } from '../../src/chains/devnet.ts'
import { discoverRollup } from '../../src/chains/discover.ts'
import type { Network } from '../../src/chains/types.ts'
import { makeWallet } from '../support/wallet-harness.ts'

let oracle: Devnet
let games: Devnet
const l1Of = (d: Devnet) => devnetNetworks(d.manifest)[0]
const l2 = (d: Devnet, chainId: number) => d.manifest.l2s.find((x) => x.chainId === chainId)!

before(async () => {
  ;[oracle, games] = await Promise.all([startDevnet({ ports: 'auto', contracts: 'legacy' }), startDevnet({ ports: 'auto', contracts: 'legacy', validityMode: 'games' })])
})
after(async () => {
  await Promise.all([oracle?.stop(), games?.stop()])
})

test('901 (OptimismPortal2 + games): contracts and the chain id from L1, confirmed by its RPC', async () => {
  const c = l2(oracle, 901)
  const d = await discoverRollup(l1Of(oracle), c.l1Contracts.optimismPortal.toLowerCase(), { l2RpcUrl: c.rpcUrl })
  assert.equal(d.portal, c.l1Contracts.optimismPortal)
  assert.equal(d.portalVersion, '3.10.0')
  assert.equal(d.systemConfig, c.l1Contracts.systemConfig)
  assert.equal(d.l1StandardBridge, c.l1Contracts.l1StandardBridge)
  assert.equal(d.l1CrossDomainMessenger, c.l1Contracts.l1CrossDomainMessenger)
  assert.equal(d.disputeGameFactory, c.l1Contracts.disputeGameFactory)
  assert.equal(d.l2OutputOracle, null)
  assert.equal(d.l2ChainIdFromL1, 901, "the respected game's l2ChainId()")
  assert.deepEqual(d.l2, { rpcUrl: c.rpcUrl, chainId: 901, blockTimeSeconds: 2 })
  assert.deepEqual(d.checks.map((x) => [x.id, x.ok]), [['portal', true], ['systemConfig', true], ['bridge', true], ['chainId', true], ['l2Bridge', true], ['l2Messenger', true], ['l1Origin', true]])
  assert.equal(d.ok, true)

  const noRpc = await discoverRollup(l1Of(oracle), c.l1Contracts.optimismPortal)
  assert.equal(noRpc.l2ChainId, 901, 'known from L1 alone')
  assert.equal(noRpc.ok, true)
})

test('902 as legacy OptimismPortal + OP Succinct oracle: the oracle found, the chain id from the RPC', async () => {
  const c = l2(oracle, 902)
  const d = await discoverRollup(l1Of(oracle), c.l1Contracts.optimismPortal, { l2RpcUrl: c.rpcUrl })
  assert.equal(d.l2OutputOracle, c.l1Contracts.l2OutputOracle)
  assert.equal(d.disputeGameFactory, null)
  assert.equal(d.l1StandardBridge, c.l1Contracts.l1StandardBridge)
  assert.equal(d.l2ChainIdFromL1, null)
  assert.equal(d.l2ChainId, 902)
  assert.equal(d.ok, true)
  const noRpc = await discoverRollup(l1Of(oracle), c.l1Contracts.optimismPortal)
  assert.equal(noRpc.ok, false, 'without an RPC the chain id is unknown')
  assert.match(noRpc.checks.find((x) => x.id === 'chainId')!.text, /give the L2 RPC URL/)
})

test('902 as OptimismPortal2 + OP Succinct games (validityMode "games")', async () => {
  const c = l2(games, 902)
  const d = await discoverRollup(l1Of(games), c.l1Contracts.optimismPortal, { l2RpcUrl: c.rpcUrl })
  assert.equal(d.disputeGameFactory, c.l1Contracts.disputeGameFactory)
  assert.equal(d.l2OutputOracle, null)
  assert.equal(d.l2ChainId, 902)
  assert.ok(d.checks.every((x) => x.ok !== false))
})

test("an RPC of another rollup, an account and a token are refused", async () => {
  const d = await discoverRollup(l1Of(oracle), l2(oracle, 901).l1Contracts.optimismPortal, { l2RpcUrl: l2(oracle, 902).rpcUrl })
  assert.equal(d.ok, false)
  assert.deepEqual(
    d.checks.filter((x) => x.ok === false).map((x) => x.id),
    ['chainId', 'l2Bridge', 'l2Messenger'],
  )
  await assert.rejects(discoverRollup(l1Of(oracle), oracle.accounts[3].address), { code: 'NOT_A_PORTAL' })
  await assert.rejects(discoverRollup(l1Of(oracle), oracle.manifest.l1.contracts.pha!), /names no SystemConfig/)
  await assert.rejects(discoverRollup(devnetNetworks(oracle.manifest)[1], l2(oracle, 901).l1Contracts.optimismPortal), { code: 'NOT_AN_L1' })
})

test('a wallet that knows only the L1 adds 901 from its portal and gets the same rollup description as the devnet ships', async () => {
  const [l1, shipped901] = devnetNetworks(oracle.manifest)
  const h = await makeWallet({ networks: [l1] })
  const c = l2(oracle, 901)
  const added: Network = await h.call('networks.addRollup', { l1ChainId: l1.chainId, portal: c.l1Contracts.optimismPortal, l2RpcUrl: c.rpcUrl, name: 'My rollup' })
  assert.equal(added.chainId, 901)
  assert.deepEqual(added.rollup, shipped901.rollup)
  assert.equal((await h.wallet.networks.get(901))?.name, 'My rollup')
  await assert.rejects(async () => h.call('networks.addRollup', { l1ChainId: l1.chainId, portal: c.l1Contracts.optimismPortal, l2RpcUrl: l2(oracle, 902).rpcUrl, name: 'x' }), { code: 'DISCOVERY_FAILED' })
  assert.deepEqual((await h.call('networks.remove', { chainId: 901 })).map((x) => x.network.chainId), [l1.chainId])
})
