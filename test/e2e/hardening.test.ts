// Issue 19 in Chromium against the devnet, one devnet and one browser for the whole file:
//  - an answer reaches only the document that asked: a connected page asks for personal_sign and its
//    frame goes to another origin before the user answers (the top frame navigating, a page that opened
//    the dApp in a window changing its location, a host page changing its iframe): the approval window
//    closes, the new document gets no signature and no accounts, not even after a lock and unlock;
//  - a flood cannot lock the user out: 50 origins (iframes on distinct subdomains of one domain) and a
//    connected site send requests of the largest size; storage.session stays far under its quota, and
//    the user unlocks and approves a real site's request in a few clicks;
//  - a double click on Approve does not approve the next request, whose buttons enable only after a delay;
//  - the origin shown as its site, with punycode and lookalike letters said in words;
//  - a failed storage migration stops the wallet with a clear screen and its data as it was.
// SCREENS=1 saves screenshots (light and dark) under .cache/screens/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { verifyMessage, toHex, type Hex } from 'viem'
import type { Page } from 'playwright-core'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { launchWithExtension, type WalletBrowser } from './support/browser.ts'
import { servePages, type PageServer } from './support/server.ts'
import { approvalWindows, clickApprove } from './support/approval-window.ts'
import { extensionUrl, initializeWallet, liveWorker, openPopup, readAllStorage, stopServiceWorker, uiCall, TEST_ADDRESS_0 } from './support/wallet.ts'
import { shot, until } from './send-support.ts'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const PASSWORD = 'correct horse battery staple'
const SCREENS = process.env.SCREENS === '1'
const INPAGE = 'rollup-wallet:inpage'
const RELAY = 'rollup-wallet:relay'

// the dApp page records the ids its provider sends (a page sees its own postMessages)
const DAPP = `<!doctype html><meta charset="utf-8"><title>dapp</title><h1>dapp</h1><script>
window.__ids = []; addEventListener('message', (e) => { const d = e.data; if (d && d.source === '${INPAGE}' && d.kind === 'request') __ids.push(d.id) })
</script>`
// the page that takes the frame's place records everything the relay hands it, and asks with the old ids
const EVIL = `<!doctype html><meta charset="utf-8"><title>evil</title><h1>evil</h1><script>
window.__seen = []; window.__events = []
addEventListener('message', (e) => { const d = e.data; if (d && d.source === '${RELAY}') __seen.push(d) })
if (window.ethereum) for (const ev of ['accountsChanged', 'chainChanged', 'connect']) window.ethereum.on(ev, (x) => __events.push([ev, x]))
const ids = new URLSearchParams(location.search).get('ids')
if (ids) for (const id of JSON.parse(ids)) postMessage({ source: '${INPAGE}', kind: 'request', id, method: 'eth_accounts' }, '*')
</script>`

let devnet: Devnet
let wb: WalletBrowser
let site: PageServer // the connected dApp (127.0.0.1, one port)
let evil: PageServer // another origin
let other: PageServer // an opener or host page of a third origin; also serves the *.test hosts
let windows: ReturnType<typeof approvalWindows>
let ext: Page

before(async () => {
  devnet = await startDevnet({ ports: 'default' })
  const routes = {
    '/dapp.html': { type: 'text/html', body: DAPP },
    '/evil.html': { type: 'text/html', body: EVIL },
    '/flood-host.html': { type: 'text/html', body: floodHost() },
    '/flood-frame.html': { type: 'text/html', body: FLOOD_FRAME },
    '/big.html': { type: 'text/html', body: DAPP },
  }
  site = await servePages(routes)
  evil = await servePages(routes)
  other = await servePages(routes)
  // every *.test name is this computer: subdomains of one domain, and a punycode name
  wb = await launchWithExtension({ args: ['--host-resolver-rules=MAP *.test 127.0.0.1'] })
  windows = approvalWindows(wb)
  await initializeWallet(wb, { password: PASSWORD })
  ext = await openPopup(wb)
  const page = await wb.context.newPage()
  await page.goto(`${site.url}dapp.html`)
  await windows.approved(page, 'window.ethereum.request({ method: "eth_requestAccounts" })', site.origin)
  await page.close()
})
after(async () => {
  await wb?.close()
  for (const s of [site, evil, other]) await s?.close()
  await devnet?.stop()
})

