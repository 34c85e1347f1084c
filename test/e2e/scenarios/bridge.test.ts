// The bridge on the devnet's fault-proof chain (901: OptimismPortal2 + permissioned games), in
// Chromium and in Firefox from this one file, driven through the built extension's screens: ETH and
// PHA deposited from the popup and followed to their L2 credit (the PHA deposit's flow outliving the
// popup and the background while its approval is mined); both withdrawn from the popup, followed
// through a background suspension and a browser restart (same profile), proven with one click each
// on their pages, the wallet telling the user when they become finalizable while no wallet page is open (the tracked item's notified record
// and the badge in both browsers; the system notifications themselves in Chromium, where headless
// keeps them), finalized with one click, and the money back on L1.
// One devnet for both browsers; each browser's turn runs on an account of its own.
import { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { parseEther, type Address } from 'viem'
import { erc20Abi } from '../../../src/abi/erc20.ts'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import type { Devnet } from '../../../devnet/index.ts'
import { eachBrowser, until, uiCall, PASSWORD, type UiPage, type WalletDriver } from '../driver/index.ts'
import {
  assertCostPanel,
  bridgeThroughPopup,
  clickStep,
  closeExtensionPages,
  E2E_DELAYS,
  e2eDevnet,
  feeShown,
  fillForm,
  itemPage,
  newItem,
  openReview,
  overview,
  waitStatus,
  walletOfItsOwn,
  warpTo,
  withdrawalOf,
} from './bridge-support.ts'


let devnet: Devnet

before(async () => {
  devnet = await e2eDevnet()
  await devnet.waitForProposal(901, 11n, 60_000)
})
after(async () => {
  await devnet?.stop()
})

const phaL2 = () => devnet.manifest.l2s[0]!.l2Contracts.pha!
const phaL1 = () => devnet.manifest.l1.contracts.pha!

eachBrowser((b) => {
  let me: Address
  const ids: { eth?: string; pha?: string } = {}

  /**
   * An ERC-20 deposit whose flow outlives the popup and the background: the approval is confirmed,
   * the popup closed while it is mined (L1 mining held until then), the background suspended; the
   * popup opened again finds the flow at its deposit step, prepared with its fee, and completes it.
   */
  async function depositAcrossSuspension(d: WalletDriver, amount: string): Promise<string> {
    const popup = await d.openExtension('popup.html#/bridge')
    await fillForm(popup, { direction: 'deposit', l2: 901, token: 'PHA', amount })
    const before = new Set((await overview(popup)).items.map((v) => v.id))
    await openReview(popup)
    await popup.waitFor('[data-testid="bridge-review"][data-status="ready"]', { timeout: 30_000 })
    await assertCostPanel(popup, ['approve', 'deposit'])
    assert.match(await popup.text('tid=bridge-step'), new RegExp(`^Step 1 of 2: Approve ${amount} PHA for the bridge$`))
    const flowId = (await popup.attr('tid=bridge-review', 'data-flow'))!
    const l1 = devnet.l1.client
    await l1.request({ method: 'evm_setAutomine' as never, params: [false] as never })
    try {
      await popup.click('tid=bridge-submit')
      await popup.waitFor('[data-testid="bridge-review"][data-status="mining"]', { timeout: 30_000 })
      await popup.close()
      await d.suspendBackground()
    } finally {
      // the approval is mined with nothing of the wallet running
      await l1.request({ method: 'evm_setAutomine' as never, params: [true] as never })
      await l1.request({ method: 'evm_mine' as never, params: [] as never })
    }
    const again = await d.openExtension('popup.html#/bridge')
    await again.click('tid=bridge-resume >> tid=bridge-resume-open', { timeout: 30_000 })
    const review = `[data-testid="bridge-review"][data-flow="${flowId}"]`
    await again.waitFor(`${review}[data-status="ready"]`, { timeout: 30_000 })
    assert.match(await again.text(`${review} >> tid=bridge-step`), new RegExp(`^Step 2 of 2: Deposit ${amount} PHA to `))
    await feeShown(again, `${review} `)
    await assertCostPanel(again, ['deposit'])
    await again.screenshot('bridge-popup-deposit-resumed', { fullPage: true })
    await again.click('tid=bridge-submit')
    await again.waitFor('tid=bridge-sent', { timeout: 30_000 })
    const id = await newItem(again, before)
    await again.close()
    return id
  }

  async function withdrawTo(d: WalletDriver, to: Address): Promise<string> {
    const popup = await d.openExtension('popup.html#/bridge')
    await fillForm(popup, { direction: 'withdraw', l2: 901, token: 'ETH', amount: '0.5' })
    await popup.click('.bridge-to >> summary')
    await popup.fill('tid=bridge-to', to)
    await openReview(popup)
    await feeShown(popup)
    assert.match(await popup.text('tid=bridge-exit'), /^Withdrawals take about .*: a permissioned proposer posts a state about every .*\.$/)
    await assertCostPanel(popup, ['initiate', 'prove', 'finalize'])
    await popup.screenshot('bridge-popup-withdraw', { fullPage: true })
    const before = new Set((await overview(popup)).items.map((v) => v.id))
    await popup.click('tid=bridge-submit', { timeout: 10_000 })
    await popup.waitFor('tid=bridge-sent', { timeout: 30_000 })
    await popup.screenshot('bridge-popup-sent', { fullPage: true })
    // the in-flight list shows it with its next step
    await popup.waitFor('tid=bridge-inflight >> tid=bridge-item')
    const id = await newItem(popup, before)
    await popup.close()
    return id
  }

  b.test('901: ETH and PHA deposited from the popup are followed until credited on the L2; the PHA deposit\'s flow survives the popup closing and the background stopping while its approval is mined', async (d) => {
    me = await walletOfItsOwn(d, devnet, parseEther('100'))
    const l2 = devnet.l2[901]!.client
    const ethBefore = await l2.getBalance({ address: me })
    const eth = await bridgeThroughPopup(d, { direction: 'deposit', l2: 901, token: 'ETH', amount: '1', screenshot: 'bridge-popup-deposit' })
    const pha = await depositAcrossSuspension(d, '40')
    const page = await d.openExtension('app.html#/bridge', { width: 1280, height: 800 })
    await until(
      () => uiCall<Awaited<ReturnType<typeof overview>>>(page, 'bridge.refresh').then((o) => [eth, pha].map((id) => o.items.find((v) => v.id === id)?.status)),
      (states) => states.every((s) => s === 'credited'),
      45_000,
      'both deposits credited',
    )
    assert.equal(await l2.readContract({ address: phaL2(), abi: erc20Abi, functionName: 'balanceOf', args: [me] }), parseEther('40'))
    assert.ok((await l2.getBalance({ address: me })) >= ethBefore + parseEther('1') - parseEther('0.01'))
    await until(() => page.count('[data-testid="bridge-deposits"] [data-status="credited"]'), (n) => n >= 2, 15_000, 'both deposits listed as credited')
    await page.close()
  }, { timeout: 240_000 })

  b.test('901: ETH and PHA withdrawn from the popup, proven and finalized with one click each, across a background suspension and a browser restart, the user told when they are finalizable with no wallet page open', async (d) => {
    assert.ok(me, 'the deposits test ran first')
    // ETH to a fresh L1 address (so its balance says exactly what arrived), PHA back to the account
    const receiver: Address = privateKeyToAccount(generatePrivateKey()).address
    ids.eth = await withdrawTo(d, receiver)
    ids.pha = await bridgeThroughPopup(d, { direction: 'withdraw', l2: 901, token: 'PHA', amount: '40' })

    // the background is stopped as the browser stops an idle one: nothing is lost
    await d.suspendBackground()
    let page: UiPage = await itemPage(d, ids.eth)
    await waitStatus(page, /Ready to prove/)
    assert.match(await page.text('[data-step="proposal"]'), /A state proposal covers it/)
    await page.screenshot('bridge-item-ready', { fullPage: true })
    // the user was told it can be proven: the item records it; Chromium headless keeps the notification itself
    // (the record is written just after the status the page shows, once the notification is out)
    const notified = await until(async () => withdrawalOf(await overview(page), ids.eth!)?.notified?.prove, (v) => v === true, 10_000, 'the item to record that the user was told it can be proven')
    assert.equal(notified, true, 'the item records that the user was told it can be proven')
    if (d.name === 'chromium') {
      const shown = await page.evaluate<Record<string, boolean>>('chrome.notifications.getAll()')
      assert.ok(shown[`bridge:${ids.eth}:prove`], 'a notification said the ETH withdrawal can be proven')
    }

    await clickStep(page, 'prove')
    await waitStatus(page, /Proven/)
    await page.close()
    page = await itemPage(d, ids.pha)
    await waitStatus(page, /Ready to prove/)
    await clickStep(page, 'prove')
    await waitStatus(page, /Proven/)
    await page.close()
    page = await itemPage(d, ids.eth)
    await waitStatus(page, /Proven/)
    const wait = await page.text('[data-step="wait"]')
    assert.match(wait, /expected .*\(in /, 'the date finalization opens')
    assert.match(wait, /Proof maturity: .* left; game clock: .* left; dispute-game finality: .* left/)
    await page.screenshot('bridge-item-proven', { fullPage: true })
    await page.close()

    // the browser restarts: same profile, the wallet locked, the withdrawals still tracked
    await d.restart()
    const popup = await d.openExtension('popup.html')
    assert.deepEqual(await uiCall<{ initialized: boolean; unlocked: boolean }>(popup, 'wallet.state').then((w) => [w.initialized, w.unlocked]), [true, false], 'the wallet kept, locked')
    await uiCall(popup, 'keyring.unlock', { password: PASSWORD })
    const o = await overview(popup)
    assert.deepEqual([ids.eth, ids.pha].map((id) => o.items.find((v) => v.id === id)?.status), ['proven', 'proven'])
    const tracked = [ids.eth, ids.pha].map((id) => withdrawalOf(o, id)!)
    assert.deepEqual(tracked.map((w) => w.notified?.finalize), [undefined, undefined], 'nothing said about finalizing yet')

    // no wallet page open from here, the background idle and stopped; time moves as it would: the
    // game's clock runs out first (the proposer resolves it), then the rest
    await closeExtensionPages(d)
    await d.suspendBackground()
    await warpTo(devnet, Math.max(...tracked.map((w) => w.proof!.gameCreatedAt!)) + E2E_DELAYS.gameClockSeconds + 1)
    // (the dispute-game finality counts from the resolution, which the proposer sends when it sees the clock out)
    const games = new Set(tracked.map((w) => w.proof!.game!.toLowerCase()))
    const resolved = await until(
      () => devnet.listGames(901, 20).then((gs) => gs.filter((g) => games.has(g.address.toLowerCase()))),
      (gs) => gs.length === games.size && gs.every((g) => g.status !== 0),
      30_000,
      'the proposer resolving the games proven against',
    )
    await warpTo(devnet, Math.max(...tracked.map((w) => w.eta!.finalize!.at!), ...resolved.map((g) => Number(g.resolvedAt) + E2E_DELAYS.disputeGameFinalitySeconds)) + 1)
    // the tracker's alarm (set again when the background starts) finds them finalizable and says so.
    // Read from a screen that does not follow the bridge (bridge.overview is a plain read: only the
    // alarm ticks the tracker here)
    const probe = await d.openExtension('popup.html#/settings')
    // Chromium shows each system notification for a while (headless too): the ids seen while polling
    const notes = new Set<string>()
    const seen = await until(
      async () => {
        if (d.name === 'chromium') for (const id of Object.keys(await probe.evaluate<Record<string, boolean>>('chrome.notifications.getAll()'))) notes.add(id)
        return overview(probe)
      },
      (o) => [ids.eth!, ids.pha!].every((id) => withdrawalOf(o, id)?.notified?.finalize === true),
      100_000,
      'the alarm-driven check telling the user both can be finalized',
    )
    assert.deepEqual([ids.eth, ids.pha].map((id) => seen.items.find((v) => v.id === id)?.status), ['ready-to-finalize', 'ready-to-finalize'])
    assert.equal(await until(() => probe.evaluate<string>('chrome.action.getBadgeText({})'), (t) => t === '2', 10_000, 'the badge'), '2', 'the badge counts the withdrawals waiting for the user')
    if (d.name === 'chromium') {
      // (created without waiting for it: the item's record may come a moment before)
      const both = () => notes.has(`bridge:${ids.eth}:finalize`) && notes.has(`bridge:${ids.pha}:finalize`)
      await until(async () => {
        for (const id of Object.keys(await probe.evaluate<Record<string, boolean>>('chrome.notifications.getAll()'))) notes.add(id)
        return both()
      }, (v) => v, 5_000, 'both notifications').catch(() => undefined)
      assert.ok(both(), `notifications when finalizable (saw ${[...notes].join(', ')})`)
    }
    await probe.close()

    const l1 = devnet.l1.client
    const phaBefore = await l1.readContract({ address: phaL1(), abi: erc20Abi, functionName: 'balanceOf', args: [me] })
    for (const id of [ids.eth, ids.pha]) {
      page = await itemPage(d, id)
      await waitStatus(page, /Ready to finalize/)
      if (id === ids.eth) {
        await feeShown(page, '[data-testid="bridge-action-finalize"] ')
        await page.screenshot('bridge-item-finalize', { fullPage: true })
      }
      await clickStep(page, 'finalize')
      await waitStatus(page, /Finalized/)
      if (id === ids.eth) await page.screenshot('bridge-item-finalized', { fullPage: true })
      await page.close()
    }
    assert.equal(await l1.getBalance({ address: receiver }), parseEther('0.5'), 'the ETH arrived on L1')
    assert.equal(await l1.readContract({ address: phaL1(), abi: erc20Abi, functionName: 'balanceOf', args: [me] }), phaBefore + parseEther('40'), 'the PHA came back to L1')
  }, { timeout: 400_000 })
})
