// Pending transactions under the user's control, in Chromium against the devnet (L1 mining held with
// evm_setAutomine false, the next base fee raised with anvil_setNextBlockBaseFeePerGas; no idle L1
// blocks): a send with a low fee stays pending (below the base fee), is sped up through the approval
// window, the replacement is mined and the original marked replaced, the balance right; a site's
// pending transaction cancelled (the zero-value self send mined, the site's receipt null); two sends
// confirmed together take consecutive nonces and a site's own replacement (its nonce) replaces; an
// edited fee is what is signed; a bridge prove sent with a low fee, sped up: the tracker follows the
// new hash to proven. One devnet, one browser. SCREENS=1 writes screenshots to .cache/screens/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { numberToHex, parseEther, parseGwei, type Hex, type PublicClient } from 'viem'
import type { Page } from 'playwright-core'
import type { Devnet } from '../../devnet/index.ts'
import type { ActivityRecord } from '../../src/activity/store.ts'
import type { Flow } from '../../src/flows/types.ts'
import type { WithdrawalItem } from '../../src/bridge/types.ts'
import { ETH_TOKEN } from '../../src/bridge/types.ts'
import { launchWithExtension, root, type WalletBrowser } from './support/browser.ts'
import { approvalWindows, clickApprove } from './support/approval-window.ts'
import { servePages, type PageServer } from './support/server.ts'
import { extensionUrl, initializeWallet, openPopup, TEST_ADDRESS_0, uiCall } from './support/wallet.ts'
import { e2eDevnet, overview } from './bridge-support.ts'
import { until } from './send-support.ts'

const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const SCREENS = process.env.SCREENS === '1'

let devnet: Devnet
let wb: WalletBrowser
let site: PageServer
let l1: PublicClient
let windows: ReturnType<typeof approvalWindows>
let withdrawal: string

before(async () => {
  devnet = await e2eDevnet({ l1BlockTime: 0 })
  l1 = devnet.l1.client
  ;[site, wb] = await Promise.all([servePages(), launchWithExtension()])
  await initializeWallet(wb)
  windows = approvalWindows(wb)
  // a withdrawal from 901, started now so its proposal comes while the other tests run
  const p = await extensionPage()
  const flow = await uiCall<Flow>(p, 'flows.start', { kind: 'bridge', intent: { direction: 'withdraw', l2ChainId: 901, token: ETH_TOKEN, amount: parseEther('0.1').toString(), from: TEST_ADDRESS_0 } })
  const sent = await uiCall<Flow>(p, 'flows.confirm', { id: flow.id, step: 0 })
  withdrawal = sent.trackedId!
  await p.close()
})
after(async () => {
  await wb?.close()
  await site?.close()
  await devnet?.stop()
})

const rpc = (method: string, params: unknown[] = []) => l1.request({ method: method as never, params: params as never })

/** A transaction the wallet sent, once the node has it: the wallet records a hash (its activity, a
 *  withdrawal's prove) when it is signed, before it is broadcast (src/tx/send.ts onSigned). */
async function atNode(hash: Hex) {
  return (await until(() => l1.getTransaction({ hash }).catch(() => null), (t) => t !== null, 20_000, `transaction ${hash} at the node`))!
}

/** L1 mining held (and the proposer, whose game creation would resume it) while `fn` runs, then released. */
async function held<T>(fn: () => Promise<T>): Promise<T> {
  devnet.proposer.pause()
  await devnet.proposer.catchUp() // waits for a pass already running (its game creation resumes automine)
  await rpc('evm_setAutomine', [false])
  try {
    return await fn()
  } finally {
    await rpc('evm_setAutomine', [true])
    await rpc('evm_mine')
    devnet.proposer.resume()
  }
}

async function extensionPage(): Promise<Page> {
  const p = await wb.context.newPage()
  await p.goto(extensionUrl(wb, 'popup.html#/settings'))
  return p
}

async function shot(p: Page, name: string, fullPage = false) {
  if (!SCREENS) return
  const dir = join(root, '.cache', 'screens')
  mkdirSync(dir, { recursive: true })
  for (const scheme of ['light', 'dark'] as const) {
    await p.emulateMedia({ colorScheme: scheme })
    await p.screenshot({ path: join(dir, `pending-${name}-${scheme}.png`), fullPage })
  }
  await p.emulateMedia({ colorScheme: null })
}

