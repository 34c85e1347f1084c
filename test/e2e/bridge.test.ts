// The bridge in Chromium on the devnet's fault-proof chain (901: OptimismPortal2 + permissioned
// games), driven through the built extension's screens: ETH and PHA deposited from the popup and
// followed to their L2 credit; both withdrawn from the popup, followed through a service-worker
// kill and a browser restart, proven with one click each on their pages, a notification (and the
// badge) when they become finalizable while no wallet page is open, finalized with one click, and
// the money back on L1.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseAbi, parseEther, type Address } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import type { Devnet } from '../../devnet/index.ts'
import type { WithdrawalItem } from '../../src/bridge/types.ts'
import { launchWithExtension, type WalletBrowser } from './support/browser.ts'
import { extensionUrl, initializeWallet, liveWorker, openPopup, stopServiceWorker, TEST_ADDRESS_0, uiCall } from './support/wallet.ts'
import { assertCostPanel, bridgeThroughPopup, chooseDirection, clickStep, E2E_DELAYS, e2eDevnet, fundPha, itemPage, openReview, overview, shot, waitStatus, warpTo } from './bridge-support.ts'

const PASSWORD = 'correct horse battery staple'
const erc20 = parseAbi(['function balanceOf(address) view returns (uint256)'])
const receiver: Address = privateKeyToAccount(generatePrivateKey()).address

let devnet: Devnet
let wb: WalletBrowser
let userDataDir: string
const ids: { eth?: string; pha?: string } = {}

before(async () => {
  devnet = await e2eDevnet()
  userDataDir = mkdtempSync(join(tmpdir(), 'rw-bridge-profile-'))
  await Promise.all([devnet.waitForProposal(901, 11n, 60_000), fundPha(devnet, TEST_ADDRESS_0, parseEther('100'))])
  wb = await launchWithExtension({ userDataDir, keepProfile: true })
  await initializeWallet(wb, { password: PASSWORD })
})

after(async () => {
  await wb?.close()
  await devnet?.stop()
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true })
})

const phaL2 = () => devnet.manifest.l2s[0]!.l2Contracts.pha!
const phaL1 = () => devnet.manifest.l1.contracts.pha!

/**
 * An ERC-20 deposit whose flow outlives the popup and the service worker: the approval is confirmed,
 * the popup closed while it is mined (L1 mining held until then), the service worker stopped; the
 * popup opened again finds the flow at its deposit step, prepared with its fee, and completes it.
 */
async function depositAcrossRestart(p: { amount: string }): Promise<string> {
  const popup = await openPopup(wb, '#/bridge')
  await chooseDirection(popup, 'deposit')
  await popup.getByTestId('bridge-l2').selectOption('901')
  await popup.locator('[data-testid="bridge-token"] option', { hasText: /^PHA$/ }).waitFor({ state: 'attached' })
  await popup.getByTestId('bridge-token').selectOption({ label: 'PHA' })
  await popup.getByTestId('bridge-amount').fill(p.amount)
  const before = new Set((await overview(popup)).items.map((v) => v.id))
  await openReview(popup)
  await popup.locator('[data-testid="bridge-review"][data-status="ready"]').waitFor({ timeout: 30_000 })
  await assertCostPanel(popup, ['approve', 'deposit'])
  assert.match(await popup.getByTestId('bridge-step').innerText(), new RegExp(`^Step 1 of 2: Approve ${p.amount} PHA for the bridge$`))
  const flowId = (await popup.getByTestId('bridge-review').getAttribute('data-flow'))!
  const l1 = devnet.l1.client
  await l1.request({ method: 'evm_setAutomine' as never, params: [false] as never })
  try {
    await popup.getByTestId('bridge-submit').click()
    await popup.locator('[data-testid="bridge-review"][data-status="mining"]').waitFor({ timeout: 30_000 })
    await popup.close()
    const probe = await openPopup(wb)
    await stopServiceWorker(wb, probe)
    await probe.close()
  } finally {
    // the approval is mined with nothing of the wallet running
    await l1.request({ method: 'evm_setAutomine' as never, params: [true] as never })
    await l1.request({ method: 'evm_mine' as never, params: [] as never })
  }
  const again = await openPopup(wb, '#/bridge')
  const resume = again.getByTestId('bridge-resume')
  await resume.waitFor({ timeout: 30_000 })
  await resume.getByTestId('bridge-resume-open').click()
  const review = again.locator(`[data-testid="bridge-review"][data-flow="${flowId}"]`)
  await again.locator(`[data-testid="bridge-review"][data-flow="${flowId}"][data-status="ready"]`).waitFor({ timeout: 30_000 })
  assert.match(await review.getByTestId('bridge-step').innerText(), new RegExp(`^Step 2 of 2: Deposit ${p.amount} PHA to `))
  await review.locator('[data-testid="fee"] [data-fee="total"]').waitFor({ state: 'attached', timeout: 30_000 })
  await assertCostPanel(again, ['deposit'])
  await shot(again, 'popup-deposit-resumed')
  await again.getByTestId('bridge-submit').click()
  await again.getByTestId('bridge-sent').waitFor({ timeout: 30_000 })
  const id = (await overview(again)).items.find((v) => !before.has(v.id))!.id
  await again.close()
  return id
}

