// Firefox smoke: firefox-esr installs dist/firefox; a page sees the provider and gets the chain id;
// the background answers the page (Firefox refuses a WebDriver navigation to a moz-extension:// page).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchFirefoxWithExtension } from './support/firefox.ts'
import { servePages, type PageServer } from './support/server.ts'

let ff: Awaited<ReturnType<typeof launchFirefoxWithExtension>>
let site: PageServer

before(async () => {
  site = await servePages()
  ff = await launchFirefoxWithExtension()
})
after(async () => {
  await ff?.close()
  await site?.close()
})

test('firefox: a page sees window.ethereum and EIP-6963, and gets the chain id', async () => {
  const page = await ff.browser.newPage()
  await page.goto(site.url)
  await page.waitForFunction(() => typeof (window as any).ethereum?.request === 'function', { timeout: 15_000 })
  const seen = await page.evaluate(async () => {
    const w = window as any
    const chainId = await w.ethereum.request({ method: 'eth_chainId' })
    return { chainId, names: w.__announced.map((d: any) => d.info.name) }
  })
  assert.match(seen.chainId, /^0x[0-9a-f]+$/)
  assert.deepEqual(seen.names, ['Rollup Wallet'])
  await page.close()
})

