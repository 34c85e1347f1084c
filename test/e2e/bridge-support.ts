// Shared by the bridge e2e files: a devnet with short delays on the default ports (the extension
// embeds them; the manifest goes to a temp file so the committed one is untouched), the popup's
// Bridge form driven as a person would, the item page's steps, PHA for the test account, and
// screenshots (SCREENS=1, light and dark, under .cache/screens/).
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseAbi, type Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { Page } from 'playwright-core'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { l1Clients } from '../../devnet/testing.ts'
import type { Overview } from '../../src/bridge/service.ts'
import { root, type WalletBrowser } from './support/browser.ts'
import { extensionUrl, openPopup, uiCall } from './support/wallet.ts'

export { l1Time, warpTo } from '../integration/bridge-support.ts'

export const SCREENS = process.env.SCREENS === '1'
const screensDir = join(root, '.cache', 'screens')

/** Delays short enough for a test, in the mainnet order (maturity < clock + finality: the finality term decides). */
export const E2E_DELAYS = { gameClockSeconds: 30, clockExtensionSeconds: 10, proofMaturitySeconds: 20, disputeGameFinalitySeconds: 30, finalizationPeriodSeconds: 30 }

export function e2eDevnet(extra: Parameters<typeof startDevnet>[0] = {}): Promise<Devnet> {
  return startDevnet({ ports: 'default', l2BlockTime: 1, delays: E2E_DELAYS, manifestPath: join(tmpdir(), `rw-bridge-e2e-${process.pid}.json`), ...extra })
}

export async function shot(p: Page, name: string) {
  if (!SCREENS) return
  mkdirSync(screensDir, { recursive: true })
  for (const scheme of ['light', 'dark'] as const) {
    await p.emulateMedia({ colorScheme: scheme })
    await p.screenshot({ path: join(screensDir, `bridge-${name}-${scheme}.png`), fullPage: true })
  }
  await p.emulateMedia({ colorScheme: 'light' })
}

/** Test setup: PHA on L1 for `to`, from the devnet's asset deployer. */
export async function fundPha(devnet: Devnet, to: Address, amount: bigint) {
  const deployer = l1Clients(devnet.manifest, privateKeyToAccount(devnet.roles.assetDeployer.privateKey))
  const hash = await deployer.wallet.writeContract({ address: devnet.manifest.l1.contracts.pha!, abi: parseAbi(['function transfer(address,uint256) returns (bool)']), functionName: 'transfer', args: [to, amount] } as never)
  await deployer.public.waitForTransactionReceipt({ hash })
}

/**
 * The popup's Bridge form: direction, rollup, token, amount, then Review (the background starts the
 * flow); the review waits for the fee of the step to sign and the whole cost under it (a withdrawal:
 * L2 initiate + L1 prove + L1 finalize and a total; a deposit: its L1 steps, a total and the L2 gas
 * limit it buys), then confirms (an approval first for ERC-20 deposits; the background prepares the
 * deposit once it is mined). Returns the tracked item's id.
 */
export async function bridgeThroughPopup(wb: WalletBrowser, p: { direction: 'deposit' | 'withdraw'; l2: number; token: string; amount: string; screenshot?: string }): Promise<string> {
  const popup = await openPopup(wb, '#/bridge')
  await chooseDirection(popup, p.direction)
  await popup.getByTestId('bridge-l2').selectOption(String(p.l2))
  await popup.locator(`[data-testid="bridge-token"] option`, { hasText: new RegExp(`^${p.token}$`) }).waitFor({ state: 'attached' })
  await popup.getByTestId('bridge-token').selectOption({ label: p.token })
  await popup.getByTestId('bridge-amount').fill(p.amount)
  const before = new Set((await overview(popup)).items.map((v) => v.id))
  await openReview(popup)
  for (let round = 0; round < 2; round++) {
    await popup.locator('[data-testid="fee"] [data-fee="total"]').waitFor({ state: 'attached', timeout: 30_000 })
    const submit = popup.getByTestId('bridge-submit')
    await assertEnabled(submit)
    const label = await submit.innerText()
    await assertCostPanel(popup, p.direction === 'withdraw' ? ['initiate', 'prove', 'finalize'] : /^Approve/.test(label) ? ['approve', 'deposit'] : ['deposit'])
    if (round === 0 && p.screenshot) {
      await submit.evaluate((e) => e.scrollIntoView({ block: 'end' })) // the popup scrolls inside: show the cost panel and the button
      await shot(popup, p.screenshot)
    }
    await submit.click()
    if (/^Approve/.test(label)) {
      // the approval is mined, then the background prepares the deposit: its own fee shows
      await popup.getByTestId('bridge-step').filter({ hasText: /Deposit/ }).waitFor({ timeout: 30_000 })
      await popup.locator('[data-testid="bridge-review"][data-status="ready"]').waitFor({ timeout: 30_000 })
      continue
    }
    await popup.getByTestId('bridge-sent').waitFor({ timeout: 30_000 })
    break
  }
  const after = (await overview(popup)).items.find((v) => !before.has(v.id))
  assert.ok(after, 'the popup’s send is tracked')
  await popup.close()
  return after.id
}

