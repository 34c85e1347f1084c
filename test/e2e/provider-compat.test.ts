// dApps built with the libraries they really ship, against the built extension in Chromium and the
// devnet, each on its own origin: @wagmi/core with its injected connector found by EIP-6963 (stays
// connected through an auto-lock; signing asks for the password first), viem's EIP-5792 sendCalls
// (one window for the batch) and the fallback dApps use when capabilities say atomic is not there,
// ethers v6 contract.on('Transfer') over filters (the node's, and emulated where the node keeps
// none), two sites on two chains at once with the popup's per-site control, and a page written for
// MetaMask only. One devnet and one browser for the whole file.
// SCREENS=1 saves screenshots (light and dark) under .cache/screens/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicClient, encodeFunctionData, http, verifyMessage, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { Page } from 'playwright-core'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { deriveAccount } from '../../devnet/lib/accounts.ts'
import { launchWithExtension, root, type WalletBrowser } from './support/browser.ts'
import { servePages, type PageServer } from './support/server.ts'
import { dappRoutes } from './support/dapps.ts'
import { approvalWindows, clickApprove } from './support/approval-window.ts'
import { extensionUrl, initializeWallet, liveWorker, readAllStorage, uiCall, TEST_ADDRESS_0 } from './support/wallet.ts'
import { deployDappContracts, pullerAbi, tokenAbi, type DappContracts } from '../support/dapp-contracts.ts'
import { noFilterProxy, type NoFilterProxy } from '../support/no-filter-proxy.ts'

const PASSWORD = 'correct horse battery staple'
const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const SCREENS = process.env.SCREENS === '1'
const SITES = ['wagmi', 'batch', 'events', 'events-emulated', 'siteA', 'siteB', 'metamask'] as const

let devnet: Devnet
let wb: WalletBrowser
let ext: Page
let c901: DappContracts
let c902: DappContracts
let proxy: NoFilterProxy
const site = {} as Record<(typeof SITES)[number], PageServer>
let windows: ReturnType<typeof approvalWindows>

const rpcOf = (chainId: number) => devnet.manifest.l2s.find((l) => l.chainId === chainId)?.rpcUrl ?? devnet.manifest.l1.rpcUrl
const clientOf = (chainId: number) => createPublicClient({ transport: http(rpcOf(chainId)), pollingInterval: 100 })

async function shot(p: Page, name: string) {
  if (!SCREENS) return
  const dir = join(root, '.cache', 'screens')
  mkdirSync(dir, { recursive: true })
  for (const scheme of ['light', 'dark'] as const) {
    await p.emulateMedia({ colorScheme: scheme })
    await p.screenshot({ path: join(dir, `provider-${name}-${scheme}.png`), fullPage: true })
  }
  await p.emulateMedia({ colorScheme: 'light' })
}

async function open(name: (typeof SITES)[number], dapp: string): Promise<Page> {
  const page = await wb.context.newPage()
  await page.goto(`${site[name].url}${dapp}.html`)
  await page.waitForFunction('!!window.dapp')
  return page
}