test('901: ETH and PHA deposited from the popup are followed until credited on the L2; the PHA deposit\'s flow survives the popup closing and the service worker stopping while its approval is mined', async () => {
  const l2 = devnet.l2[901]!.client
  const ethBefore = await l2.getBalance({ address: TEST_ADDRESS_0 })
  const eth = await bridgeThroughPopup(wb, { direction: 'deposit', l2: 901, token: 'ETH', amount: '1', screenshot: 'popup-deposit' })
  const pha = await depositAcrossRestart({ amount: '40' })
  const page = await wb.context.newPage()
  await page.goto(extensionUrl(wb, 'app.html#/bridge'))
  const deadline = Date.now() + 45_000
  for (;;) {
    const o = await uiCall<Awaited<ReturnType<typeof overview>>>(page, 'bridge.refresh')
    const states = [eth, pha].map((id) => o.items.find((v) => v.id === id)?.status)
    if (states.every((s) => s === 'credited')) break
    assert.ok(Date.now() < deadline, `deposits not credited: ${states.join(', ')}`)
    await new Promise((r) => setTimeout(r, 500))
  }
  assert.equal(await l2.readContract({ address: phaL2(), abi: erc20, functionName: 'balanceOf', args: [TEST_ADDRESS_0] }), parseEther('40'))
  assert.ok((await l2.getBalance({ address: TEST_ADDRESS_0 })) >= ethBefore + parseEther('1') - parseEther('0.01'))
  await page.getByTestId('bridge-deposits').locator('[data-status="credited"]').nth(1).waitFor()
  await page.close()
})