const isSignature = (x: unknown) => typeof x === 'string' && /^0x[0-9a-f]{130}$/i.test(x)
const hasAccounts = (x: unknown) => Array.isArray(x) && x.length > 0

/** The approval window's own size for its screenshots. */
async function shotWindow(ap: Page, name: string): Promise<void> {
  await ap.setViewportSize({ width: 380, height: 640 })
  await shot(ap, name)
}

/** Asserts a document got no signature and no accounts from the wallet (answers and events). */
async function assertNothingLeaked(where: { evaluate: Page['evaluate'] }, label: string): Promise<void> {
  const seen = (await where.evaluate('window.__seen')) as { kind: string; result?: unknown; data?: unknown; event?: string }[]
  const events = (await where.evaluate('window.__events')) as [string, unknown][]
  for (const m of seen) {
    assert.ok(!isSignature(m.result), `${label}: a signature reached the new document: ${JSON.stringify(m)}`)
    assert.ok(!hasAccounts(m.result) && !(m.event === 'accountsChanged' && hasAccounts(m.data)), `${label}: accounts reached the new document: ${JSON.stringify(m)}`)
  }
  assert.ok(!events.some(([e, x]) => e === 'accountsChanged' && hasAccounts(x)), `${label}: accountsChanged with accounts: ${JSON.stringify(events)}`)
}

/** A lock and an unlock (which push accountsChanged to connected sites), then a moment for events to land. */
async function lockAndUnlock(): Promise<void> {
  await uiCall(ext, 'keyring.lock')
  await uiCall(ext, 'keyring.unlock', { password: PASSWORD })
  await new Promise((r) => setTimeout(r, 500))
}

const signParams = (text: string) => JSON.stringify([toHex(text), TEST_ADDRESS_0])

test('a frame that navigates to another origin before approval: the window closes; the new document gets no signature and no accounts', async () => {
  const page = await wb.context.newPage()
  await page.goto(`${site.url}dapp.html`)
  await page.evaluate(`void (window.__sig = window.ethereum.request({ method: 'personal_sign', params: ${signParams('navigate away')} }))`)
  const ap = await windows.next()
  const closed = ap.waitForEvent('close', { timeout: 10_000 })
  const ids = await page.evaluate('window.__ids')
  // the page goes elsewhere (a click, an open redirect): the new document replays the old ids
  await page.goto(`${evil.url}evil.html?ids=${encodeURIComponent(JSON.stringify(ids))}`)
  await closed
  await page.waitForFunction('window.__seen.length >= 1') // its own eth_accounts answers ([]) arrived
  await lockAndUnlock()
  await assertNothingLeaked(page, 'top frame')
  assert.deepEqual(((await uiCall(ext, 'approvals.current')) as { total: number }).total, 0, 'nothing left waiting')
  await page.close()
})

test('a page that opened the dApp in a window and changed its location: the window closes; the new document gets nothing', async () => {
  const opener = await wb.context.newPage()
  await opener.goto(`${other.url}dapp.html`)
  const popupP = wb.context.waitForEvent('page')
  await opener.evaluate(`window.__w = window.open(${JSON.stringify(`${site.url}dapp.html`)}, 'dapp', 'popup')`)
  const popup = await popupP
  await popup.waitForLoadState()
  await popup.evaluate(`void (window.__sig = window.ethereum.request({ method: 'personal_sign', params: ${signParams('opened in a window')} }))`)
  const ap = await windows.next()
  const closed = ap.waitForEvent('close', { timeout: 10_000 })
  await opener.evaluate(`window.__w.location = ${JSON.stringify(`${evil.url}evil.html`)}`)
  await closed
  await popup.waitForURL(/evil\.html/)
  await lockAndUnlock()
  await assertNothingLeaked(popup, 'opened window')
  await popup.close()
  await opener.close()
})

