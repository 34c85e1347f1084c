// The tracker against the devnet, driven through the bridge's UI calls as the screens drive them:
// ETH out of 901 (OptimismPortal2 + PermissionedDisputeGame: fault-proof shape) and PHA into and
// out of 902 (legacy portal + OP Succinct v3 oracle: validity shape). Each withdrawal is stored the
// moment it is signed, tracked across a restart of the service, and its predicted ready-to-prove and
// ready-to-finalize times are measured against when the steps really opened on chain (L1 time moved
// as real time would move it). Delays are short and chosen so that on 901 the dispute-game finality
// term decides (game clock 60 s + finality 60 s > maturity 30 s): the part viem's getTimeToFinalize
// leaves out.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parseAbi, parseEther, type Address } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { getTimeToFinalize } from 'viem/op-stack'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { l1Clients, l2Clients } from '../../devnet/testing.ts'
import { ETH_TOKEN, type DepositItem, type WithdrawalItem } from '../../src/bridge/types.ts'
import { bridgeHarness, measuredWithdrawal, runFlow, runStep, tickUntil, warpTo, type BridgeHarness, type EtaError } from './bridge-support.ts'

const DELAYS = { gameClockSeconds: 60, clockExtensionSeconds: 10, proofMaturitySeconds: 30, disputeGameFinalitySeconds: 60, finalizationPeriodSeconds: 60 }
const erc20 = parseAbi(['function balanceOf(address) view returns (uint256)'])
const fresh = (): Address => privateKeyToAccount(generatePrivateKey()).address

let devnet: Devnet
let b: BridgeHarness
let account: Address
const report: Record<string, unknown> = {}

before(async () => {
  devnet = await startDevnet({ ports: 'auto', contracts: 'legacy', l2BlockTime: 1, proposalIntervalBlocks: 10, delays: DELAYS })
  // two proposals on each L2, so the cadence can be measured (as on any live chain)
  await Promise.all([devnet.waitForProposal(901, 21n, 60_000), devnet.waitForProposal(902, 21n, 60_000)])
  b = await bridgeHarness(devnet)
  account = (await b.h.wallet.state()).selected!
})
after(async () => {
  if (Object.keys(report).length) console.log('ETA errors (s, % of the predicted wait)', JSON.stringify(report))
  await devnet?.stop()
})

/** The bar: within 10% of the wait, or within one proposal interval. */
function assertEta(name: string, e: EtaError, interval: number) {
  report[name] = e
  assert.ok(Math.abs(e.seconds) <= Math.max(0.1 * e.wait, interval), `${name}: off by ${e.seconds} s (${e.percent}% of ${e.wait} s; proposal interval ${interval} s)`)
}

