// Three dApps, written the way dApps really are (ethers v6 BrowserProvider, viem custom transport,
// EIP-6963 discovery with mipd), each on its own origin, drive the built extension in Chromium
// against the devnet: connect, chain id and accounts, switch chain, sign a message and typed data
// (verified here), and send a transaction that is mined.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, http, verifyMessage, verifyTypedData, type Hex } from 'viem'
import type { Page } from 'playwright-core'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { launchWithExtension, type WalletBrowser } from './support/browser.ts'
import { servePages, type PageServer } from './support/server.ts'
import { dappRoutes } from './support/dapps.ts'
import { clickApprove } from './support/approval-window.ts'
import { initializeWallet, stopServiceWorker, uiCall, TEST_ADDRESS_0 } from './support/wallet.ts'

const DAPPS = [
  { name: 'ethers-dapp', chain: 901 },
  { name: 'viem-dapp', chain: 902 },
  { name: 'mipd-dapp', chain: 900 },
] as const
const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

let devnet: Devnet
let wb: WalletBrowser
const servers: PageServer[] = []

before(async () => {
  devnet = await startDevnet({ ports: 'default' })
  const routes = await dappRoutes(DAPPS.map((d) => d.name))
  for (let i = 0; i < DAPPS.length; i++) servers.push(await servePages(routes)) // one origin per dApp
  wb = await launchWithExtension()
  await initializeWallet(wb)
})
after(async () => {
  await wb?.close()
  for (const s of servers) await s.close()
  await devnet?.stop()
})

const handled = new Set<string>()

/**
 * The approval window once it shows a request not handled yet (after an answer the old window may
 * still be closing, or show the next request). A closing window is skipped, never waited on.
 */