test('an iframe whose host page points it elsewhere: the window closes; the new document gets nothing', async () => {
  const host = await wb.context.newPage()
  await host.setContent('<!doctype html><title>host</title>')
  await host.goto(`${other.url}dapp.html`)
  await host.evaluate(`(() => { const f = document.createElement('iframe'); f.id = 'f'; f.src = ${JSON.stringify(`${site.url}dapp.html`)}; document.body.append(f) })()`)
  const frame = await until(async () => host.frames().find((f) => f.url().startsWith(site.origin)) ?? null, (f) => f !== null, 10_000, 'the iframe')
  await frame!.waitForFunction('!!window.ethereum')
  await frame!.evaluate(`void (window.__sig = window.ethereum.request({ method: 'personal_sign', params: ${signParams('in an iframe')} }))`)
  const ap = await windows.next()
  const closed = ap.waitForEvent('close', { timeout: 10_000 })
  await host.evaluate(`document.getElementById('f').src = ${JSON.stringify(`${evil.url}evil.html`)}`)
  await closed
  const evilFrame = await until(async () => host.frames().find((f) => f.url().startsWith(evil.origin)) ?? null, (f) => f !== null, 10_000, 'the new document')
  await lockAndUnlock()
  await assertNothingLeaked(evilFrame!, 'iframe')
  await host.close()
})

test('a double click on Approve approves one request; the next one cannot be approved before its delay', async () => {
  const page = await wb.context.newPage()
  await page.goto(`${site.url}dapp.html`)
  await page.evaluate(`void (window.__first = window.ethereum.request({ method: 'personal_sign', params: ${signParams('first')} }).then((s) => s, (e) => e.code))`)
  const ap = await windows.next()
  await page.evaluate(`void (window.__second = window.ethereum.request({ method: 'personal_sign', params: ${signParams('second')} }).then((s) => s, (e) => e.code))`)
  await until(() => uiCall<{ total: number }>(ext, 'approvals.current'), (c) => c.total === 2, 10_000, 'two requests queued')
  const firstId = await ap.evaluate('document.querySelector("main").dataset.approvalId')
  const approve = ap.getByTestId('approve')
  assert.equal(await approve.isDisabled(), true, 'the first request is not approvable the instant it shows')
  await until(() => approve.isEnabled(), (e) => e, 5_000, 'Approve enabled')
  if (SCREENS) await shotWindow(ap, 'approval-two-queued')
  await approve.dblclick()
  const first = await page.evaluate('window.__first')
  assert.equal(await verifyMessage({ address: TEST_ADDRESS_0, message: 'first', signature: first as Hex }), true, 'the first is signed')
  // the window moved on to the second: its buttons wait
  const secondShown = Date.now()
  await until(() => ap.evaluate('document.querySelector("main").dataset.approvalId'), (id) => !!id && id !== firstId, 5_000, 'the second request shown')
  assert.equal(await approve.isDisabled(), true, 'the second request cannot be approved yet')
  assert.equal(await page.evaluate('Promise.race([window.__second, new Promise((r) => setTimeout(() => r("waiting"), 300))])'), 'waiting', 'the double click did not approve the second')
  assert.equal(((await uiCall(ext, 'approvals.current')) as { total: number }).total, 1)
  await until(() => approve.isEnabled(), (e) => e, 5_000, 'Approve enabled for the second')
  const waited = Date.now() - secondShown
  assert.ok(waited >= 500, `the second request's buttons enabled after ${waited} ms`)
  await clickApprove(ap)
  assert.equal(await verifyMessage({ address: TEST_ADDRESS_0, message: 'second', signature: (await page.evaluate('window.__second')) as Hex }), true)
  await page.close()
})

test('a punycode origin is shown as its site with the lookalike letters said in words', async () => {
  const port = new URL(other.url).port
  const page = await wb.context.newPage()
  await page.goto(`http://xn--pple-43d.test:${port}/dapp.html`)
  await page.evaluate('void window.ethereum.request({ method: "eth_requestAccounts" }).catch(() => null)')
  const ap = await windows.next()
  assert.equal(await ap.getByTestId('origin').innerText(), `http://xn--pple-43d.test:${port}`)
  assert.equal(await ap.getByTestId('origin-site').innerText(), 'xn--pple-43d.test')
  const warnings = await ap.getByTestId('origin-warnings').innerText()
  assert.match(warnings, /аpple\.test/)
  assert.match(warnings, /Cyrillic letters that look like Latin ones/)
  assert.match(warnings, /not a secure \(https\) site/)
  if (SCREENS) {
    await until(() => ap.getByTestId('approve').isEnabled(), (e) => e, 5_000, 'enabled')
    await shotWindow(ap, 'approval-punycode')
  }
  await ap.getByTestId('reject').click()
  await page.close()
})

