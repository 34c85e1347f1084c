// Shared by the bridge scenarios (bridge.test.ts, bridge-validity.test.ts), written against the
// driver API so they run in Chromium and in Firefox: an account of its own per browser's turn
// (funded on the devnet), the popup's Bridge form driven as a person would, the whole cost panel
// under a step's fee, the item page's steps, and what the wallet tracks (read by a UI call).
import assert from 'node:assert/strict'
import { parseEther, toHex, type Address } from 'viem'
import { english, generateMnemonic, mnemonicToAccount } from 'viem/accounts'
import type { Devnet } from '../../../devnet/index.ts'
import type { Overview } from '../../../src/bridge/service.ts'
import type { WithdrawalItem } from '../../../src/bridge/types.ts'
import { fundPha } from '../bridge-support.ts'
import { initializeWallet, uiCall, until, type UiPage, type WalletDriver } from '../driver/index.ts'

export { e2eDevnet, E2E_DELAYS, warpTo } from '../bridge-support.ts'

/**
 * A wallet on an account of its own (a fresh mnemonic): each browser's turn on the file's one devnet
 * starts from nothing tracked and nothing to rediscover from an earlier turn's bridging. The account
 * gets 100 ETH and `pha` PHA on the L1.
 */
export async function walletOfItsOwn(d: WalletDriver, devnet: Devnet, pha: bigint): Promise<Address> {
  const mnemonic = generateMnemonic(english)
  const address = mnemonicToAccount(mnemonic).address
  await devnet.l1.client.request({ method: 'anvil_setBalance' as never, params: [address, toHex(parseEther('100'))] as never })
  await fundPha(devnet, address, pha)
  await initializeWallet(d, { mnemonic })
  return address
}

export const overview = (page: UiPage) => uiCall<Overview>(page, 'bridge.overview')

export const withdrawalOf = (o: Overview, id: string) => o.items.find((v) => v.id === id)?.item as WithdrawalItem | undefined

/** Closes every extension page (the background is left to its alarms). */
export async function closeExtensionPages(d: WalletDriver): Promise<void> {
  for (const p of await d.pages()) if ((await p.href()).startsWith(d.extensionOrigin)) await p.close()
}

/** The direction tab, clicked as a person clicks it. */
export async function chooseDirection(popup: UiPage, dir: 'deposit' | 'withdraw'): Promise<void> {
  await popup.click(`.bridge-dir >> text=${dir === 'deposit' ? 'Deposit to L2' : 'Withdraw to L1'}`)
  assert.ok(await popup.evaluate(`document.querySelector('[data-testid="bridge-dir-${dir}"]').checked`), `the ${dir} tab is chosen`)
}

/** The token select's option labelled exactly `symbol` (once the rollup's tokens are listed). */
export async function chooseToken(popup: UiPage, symbol: string): Promise<void> {
  const value = await until(
    () => popup.evaluate<string | null>(`[...(document.querySelector('[data-testid="bridge-token"]')?.options ?? [])].find((o) => o.textContent.trim() === ${JSON.stringify(symbol)})?.value ?? null`),
    (v) => v !== null,
    20_000,
    `${symbol} in the token list`,
  )
  await popup.select('tid=bridge-token', value!)
}

/** The form's direction, rollup, token and amount. */
export async function fillForm(popup: UiPage, p: { direction: 'deposit' | 'withdraw'; l2: number; token: string; amount: string }): Promise<void> {
  await chooseDirection(popup, p.direction)
  await popup.select('tid=bridge-l2', String(p.l2))
  await chooseToken(popup, p.token)
  await popup.fill('tid=bridge-amount', p.amount)
}

/** The form's Review button (enabled once the form is complete): the flow starts in the background and its review shows. */
export async function openReview(popup: UiPage): Promise<void> {
  await popup.click('tid=bridge-review-open', { timeout: 20_000 })
  await popup.waitFor('tid=bridge-review', { timeout: 60_000 })
}

/** The review's fee of the step to sign. */
export const feeShown = (page: UiPage, scope = '') => page.waitFor(`${scope}[data-testid="fee"] [data-fee="total"]`, { state: 'attached', timeout: 30_000 })

/** Scrolls the popup (it scrolls inside) to show the cost panel and the button, then screenshots it. */
export async function shotAtSubmit(popup: UiPage, name: string): Promise<void> {
  if (!process.env.SCREENS) return
  await popup.evaluate(`document.querySelector('[data-testid="bridge-submit"]')?.scrollIntoView({ block: 'end' })`)
  await popup.screenshot(name, { fullPage: true })
}

