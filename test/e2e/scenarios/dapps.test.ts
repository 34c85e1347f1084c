// Three dApps written the way dApps really are (ethers v6 BrowserProvider, viem custom transport,
// EIP-6963 discovery with mipd), each on its own origin, drive the built extension against the
// devnet, in Chromium and in Firefox from this one file: connect, switch chain, sign a message and
// typed data (verified here), send a transaction that is mined; another origin rejected with 4001;
// the connected sites listed and one revoked (the page told); a page flooding the wallet with 1,000
// hostile requests; an approval waiting in its window while the background is suspended; a page's
// request waking a suspended background; closing the window rejects. One devnet for both browsers.
import { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, http, verifyMessage, verifyTypedData, type Hex } from 'viem'
import { startDevnet, type Devnet } from '../../../devnet/index.ts'
import { servePages, type PageServer } from '../support/server.ts'
import { dappRoutes } from '../support/dapps.ts'
import { afterEach } from 'node:test'
import { approvals, rejectOpenApprovals, clickApprove, eachBrowser, initializeWallet, uiCall, TEST_ADDRESS_0, type UiPage } from '../driver/index.ts'

const DAPPS = [
  { name: 'ethers-dapp', chain: 901 },
  { name: 'viem-dapp', chain: 902 },
  { name: 'mipd-dapp', chain: 900 },
] as const
const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

let devnet: Devnet
const servers: PageServer[] = []

before(async () => {
  devnet = await startDevnet({ ports: 'default' })
  const routes = await dappRoutes(DAPPS.map((d) => d.name))
  for (let i = 0; i < DAPPS.length; i++) servers.push(await servePages(routes)) // one origin per dApp
})
after(async () => {
  for (const s of servers) await s.close()
  await devnet?.stop()
})

