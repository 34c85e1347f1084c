// dApps built with the libraries they really ship, against the built extension and the devnet, each
// on its own origin, in Chromium and in Firefox from this one file: @wagmi/core with its injected
// connector found by EIP-6963 (stays connected through a lock; signing asks for the password
// first), viem's EIP-5792 sendCalls (one window for the batch) and the fallback dApps use when
// capabilities say atomic is not there, ethers v6 contract.on('Transfer') over filters (the node's,
// and emulated where the node keeps none), two sites on two chains at once with the popup's per-site
// control, and a page written for MetaMask only. One devnet for both browsers, one browser per turn.
// (The auto-lock itself, by its alarm, is scenarios/lock.test.ts; here the wallet is locked by its call.)
import { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicClient, encodeFunctionData, http, verifyMessage, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startDevnet, type Devnet } from '../../../devnet/index.ts'
import { deriveAccount } from '../../../devnet/lib/accounts.ts'
import { servePages, type PageServer } from '../support/server.ts'
import { dappRoutes } from '../support/dapps.ts'
import { deployDappContracts, pullerAbi, tokenAbi, type DappContracts } from '../../support/dapp-contracts.ts'
import { noFilterProxy, type NoFilterProxy } from '../../support/no-filter-proxy.ts'
import { afterEach } from 'node:test'
import { approvals, rejectOpenApprovals, clickApprove, eachBrowser, initializeWallet, readAllStorage, sleep, uiCall, until, PASSWORD, TEST_ADDRESS_0, type UiPage, type WalletDriver } from '../driver/index.ts'

const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const SITES = ['wagmi', 'batch', 'events', 'events-emulated', 'siteA', 'siteB', 'metamask'] as const

let devnet: Devnet
let c901: DappContracts
let c902: DappContracts
let proxy: NoFilterProxy
const site = {} as Record<(typeof SITES)[number], PageServer>

const rpcOf = (chainId: number) => devnet.manifest.l2s.find((l) => l.chainId === chainId)?.rpcUrl ?? devnet.manifest.l1.rpcUrl
const clientOf = (chainId: number) => createPublicClient({ transport: http(rpcOf(chainId)), pollingInterval: 100 })

/** Token transfers to a fixed address on `chainId`, one block each, sent by another test account. */
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
})
after(async () => {
  for (const s of Object.values(site)) await s.close()
  await proxy?.close()
  await devnet?.stop()
})