/** The cost panel under the step's fee: one line per step, in order, each with an amount of ETH, then a total above zero. */
export async function assertCostPanel(popup: UiPage, steps: string[]): Promise<void> {
  await popup.waitFor('tid=bridge-cost >> [data-cost-step="total"]', { timeout: 30_000 })
  const shown = await popup.evaluate<[string, string][]>(
    `[...document.querySelectorAll('[data-testid="bridge-cost"] [data-cost-step]')].map((e) => [e.getAttribute('data-cost-step'), e.querySelector('dd')?.textContent ?? ''])`,
  )
  assert.deepEqual(shown.map(([s]) => s), [...steps, 'total', 'max'])
  for (const [step, amount] of shown) assert.match(amount, /^(<)?\d[\d,]*(\.\d+)? ETH$/, `${step}: ${amount}`)
  assert.notEqual(shown.find(([s]) => s === 'total')![1], '0 ETH')
  const text = await popup.text('tid=bridge-cost')
  const heading = await popup.evaluate<string>(`document.querySelector('[data-testid="bridge-cost"] h3')?.textContent ?? ''`)
  if (steps.includes('prove')) {
    assert.equal(heading, 'Whole exit cost')
    assert.match(text, /L2 initiate[\s\S]*L1 prove[\s\S]*L1 finalize/)
    assert.match(text, /each is quoted again when you click it/)
  } else {
    assert.equal(heading, 'Deposit cost')
    assert.match(await popup.text('tid=bridge-cost-l2gas'), /^Includes the fee for delivering it on the rollup: nothing more is charged there\.$/)
    assert.match((await popup.attr('tid=bridge-cost-l2gas', 'title')) ?? '', /^L2 gas limit [\d,]+/)
  }
}

/** The new tracked item's id: the one the overview did not list before. */
async function newItem(page: UiPage, before: Set<string>): Promise<string> {
  const o = await until(() => overview(page), (o) => o.items.some((v) => !before.has(v.id)), 15_000, 'the send tracked')
  const fresh = o.items.filter((v) => !before.has(v.id))
  assert.equal(fresh.length, 1, `one new tracked item (${fresh.map((v) => v.id).join(', ')})`)
  return fresh[0]!.id
}

/**
 * The popup's Bridge form: direction, rollup, token, amount, then Review (the background starts the
 * flow); the review waits for the fee of the step to sign and the whole cost under it (a withdrawal:
 * L2 initiate + L1 prove + L1 finalize and a total; a deposit: its L1 steps, a total and the L2 gas
 * limit it buys), then confirms (an approval first for ERC-20 deposits; the background prepares the
 * deposit once it is mined). Returns the tracked item's id.
 */
export async function bridgeThroughPopup(d: WalletDriver, p: { direction: 'deposit' | 'withdraw'; l2: number; token: string; amount: string; to?: Address; screenshot?: string }): Promise<string> {
  const popup = await d.openExtension('popup.html#/bridge')
  await fillForm(popup, p)
  if (p.to) {
    await popup.click('.bridge-to >> summary')
    await popup.fill('tid=bridge-to', p.to)
  }
  const before = new Set((await overview(popup)).items.map((v) => v.id))
  await openReview(popup)
  for (let round = 0; round < 2; round++) {
    await feeShown(popup)
    await until(() => popup.isEnabled('tid=bridge-submit'), (v) => v, 10_000, 'the button enabled once the fee is known')
    const label = await popup.text('tid=bridge-submit')
    await assertCostPanel(popup, p.direction === 'withdraw' ? ['initiate', 'prove', 'finalize'] : /^Approve/.test(label) ? ['approve', 'deposit'] : ['deposit'])
    if (round === 0 && p.screenshot) await shotAtSubmit(popup, p.screenshot)
    await popup.click('tid=bridge-submit')
    if (/^Approve/.test(label)) {
      // the approval is mined, then the background prepares the deposit: its own fee shows
      await until(() => popup.text('tid=bridge-step'), (t) => /Deposit/.test(t), 30_000, 'the deposit step')
      await popup.waitFor('[data-testid="bridge-review"][data-status="ready"]', { timeout: 30_000 })
      continue
    }
    await popup.waitFor('tid=bridge-sent', { timeout: 30_000 })
    break
  }
  const id = await newItem(popup, before)
  await popup.close()
  return id
}

export { newItem }

/** The full page of one item. */
export async function itemPage(d: WalletDriver, id: string): Promise<UiPage> {
  const page = await d.openExtension(`app.html#/bridge/item/${encodeURIComponent(id)}`, { width: 1280, height: 800 })
  await page.waitFor('tid=bridge-timeline')
  return page
}

/** Waits until the item page shows `status` (while it is open the background ticks the tracker). */
export async function waitStatus(page: UiPage, status: RegExp, timeoutMs = 60_000): Promise<void> {
  await until(() => page.texts('tid=bridge-status'), (t) => t.some((s) => status.test(s)), timeoutMs, `the status ${status}`)
}

/** Clicks the prove / finalize button once its fee shows. */
export async function clickStep(page: UiPage, step: 'prove' | 'finalize'): Promise<void> {
  await feeShown(page, `[data-testid="bridge-action-${step}"] `)
  await page.click(`tid=bridge-${step}`, { timeout: 10_000 })
}
