// The bridge on the devnet running today's contracts (OptimismPortal2 5.x + AnchorStateRegistry
// doubles), in Chromium and in Firefox from this one file, through the built extension's screens: on
// the validity chain (902: OP Succinct validity games, type 6) ETH and PHA deposited from the popup
// and followed to their credit, withdrawn, proven and finalized with one click each, the money back on
// L1; then on 901, a proven withdrawal that keeps its proof when the chain changes its respected game
// type (no retirement) and is flagged for a new proof after a retirement, proven again against the
// new type; the whole exit cost in the popup form, re-quoted every block and marked stale while the
// L2 does not answer; and the L2 comparison page reading exit times and whole exit costs from the
// chains. One devnet for both browsers; each browser's turn runs on an account of its own, and 901's
// respected game type is put back to the devnet's own before a turn changes it.
import { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { parseEther, type Address } from 'viem'
import { erc20Abi } from '../../../src/abi/erc20.ts'
import { portal2Abi } from '../../../src/rollup/abis.ts'
import type { Devnet } from '../../../devnet/index.ts'
import { eachBrowser, until } from '../driver/index.ts'
import {
  assertCostPanel,
  bridgeThroughPopup,
  clickStep,
  e2eDevnet,
  fillForm,
  itemPage,
  openReview,
  overview,
  waitStatus,
  walletOfItsOwn,
  warpTo,
  withdrawalOf,
} from './bridge-support.ts'


let devnet: Devnet
/** 901's respected game type as the devnet starts it (permissioned games) */
let initialType901: number
/** the account of the browser whose turn it is */
let me: Address

const respectedType901 = async () =>
  Number(await devnet.l1.client.readContract({ address: devnet.manifest.l2s[0]!.l1Contracts.optimismPortal, abi: portal2Abi, functionName: 'respectedGameType' }))

before(async () => {
  devnet = await e2eDevnet()
  await Promise.all([devnet.waitForProposal(902, 11n, 60_000), devnet.waitForProposal(901, 11n, 60_000)])
  initialType901 = await respectedType901()
  assert.notEqual(initialType901, 0, 'the devnet starts 901 on another game type than the one the re-prove test moves it to')
})
after(async () => {
  await devnet?.stop()
})

eachBrowser(
  (b) => {
    b.test('902: ETH and PHA round trips through OP Succinct validity games, driven from the popup and the item pages', async (d) => {
      const l1 = devnet.l1.client
      const l2 = devnet.l2[902]!.client
      const pha = { l1: devnet.manifest.l1.contracts.pha!, l2: devnet.manifest.l2s[1]!.l2Contracts.pha! }
      const deposits = [
        await bridgeThroughPopup(d, { direction: 'deposit', l2: 902, token: 'ETH', amount: '2' }),
        await bridgeThroughPopup(d, { direction: 'deposit', l2: 902, token: 'PHA', amount: '30', screenshot: 'bridge-popup-deposit-pha' }),
      ]
      const page = await d.openExtension('app.html#/bridge', { width: 1280, height: 800 })
      await until(() => page.count('[data-testid="bridge-deposits"] [data-status="credited"]'), (n) => n >= 2, 45_000, 'both deposits listed as credited')
      assert.deepEqual(
        (await overview(page)).items.filter((v) => deposits.includes(v.id)).map((v) => v.status),
        ['credited', 'credited'],
      )
      assert.equal(await l2.readContract({ address: pha.l2, abi: erc20Abi, functionName: 'balanceOf', args: [me] }), parseEther('30'))

      const phaBefore = await l1.readContract({ address: pha.l1, abi: erc20Abi, functionName: 'balanceOf', args: [me] })
      const ethId = await bridgeThroughPopup(d, { direction: 'withdraw', l2: 902, token: 'ETH', amount: '1', screenshot: 'bridge-popup-withdraw-cost' })
      const phaId = await bridgeThroughPopup(d, { direction: 'withdraw', l2: 902, token: 'PHA', amount: '30' })
      for (const id of [ethId, phaId]) {
        const p = await itemPage(d, id)
        await waitStatus(p, /Ready to prove/)
        await clickStep(p, 'prove')
        await waitStatus(p, /Proven/)
        assert.match(await p.text('[data-step="wait"]'), /(proof maturity|dispute-game finality): .* left/i)
        if (id === phaId) await p.screenshot('bridge-item-proven-validity', { fullPage: true })
        await p.close()
      }
      const o = await overview(page)
      await warpTo(devnet, Math.max(...[ethId, phaId].map((id) => withdrawalOf(o, id)!.eta!.finalize!.at!)) + 1)
      const ethL1Before = await l1.getBalance({ address: me })
      for (const id of [ethId, phaId]) {
        const p = await itemPage(d, id)
        await waitStatus(p, /Ready to finalize/)
        await clickStep(p, 'finalize')
        await waitStatus(p, /Finalized/)
        await p.close()
      }
      assert.equal(await l1.readContract({ address: pha.l1, abi: erc20Abi, functionName: 'balanceOf', args: [me] }), phaBefore + parseEther('30'), 'the PHA came back to L1')
      // 1 ETH arrived, minus what the prove and finalize transactions cost on L1
      const gained = (await l1.getBalance({ address: me })) - ethL1Before
      assert.ok(gained > parseEther('0.99') && gained < parseEther('1'), `the ETH arrived on L1 (net of fees: ${gained})`)
      await page.reload()
      await until(() => page.count('[data-testid="bridge-withdrawals"] [data-status="finalized"]'), (n) => n >= 2, 15_000, 'both withdrawals listed as finalized')
      await page.screenshot('bridge-home', { fullPage: true })
      await page.close()
    }, { timeout: 300_000 })

    b.test('901: a proven withdrawal keeps its proof when the chain changes its respected game type, is flagged for a new proof after a retirement, and is proven again', async (d) => {
      // ETH on 901 for this account (the devnet's L2 is funded directly: the deposits are 902's test)
      await devnet.l2[901]!.client.request({ method: 'anvil_setBalance' as never, params: [me, '0xde0b6b3a7640000'] as never })
      if ((await respectedType901()) !== initialType901) {
        // an earlier browser's turn moved it: back to the devnet's own type, and a proposal of it
        await devnet.setRespectedGameType(901, initialType901)
        await devnet.waitForProposal(901, await devnet.l2[901]!.client.getBlockNumber(), 60_000)
      }
      const id = await bridgeThroughPopup(d, { direction: 'withdraw', l2: 901, token: 'ETH', amount: '0.3' })
      const p = await itemPage(d, id)
      await waitStatus(p, /Ready to prove/)
      await clickStep(p, 'prove')
      await waitStatus(p, /Proven/)
      assert.equal(withdrawalOf(await overview(p), id)?.proof?.gameType, initialType901, 'proven against a game of the type the chain respected then')
      await devnet.setRespectedGameType(901, 0)
      await devnet.waitForProposal(901, await devnet.l2[901]!.client.getBlockNumber(), 60_000)
      // a look of the page's tracker that began after the change (and after a game of the new type) keeps the proof
      const changedAt = Date.now()
      await until(
        () => overview(p).then((o) => o.chains.find((c) => c.l2ChainId === 901)?.checkedAt ?? 0),
        (at) => at > changedAt,
        30_000,
        'a tracker look after the type change',
      )
      const kept = await overview(p)
      assert.equal(kept.items.find((v) => v.id === id)?.status, 'proven')
      assert.equal(withdrawalOf(kept, id)?.reprove, undefined)
      assert.equal(await p.count('tid=bridge-reprove'), 0, 'a type change alone does not ask for a new proof')
      await devnet.retireGames(901)
      await waitStatus(p, /Needs a new proof/, 30_000)
      assert.match(await p.text('tid=bridge-reprove'), /retired/)
      await devnet.waitForProposal(901, await devnet.l2[901]!.client.getBlockNumber(), 60_000)
      await p.waitFor('[data-testid="bridge-action-prove"] [data-testid="fee"]', { timeout: 60_000 })
      await p.screenshot('bridge-item-reprove', { fullPage: true })
      await clickStep(p, 'prove')
      await waitStatus(p, /Proven/)
      const item = withdrawalOf(await overview(p), id)!
      assert.equal(item.proof?.gameType, 0, 'proven against a game of the new respected type')
      assert.equal(item.reprove, undefined)
      await p.close()
    }, { timeout: 240_000 })

    b.test('popup: the whole exit cost of a withdrawal is re-quoted every block, and marked stale while the L2 does not answer', async (d) => {
      const popup = await d.openExtension('popup.html#/bridge')
      await fillForm(popup, { direction: 'withdraw', l2: 902, token: 'ETH', amount: '0.5' })
      await openReview(popup)
      await assertCostPanel(popup, ['initiate', 'prove', 'finalize'])
      // the L2 base fee moves every block: a fresh quote shows another exact initiate fee
      const exact = async () => `${await popup.text('tid=bridge-cost >> [data-cost-step="initiate"] >> dd')} ${await popup.attr('tid=bridge-cost >> [data-cost-step="total"] >> dd', 'title')}`
      const first = await exact()
      await until(exact, (t) => t !== first, 15_000, 'a re-quote at a new block')
      assert.equal(await popup.attr('tid=bridge-cost', 'data-stale'), 'false')
      const pid = devnet.l2[902]!.pid
      process.kill(pid, 'SIGSTOP')
      try {
        await until(() => popup.attr('tid=bridge-cost', 'data-stale'), (s) => s === 'true', 20_000, 'the stale mark')
        assert.match(await popup.text('tid=bridge-cost-stale'), /Out of date/)
        if (process.env.SCREENS) {
          await popup.evaluate(`document.querySelector('[data-testid="bridge-cost"]').scrollIntoView({ block: 'end' })`)
          await popup.screenshot('bridge-popup-withdraw-stale', { fullPage: true })
        }
      } finally {
        process.kill(pid, 'SIGCONT')
      }
      await until(() => popup.attr('tid=bridge-cost', 'data-stale'), (s) => s === 'false', 30_000, 'a fresh cost after the RPC is back')
      await popup.close()
    }, { timeout: 120_000 })

    b.test('the L2 comparison reads each chain\'s exit time and cost; a chain that does not answer says so', async (d) => {
      const page = await d.openExtension('app.html#/bridge/compare', { width: 1280, height: 800 })
      const row = (chainId: number) => `tr[data-chain="${chainId}"]`
      await page.waitFor(`${row(902)} >> tid=compare-exit`, { timeout: 60_000 })
      // plain words first; the contract version and game type behind "Technical details"
      assert.match(await page.text(row(901)), /Withdrawals take about .+anyone may post or challenge one/)
      for (const chainId of [901, 902]) await page.click(`${row(chainId)} >> text=Technical details`)
      await until(() => page.text(row(901)), (t) => /OptimismPortal2 5\.6\.1, permissionless fault proofs \(game type 0\)/.test(t), 5_000, '901\'s technical details')
      assert.match(await page.text(row(902)), /OptimismPortal2 5\.6\.1, OP Succinct validity proofs \(game type 6\)/)
      assert.match(await page.text(`${row(902)} >> tid=compare-exit`), /^about \d+ s\s+up to 5 s for a proposal, then 30 s of waiting windows$/)
      for (const chainId of [901, 902]) {
        assert.match(await page.text(`${row(chainId)} >> tid=compare-cost-parts`), /^Start on the rollup: (<)?0\.\d+ ETH\nProve \+ finalize on Devnet L1: (<)?0\.\d+ ETH$/, `${chainId}: the L2 initiate is part of the exit cost`)
      }
      // the shipped mainnet rollups get rows too: read from their chains, or (without a network) saying they do not answer
      assert.match(await page.text(row(2035)), /^Phala L2\s+(Not answering: HTTP request failed\.|OptimismPortal)/)
      await page.screenshot('bridge-compare', { fullPage: true })
      await page.close()
    }, { timeout: 120_000 })
  },
  {
    setup: async (d) => {
      me = await walletOfItsOwn(d, devnet, parseEther('100'))
    },
  },
)