const activity = (p: Page) => uiCall<ActivityRecord[]>(p, 'tx.activity', {})
const record = async (p: Page, hash: string) => (await activity(p)).find((r) => r.hash === hash)

/** The Send screen on L1 up to its confirm step, with the fee editor shown. */
async function sendConfirm(amount: string): Promise<Page> {
  const page = await openPopup(wb, '#/send')
  await page.getByTestId('send-chain').selectOption('900')
  await page.getByTestId('send-to').fill(RECIPIENT)
  await page.getByTestId('send-amount').fill(amount)
  await until(() => page.getByTestId('send-review').isEnabled(), (v) => v, 20_000, 'Review enabled')
  await page.getByTestId('send-review').click()
  await page.getByTestId('fee-editor').locator('[data-fee="total"]').waitFor({ timeout: 20_000 })
  return page
}

async function confirmSend(page: Page): Promise<Hex> {
  await until(() => page.getByTestId('send-confirm').isEnabled(), (v) => v, 20_000, 'Confirm enabled')
  await page.getByTestId('send-confirm').click()
  return (await page.getByTestId('send-hash').innerText({ timeout: 20_000 })).trim() as Hex
}

/** The Activity entry of `hash`: its row and the pending view (or the replaced note) under it. */
function item(page: Page, hash: string) {
  return page.locator(`li[data-hash="${hash}"]`)
}
/** an activity row's status (on its button) */
const statusOf = (page: Page, hash: string) => item(page, hash).getByTestId('activity-item').getAttribute('data-status')

async function activityPage(): Promise<Page> {
  const page = await openPopup(wb, '#/activity')
  await page.locator('section.activity').waitFor()
  return page
}

test('a send with a low fee stays pending below the base fee; sped up through the approval window: the replacement is mined, the original replaced, the balance right', async () => {
  const sender0 = await l1.getBalance({ address: TEST_ADDRESS_0 })
  const recipient0 = await l1.getBalance({ address: RECIPIENT })
  let original!: Hex
  let faster!: Hex
  await held(async () => {
    const page = await sendConfirm('0.5')
    await page.getByTestId('fee-level-low').click()
    await until(() => page.getByTestId('fee-editor').getAttribute('data-level'), (l) => l === 'low', 5000, 'Low chosen')
    await page.getByTestId('fee-editor').locator('[data-fee="total"]').waitFor()
    await shot(page, 'send-confirm-low')
    original = await confirmSend(page)
    await page.close()
    const signed = await atNode(original)
    // the base fee jumps above its cap: it waits
    await rpc('anvil_setNextBlockBaseFeePerGas', [numberToHex(signed.maxFeePerGas! * 3n)])

    const act = await activityPage()
    const it = item(act, original)
    await it.getByTestId('pending-below-base').waitFor({ timeout: 20_000 })
    assert.equal(await statusOf(act, original), 'pending')
    assert.equal(await it.getByTestId('pending-nonce').innerText(), `Nonce ${signed.nonce}`)
    assert.match(await it.getByTestId('pending-cap').innerText(), /^Fee cap [\d.,]+ gwei · base fee [\d.,]+ gwei$/)
    assert.match(await it.getByTestId('pending-waited').innerText(), /^waiting \d+ (s|min)$/)
    await shot(act, 'activity-pending')

    await it.getByTestId('speed-up').click()
    const ap = await windows.next()
    assert.equal(await ap.locator('main').getAttribute('data-kind'), 'replaceTx')
    assert.equal(await ap.getByTestId('origin-site').innerText(), 'This wallet')
    assert.equal(await ap.getByTestId('origin').innerText(), 'Your request')
    assert.match(await ap.locator('h1').innerText(), /^Speed up “Send 0\.5 ETH to /)
    assert.equal(await ap.getByTestId('tx-nonce').innerText(), String(signed.nonce))
    await ap.locator('[data-testid="fee"] [data-fee="total"]').waitFor({ timeout: 20_000 })
    for (const row of ['execution', 'total', 'max']) assert.equal(await ap.locator(`[data-fee="${row}"]`).count(), 1, `${row} row`)
    await ap.setViewportSize({ width: 380, height: 640 })
    await shot(ap, 'approval-speed-up', true)
    await clickApprove(ap)
    faster = await until(
      async () => (await activity(act)).find((r) => r.replacement?.of === original)?.hash,
      (h) => !!h,
      20_000,
      'the speed-up in the activity list',
    ) as Hex
    const replacement = await atNode(faster)
    assert.equal(replacement.nonce, signed.nonce, 'same nonce')
    assert.ok(replacement.maxFeePerGas! * 10n >= signed.maxFeePerGas! * 11n && replacement.maxPriorityFeePerGas! * 10n >= signed.maxPriorityFeePerGas! * 11n, 'at least +10% on both fee fields')
    assert.ok(replacement.maxFeePerGas! >= signed.maxFeePerGas! * 3n, 'and above the raised base fee')
    await rpc('evm_mine')
    await act.close()
  })
  const receipt = await l1.getTransactionReceipt({ hash: faster })
  assert.equal(receipt.status, 'success')
  await assert.rejects(l1.getTransactionReceipt({ hash: original }), /could not be found/, 'the original is never mined')
  const act = await activityPage()
  await uiCall(act, 'activity.check')
  await item(act, original).getByTestId('replaced-note').waitFor({ timeout: 20_000 })
  assert.equal(await statusOf(act, original), 'replaced')
  assert.match(await item(act, original).getByTestId('replaced-note').innerText(), /^Replaced by its speed-up/)
  assert.equal(await statusOf(act, faster), 'confirmed')
  await shot(act, 'activity-replaced')
  await act.close()
  assert.equal((await l1.getBalance({ address: RECIPIENT })) - recipient0, parseEther('0.5'), 'the recipient got 0.5 ETH once')
  assert.equal(sender0 - (await l1.getBalance({ address: TEST_ADDRESS_0 })), parseEther('0.5') + receipt.gasUsed * receipt.effectiveGasPrice, 'the sender paid 0.5 ETH and the replacement\'s fee only')
})