const typed = (chainId: number) => ({
  domain: { name: 'Rollup Wallet Test', version: '1', chainId, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' as const },
  types: { Mail: [{ name: 'from', type: 'address' }, { name: 'contents', type: 'string' }] },
  value: { from: TEST_ADDRESS_0, contents: 'gm from the e2e test' },
})

async function openDapp(d: { openWeb(url: string): Promise<UiPage> }, url: string): Promise<UiPage> {
  const page = await d.openWeb(url)
  await page.waitForTrue('!!window.dapp', { what: 'the dApp script' })
  return page
}

eachBrowser(
  (b) => {
    let cached: ReturnType<typeof approvals> | undefined
    const A = () => (cached ??= approvals(b.driver))

    afterEach(async () => {
      try {
        await rejectOpenApprovals(b.driver) // a failed test leaves nothing queued for the next
      } catch {
        // no browser (its launch failed): nothing to reject
      }
    })

    for (const [i, dapp] of DAPPS.entries()) {
      b.test(`${dapp.name}: connect, read, switch chain, sign, sign typed data, send`, async (d) => {
        const site = servers[i]
        const page = await openDapp(d, `${site.url}${dapp.name}.html`)
        if (dapp.name === 'mipd-dapp') {
          const announced = await page.evaluate<{ rdns: string }[]>('dapp.announced()')
          assert.deepEqual(announced.map((a) => a.rdns), ['io.rollupwallet'])
        }
        const accounts = await A().approved<string[]>(page, 'dapp.connect()', site.origin)
        assert.deepEqual(accounts.map((a) => a.toLowerCase()), [TEST_ADDRESS_0.toLowerCase()])
        assert.deepEqual((await page.evaluate<string[]>('dapp.accounts()')).map((a) => a.toLowerCase()), [TEST_ADDRESS_0.toLowerCase()])

        // a chain per site: a chain not yet approved for this site asks first (the site connected on 900)
        if (dapp.chain === 900) await page.evaluate(`dapp.switchChain(${dapp.chain})`)
        else await A().approved(page, `dapp.switchChain(${dapp.chain})`, site.origin)
        assert.equal(await page.evaluate('dapp.chainId()'), dapp.chain)

        const message = `Hello from ${dapp.name}`
        const sig = await A().approved<Hex>(page, `dapp.signMessage(${JSON.stringify(message)})`, site.origin)
        assert.equal(await verifyMessage({ address: TEST_ADDRESS_0, message, signature: sig }), true, 'personal_sign verifies')

        const t = typed(dapp.chain)
        const tsig = await A().approved<Hex>(page, `dapp.signTyped(${JSON.stringify(t.domain)}, ${JSON.stringify(t.types)}, ${JSON.stringify(t.value)})`, site.origin)
        assert.equal(await verifyTypedData({ address: TEST_ADDRESS_0, domain: t.domain, types: t.types, primaryType: 'Mail', message: t.value, signature: tsig }), true, 'typed data verifies')

        const rpc = dapp.chain === 900 ? devnet.manifest.l1.rpcUrl : devnet.manifest.l2s.find((l) => l.chainId === dapp.chain)!.rpcUrl
        const client = createPublicClient({ transport: http(rpc) })
        const before = await client.getBalance({ address: RECIPIENT })
        const sent = await A().approved<{ hash: Hex; status: number }>(page, `dapp.send(${JSON.stringify(RECIPIENT)}, "1000000000000000")`, site.origin, (w) =>
          dapp.name === 'viem-dapp' ? w.screenshot('approval-send') : Promise.resolve(),
        )
        assert.equal(sent.status, 1)
        const receipt = await client.getTransactionReceipt({ hash: sent.hash })
        assert.equal(receipt.status, 'success', `mined on chain ${dapp.chain}`)
        assert.equal(receipt.from.toLowerCase(), TEST_ADDRESS_0.toLowerCase())
        assert.equal((await client.getBalance({ address: RECIPIENT })) - before, 10n ** 15n)
        await page.close()
      }, { timeout: 120_000 })
    }

    b.test('another origin sees no accounts, and rejecting in the window gives the dApp 4001', async (d) => {
      const other = await servePages(await dappRoutes(['viem-dapp']))
      try {
        const page = await openDapp(d, `${other.url}viem-dapp.html`)
        assert.deepEqual(await page.evaluate('dapp.accounts()'), [])
        const result = page.evaluate('dapp.connect().then(() => "connected", (e) => e.code ?? e.cause?.code)')
        const ap = await A().next()
        await ap.screenshot('approval-connect')
        await ap.click('tid=reject').catch((err) => {
          if (!ap.isClosed()) throw err
        })
        assert.equal(await result, 4001)
        await page.close()
      } finally {
        await other.close()
      }
    })

    b.test('Settings lists the connected sites; revoking one empties its accounts and tells the page', async (d) => {
      const site = servers[0]
      const page = await openDapp(d, `${site.url}ethers-dapp.html`)
      assert.equal((await page.evaluate<string[]>('dapp.accounts()')).length, 1)
      const settings = await d.openExtension('app.html#/settings/sites')
      await settings.waitFor('tid=sites')
      const listed = await settings.text('tid=sites')
      for (const s of servers) assert.ok(listed.includes(s.origin), `${s.origin} is listed`)
      await settings.screenshot('app-sites')
      await settings.click(`role=button name=Revoke ${site.origin}`)
      await settings.waitFor(`role=button name=Revoke ${site.origin}`, { state: 'detached' })
      assert.deepEqual(await page.evaluate('dapp.accounts()'), [])
      await page.waitForTrue('dapp.events().some(([e, a]) => e === "accountsChanged" && a.length === 0)', { what: 'accountsChanged with no accounts' })
      await settings.close()
      await page.close()
    })

    b.test('a page flooding the wallet with 1,000 malformed or hostile requests gets an error for each; other tabs keep working', async (d) => {
      const flooder = await d.openWeb(`${servers[2].url}mipd-dapp.html`)
      await flooder.waitForTrue('!!window.ethereum')
      const outcome = await flooder.evaluate<{ codes: Record<string, number>; polluted: string }>(`(async () => {
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
      })()`)
      const total = Object.values(outcome.codes).reduce((a, x) => a + x, 0)
      assert.equal(total, 1000)
      assert.equal(outcome.codes.fulfilled ?? 0, 0, `every hostile request is refused: ${JSON.stringify(outcome.codes)}`)
      assert.equal(outcome.codes.undefined ?? 0, 0, 'each refusal carries an EIP-1193/JSON-RPC code')
      assert.equal(outcome.polluted, 'no')
      // the background is still up and other tabs are served
      const other = await openDapp(d, `${servers[1].url}viem-dapp.html`)
      assert.equal(await other.evaluate('dapp.chainId()'), 902, 'the viem dApp kept its own chain')
      assert.equal((await other.evaluate<string[]>('dapp.accounts()')).length, 1)
      await other.close()
      await flooder.close()
    }, { timeout: 120_000 })

    b.test('lifecycle: an approval waiting in its window survives the background being suspended, and is approved after', async (d) => {
      const page = await openDapp(d, `${servers[1].url}viem-dapp.html`)
      await page.evaluate('dapp.connect()') // connected above: no window
      const signed = page.evaluate<Hex>('dapp.signMessage("still here after a suspension")')
      signed.catch(() => undefined)
      const ap = await A().next()
      await d.suspendBackground()
      await ap.waitFor('tid=approve')
      await clickApprove(ap)
      assert.equal(await verifyMessage({ address: TEST_ADDRESS_0, message: 'still here after a suspension', signature: await signed }), true)
      await page.close()
    })

    b.test('lifecycle: a page request wakes a suspended background (read, then a request that needs the window)', async (d) => {
      const page = await openDapp(d, `${servers[1].url}viem-dapp.html`)
      await d.suspendBackground()
      assert.equal(await page.evaluate('dapp.chainId()'), 902, 'the read woke the background')
      await d.suspendBackground()
      await page.evaluate('dapp.connect()') // connected above: no window, the dApp learns its account
      await d.suspendBackground()
      const sig = await A().approved<Hex>(page, 'dapp.signMessage("woken by the page")', servers[1].origin)
      assert.equal(await verifyMessage({ address: TEST_ADDRESS_0, message: 'woken by the page', signature: sig }), true)
      await page.close()
    })

    b.test('closing the approval window rejects the request', async (d) => {
      const page = await openDapp(d, `${servers[1].url}viem-dapp.html`)
      await page.evaluate('dapp.connect()') // already connected: no window
      const result = page.evaluate('dapp.signMessage("close me").then(() => "signed", (e) => e.code ?? e.cause?.code)')
      const ap = await A().next()
      await ap.close()
      assert.equal(await result, 4001)
      await page.close()
    })

    b.test('a page cannot reach the wallet\'s own calls through the provider', async (d) => {
      const page = await openDapp(d, `${servers[1].url}viem-dapp.html`)
      for (const method of ['keyring.revealPhrase', 'app.ping', 'approvals.resolve', 'sites.revoke']) {
        const code = await page.evaluate(`window.ethereum.request({ method: ${JSON.stringify(method)}, params: [{ password: 'x' }] }).then(() => 'answered', (e) => e.code)`)
        assert.equal(code, -32601, method)
      }
      await page.evaluate(`window.postMessage({ channel: 'ui', call: 'keyring.reset', params: {} }, '*')`)
      const ext = await d.openExtension('popup.html')
      assert.equal((await uiCall<{ initialized: boolean }>(ext, 'wallet.state')).initialized, true)
      await ext.close()
      await page.close()
    })
  },
  { setup: (d) => initializeWallet(d) },
)