// ---------------------------------------------------------------- the flood

const FLOOD_FRAMES = 50

function floodHost(): string {
  return `<!doctype html><meta charset="utf-8"><title>flood</title><script>
window.__reports = {}
addEventListener('message', (e) => { if (e.data && e.data.flood !== undefined) __reports[e.data.flood] = e.data })
const port = location.port
for (let i = 0; i < ${FLOOD_FRAMES}; i++) {
  const f = document.createElement('iframe')
  f.src = 'http://s' + i + '.flood.test:' + port + '/flood-frame.html?i=' + i
  f.width = 10; f.height = 10
  document.documentElement.append(f)
}
</script>`
}

// each frame (its own origin) sends requests of the largest size; it reports what was answered at once
const FLOOD_FRAME = `<!doctype html><meta charset="utf-8"><script>
const i = Number(new URLSearchParams(location.search).get('i'))
const pad = 'x'.repeat(500000)
const eth = window.ethereum
const asks = [
  { method: 'wallet_addEthereumChain', params: [{ chainId: '0x1389', chainName: 'Flood ' + i, rpcUrls: [location.origin + '/rpc'], nativeCurrency: { name: 'F', symbol: 'F', decimals: 18 }, pad }] },
  { method: 'eth_requestAccounts', params: [{ pad }] },
  { method: 'wallet_watchAsset', params: { type: 'ERC20', options: { address: '0x' + '11'.repeat(20), symbol: 'F', decimals: 18, pad } } },
  { method: 'wallet_requestPermissions', params: [{ eth_accounts: {}, pad }] },
  { method: 'personal_sign', params: ['0x' + '61'.repeat(200000), '${TEST_ADDRESS_0}'] },
]
const codes = []
const report = () => parent.postMessage({ flood: i, codes }, '*')
for (const a of asks) eth.request(a).then(() => (codes.push('ok'), report()), (e) => (codes.push(e.code), report()))
report()
</script>`