test('cancel of a pending site transaction: the zero-value self send is mined, the site\'s never; its eth_getTransactionReceipt answers null', async () => {
  const page = await wb.context.newPage()
  await page.goto(site.url)
  await page.waitForFunction('!!window.ethereum')
  await windows.approved(page, 'window.ethereum.request({ method: "eth_requestAccounts" })', site.origin)
  assert.equal(await page.evaluate('window.ethereum.request({ method: "eth_chainId" })'), '0x384')
  const recipient0 = await l1.getBalance({ address: RECIPIENT })
  let original!: Hex
  let cancel!: Hex
  await held(async () => {
    original = await windows.approved<Hex>(page, `window.ethereum.request({ method: "eth_sendTransaction", params: [{ from: "${TEST_ADDRESS_0}", to: "${RECIPIENT}", value: "${numberToHex(parseEther('2'))}" }] })`, site.origin)
    const act = await activityPage()
    const it = item(act, original)
    await it.getByTestId('cancel-tx').waitFor({ timeout: 20_000 })
    await it.getByTestId('cancel-tx').click()
    const ap = await windows.next()
    assert.match(await ap.locator('h1').innerText(), /^Cancel “Send”\?$/)
    assert.match(await ap.getByTestId('replace-what').innerText(), /Sends nothing to yourself/)
    await ap.locator('[data-testid="fee"] [data-fee="total"]').waitFor({ timeout: 20_000 })
    await shot(ap, 'approval-cancel', true)
    await clickApprove(ap)
    cancel = await until(async () => (await activity(act)).find((r) => r.replacement?.of === original)?.hash, (h) => !!h, 20_000, 'the cancel in the activity list') as Hex
    await rpc('evm_mine')
    await act.close()
  })
  const c = await l1.getTransactionReceipt({ hash: cancel })
  assert.equal(c.status, 'success')
  assert.equal(c.to?.toLowerCase(), TEST_ADDRESS_0.toLowerCase(), 'sent to self')
  assert.equal((await l1.getTransaction({ hash: cancel })).value, 0n, 'zero value')
  assert.equal(await page.evaluate(`window.ethereum.request({ method: "eth_getTransactionReceipt", params: ["${original}"] })`), null, 'the site\'s transaction has no receipt')
  assert.equal(await l1.getBalance({ address: RECIPIENT }), recipient0, 'nothing was sent')
  const act = await activityPage()
  await uiCall(act, 'activity.check')
  await item(act, original).getByTestId('replaced-note').waitFor({ timeout: 20_000 })
  assert.match(await item(act, original).getByTestId('replaced-note').innerText(), /^Cancelled/)
  await act.close()
  await page.close()
})

