// Firefox smoke: firefox-esr installs dist/firefox; a new install opens onboarding; a page sees the
// provider and the chain id, and connects through the approval window. (WebDriver BiDi refuses to
// navigate to moz-extension:// pages, so the test works in the pages the extension opens itself.)
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'puppeteer-core'
import { launchFirefoxWithExtension } from './support/firefox.ts'
import { servePages, type PageServer } from './support/server.ts'
import { TEST_ADDRESS_0, TEST_MNEMONIC } from './support/wallet.ts'

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

/** The first open page whose location matches (extension pages show as about:blank to BiDi). */
async function findPage(match: RegExp, timeoutMs = 15_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    for (const p of await ff.browser.pages()) {
      const href = (await Promise.race([p.evaluate('location.href').catch(() => ''), new Promise((r) => setTimeout(() => r(''), 1000))])) as string
      if (match.test(href)) return p
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`no page matching ${match}`)
}

test('firefox: a new install opens onboarding, and the wallet is set up from it', async () => {
  const onboarding = await findPage(/^moz-extension:\/\/[^/]+\/app\.html#\/welcome/)
  const reply = (await onboarding.evaluate(
    `browser.runtime.sendMessage(${JSON.stringify({ channel: 'ui', call: 'keyring.initialize', params: { mnemonic: TEST_MNEMONIC, password: 'correct horse battery staple' } })})`,
  )) as { ok: boolean; result?: { accounts: { address: string }[] } }
  assert.equal(reply.ok, true)
  assert.equal(reply.result?.accounts[0].address, TEST_ADDRESS_0)
})

test('firefox: a page sees window.ethereum and EIP-6963, gets the chain id, and connects', async () => {
  const page = await ff.browser.newPage()
  await page.goto(site.url)
  await page.waitForFunction(() => typeof (window as any).ethereum?.request === 'function', { timeout: 15_000 })
  const seen = await page.evaluate(async () => {
    const w = window as any
    const chainId = await w.ethereum.request({ method: 'eth_chainId' })
    return { chainId, names: w.__announced.map((d: any) => d.info.name) }
  })
  assert.equal(seen.chainId, '0x384')
  assert.deepEqual(seen.names, ['Rollup Wallet'])

  // void: the page must not wait here (an evaluated promise is awaited)
  await page.evaluate(`void (window.__connect = window.ethereum.request({ method: 'eth_requestAccounts' }).then((a) => ({ accounts: a }), (e) => ({ code: e.code })))`)
  const approval = await findPage(/^moz-extension:\/\/[^/]+\/approval\.html/)
  // the buttons enable once the request has been in view for a moment
  await approval.waitForSelector('[data-testid=approve]:not([disabled])', { timeout: 15_000 })
  assert.equal(await approval.$eval('[data-testid=origin]', (el) => el.textContent), site.origin)
  await approval.evaluate(`document.querySelector('[data-testid=approve]').click()`)
  const result = (await page.evaluate('window.__connect')) as { accounts?: string[]; code?: number }
  assert.deepEqual(result.accounts, [TEST_ADDRESS_0])
  assert.deepEqual(await page.evaluate(`window.ethereum.request({ method: 'eth_accounts' })`), [TEST_ADDRESS_0])
  await page.close()
})
