// The built extension in real Chromium: popup renders, service worker answers, pages get a provider.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchWithExtension, type WalletBrowser } from './support/browser.ts'
import { servePages, type PageServer } from './support/server.ts'
import { initializeWallet, uiCall } from './support/wallet.ts'

let wb: WalletBrowser
let site: PageServer

before(async () => {
  site = await servePages()
  wb = await launchWithExtension()
  // The popup shows its navigation once a wallet exists and is unlocked (a fresh one offers set-up).
  await initializeWallet(wb)
})
after(async () => {
  await wb?.close()
  await site?.close()
})

test('the service worker is up and answers the popup', async () => {
  assert.match(wb.worker.url(), /^chrome-extension:\/\/[a-p]{32}\/background\.js$/)
  const page = await wb.context.newPage()
  await page.goto(`chrome-extension://${wb.extensionId}/popup.html`)
  // the home screen is drawn from what the background pushed (no debug line on screen)
  await page.locator('[data-testid="home"][data-ready="true"]').waitFor({ timeout: 10_000 })
  assert.equal(await page.getByText(/Background v/).count(), 0)
  assert.equal((await uiCall<{ version: string }>(page, 'app.ping', {})).version, '0.1.0')
  const nav = await page.locator('nav a').allInnerTexts()
  assert.deepEqual(nav.map((t) => t.replace(/\W+/g, ' ').trim()), ['Home', 'Send', 'Bridge', 'Activity', 'Settings'])
  await page.close()
})

test('the popup is usable by keyboard', async () => {
  const page = await wb.context.newPage()
  await page.goto(`chrome-extension://${wb.extensionId}/popup.html`)
  await page.locator('nav a[data-route=home]').focus()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('Enter')
  await page.waitForURL(/#\/send$/)
  // the view re-renders on hashchange: wait for it rather than read the attribute at once
  await page.locator('nav a[aria-current=page][data-route=send]').waitFor({ timeout: 5000 })
  await page.locator('nav a[data-route=send]').focus()
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('Enter')
  await page.waitForURL(/#\/settings$/)
  await page.locator('nav a[aria-current=page][data-route=settings]').waitFor({ timeout: 5000 })
  await page.close()
})

test('a web page sees window.ethereum, an EIP-6963 announcement, and gets the chain id', async () => {
  const page = await wb.context.newPage()
  await page.goto(site.url)
  const seen = await page.evaluate(async () => {
    const w = window as any
    const announced = w.__announced.map((d: any) => d.info)
    const chainId = await w.ethereum.request({ method: 'eth_chainId' })
    const viaAnnounced = await w.__announced[0].provider.request({ method: 'eth_chainId' })
    return { hasEthereum: typeof w.ethereum?.request === 'function', announced, chainId, same: w.__announced[0].provider === w.ethereum, viaAnnounced }
  })
  assert.equal(seen.hasEthereum, true)
  assert.equal(seen.announced.length, 1)
  assert.equal(seen.announced[0].name, 'Rollup Wallet')
  assert.equal(seen.announced[0].rdns, 'io.rollupwallet')
  assert.match(seen.announced[0].uuid, /^[0-9a-f-]{36}$/)
  assert.match(seen.announced[0].icon, /^data:image\/svg\+xml;base64,/)
  assert.equal(seen.same, true)
  assert.match(seen.chainId, /^0x[0-9a-f]+$/)
  assert.equal(seen.viaAnnounced, seen.chainId)
  await page.close()
})