test('two sends confirmed in quick succession get consecutive nonces; a site\'s replacement with its own nonce replaces one', async () => {
  const page = await wb.context.newPage()
  await page.goto(site.url)
  await page.waitForFunction('!!window.ethereum')
  let a!: Hex
  let b!: Hex
  let siteTx!: Hex
  await held(async () => {
    const [p1, p2] = await Promise.all([sendConfirm('0.01'), sendConfirm('0.02')])
    ;[a, b] = await Promise.all([confirmSend(p1), confirmSend(p2)])
    await Promise.all([p1.close(), p2.close()])
    const [ta, tb] = await Promise.all([l1.getTransaction({ hash: a }), l1.getTransaction({ hash: b })])
    assert.deepEqual([ta.nonce, tb.nonce].sort(), [Math.min(ta.nonce, tb.nonce), Math.min(ta.nonce, tb.nonce) + 1], 'consecutive nonces, both waiting in the pool')
    const act = await activityPage()
    await item(act, b).getByTestId('pending-nonce').waitFor({ timeout: 20_000 })
    assert.equal(await item(act, b).getByTestId('pending-nonce').innerText(), `Nonce ${tb.nonce}`)
    await act.close()
    // the site sends its own transaction with b's nonce and higher fees: a replacement
    siteTx = await windows.approved<Hex>(
      page,
      `window.ethereum.request({ method: "eth_sendTransaction", params: [{ from: "${TEST_ADDRESS_0}", to: "${RECIPIENT}", value: "0x1", nonce: "${numberToHex(tb.nonce)}", maxFeePerGas: "${numberToHex(tb.maxFeePerGas! * 2n)}", maxPriorityFeePerGas: "${numberToHex(tb.maxPriorityFeePerGas! * 2n)}" }] })`,
      site.origin,
      async (ap) => {
        // the nonce is under Advanced
        await ap.getByTestId('advanced').locator('summary').click()
        assert.equal(await ap.getByTestId('tx-nonce').innerText(), `${tb.nonce} (set by the site)`)
        assert.match(await ap.getByTestId('tx-replaces').innerText(), /^Replaces your pending “Send 0\.02 ETH to /)
        assert.equal(await ap.getByTestId('fee-editor').getAttribute('data-level'), 'prepared')
        assert.equal(await ap.getByTestId('fee-level-site').getAttribute('aria-checked'), 'true', 'the site\'s fees are chosen')
        await ap.locator('[data-testid="fee"] [data-fee="total"]').waitFor({ timeout: 20_000 })
        await shot(ap, 'approval-site-replacement', true)
      },
    )
    assert.equal((await l1.getTransaction({ hash: siteTx })).nonce, tb.nonce)
    await rpc('evm_mine')
  })
  assert.equal((await l1.getTransactionReceipt({ hash: siteTx })).status, 'success')
  assert.equal((await l1.getTransactionReceipt({ hash: a })).status, 'success')
  await assert.rejects(l1.getTransactionReceipt({ hash: b }), /could not be found/)
  const act = await activityPage()
  await uiCall(act, 'activity.check')
  await until(async () => (await record(act, b))?.status, (s) => s === 'replaced', 20_000, 'b replaced')
  assert.equal((await record(act, b))!.replacedBy, siteTx)
  assert.equal((await record(act, siteTx))!.replacement?.kind, 'custom')
  await act.close()
  await page.close()
})