eachBrowser(
  (b) => {
    let cached: ReturnType<typeof approvals> | undefined
    const windows = () => (cached ??= approvals(b.driver))
    let extPage: UiPage | undefined
    const ext = async () => (extPage && !extPage.isClosed() ? extPage : (extPage = await b.driver.openExtension('popup.html')))
    const open = async (d: WalletDriver, name: (typeof SITES)[number], dapp: string) => {
      const page = await d.openWeb(`${site[name].url}${dapp}.html`)
      await page.waitForTrue('!!window.dapp', { what: 'the dApp script' })
      return page
    }

    afterEach(async () => {
      try {
        await rejectOpenApprovals(b.driver) // a failed test leaves nothing queued for the next
      } catch {
        // no browser (its launch failed): nothing to reject
      }
    })

    b.test('@wagmi/core (injected connector by EIP-6963): connect, balance, a lock keeps it connected, sign after the password, switch chain, send, disconnect', async (d) => {
      const origin = site.wagmi.origin
      const page = await open(d, 'wagmi', 'wagmi-dapp')
      await page.waitForTrue('dapp.connectors().some((c) => c.id === "io.rollupwallet")')
      const connected = await windows().approved<{ accounts: string[]; chainId: number }>(page, 'dapp.connect()', origin)
      assert.deepEqual(connected, { accounts: [TEST_ADDRESS_0], chainId: 900 })
      assert.ok(BigInt(await page.evaluate<string>('dapp.balance()')) > 0n, 'a balance')

      await uiCall(await ext(), 'keyring.lock')
      assert.deepEqual(await page.evaluate('dapp.walletAccounts()'), [TEST_ADDRESS_0], 'the wallet still answers the connected account')
      assert.equal((await uiCall<{ unlocked: boolean }>(await ext(), 'wallet.state')).unlocked, false, 'the wallet is locked')
      await sleep(500) // any event the lock pushed has reached the page
      assert.deepEqual(await page.evaluate('dapp.state()'), { status: 'connected', address: TEST_ADDRESS_0, chainId: 900 }, "wagmi's state after the lock")
      const statuses = await page.evaluate<string[]>('dapp.statuses()')
      assert.ok(!statuses.slice(statuses.findIndex((s) => s.startsWith('connected'))).some((s) => s.startsWith('disconnected')), `never disconnected: ${statuses.join(' ')}`)

      // signing needs the key: the window asks for the password first
      const message = 'gm from wagmi'
      const sig = await windows().approved<Hex>(page, `dapp.sign(${JSON.stringify(message)})`, origin, async (ap) => {
        await ap.waitFor('tid=unlock-step')
        await ap.screenshot('approval-unlock-step')
        await ap.fill('input[type=password]', PASSWORD)
        await ap.click('role=button name=Unlock')
        await ap.waitFor('tid=approve')
      })
      assert.equal(await verifyMessage({ address: TEST_ADDRESS_0, message, signature: sig }), true)

      assert.equal(await windows().approved(page, 'dapp.switchChain(901)', origin), 901)
      assert.equal((await page.evaluate<{ chainId: number }>('dapp.state()')).chainId, 901)
      const sent = await windows().approved<{ hash: Hex; status: string }>(page, `dapp.send(${JSON.stringify(RECIPIENT)}, "1000000000000000")`, origin)
      assert.equal(sent.status, 'success')
      assert.equal((await clientOf(901).getTransactionReceipt({ hash: sent.hash })).status, 'success', 'mined on 901')

      await page.evaluate('dapp.disconnect()')
      assert.equal((await page.evaluate<{ status: string }>('dapp.state()')).status, 'disconnected')
      assert.deepEqual(await page.evaluate('window.ethereum.request({ method: "eth_accounts" })'), [], 'the wallet disconnected the site too')
      await page.close()
    }, { timeout: 120_000 })

    b.test("viem sendCalls: one window for an approve and a contract call, mined in order, getCallsStatus success with both receipts; the dApp's fallback when capabilities say atomic is unsupported", async (d) => {
      const origin = site.batch.origin
      const page = await open(d, 'batch', 'batch-dapp')
      await windows().approved(page, 'dapp.connect()', origin)
      await windows().approved(page, 'dapp.switchChain(901)', origin)
      assert.deepEqual(await page.evaluate('dapp.capabilities()'), { atomic: { status: 'unsupported' } })
      const args = `${JSON.stringify(c901.token)}, ${JSON.stringify(c901.puller)}, "2000000000000000000"`
      assert.equal(await page.evaluate(`dapp.sendAtomic(${args})`), 5760, 'atomic-or-nothing is refused at once')
      assert.equal(await windows().anyOpen(), false, 'without a window')
      const client = clientOf(901)
      const pulls = () => client.readContract({ address: c901.puller, abi: pullerAbi, functionName: 'pulls' })
      const pullsBefore = await pulls()

      const tipBefore = BigInt(await client.request({ method: 'eth_maxPriorityFeePerGas' }))
      const batch = await windows().approved<{ id: string; status: string; statusCode: number; receipts: { hash: Hex; status: string; block: string }[] }>(page, `dapp.sendCalls(${args})`, origin, async (ap) => {
        await ap.waitFor('tid=calls')
        assert.equal(await ap.count('tid=call'), 2, 'every call in one window')
        assert.match(await ap.text('tid=calls'), /approve[\s\S]*spender[\s\S]*Contract call/, 'the approve decoded, then the call')
        await ap.waitFor('tid=fee')
        // one fee level for every call of the batch
        await ap.click('tid=fee-level-aggressive')
        assert.equal(await ap.attr('tid=fee-level-aggressive', 'aria-checked'), 'true')
        await ap.screenshot('approval-batch', { fullPage: true })
      })
      assert.equal(batch.status, 'success')
      assert.equal(batch.statusCode, 200)
      assert.equal(batch.receipts.length, 2)
      assert.ok(batch.receipts.every((r) => r.status === 'success'))
      assert.ok(BigInt(batch.receipts[0].block) < BigInt(batch.receipts[1].block), 'in order')
      const [t1, t2] = await Promise.all(batch.receipts.map((r) => client.getTransaction({ hash: r.hash })))
      assert.equal(t2.nonce, t1.nonce + 1, 'consecutive nonces')
      assert.equal(t1.maxPriorityFeePerGas, 2n * tipBefore, "the first call signed at the aggressive level chosen in the window (twice the node's tip)")
      assert.ok(t2.maxPriorityFeePerGas! >= t1.maxPriorityFeePerGas!, 'the second at the aggressive level of its own time')
      assert.equal(await pulls(), pullsBefore + 1n)

      // wallet_showCallsStatus: a wallet window on the batch's two transactions, each with its status
      const before = await d.pages()
      await page.evaluate(`dapp.showStatus(${JSON.stringify(batch.id)})`)
      const status = await d.waitForPage((href) => href.includes('#/activity?tx='), { exclude: before, timeout: 15_000 })
      await status.waitFor('tid=activity-batch')
      await status.waitFor('li[data-hash]')
      const shownHashes = await status.evaluate<string[]>(`[...document.querySelectorAll('li[data-hash]')].map((x) => x.getAttribute('data-hash').toLowerCase()).sort()`)
      assert.deepEqual(shownHashes, batch.receipts.map((r) => r.hash.toLowerCase()).sort(), "the batch's transactions alone")
      await status.screenshot('batch-status')
      await status.close()

      const fallback = page.evaluate<{ mode: string; atomic: string; receipts: { status: string }[] }>(`dapp.sendPreferAtomic(${args})`)
      fallback.catch(() => undefined)
      for (let i = 0; i < 2; i++) await clickApprove(await windows().next())
      const out = await fallback
      assert.equal(out.mode, 'one by one')
      assert.equal(out.atomic, 'unsupported')
      assert.deepEqual(out.receipts.map((r) => r.status), ['success', 'success'])
      assert.equal(await pulls(), pullsBefore + 2n)
      await page.close()
    }, { timeout: 120_000 })

    b.test("ethers v6: contract.on('Transfer') gets the events of three blocks, over the node's filters and over emulated ones", async (d) => {
      const askedBefore = proxy.asked.get('eth_newFilter') ?? 0
      for (const [name, chainId, c] of [['events', 901, c901], ['events-emulated', 902, c902]] as const) {
        if (chainId === 902) await uiCall(await ext(), 'networks.setRpcUrls', { chainId: 902, urls: [proxy.url] })
        const page = await open(d, name, 'events-dapp')
        await windows().approved(page, `dapp.switchChain(${chainId})`, site[name].origin)
        await page.evaluate(`dapp.follow(${JSON.stringify(c.token)})`)
        await sleep(800) // ethers has made its filter
        const seen = async () => (await page.evaluate<{ to: string; block: number }[]>('dapp.events()')).filter((e) => e.to.toLowerCase() === '0x000000000000000000000000000000000000beef')
        await transfers(chainId, c, 3)
        const events = await until(seen, (got) => got.length >= 3, 30_000, `events on ${chainId}`)
        assert.equal(new Set(events.map((e) => e.block)).size, 3, 'from three blocks')
        assert.deepEqual(await page.evaluate('dapp.errors()'), [])
        await page.evaluate('dapp.stop()')
        await page.close()
      }
      assert.ok((proxy.asked.get('eth_newFilter') ?? 0) > askedBefore, 'ethers asked the wallet for a filter on 902')
      assert.equal(proxy.asked.get('eth_getFilterChanges') ?? 0, 0, 'the wallet emulated it: the node was never polled for filter changes')
      await uiCall(await ext(), 'networks.setRpcUrls', { chainId: 902, urls: [] })
    }, { timeout: 120_000 })

    b.test('two sites on two chains at once: each keeps its own; a switch on one leaves the other; chainChanged reaches only its tab; the popup changes one site', async (d) => {
      const a = await open(d, 'siteA', 'ethers-dapp')
      const bb = await open(d, 'siteB', 'ethers-dapp')
      await windows().approved(a, 'dapp.connect()', site.siteA.origin)
      await windows().approved(bb, 'dapp.connect()', site.siteB.origin)
      await windows().approved(a, 'dapp.switchChain(901)', site.siteA.origin)
      await windows().approved(bb, 'dapp.switchChain(902)', site.siteB.origin)
      assert.equal(await a.evaluate('dapp.chainId()'), 901)
      assert.equal(await bb.evaluate('dapp.chainId()'), 902)
      const bEvents = await bb.evaluate<number>('dapp.events().filter(([e]) => e === "chainChanged").length')

      // back to the chain A connected on: approved before, no window
      await a.evaluate('dapp.switchChain(900)')
      assert.equal(await windows().anyOpen(), false)
      assert.equal(await a.evaluate('dapp.chainId()'), 900)
      await a.waitForTrue('dapp.events().some(([e, c]) => e === "chainChanged" && c === "0x384")')
      assert.equal(await bb.evaluate('dapp.chainId()'), 902, 'B kept its chain')
      assert.equal(await bb.evaluate('dapp.events().filter(([e]) => e === "chainChanged").length'), bEvents, 'B heard nothing')

      // the popup, for A's tab: the site and its own network, changed for A only
      const { session } = await readAllStorage(await ext())
      const tabId = (session['provider.connections'] as { origin: string; tabId: number; frameId: number }[]).find((c) => c.origin === site.siteA.origin && c.frameId === 0)!.tabId
      const popup = await d.openExtension(`popup.html?tab=${tabId}`)
      await popup.waitFor('tid=site-chain')
      assert.equal(await popup.text('tid=site-origin'), new URL(site.siteA.origin).host)
      assert.equal(await popup.value('tid=site-chain-select'), '900')
      await popup.screenshot('popup-site-chain')
      await popup.select('tid=site-chain-select', '902')
      await a.waitForTrue('dapp.events().some(([e, c]) => e === "chainChanged" && c === "0x386")')
      assert.equal(await a.evaluate('window.ethereum.request({ method: "eth_chainId" })'), '0x386')
      assert.equal(await bb.evaluate('dapp.events().filter(([e]) => e === "chainChanged").length'), bEvents, 'B heard nothing')
      assert.equal((await uiCall<{ activeChainId: number }>(await ext(), 'wallet.state')).activeChainId, 900, "the wallet's own chain did not move")
      await popup.close()
      await a.close()
      await bb.close()
    }, { timeout: 120_000 })

    b.test('a page written for MetaMask only: isMetaMask, autoRefreshOnNetworkChange = false, legacy reads and sendAsync work; the methods cannot be replaced', async (d) => {
      const page = await open(d, 'metamask', 'metamask-dapp')
      const out = await windows().approved<Record<string, unknown>>(page, 'dapp.start()', site.metamask.origin)
      assert.equal(out.ok, true, JSON.stringify(out))
      assert.deepEqual(out.accounts, [TEST_ADDRESS_0])
      assert.equal(out.chainId, '0x384')
      assert.equal(out.chainIdField, '0x384', 'a write to chainId is ignored')
      assert.equal(out.selectedAddress, TEST_ADDRESS_0)
      assert.equal(out.isRollupWallet, true)
      assert.equal(out.unlocked, true)
      assert.equal(out.tampered, 'refused')
      assert.deepEqual(out.log, ['autoRefreshOnNetworkChange=false'])
      const info = await page.evaluate<{ rdns: string; name: string }>(`new Promise((r) => { addEventListener('eip6963:announceProvider', (e) => r({ ...e.detail.info, same: e.detail.provider === window.ethereum })); dispatchEvent(new Event('eip6963:requestProvider')) })`)
      assert.equal(info.rdns, 'io.rollupwallet')
      assert.equal(info.name, 'Rollup Wallet')
      await page.close()
    })
  },
  { setup: (d) => initializeWallet(d, { password: PASSWORD }) },
)