test('50 origins flooding with requests of maximum size: storage.session stays far under quota; the user unlocks and approves a real request', { timeout: 120_000 }, async () => {
  const port = new URL(other.url).port
  // a site on another domain the user connected once sends ten of the largest messages to sign
  const big = await wb.context.newPage()
  await big.goto(`http://big.flood2.test:${port}/big.html`)
  await windows.approved(big, 'window.ethereum.request({ method: "eth_requestAccounts" })', `http://big.flood2.test:${port}`)
  await uiCall(ext, 'keyring.lock')

  const t0 = Date.now()
  await big.evaluate(`for (let k = 0; k < 12; k++) window.ethereum.request({ method: 'personal_sign', params: ['0x' + '62'.repeat(250000) + k.toString(16).padStart(2, '0'), '${TEST_ADDRESS_0}'] }).catch(() => null)`)
  const host = await wb.context.newPage()
  await host.goto(`http://host.flood.test:${port}/flood-host.html`)
  // every request is answered but those the queue took (eth_requestAccounts, within the site's limit)
  const expected = FLOOD_FRAMES * 5 - 10
  const answeredCount = (r: unknown) => Object.values(r as Record<string, { codes: unknown[] }>).reduce((n, x) => n + x.codes.length, 0)
  const reports = (await until(() => host.evaluate('window.__reports'), (r) => Object.keys(r as object).length === FLOOD_FRAMES && answeredCount(r) >= expected, 60_000, 'every frame answered')) as Record<string, { codes: (number | string)[] }>
  const floodMs = Date.now() - t0
  const answered = Object.values(reports).flatMap((r) => r.codes)
  const worker = await liveWorker(wb.context, ext)
  const sessionBytes = (await worker.evaluate('chrome.storage.session.getBytesInUse(null)')) as number
  const pending = (await uiCall<{ total: number }>(ext, 'approvals.current')).total
  console.log(`flood: ${FLOOD_FRAMES} frames x 5 requests + 12 large messages, all answered or queued in ${floodMs} ms (${JSON.stringify(count(answered))}); ${pending} waiting; storage.session ${sessionBytes} bytes`)
  assert.ok(sessionBytes < 1024 * 1024, `storage.session holds ${sessionBytes} bytes: far under its 10 MB quota`)
  assert.equal(pending, 20, 'ten of the flooding domain (all its subdomains together) and ten of the connected site wait; everything else was refused')
  assert.ok(answered.every((c) => typeof c === 'number'), 'every refusal carries a code')

  // a real site asks; the user unlocks in the window and gets to it in a few clicks
  const real = await wb.context.newPage()
  await real.goto(`${site.url}dapp.html`)
  const t1 = Date.now()
  await real.evaluate(`void (window.__sig = window.ethereum.request({ method: 'personal_sign', params: ${signParams('the real one')} }))`)
  const ap = await until(
    async () => wb.context.pages().find((p) => !p.isClosed() && p.url().includes('/approval.html')) ?? null,
    (p) => p !== null,
    10_000,
    'the approval window',
  )
  await ap!.getByTestId('unlock-step').waitFor()
  if (SCREENS) await shotWindow(ap!, 'approval-flood-unlock')
  await ap!.locator('input[type=password]').fill(PASSWORD)
  await ap!.getByRole('button', { name: 'Unlock' }).click()
  let clicks = 0
  for (;;) {
    await ap!.locator('main[data-approval-id]').waitFor()
    const shownId = await ap!.locator('main[data-approval-id]').getAttribute('data-approval-id')
    const origin = await ap!.getByTestId('origin').innerText()
    if (origin === site.origin) break
    if (SCREENS && clicks === 0) {
      await until(() => ap!.getByTestId('reject-site').isEnabled(), (e) => e, 5_000, 'enabled')
      await shotWindow(ap!, 'approval-flood-reject-site')
    }
    // "Reject all N" for the flooding site (it then waits before asking again)
    await ap!.getByTestId('reject-site').click()
    await until(() => ap!.locator('main[data-approval-id]').getAttribute('data-approval-id'), (id) => id !== shownId, 10_000, 'the next request shown')
    clicks++
    assert.ok(clicks <= 3, 'a few clicks reach the real request')
  }
  await clickApprove(ap!)
  const sig = (await real.evaluate('window.__sig')) as Hex
  assert.equal(await verifyMessage({ address: TEST_ADDRESS_0, message: 'the real one', signature: sig }), true)
  console.log(`the real request was signed ${Date.now() - t1} ms after it was sent, after ${clicks} "reject all" clicks`)
  for (const p of [real, host, big]) await p.close()
})

function count(codes: (number | string)[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const c of codes) out[String(c)] = (out[String(c)] ?? 0) + 1
  return out
}

// ---------------------------------------------------------------- what pages and chains say, as shown