/** The form's Review button: the flow starts in the background and its review shows. */
export async function openReview(popup: Page) {
  const open = popup.getByTestId('bridge-review-open')
  await assertEnabled(open)
  await open.click()
  await popup.getByTestId('bridge-review').waitFor({ timeout: 60_000 })
}

/** The cost panel under the step's fee: one line per step, in order, each with an amount of ETH, then a total above zero. */
export async function assertCostPanel(popup: Page, steps: string[]) {
  const panel = popup.getByTestId('bridge-cost')
  await panel.locator('[data-cost-step="total"]').waitFor({ timeout: 30_000 })
  const rows = panel.locator('[data-cost-step]')
  const shown = await rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-cost-step'), e.querySelector('dd')?.textContent ?? '']))
  assert.deepEqual(shown.map(([s]) => s), [...steps, 'total', 'max'])
  for (const [step, amount] of shown) assert.match(amount!, /^(<)?\d[\d,]*(\.\d+)? ETH$/, `${step}: ${amount}`)
  assert.notEqual(shown.find(([s]) => s === 'total')![1], '0 ETH')
  const text = await panel.innerText()
  if (steps.includes('prove')) {
    assert.equal(await panel.locator('h3').textContent(), 'Whole exit cost')
    assert.match(text, /L2 initiate[\s\S]*L1 prove[\s\S]*L1 finalize/)
    assert.match(text, /each is quoted again when you click it/)
  } else {
    assert.equal(await panel.locator('h3').textContent(), 'Deposit cost')
    assert.match(await panel.getByTestId('bridge-cost-l2gas').innerText(), /^Includes the fee for delivering it on the rollup: nothing more is charged there\.$/)
    assert.match((await panel.getByTestId('bridge-cost-l2gas').getAttribute('title')) ?? '', /^L2 gas limit [\d,]+/)
  }
}

/** The direction tab, clicked as a person clicks it. */
export async function chooseDirection(popup: Page, d: 'deposit' | 'withdraw') {
  await popup.locator('label.tab', { hasText: d === 'deposit' ? 'Deposit to L2' : 'Withdraw to L1' }).click()
  assert.ok(await popup.getByTestId(`bridge-dir-${d}`).isChecked())
}

async function assertEnabled(l: ReturnType<Page['getByTestId']>) {
  for (let i = 0; i < 100 && (await l.isDisabled()); i++) await new Promise((r) => setTimeout(r, 100))
  assert.equal(await l.isDisabled(), false, 'the button is enabled once the fee is known')
}

export const overview = (page: Page) => uiCall<Overview>(page, 'bridge.overview')

/** The full page of one item. */
export async function itemPage(wb: WalletBrowser, id: string): Promise<Page> {
  const page = await wb.context.newPage()
  await page.goto(extensionUrl(wb, `app.html#/bridge/item/${encodeURIComponent(id)}`))
  await page.getByTestId('bridge-timeline').waitFor()
  return page
}

/** Waits until the item page shows `status` (its own polling ticks the tracker). */
export async function waitStatus(page: Page, text: RegExp, timeoutMs = 60_000) {
  await page.getByTestId('bridge-status').filter({ hasText: text }).waitFor({ timeout: timeoutMs })
}

/** Clicks the prove / finalize button once its fee shows. */
export async function clickStep(page: Page, step: 'prove' | 'finalize') {
  const action = page.getByTestId(`bridge-action-${step}`)
  await action.locator('[data-testid="fee"] [data-fee="total"]').waitFor({ timeout: 30_000 })
  const button = page.getByTestId(`bridge-${step}`)
  await assertEnabled(button)
  await button.click()
}