test('an edited fee is what the signed transaction carries', async () => {
  const page = await wb.context.newPage()
  await page.goto(site.url)
  await page.waitForFunction('!!window.ethereum')
  const hash = await windows.approved<Hex>(page, `window.ethereum.request({ method: "eth_sendTransaction", params: [{ from: "${TEST_ADDRESS_0}", to: "${RECIPIENT}", value: "0x2", data: "0x1234" }] })`, site.origin, async (ap) => {
    await ap.locator('[data-testid="fee"] [data-fee="total"]').waitFor({ timeout: 20_000 })
    await ap.getByTestId('fee-advanced').locator('summary').click()
    await ap.getByTestId('fee-max').fill('7.25')
    await ap.getByTestId('fee-tip').fill('1.5')
    await ap.getByTestId('fee-gas').fill('30000')
    assert.equal(await ap.getByTestId('fee-editor').getAttribute('data-level'), 'custom')
    // a gas limit under the estimate and a fee far above the market are named as such
    await ap.getByTestId('fee-gas').fill('21000')
    await ap.getByTestId('fee-max').fill('500')
    const warned = await until(() => ap.getByTestId('fee-warning').allInnerTexts(), (w) => w.some((x) => /× today's market fee/.test(x)) && w.some((x) => /below the estimate/.test(x)), 10_000, 'the warnings')
    assert.ok(warned.some((x) => /^The gas limit is below the estimate \(21,\d{3}\)/.test(x)), warned.join(' | '))
    await shot(ap, 'approval-fee-warnings', true)
    await ap.getByTestId('fee-max').fill('7.25')
    await ap.getByTestId('fee-gas').fill('30000')
    await ap.locator('[data-testid="fee"] [data-fee="total"]').waitFor()
    await shot(ap, 'approval-custom-fee', true)
  })
  const tx = await l1.getTransaction({ hash })
  assert.equal(tx.maxFeePerGas, parseGwei('7.25'))
  assert.equal(tx.maxPriorityFeePerGas, parseGwei('1.5'))
  assert.equal(tx.gas, 30_000n)
  assert.equal((await l1.waitForTransactionReceipt({ hash })).status, 'success')
  await page.close()
})

test('a bridge prove sent with a low fee, then sped up: the tracker follows the new hash to proven', async () => {
  const page = await wb.context.newPage()
  await page.goto(extensionUrl(wb, `app.html#/bridge/item/${encodeURIComponent(withdrawal)}`))
  await page.getByTestId('bridge-status').filter({ hasText: /Ready to prove/ }).waitFor({ timeout: 90_000 })
  let original!: Hex
  let faster!: Hex
  await held(async () => {
    const action = page.getByTestId('bridge-action-prove')
    await action.getByTestId('fee-editor').locator('[data-fee="total"]').waitFor({ timeout: 30_000 })
    await action.getByTestId('fee-level-low').click()
    await until(() => page.getByTestId('bridge-prove').isEnabled(), (v) => v, 20_000, 'Prove enabled once the background has the chosen fee')
    await shot(page, 'prove-low', true)
    await page.getByTestId('bridge-prove').click()
    original = await until(async () => ((await overview(page)).items.find((v) => v.id === withdrawal)?.item as WithdrawalItem | undefined)?.proof?.hash, (h) => !!h, 20_000, 'the prove signed') as Hex
    const signed = await atNode(original)
    const low = (await uiCall<{ levels: { low: { maxFeePerGas: Hex } } }>(page, 'tx.market', { chainId: 900 })).levels.low
    assert.ok(signed.maxFeePerGas! <= BigInt(low.maxFeePerGas) * 2n, 'signed with the low fee')
    await rpc('anvil_setNextBlockBaseFeePerGas', [numberToHex(signed.maxFeePerGas! * 3n)])
    const act = await activityPage()
    const it = item(act, original)
    await it.getByTestId('pending-below-base').waitFor({ timeout: 20_000 })
    await it.getByTestId('speed-up').click()
    const ap = await windows.next()
    assert.match(await ap.locator('h1').innerText(), /^Speed up “Prove/)
    await ap.locator('[data-testid="fee"] [data-fee="total"]').waitFor({ timeout: 20_000 })
    await clickApprove(ap)
    faster = await until(async () => (await activity(act)).find((r) => r.replacement?.of === original)?.hash, (h) => !!h, 20_000, 'the sped-up prove') as Hex
    assert.equal((await atNode(faster)).input, signed.input, 'the same prove call')
    await rpc('evm_mine')
    await act.close()
  })
  assert.equal((await l1.getTransactionReceipt({ hash: faster })).status, 'success')
  await page.getByTestId('bridge-status').filter({ hasText: /Proven/ }).waitFor({ timeout: 60_000 })
  const w = (await overview(page)).items.find((v) => v.id === withdrawal)!.item as WithdrawalItem
  assert.equal(w.status, 'proven')
  assert.equal(w.proof?.hash, faster, 'the tracker follows the replacement')
  await shot(page, 'prove-sped-up-proven', true)
  await page.close()
})