async function approvalPage(): Promise<Page> {
  const deadline = Date.now() + 20_000
  const shown = (p: Page) =>
    Promise.race([p.evaluate('document.querySelector("main[data-approval-id]")?.dataset.approvalId ?? null').catch(() => null), new Promise<null>((r) => setTimeout(() => r(null), 300))]) as Promise<string | null>
  while (Date.now() < deadline) {
    for (const p of wb.context.pages()) {
      if (p.isClosed() || !p.url().includes('/approval.html')) continue
      const id = await shown(p)
      if (id && !handled.has(id)) {
        handled.add(id)
        return p
      }
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('no approval window appeared')
}

/** Runs a dApp call that needs the user, approves it in the window, returns what the dApp got. */
async function approved<T>(page: Page, expression: string, expectOrigin: string): Promise<T> {
  const result = page.evaluate(expression) as Promise<T>
  result.catch(() => undefined)
  const ap = await approvalPage()
  assert.equal(await ap.getByTestId('origin').innerText(), expectOrigin, 'the window shows the origin the browser reported')
  await clickApprove(ap)
  return result
}

const typed = (chainId: number) => ({
  domain: { name: 'Rollup Wallet Test', version: '1', chainId, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' as const },
  types: { Mail: [{ name: 'from', type: 'address' }, { name: 'contents', type: 'string' }] },
  value: { from: TEST_ADDRESS_0, contents: 'gm from the e2e test' },
})

for (const [i, d] of DAPPS.entries()) {
  test(`${d.name}: connect, read, switch chain, sign, sign typed data, send`, async () => {
    const site = servers[i]
    const page = await wb.context.newPage()
    await page.goto(`${site.url}${d.name}.html`)
    await page.waitForFunction('!!window.dapp')
    if (d.name === 'mipd-dapp') {
      const announced = (await page.evaluate('dapp.announced()')) as { name: string; rdns: string }[]
      assert.deepEqual(announced.map((a) => a.rdns), ['io.rollupwallet'])
    }

    const accounts = await approved<string[]>(page, 'dapp.connect()', site.origin)
    assert.deepEqual(accounts.map((a) => a.toLowerCase()), [TEST_ADDRESS_0.toLowerCase()])
    assert.deepEqual(((await page.evaluate('dapp.accounts()')) as string[]).map((a) => a.toLowerCase()), [TEST_ADDRESS_0.toLowerCase()])

    // a chain per site: a chain the user has not approved for this site asks first (the site
    // connected on 900, so a switch to 900 needs no window)
    if (d.chain === 900) await page.evaluate(`dapp.switchChain(${d.chain})`)
    else await approved(page, `dapp.switchChain(${d.chain})`, site.origin)
    assert.equal(await page.evaluate('dapp.chainId()'), d.chain)

    const message = `Hello from ${d.name}`
    const sig = await approved<Hex>(page, `dapp.signMessage(${JSON.stringify(message)})`, site.origin)
    assert.equal(await verifyMessage({ address: TEST_ADDRESS_0, message, signature: sig }), true, 'personal_sign verifies')

    const t = typed(d.chain)
    const tsig = await approved<Hex>(page, `dapp.signTyped(${JSON.stringify(t.domain)}, ${JSON.stringify(t.types)}, ${JSON.stringify(t.value)})`, site.origin)
    assert.equal(await verifyTypedData({ address: TEST_ADDRESS_0, domain: t.domain, types: t.types, primaryType: 'Mail', message: t.value, signature: tsig }), true, 'typed data verifies')

    const rpc = d.chain === 900 ? devnet.manifest.l1.rpcUrl : devnet.manifest.l2s.find((l) => l.chainId === d.chain)!.rpcUrl
    const client = createPublicClient({ transport: http(rpc) })
    const before = await client.getBalance({ address: RECIPIENT })
    const sent = await approved<{ hash: Hex; status: number }>(page, `dapp.send(${JSON.stringify(RECIPIENT)}, "1000000000000000")`, site.origin)
    assert.equal(sent.status, 1)
    const receipt = await client.getTransactionReceipt({ hash: sent.hash })
    assert.equal(receipt.status, 'success', `mined on chain ${d.chain}`)
    assert.equal(receipt.from.toLowerCase(), TEST_ADDRESS_0.toLowerCase())
    assert.equal((await client.getBalance({ address: RECIPIENT })) - before, 10n ** 15n)
    await page.close()
  })
}

test('another origin sees no accounts, and rejecting in the window gives the dApp 4001', async () => {
  const other = await servePages(await dappRoutes(['viem-dapp']))
  try {
    const page = await wb.context.newPage()
    await page.goto(`${other.url}viem-dapp.html`)
    await page.waitForFunction('!!window.dapp')
    assert.deepEqual(await page.evaluate('dapp.accounts()'), [])
    const result = page.evaluate('dapp.connect().then(() => "connected", (e) => e.code ?? e.cause?.code)')
    const ap = await approvalPage()
    await ap.getByTestId('reject').click()
    assert.equal(await result, 4001)
    await page.close()
  } finally {
    await other.close()
  }
})

test('Settings lists the connected sites; revoking one empties its accounts and tells the page', async () => {
  const site = servers[0]
  const page = await wb.context.newPage()
  await page.goto(`${site.url}ethers-dapp.html`)
  await page.waitForFunction('!!window.dapp')
  assert.equal(((await page.evaluate('dapp.accounts()')) as string[]).length, 1)
  const settings = await wb.context.newPage()
  await settings.goto(`chrome-extension://${wb.extensionId}/app.html#/settings/sites`)
  await settings.getByTestId('sites').waitFor()
  const listed = await settings.getByTestId('sites').innerText()
  for (const s of servers) assert.ok(listed.includes(s.origin), `${s.origin} is listed`)
  await settings.getByRole('button', { name: `Revoke ${site.origin}` }).click()
  // a locator, not waitForFunction: an extension page's CSP forbids the eval its polling uses
  await settings.getByRole('button', { name: `Revoke ${site.origin}` }).waitFor({ state: 'detached' })
  assert.deepEqual(await page.evaluate('dapp.accounts()'), [])
  await page.waitForFunction('dapp.events().some(([e, a]) => e === "accountsChanged" && a.length === 0)')
  await settings.close()
  await page.close()
})

test('a page flooding the wallet with 1,000 malformed or hostile requests gets an error for each; other tabs keep working', async () => {
  const flooder = await wb.context.newPage()
  await flooder.goto(`${servers[2].url}mipd-dapp.html`)
  const outcome = (await flooder.evaluate(`(async () => {
    const eth = window.ethereum
    const bad = [undefined, null, 42, 'x'.repeat(100000), {}, [], { method: 1 }, { method: 'eth_call', params: 'nope' },
      { method: 'eth_sendTransaction', params: [{ from: 'me' }] }, { method: '__proto__' }, { method: 'constructor', params: [] },
      { method: 'personal_sign', params: [{ __proto__: { polluted: 1 } }] }, { method: 'eth_getBalance', params: ['x'.repeat(600000)] },
      { method: 'wallet_addEthereumChain', params: [{ chainId: 'zz' }] }, { method: 'eth_signTypedData_v4', params: ['0x0', '{'] },
      { method: 'x'.repeat(500) }, { method: 'eth_subscribe', params: ['newHeads'] }]
    const results = await Promise.allSettled(Array.from({ length: 1000 }, (_, i) => eth.request(bad[i % bad.length])))
    const codes = {}
    for (const r of results) { const c = r.status === 'rejected' ? String(r.reason?.code) : 'fulfilled'; codes[c] = (codes[c] || 0) + 1 }
    return { codes, polluted: ({}).polluted === undefined ? 'no' : 'yes' }
  })()`)) as { codes: Record<string, number>; polluted: string }
  const total = Object.values(outcome.codes).reduce((a, b) => a + b, 0)
  assert.equal(total, 1000)
  assert.equal(outcome.codes.fulfilled ?? 0, 0, `every hostile request is refused: ${JSON.stringify(outcome.codes)}`)
  assert.equal(outcome.codes.undefined ?? 0, 0, 'each refusal carries an EIP-1193/JSON-RPC code')
  assert.equal(outcome.polluted, 'no')
  // the background is still up and other tabs are served
  const other = await wb.context.newPage()
  await other.goto(`${servers[1].url}viem-dapp.html`)
  await other.waitForFunction('!!window.dapp')
  assert.equal(await other.evaluate('dapp.chainId()'), 902, 'the viem dApp kept its own chain')
  assert.equal(((await other.evaluate('dapp.accounts()')) as string[]).length, 1)
  await other.close()
  await flooder.close()
})

test('an iframe of another origin inside a connected page sees no accounts', async () => {
  const stranger = await servePages()
  const host = await servePages({ '/host.html': { type: 'text/html', body: `<!doctype html><iframe id="f" src="${stranger.url}"></iframe>` } })
  try {
    // the host's origin is connected first
    const page = await wb.context.newPage()
    await page.goto(`${host.url}host.html`)
    const connect = page.evaluate('window.ethereum.request({ method: "eth_requestAccounts" })')
    await (await approvalPage()).getByTestId('approve').click()
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

test('a page cannot reach the wallet\'s own calls through the provider', async () => {
  const page = await wb.context.newPage()
  await page.goto(`${servers[1].url}viem-dapp.html`)
  for (const method of ['keyring.revealPhrase', 'app.ping', 'approvals.resolve', 'sites.revoke']) {
    const code = await page.evaluate(`window.ethereum.request({ method: ${JSON.stringify(method)}, params: [{ password: 'x' }] }).then(() => 'answered', (e) => e.code)`)
    assert.equal(code, -32601, method) // unknown to the provider, as any method that does not exist
  }
  // a forged envelope posted to the window is not a provider request: the relay ignores it
  await page.evaluate(`window.postMessage({ channel: 'ui', call: 'keyring.reset', params: {} }, '*')`)
  const ext = await wb.context.newPage()
  await ext.goto(`chrome-extension://${wb.extensionId}/popup.html`)
  assert.equal(((await uiCall(ext, 'wallet.state')) as { initialized: boolean }).initialized, true)
  await ext.close()
  await page.close()
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
  // this site was disconnected above: it follows the wallet's chain again
  assert.equal(await page.evaluate('window.ethereum.request({ method: "eth_chainId" })'), '0x384')
  await uiCall(ext, 'settings.update', { defaultWallet: false })
  await ext.close()
  await page.close()
})

test('an approval waiting in its window survives the service worker being stopped', async () => {
  const page = await wb.context.newPage()
  await page.goto(`${servers[1].url}viem-dapp.html`)
  await page.waitForFunction('!!window.dapp')
  await page.evaluate('dapp.connect()')
  const signed = page.evaluate('dapp.signMessage("still here after a restart")') as Promise<Hex>
  const ap = await approvalPage()
  await stopServiceWorker(wb, ap)
  await ap.getByTestId('approve').click()
  assert.equal(await verifyMessage({ address: TEST_ADDRESS_0, message: 'still here after a restart', signature: await signed }), true)
  await page.close()
})

test('closing the approval window rejects the request', async () => {
  const page = await wb.context.newPage()
  await page.goto(`${servers[1].url}viem-dapp.html`)
  await page.waitForFunction('!!window.dapp')
  await page.evaluate('dapp.connect()') // already connected: no window
  const result = page.evaluate('dapp.signMessage("close me").then(() => "signed", (e) => e.code ?? e.cause?.code)')
  const ap = await approvalPage()
  await ap.close()
  assert.equal(await result, 4001)
  await page.close()
})