test('901: ETH and PHA withdrawn from the popup, proven and finalized with one click each, across a service-worker kill and a browser restart, with a notification when finalizable', async () => {
  // ETH to a fresh L1 address (so its balance says exactly what arrived), PHA back to the account
  ids.eth = await withdrawTo(receiver)
  ids.pha = await bridgeThroughPopup(wb, { direction: 'withdraw', l2: 901, token: 'PHA', amount: '40' })

  // the service worker is stopped as the browser stops an idle one: nothing is lost
  const probe = await openPopup(wb)
  await stopServiceWorker(wb, probe)
  await probe.close()
  let page = await itemPage(wb, ids.eth)
  const proposal = page.locator('[data-step="proposal"]')
  await waitStatus(page, /Ready to prove/)
  assert.match(await proposal.innerText(), /A state proposal covers it/)
  await shot(page, 'item-ready')
  const worker = await liveWorker(wb.context, page)
  const shown = (await worker.evaluate('chrome.notifications.getAll()')) as Record<string, boolean>
  assert.ok(shown[`bridge:${ids.eth}:prove`], 'a notification said the ETH withdrawal can be proven')

  await clickStep(page, 'prove')
  await waitStatus(page, /Proven/)
  await page.close()
  page = await itemPage(wb, ids.pha)
  await waitStatus(page, /Ready to prove/)
  await clickStep(page, 'prove')
  await waitStatus(page, /Proven/)
  await page.close()
  page = await itemPage(wb, ids.eth)
  await waitStatus(page, /Proven/)
  const wait = await page.locator('[data-step="wait"]').innerText()
  assert.match(wait, /expected .*\(in /, 'the date finalization opens')
  assert.match(wait, /Proof maturity: .* left; game clock: .* left; dispute-game finality: .* left/)
  await shot(page, 'item-proven')

  // the browser restarts: same profile, the wallet locked, the withdrawals still tracked
  await wb.close()
  wb = await launchWithExtension({ userDataDir, keepProfile: true })
  const popup = await openPopup(wb)
  await uiCall(popup, 'keyring.unlock', { password: PASSWORD })
  const tracked = (await overview(popup)).items.filter((v) => v.id === ids.eth || v.id === ids.pha)
  assert.deepEqual(tracked.map((v) => v.status).sort(), ['proven', 'proven'])

  // no wallet page open from here: the alarm-driven check finds them finalizable and says so
  const eth = tracked.find((v) => v.id === ids.eth)!.item as WithdrawalItem
  // time moves as it would: the game's clock runs out first (the proposer resolves it), then the rest
  await warpTo(devnet, eth.proof!.gameCreatedAt! + E2E_DELAYS.gameClockSeconds + 1)
  const latest = Math.max(...tracked.map((v) => (v.item as WithdrawalItem).eta!.finalize!.at!))
  await warpTo(devnet, latest + 1)
  const worker2 = await liveWorker(wb.context, popup)
  await popup.close()
  const deadline = Date.now() + 100_000
  let notes: Record<string, boolean> = {}
  while (Date.now() < deadline) {
    notes = (await worker2.evaluate('chrome.notifications.getAll()').catch(() => ({}))) as Record<string, boolean>
    if (notes[`bridge:${ids.eth}:finalize`] && notes[`bridge:${ids.pha}:finalize`]) break
    await new Promise((r) => setTimeout(r, 1000))
  }
  assert.ok(notes[`bridge:${ids.eth}:finalize`] && notes[`bridge:${ids.pha}:finalize`], `notifications when finalizable (saw ${Object.keys(notes).join(', ')})`)
  assert.equal(await worker2.evaluate('chrome.action.getBadgeText({})'), '2', 'the badge counts the withdrawals waiting for the user')

  const l1 = devnet.l1.client
  const phaBefore = await l1.readContract({ address: phaL1(), abi: erc20, functionName: 'balanceOf', args: [TEST_ADDRESS_0] })
  for (const id of [ids.eth, ids.pha]) {
    page = await itemPage(wb, id)
    await waitStatus(page, /Ready to finalize/)
    if (id === ids.eth) {
      await page.getByTestId('bridge-action-finalize').locator('[data-testid="fee"]').waitFor({ timeout: 30_000 })
      await shot(page, 'item-finalize')
    }
    await clickStep(page, 'finalize')
    await waitStatus(page, /Finalized/)
    if (id === ids.eth) await shot(page, 'item-finalized')
    await page.close()
  }
  assert.equal(await l1.getBalance({ address: receiver }), parseEther('0.5'), 'the ETH arrived on L1')
  assert.equal(await l1.readContract({ address: phaL1(), abi: erc20, functionName: 'balanceOf', args: [TEST_ADDRESS_0] }), phaBefore + parseEther('40'), 'the PHA came back to L1')
})

async function withdrawTo(to: Address): Promise<string> {
  const popup = await openPopup(wb, '#/bridge')
  await chooseDirection(popup, 'withdraw')
  await popup.getByTestId('bridge-l2').selectOption('901')
  await popup.getByTestId('bridge-amount').fill('0.5')
  await popup.locator('.bridge-to summary').click()
  await popup.getByTestId('bridge-to').fill(to)
  await openReview(popup)
  await popup.locator('[data-testid="fee"] [data-fee="total"]').waitFor({ state: 'attached', timeout: 30_000 })
  assert.match(await popup.getByTestId('bridge-exit').innerText(), /^Withdrawals take about .*: a permissioned proposer posts a state about every .*\.$/)
  await assertCostPanel(popup, ['initiate', 'prove', 'finalize'])
  await shot(popup, 'popup-withdraw')
  const before = new Set((await overview(popup)).items.map((v) => v.id))
  await popup.getByTestId('bridge-submit').click()
  await popup.getByTestId('bridge-sent').waitFor({ timeout: 30_000 })
  await shot(popup, 'popup-sent')
  // the in-flight list shows it with its next step
  await popup.getByTestId('bridge-inflight').getByTestId('bridge-item').first().waitFor()
  const id = (await overview(popup)).items.find((v) => !before.has(v.id))!.id
  await popup.close()
  return id
}