/** An RPC endpoint answering eth_chainId with `chainId` (CORS open: the wallet's worker fetches it). */
async function chainIdServer(chainId: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' })
      res.end(req.method === 'OPTIONS' ? '' : JSON.stringify({ jsonrpc: '2.0', id: 1, result: `0x${chainId.toString(16)}` }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((r) => (server.close(() => r()), server.closeAllConnections())) }
}

test('wallet_addEthereumChain shows every RPC URL with its answer; a message with hidden characters shows them marked', async () => {
  const rpc = await chainIdServer(4242)
  const page = await wb.context.newPage()
  try {
    await page.goto(`${site.url}dapp.html`)
    const params = [{ chainId: '0x1092', chainName: 'Test chain', rpcUrls: [rpc.url, 'http://127.0.0.1:9/'], nativeCurrency: { name: 'Test', symbol: 'TST', decimals: 18 } }]
    await page.evaluate(`void window.ethereum.request({ method: 'wallet_addEthereumChain', params: ${JSON.stringify(params)} }).catch(() => null)`)
    const ap = await windows.next()
    const urls = await ap.getByTestId('rpc-urls').innerText()
    assert.match(urls, new RegExp(`${rpc.url.replace(/[./]/g, '\\$&')}\\s*✓ answered with this chain`))
    assert.match(urls, /127\.0\.0\.1:9\/\s*✗ not used/)
    if (SCREENS) await shotWindow(ap, 'approval-add-chain')
    await ap.getByTestId('reject').click()

    const tricky = 'Pay 1 ETH to \u202Egnp.exe and \u200Bhidden'
    await page.evaluate(`void window.ethereum.request({ method: 'personal_sign', params: ${JSON.stringify([toHex(tricky), TEST_ADDRESS_0])} }).catch(() => null)`)
    const sign = await windows.next()
    const shown = await sign.getByTestId('message').innerText()
    assert.ok(shown.includes('⟨U+202E⟩') && shown.includes('⟨U+200B⟩') && !shown.includes('\u202E'), shown)
    assert.match(await sign.getByTestId('warnings').innerText(), /right-to-left override \(U\+202E\)[\s\S]*zero-width space \(U\+200B\)/)
    if (SCREENS) await shotWindow(sign, 'approval-hidden-characters')
    await until(() => sign.getByTestId('reject').isEnabled(), (e) => e, 5_000, 'enabled')
    await sign.getByTestId('reject').click()
  } finally {
    await page.close()
    await rpc.close()
  }
})

test('a stored value changed by something else is reported in the popup and left alone', async () => {
  const worker = await liveWorker(wb.context, ext)
  await worker.evaluate(`chrome.storage.local.set({ activity: 'changed by someone else' })`)
  await stopServiceWorker(wb, ext)
  const popup = await openPopup(wb)
  await popup.getByTestId('storage-problems').waitFor({ timeout: 15_000 })
  assert.match(await popup.getByTestId('storage-problems').innerText(), /changed or damaged/)
  await popup.getByTestId('storage-problems').locator('summary').click()
  assert.match(await popup.getByTestId('storage-problems').innerText(), /activity: .*not a list|activity: .*Invalid type/i)
  if (SCREENS) await shot(popup, 'popup-storage-problems')
  await popup.close()
  await (await liveWorker(wb.context, ext)).evaluate(`chrome.storage.local.remove('activity')`)
})

// ---------------------------------------------------------------- a failed migration (last: it stops the wallet)

test('a storage migration that cannot run stops the wallet with a clear screen; its data stays as it was', async () => {
  const worker = await liveWorker(wb.context, ext)
  await worker.evaluate('chrome.storage.local.set({ schemaVersion: 99 })')
  for (const p of wb.context.pages()) if (p !== ext && !p.isClosed()) await p.close()
  await stopServiceWorker(wb, ext)
  // read once the old background is stopped: a balance refresh it still had running (Ethereum's RPC
  // is unreachable here) writes its error when it ends, and that may be after the line above
  const before = (await ext.evaluate('chrome.storage.local.get(null)')) as Record<string, unknown>
  const popup = await openPopup(wb)
  await popup.getByTestId('wallet-stopped').waitFor({ timeout: 15_000 })
  assert.match(await popup.getByTestId('wallet-stopped').innerText(), /newer version of the wallet/)
  if (SCREENS) await shot(popup, 'popup-wallet-stopped')
  const app = await wb.context.newPage()
  await app.setViewportSize({ width: 1280, height: 800 })
  await app.goto(extensionUrl(wb, 'app.html#/settings/accounts'))
  await app.getByTestId('wallet-stopped').waitFor()
  if (SCREENS) await shot(app, 'app-wallet-stopped')
  await assert.rejects(uiCall(popup, 'keyring.unlock', { password: PASSWORD }), (e: { code: string }) => e.code === 'STORAGE_NEWER')
  // a page gets 4900, not an answer from a wallet that cannot read its own data
  const page = await wb.context.newPage()
  await page.goto(`${site.url}dapp.html`)
  assert.equal(await page.evaluate('window.ethereum.request({ method: "eth_accounts" }).then(() => "answered", (e) => e.code)'), 4900)
  assert.deepEqual((await readAllStorage(await liveWorker(wb.context, popup))).local, before, 'storage.local was not touched')
})