describe('withdrawal tracker on the devnet', () => {
  test('901 (fault-proof shape): ETH out, every step predicted and tracked, both ETAs come true', async () => {
    const to = fresh()
    const amount = parseEther('0.5')
    const exit = await b.svc.exitEstimate(901)
    assert.equal(exit.params.system.kind, 'dispute-games')
    assert.match(exit.text, /permissioned proposer: proposals about every/)
    const r = await measuredWithdrawal(devnet, b, { direction: 'withdraw', l2ChainId: 901, token: ETH_TOKEN, amount: amount.toString(), from: account, to }, {
      async initiated(w) {
        assert.ok(w.message && w.l2Block, 'the MessagePassed event was read from the receipt')
      },
      async readyToProve(w) {
        assert.ok(b.h.platform.notifications.some((n) => n.id === `bridge:${w.id}:prove`), 'a notification said it can be proven')
        assert.equal(b.h.platform.badge, '1')
      },
      async proven(w) {
        const eta = w.eta!.firstFinalize!
        assert.match(eta.reason, /proof maturity: .* left; game clock: .* left; dispute-game finality: .* left/)
        const params = (await b.svc.store.params())['901']!
        assert.ok(eta.at! > w.proof!.provenAt! + params.proofMaturityDelaySeconds! + 30, 'the finality term decides here: later than proven + maturity')
        // viem's getTimeToFinalize counts maturity only
        const viemSays = await getTimeToFinalize(l1Clients(devnet.manifest, privateKeyToAccount(devnet.accounts[0]!.privateKey)).public, {
          withdrawalHash: w.message!.withdrawalHash,
          targetChain: l2Clients(devnet.manifest, 901, devnet.accounts[0] as never).chain,
        } as never)
        assert.equal(viemSays.period, params.proofMaturityDelaySeconds)
      },
      async readyToFinalize(w) {
        assert.ok(b.h.platform.notifications.some((n) => n.id === `bridge:${w.id}:finalize`), 'a notification said it can be finalized')
      },
    })
    assertEta('prove901', r.prove, r.intervalSeconds)
    assertEta('finalize901', r.finalize, r.intervalSeconds)
    assert.equal(await devnet.l1.client.getBalance({ address: to }), amount, 'the ETH arrived on L1')
    assert.ok(b.arrivals.some((a) => a.chainId === 900 && a.address.toLowerCase() === to.toLowerCase()), 'the payout was reported, so the L1 balance refreshes')
    assert.equal(b.h.platform.badge, '')
  })

  test('902 (validity shape): PHA in (tracked to its L2 credit), then out through the OP Succinct oracle, across a service restart', async () => {
    const pha = { l1: devnet.manifest.l1.contracts.pha!, l2: devnet.manifest.l2s[1]!.l2Contracts.pha! }
    const token = (await b.svc.tokens(902)).find((t) => t.symbol === 'PHA')
    assert.deepEqual(token, { id: 'pha', symbol: 'PHA', decimals: 18, l1: pha.l1, l2: pha.l2 })
    const amount = parseEther('25')
    // test setup: PHA on L1 for the account, from the devnet's asset deployer
    const deployer = l1Clients(devnet.manifest, privateKeyToAccount(devnet.roles.assetDeployer.privateKey))
    await deployer.public.waitForTransactionReceipt({ hash: await deployer.wallet.writeContract({ address: pha.l1, abi: parseAbi(['function transfer(address,uint256) returns (bool)']), functionName: 'transfer', args: [account, amount] } as never) })

    const dep = await runFlow(b, { direction: 'deposit', l2ChainId: 902, token: token!, amount: amount.toString(), from: account })
    assert.equal(((await b.svc.store.get(dep.id)) as DepositItem).status, 'pending')
    assert.equal(dep.hashes.length, 2, 'approve, then depositERC20To')
    const credited = await tickUntil<DepositItem>(b, dep.id, (d) => d.status === 'credited', 30_000)
    assert.ok(credited.l2Hash)
    assert.equal(await devnet.l2[902]!.client.readContract({ address: pha.l2, abi: erc20, functionName: 'balanceOf', args: [account] }), amount)
    assert.ok(b.arrivals.some((a) => a.chainId === 902 && a.address.toLowerCase() === account.toLowerCase()), 'the credit was reported, so the L2 balance refreshes')

    const exit = await b.svc.exitEstimate(902)
    assert.equal(exit.params.system.kind, 'output-oracle')
    assert.match(exit.text, /OP Succinct validity proofs: an output about every/)
    const before = await devnet.l1.client.readContract({ address: pha.l1, abi: erc20, functionName: 'balanceOf', args: [account] })
    const r = await measuredWithdrawal(devnet, b, { direction: 'withdraw', l2ChainId: 902, token: token!, amount: amount.toString(), from: account }, {
      // the service worker restarts once proven: a new service over the same storage takes over
      async proven(w, old) {
        assert.match(w.eta!.firstFinalize!.reason, /finalization period \(1 min\): .* left/)
        return old.restart()
      },
      async readyToFinalize(w, now) {
        assert.ok(now.h.platform.notifications.some((n) => n.id === `bridge:${w.id}:finalize`))
      },
    })
    b = r.b
    assertEta('prove902', r.prove, r.intervalSeconds)
    assertEta('finalize902', r.finalize, r.intervalSeconds)
    assert.equal(await devnet.l1.client.readContract({ address: pha.l1, abi: erc20, functionName: 'balanceOf', args: [account] }), before + amount, 'the PHA came back to L1')
  })

  test('after a reinstall, the account\'s deposits and withdrawals are found again in the chains\' logs', async () => {
    const mine = (await b.svc.store.list()).filter((i) => i.account === account)
    const fresh = await bridgeHarness(devnet) // new storage, same phrase: the wallet scans for its past bridging by itself
    const { errors } = await fresh.h.call('bridge.discover', {}) // runs after that first scan; finds nothing more
    assert.deepEqual(errors, [])
    assert.equal((await fresh.svc.store.list()).length, mine.length, 'every deposit and withdrawal of the account')
    await fresh.svc.check()
    const again = await fresh.svc.store.list()
    for (const m of mine) {
      const hit = again.find((x) => x.id === m.id)
      assert.ok(hit, `found ${m.kind} ${m.id}`)
      assert.equal(hit.status, m.status, `${m.id} is ${m.status} again`)
      assert.equal(hit.amount, m.amount)
      assert.deepEqual(hit.token, m.token)
    }
  })

  test('901: when the chain changes its respected game type, a proven withdrawal is flagged for a new proof, and the new proof finalizes', async () => {
    const to = fresh()
    const amount = parseEther('0.2')
    const { id } = await runFlow(b, { direction: 'withdraw', l2ChainId: 901, token: ETH_TOKEN, amount: amount.toString(), from: account, to })
    await tickUntil<WithdrawalItem>(b, id, (w) => w.status === 'ready-to-prove', 60_000)
    await runStep(b, id, 'prove')
    const proven = await tickUntil<WithdrawalItem>(b, id, (w) => w.status === 'proven', 20_000)
    assert.equal(proven.proof!.gameType, 1)

    await devnet.setRespectedGameType(901, 0) // the guardian turns 901 permissionless
    const flagged = await tickUntil<WithdrawalItem>(b, id, (w) => !!w.reprove, 20_000)
    assert.match(flagged.reprove!, /now respects permissionless fault proofs \(game type 0\)/)
    assert.ok(b.h.platform.notifications.some((n) => n.id === `bridge:${id}:reprove`), 'a notification said it needs a new proof')
    await tickUntil<WithdrawalItem>(b, id, (w) => w.status === 'ready-to-prove', 60_000)
    await runStep(b, id, 'prove')
    const reproven = await tickUntil<WithdrawalItem>(b, id, (w) => w.status === 'proven', 20_000)
    assert.equal(reproven.proof!.gameType, 0)
    assert.equal(reproven.reprove, undefined)
    const params = (await b.svc.store.params())['901']!
    assert.equal(params.system.kind === 'dispute-games' && params.system.respectedGameType, 0)
    await warpTo(devnet, reproven.proof!.gameCreatedAt! + params.gameClockSeconds! + 1)
    await warpTo(devnet, reproven.eta!.finalize!.at!)
    await tickUntil<WithdrawalItem>(b, id, (w) => w.status === 'ready-to-finalize', 30_000)
    await runStep(b, id, 'finalize')
    await tickUntil<WithdrawalItem>(b, id, (w) => w.status === 'finalized', 20_000)
    assert.equal(await devnet.l1.client.getBalance({ address: to }), amount)
  })
})
