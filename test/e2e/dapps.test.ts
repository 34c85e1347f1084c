// Chromium-only dApp checks that need Playwright's frames and init scripts: an iframe of another
// origin sees no accounts; another wallet's window.ethereum is left alone. The three dApps (connect,
// switch, sign, typed data, send), 4001 on reject, connected sites and revoke, the hostile flood, the
// approval across a background suspension and closing the window run in Chromium and Firefox:
// test/e2e/scenarios/dapps.test.ts.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { launchWithExtension, type WalletBrowser } from './support/browser.ts'
import { servePages, type PageServer } from './support/server.ts'
import { dappRoutes } from './support/dapps.ts'
import { initializeWallet, uiCall, TEST_ADDRESS_0 } from './support/wallet.ts'
import { approvalWindows } from './support/approval-window.ts'

const DAPPS = [
  { name: 'ethers-dapp', chain: 901 },
  { name: 'viem-dapp', chain: 902 },
  { name: 'mipd-dapp', chain: 900 },
] as const

let devnet: Devnet
let wb: WalletBrowser
let windows: ReturnType<typeof approvalWindows>
const servers: PageServer[] = []

before(async () => {
  devnet = await startDevnet({ ports: 'default' })
  const routes = await dappRoutes(DAPPS.map((d) => d.name))
  for (let i = 0; i < DAPPS.length; i++) servers.push(await servePages(routes)) // one origin per dApp
  wb = await launchWithExtension()
  windows = approvalWindows(wb)
  await initializeWallet(wb)
})
after(async () => {
  await wb?.close()
  for (const s of servers) await s.close()
  await devnet?.stop()
})

test('an iframe of another origin inside a connected page sees no accounts', async () => {
  const stranger = await servePages()
  const host = await servePages({ '/host.html': { type: 'text/html', body: `<!doctype html><iframe id="f" src="${stranger.url}"></iframe>` } })
  try {
    // the host's origin is connected first
    const page = await wb.context.newPage()
    await page.goto(`${host.url}host.html`)
    const connect = page.evaluate('window.ethereum.request({ method: "eth_requestAccounts" })')
    await (await windows.next()).getByTestId('approve').click()
    assert.deepEqual(await connect, [TEST_ADDRESS_0])
    const frame = page.frames().find((f) => f.url().startsWith(stranger.origin))!
    await frame.waitForFunction('!!window.ethereum')
    assert.deepEqual(await frame.evaluate('window.ethereum.request({ method: "eth_accounts" })'), [])
    assert.deepEqual(await page.evaluate('window.ethereum.request({ method: "eth_accounts" })'), [TEST_ADDRESS_0])
    await page.close()
  } finally {
    await host.close()
    await stranger.close()
  }
})

test('another wallet\'s window.ethereum is left alone, unless the user made Rollup Wallet the default', async () => {
  const page = await wb.context.newPage()
  await page.addInitScript('window.ethereum = { isOtherWallet: true, request: async () => "other" }')
  await page.goto(`${servers[0].url}ethers-dapp.html`)
  assert.equal(await page.evaluate('window.ethereum.isOtherWallet === true'), true)
  const announced = await page.evaluate(`new Promise((r) => { const seen = []; addEventListener('eip6963:announceProvider', (e) => seen.push(e.detail.info.rdns)); dispatchEvent(new Event('eip6963:requestProvider')); setTimeout(() => r(seen), 100) })`)
  assert.deepEqual(announced, ['io.rollupwallet'], 'still reachable through EIP-6963')
  const ext = await wb.context.newPage()
  await ext.goto(`chrome-extension://${wb.extensionId}/popup.html`)
  await uiCall(ext, 'settings.update', { defaultWallet: true })
  await page.reload()
  await page.waitForFunction('window.ethereum && window.ethereum.isRollupWallet === true')
  // this site is not connected: it follows the wallet's chain
  assert.equal(await page.evaluate('window.ethereum.request({ method: "eth_chainId" })'), '0x384')
  await uiCall(ext, 'settings.update', { defaultWallet: false })
  await ext.close()
  await page.close()
})