async function until<T>(fn: () => Promise<T | null | undefined | false>, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Token transfers to a fresh address on `chainId`, one block each, sent by another test account. */
async function transfers(chainId: number, c: DappContracts, n: number): Promise<void> {
  const account = privateKeyToAccount(deriveAccount(7).privateKey)
  const client = clientOf(chainId)
  for (let i = 0; i < n; i++) {
    const raw = await account.signTransaction({
      chainId,
      to: c.token,
      data: encodeFunctionData({ abi: tokenAbi, functionName: 'mint', args: ['0x000000000000000000000000000000000000bEEF', BigInt(i + 1)] }),
      nonce: await client.getTransactionCount({ address: account.address, blockTag: 'pending' }),
      gas: 100_000n,
      ...(await client.estimateFeesPerGas()),
    })
    await client.waitForTransactionReceipt({ hash: await client.sendRawTransaction({ serializedTransaction: raw }) })
  }
}

before(async () => {
  devnet = await startDevnet({ ports: 'default', l2BlockTime: 1, manifestPath: join(tmpdir(), `rw-provider-e2e-${process.pid}.json`) })
  ;[c901, c902] = await Promise.all([deployDappContracts(rpcOf(901), TEST_ADDRESS_0), deployDappContracts(rpcOf(902), TEST_ADDRESS_0)])
  proxy = await noFilterProxy(rpcOf(902))
  const routes = await dappRoutes(['wagmi-dapp', 'batch-dapp', 'events-dapp', 'ethers-dapp', 'metamask-dapp'])
  for (const name of SITES) site[name] = await servePages(routes) // one origin each
  wb = await launchWithExtension()
  windows = approvalWindows(wb)
  await initializeWallet(wb, { password: PASSWORD })
  ext = await wb.context.newPage()
  await ext.goto(extensionUrl(wb, 'popup.html'))
})
after(async () => {
  await wb?.close()
  for (const s of Object.values(site)) await s.close()
  await proxy?.close()
  await devnet?.stop()
})

test('@wagmi/core (injected connector by EIP-6963): connect, balance, auto-lock keeps it connected, sign after the password, switch chain, send, disconnect', async () => {
  const origin = site.wagmi.origin
  const page = await open('wagmi', 'wagmi-dapp')
  await page.waitForFunction('dapp.connectors().some((c) => c.id === "io.rollupwallet")')
  const connected = await windows.approved<{ accounts: string[]; chainId: number }>(page, 'dapp.connect()', origin)
  assert.deepEqual(connected, { accounts: [TEST_ADDRESS_0], chainId: 900 })
  assert.ok(BigInt(await page.evaluate('dapp.balance()')) > 0n, 'a balance')

  // a short auto-lock: one minute, and the wallet's clock one minute on
  await uiCall(ext, 'settings.update', { autoLockMinutes: 1 })
  const worker = await liveWorker(wb.context, ext)
  await worker.evaluate('(() => { const real = Date.now.bind(Date); globalThis.__realNow = real; Date.now = () => real() + 61_000 })()')
  try {
    assert.deepEqual(await page.evaluate('dapp.walletAccounts()'), [TEST_ADDRESS_0], 'the wallet still answers the connected account')
  } finally {
    await worker.evaluate('Date.now = globalThis.__realNow')
  }
  assert.equal((await uiCall<{ unlocked: boolean }>(ext, 'wallet.state')).unlocked, false, 'the wallet auto-locked')
  await uiCall(ext, 'settings.update', { autoLockMinutes: 15 })
  await page.waitForTimeout(500) // any event the lock pushed has reached the page
  assert.deepEqual(await page.evaluate('dapp.state()'), { status: 'connected', address: TEST_ADDRESS_0, chainId: 900 }, "wagmi's state after the lock")
  const statuses = (await page.evaluate('dapp.statuses()')) as string[]
  assert.ok(!statuses.slice(statuses.findIndex((s) => s.startsWith('connected'))).some((s) => s.startsWith('disconnected')), `never disconnected: ${statuses.join(' ')}`)

  // signing needs the key: the window asks for the password first
  const message = 'gm from wagmi'
  const sig = await windows.approved<Hex>(page, `dapp.sign(${JSON.stringify(message)})`, origin, async (ap) => {
    await ap.getByTestId('unlock-step').waitFor()
    await shot(ap, 'unlock-step')
    await ap.locator('input[type=password]').fill(PASSWORD)
    await ap.getByRole('button', { name: 'Unlock' }).click()
    await ap.getByTestId('approve').waitFor()
  })
  assert.equal(await verifyMessage({ address: TEST_ADDRESS_0, message, signature: sig }), true)

  assert.equal(await windows.approved(page, 'dapp.switchChain(901)', origin), 901)
  assert.equal(((await page.evaluate('dapp.state()')) as { chainId: number }).chainId, 901)
  const sent = await windows.approved<{ hash: Hex; status: string; chainId: number }>(page, `dapp.send(${JSON.stringify(RECIPIENT)}, "1000000000000000")`, origin)
  assert.equal(sent.status, 'success')
  assert.equal((await clientOf(901).getTransactionReceipt({ hash: sent.hash })).status, 'success', 'mined on 901')

  await page.evaluate('dapp.disconnect()')
  assert.equal(((await page.evaluate('dapp.state()')) as { status: string }).status, 'disconnected')
  assert.deepEqual(await page.evaluate('window.ethereum.request({ method: "eth_accounts" })'), [], 'the wallet disconnected the site too')
  await page.close()
})

test("viem sendCalls: one window for an approve and a contract call, mined in order, getCallsStatus success with both receipts; the dApp's fallback when capabilities say atomic is unsupported", async () => {
  const origin = site.batch.origin
  const page = await open('batch', 'batch-dapp')
  await windows.approved(page, 'dapp.connect()', origin)
  await windows.approved(page, 'dapp.switchChain(901)', origin)
  assert.deepEqual(await page.evaluate('dapp.capabilities()'), { atomic: { status: 'unsupported' } })
  const args = `${JSON.stringify(c901.token)}, ${JSON.stringify(c901.puller)}, "2000000000000000000"`
  assert.equal(await page.evaluate(`dapp.sendAtomic(${args})`), 5760, 'atomic-or-nothing is refused at once')
  assert.equal(await windows.anyOpen(), false, 'without a window')

  const tipBefore = BigInt(await clientOf(901).request({ method: 'eth_maxPriorityFeePerGas' }))
  const batch = await windows.approved<{ id: string; status: string; statusCode: number; receipts: { hash: Hex; status: string; block: string }[] }>(page, `dapp.sendCalls(${args})`, origin, async (ap) => {
    assert.equal(await ap.getByTestId('call').count(), 2, 'every call in one window')
    assert.match(await ap.getByTestId('calls').innerText(), /approve[\s\S]*spender[\s\S]*Contract call/, 'the approve decoded, then the call')
    await ap.getByTestId('fee').waitFor()
    await ap.getByTestId('fee-level-aggressive').click()
    assert.equal(await ap.getByTestId('fee-level-aggressive').getAttribute('aria-checked'), 'true')
    await shot(ap, 'batch-approval')
  })
  assert.equal(batch.status, 'success')
  assert.equal(batch.statusCode, 200)
  assert.equal(batch.receipts.length, 2)
  assert.ok(batch.receipts.every((r) => r.status === 'success'))
  assert.ok(BigInt(batch.receipts[0].block) < BigInt(batch.receipts[1].block), 'in order')
  const client = clientOf(901)
  const [t1, t2] = await Promise.all(batch.receipts.map((r) => client.getTransaction({ hash: r.hash })))
  assert.equal(t2.nonce, t1.nonce + 1, 'consecutive nonces')
  assert.equal(t1.maxPriorityFeePerGas, 2n * tipBefore, "the first call signed at the aggressive level chosen in the window (twice the node's tip)")
  assert.ok(t2.maxPriorityFeePerGas! >= t1.maxPriorityFeePerGas!, 'the second at the aggressive level of its own time')
  assert.equal(await client.readContract({ address: c901.puller, abi: pullerAbi, functionName: 'pulls' }), 1n)

  // wallet_showCallsStatus: a wallet window on the batch's two transactions, each with its status
  const shown = wb.context.waitForEvent('page', { predicate: (p) => p.url().includes('#/activity?tx='), timeout: 15_000 })
  await page.evaluate(`dapp.showStatus(${JSON.stringify(batch.id)})`)
  const status = await shown
  await status.getByTestId('activity-batch').waitFor()
  assert.deepEqual(
    await status.locator('li[data-hash]').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-hash')!.toLowerCase()).sort()),
    batch.receipts.map((r) => r.hash.toLowerCase()).sort(),
    "the batch's transactions alone",
  )
  await shot(status, 'batch-status')
  await status.close()

  const fallback = page.evaluate(`dapp.sendPreferAtomic(${args})`) as Promise<{ mode: string; atomic: string; receipts: { status: string; block: string }[] }>
  fallback.catch(() => undefined)
  for (let i = 0; i < 2; i++) await clickApprove(await windows.next())
  const out = await fallback
  assert.equal(out.mode, 'one by one')
  assert.equal(out.atomic, 'unsupported')
  assert.deepEqual(out.receipts.map((r) => r.status), ['success', 'success'])
  assert.equal(await client.readContract({ address: c901.puller, abi: pullerAbi, functionName: 'pulls' }), 2n)
  await page.close()
})

test("ethers v6: contract.on('Transfer') gets the events of three blocks, over the node's filters and over emulated ones", async () => {
  for (const [name, chainId, c] of [['events', 901, c901], ['events-emulated', 902, c902]] as const) {
    if (chainId === 902) await uiCall(ext, 'networks.setRpcUrls', { chainId: 902, urls: [proxy.url] })
    const page = await open(name, 'events-dapp')
    await windows.approved(page, `dapp.switchChain(${chainId})`, site[name].origin)
    await page.evaluate(`dapp.follow(${JSON.stringify(c.token)})`)
    await page.waitForTimeout(800) // ethers has made its filter
    await transfers(chainId, c, 3)
    const events = await until(async () => {
      const got = (await page.evaluate('dapp.events()')) as { to: string; block: number }[]
      return got.filter((e) => e.to.toLowerCase() === '0x000000000000000000000000000000000000beef').length >= 3 ? got : null
    }, `events on ${chainId}`)
    assert.equal(new Set(events.map((e) => e.block)).size, 3, 'from three blocks')
    assert.deepEqual(await page.evaluate('dapp.errors()'), [])
    await page.evaluate('dapp.stop()')
    await page.close()
  }
  assert.ok((proxy.asked.get('eth_newFilter') ?? 0) >= 1, 'ethers asked the wallet for a filter on 902')
  assert.equal(proxy.asked.get('eth_getFilterChanges') ?? 0, 0, 'the wallet emulated it: the node was never polled for filter changes')
  await uiCall(ext, 'networks.setRpcUrls', { chainId: 902, urls: [] })
})

test('two sites on two chains at once: each keeps its own; a switch on one leaves the other; chainChanged reaches only its tab; the popup changes one site', async () => {
  const a = await open('siteA', 'ethers-dapp')
  const b = await open('siteB', 'ethers-dapp')
  await windows.approved(a, 'dapp.connect()', site.siteA.origin)
  await windows.approved(b, 'dapp.connect()', site.siteB.origin)
  await windows.approved(a, 'dapp.switchChain(901)', site.siteA.origin)
  await windows.approved(b, 'dapp.switchChain(902)', site.siteB.origin)
  assert.equal(await a.evaluate('dapp.chainId()'), 901)
  assert.equal(await b.evaluate('dapp.chainId()'), 902)
  const bEvents = (await b.evaluate('dapp.events().filter(([e]) => e === "chainChanged").length')) as number

  // back to the chain A connected on: approved before, no window
  await a.evaluate('dapp.switchChain(900)')
  assert.equal(await windows.anyOpen(), false)
  assert.equal(await a.evaluate('dapp.chainId()'), 900)
  await a.waitForFunction('dapp.events().some(([e, c]) => e === "chainChanged" && c === "0x384")')
  assert.equal(await b.evaluate('dapp.chainId()'), 902, 'B kept its chain')
  assert.equal(await b.evaluate('dapp.events().filter(([e]) => e === "chainChanged").length'), bEvents, 'B heard nothing')

  // the popup, for A's tab: the site and its own network, changed for A only
  const { session } = await readAllStorage(await liveWorker(wb.context, ext))
  const tabId = (session['provider.connections'] as { origin: string; tabId: number; frameId: number }[]).find((c) => c.origin === site.siteA.origin && c.frameId === 0)!.tabId
  const popup = await wb.context.newPage()
  await popup.setViewportSize({ width: 360, height: 600 })
  await popup.goto(extensionUrl(wb, `popup.html?tab=${tabId}`))
  await popup.getByTestId('site-chain').waitFor()
  assert.equal(await popup.getByTestId('site-origin').innerText(), new URL(site.siteA.origin).host)
  assert.equal(await popup.getByTestId('site-chain-select').inputValue(), '900')
  await shot(popup, 'popup-site-chain')
  await popup.getByTestId('site-chain-select').selectOption('902')
  await a.waitForFunction('dapp.events().some(([e, c]) => e === "chainChanged" && c === "0x386")')
  // (ethers pins a BrowserProvider's network: a dApp makes a new one on chainChanged; ask the wallet)
  assert.equal(await a.evaluate('window.ethereum.request({ method: "eth_chainId" })'), '0x386')
  assert.equal(await b.evaluate('dapp.events().filter(([e]) => e === "chainChanged").length'), bEvents, 'B heard nothing')
  assert.equal((await uiCall<{ activeChainId: number }>(ext, 'wallet.state')).activeChainId, 900, "the wallet's own chain did not move")
  await popup.close()
  await a.close()
  await b.close()
})

test('a page written for MetaMask only: isMetaMask, autoRefreshOnNetworkChange = false, legacy reads and sendAsync work; the methods cannot be replaced', async () => {
  const page = await open('metamask', 'metamask-dapp')
  const out = await windows.approved<Record<string, unknown>>(page, 'dapp.start()', site.metamask.origin)
  assert.equal(out.ok, true, JSON.stringify(out))
  assert.deepEqual(out.accounts, [TEST_ADDRESS_0])
  assert.equal(out.chainId, '0x384')
  assert.equal(out.chainIdField, '0x384', 'a write to chainId is ignored')
  assert.equal(out.selectedAddress, TEST_ADDRESS_0)
  assert.equal(out.isRollupWallet, true)
  assert.equal(out.unlocked, true)
  assert.equal(out.tampered, 'refused')
  assert.deepEqual(out.log, ['autoRefreshOnNetworkChange=false'])
  // through EIP-6963 the wallet says who it is
  const info = await page.evaluate(`new Promise((r) => { addEventListener('eip6963:announceProvider', (e) => r({ ...e.detail.info, same: e.detail.provider === window.ethereum })); dispatchEvent(new Event('eip6963:requestProvider')) })`)
  assert.equal((info as { rdns: string }).rdns, 'io.rollupwallet')
  assert.equal((info as { name: string }).name, 'Rollup Wallet')
  await page.close()
})
