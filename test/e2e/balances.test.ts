// The home screen in Chromium against the devnet: after an ETH deposit to 901 and a PHA deposit
// to 902 (sent from node for account 0, which the wallet imports), the popup shows ETH and PHA on
// the L1, 901 and 902 side by side with their totals, equal to what the chains say; with 902's RPC
// pointed at a closed port the others stay fresh and 902 keeps its figures, marked stale;
// Activity shows a sent transaction confirmed; the networks and tokens pages.
// Screenshots (light and dark) go to .cache/screens/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { parseEther, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { l1Clients, l2Clients } from '../../devnet/testing.ts'
import { erc20Abi } from '../../src/abi/erc20.ts'
import { ethDepositTxs, erc20DepositTxs } from '../../src/bridge/deposit.ts'
import { devnetNetworks } from '../../src/chains/devnet.ts'
import { formatAmount } from '../../ui/lib/amount.ts'
import { launchWithExtension, type WalletBrowser } from './support/browser.ts'
import { shot, until } from './send-support.ts'
import { closedPort } from '../integration/balances-support.ts'
import { extensionUrl, initializeWallet, openPopup, paintedScript, TEST_ADDRESS_0, uiCall } from './support/wallet.ts'

let devnet: Devnet
let wb: WalletBrowser
const me = TEST_ADDRESS_0 as Address

async function deposits(): Promise<void> {
  const m = devnet.manifest
  const [, n901, n902] = devnetNetworks(m)
  const account = privateKeyToAccount(devnet.accounts[0].privateKey)
  const l1 = l1Clients(m, account)
  const deployer = l1Clients(m, privateKeyToAccount(devnet.roles.assetDeployer.privateKey))
  await l1.public.waitForTransactionReceipt({ hash: await deployer.wallet.writeContract({ address: m.l1.contracts.pha!, abi: erc20Abi, functionName: 'transfer', args: [me, parseEther('250')] }) })
  const txs = [
    ...ethDepositTxs(n901.rollup!, { to: me, amount: parseEther('2') }),
    ...erc20DepositTxs(n902.rollup!, { l1Token: m.l1.contracts.pha!, l2Token: m.l2s[1].l2Contracts.pha!, to: me, amount: parseEther('75'), allowance: 0n, symbol: 'PHA', decimals: 18 }),
  ]
  for (const t of txs) {
    const gas = await l1.public.estimateGas({ account, to: t.to, data: t.data, value: t.value })
    const hash = await l1.wallet.sendTransaction({ to: t.to, data: t.data, value: t.value, gas: (gas * 120n) / 100n })
    assert.equal((await l1.public.waitForTransactionReceipt({ hash })).status, 'success')
  }
  const l2 = (id: number) => l2Clients(m, id, account).public
  await until(() => l2(902).readContract({ address: m.l2s[1].l2Contracts.pha!, abi: erc20Abi, functionName: 'balanceOf', args: [me] }), (v) => v === parseEther('75'), 30_000, 'PHA on 902')
  await until(() => l2(901).getBalance({ address: me }), (v) => v >= parseEther('101.9'), 30_000, 'ETH on 901')
}

/** What the chains say now, formatted as the home screen formats a cell. */
async function expected(): Promise<Record<string, Record<number, string>>> {
  const m = devnet.manifest
  const clients = { 900: l1Clients(m, privateKeyToAccount(devnet.accounts[0].privateKey)).public, 901: l2Clients(m, 901, privateKeyToAccount(devnet.accounts[0].privateKey)).public, 902: l2Clients(m, 902, privateKeyToAccount(devnet.accounts[0].privateKey)).public }
  const pha = { 900: m.l1.contracts.pha!, 901: m.l2s[0].l2Contracts.pha!, 902: m.l2s[1].l2Contracts.pha! }
  const out: Record<string, Record<number, string>> = { eth: {}, pha: {} }
  for (const id of [900, 901, 902] as const) {
    out.eth[id] = formatAmount(await clients[id].getBalance({ address: me }), 18, 'ETH')
    out.pha[id] = formatAmount(await clients[id].readContract({ address: pha[id], abi: erc20Abi, functionName: 'balanceOf', args: [me] }), 18, 'PHA')
  }
  return out
}

/** The token cells whose amount does not fit in its cell, or whose cell does not fit in its card. */
const amountsCut = (page: import('playwright-core').Page) =>
  page.locator('.token-cell').evaluateAll((cells) =>
    cells
      .filter((c) => {
        const dd = c.querySelector('dd')!
        const card = c.closest('.token-card')!.getBoundingClientRect()
        const box = c.getBoundingClientRect()
        return dd.scrollWidth > dd.clientWidth + 0.5 || box.right > card.right + 0.5 || box.left < card.left - 0.5
      })
      .map((c) => c.textContent),
  )

const cellText = async (page: import('playwright-core').Page, token: string, chainId: number) => (await page.getByTestId(`cell-${token}-${chainId}`).locator('dd').innerText()).replace(/\s*⚠\s*$/, '').trim()

before(async () => {
  devnet = await startDevnet({ ports: 'default' })
  await deposits()
  wb = await launchWithExtension()
  await initializeWallet(wb)
})
after(async () => {
  await wb?.close()
  await devnet?.stop()
})

test('home: ETH and PHA on the L1, 901 and 902 side by side with their totals, as the chains say', async () => {
  const page = await openPopup(wb)
  const want = await expected()
  await until(() => page.getByTestId('chain-chip-902').getAttribute('data-status'), (s) => s === 'fresh', 20_000, '902 read')
  for (const token of ['eth', 'pha']) {
    for (const chainId of [900, 901, 902]) assert.equal(await cellText(page, token, chainId), want[token][chainId], `${token} on ${chainId}`)
  }
  assert.equal(want.pha[900], '175 PHA')
  assert.equal(want.pha[902], '75 PHA')
  assert.equal((await page.getByTestId('token-pha').getByTestId('token-total').innerText()).trim(), '250 PHA')
  assert.deepEqual(await page.locator('[data-testid^="chain-chip-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))), ['fresh', 'fresh', 'fresh'])
  // every amount whole on screen (the L1's "9,997.99… ETH" after the deposits is wider than a third of the card)
  assert.ok(want.eth[900].length > 11, `a long amount on the L1: ${want.eth[900]}`)
  assert.deepEqual(await amountsCut(page), [])
  await shot(page, 'balances-home')
  await page.close()
})

test('the cached balances are on screen at once when the popup opens again, before any RPC answers', async () => {
  const page = await openPopup(wb)
  await page.getByTestId('token-pha').waitFor()
  const painted = (await page.evaluate(paintedScript(['token-balance']))) as number
  assert.ok(painted < 1500, `balances on screen ${painted.toFixed(0)} ms after the popup opened`)
  await page.close()
})

test("a dead RPC: 902 keeps its last figures, marked stale with the time of the last read; 900 and 901 stay fresh", async () => {
  const page = await openPopup(wb)
  await until(() => page.getByTestId('chain-chip-902').getAttribute('data-status'), (s) => s === 'fresh', 20_000, '902 read')
  const before = { eth: await cellText(page, 'eth', 902), pha: await cellText(page, 'pha', 902) }
  const closed = await closedPort()
  await uiCall(page, 'networks.setRpcUrls', { chainId: 902, urls: [`http://127.0.0.1:${closed}`] })
  try {
    await page.getByTestId('refresh-balances').click()
    await until(() => page.getByTestId('chain-chip-902').getAttribute('data-status'), (s) => s === 'stale', 20_000, '902 stale')
    assert.equal(await page.getByTestId('chain-chip-900').getAttribute('data-status'), 'fresh')
    assert.equal(await page.getByTestId('chain-chip-901').getAttribute('data-status'), 'fresh')
    assert.equal(await page.getByTestId('cell-pha-902').getAttribute('data-stale'), 'true')
    assert.equal(await page.getByTestId('cell-pha-901').getAttribute('data-stale'), null)
    assert.deepEqual({ eth: await cellText(page, 'eth', 902), pha: await cellText(page, 'pha', 902) }, before, 'the last figures stay')
    assert.match(await page.getByTestId('cell-pha-902').getAttribute('title') ?? '', /^75 PHA on Devnet OP 902 \(validity proofs\), last read \d\d:\d\d( [AP]M)? today: the RPC cannot be reached$/)
    assert.match(await page.getByTestId('stale-note').innerText(), /Devnet OP 902 is not answering/)
    await shot(page, 'balances-home-stale')
  } finally {
    await uiCall(page, 'networks.setRpcUrls', { chainId: 902, urls: [] })
  }
  await page.getByTestId('refresh-balances').click()
  await until(() => page.getByTestId('chain-chip-902').getAttribute('data-status'), (s) => s === 'fresh', 20_000, '902 fresh again')
  await page.close()
})

test('activity: a transaction sent from the wallet shows as confirmed', async () => {
  const page = await openPopup(wb)
  const { tx } = await uiCall<{ tx: unknown }>(page, 'send.prepare', { chainId: 901, from: me, to: devnet.accounts[5].address, amount: parseEther('0.5').toString(), token: null })
  const { hash } = await uiCall<{ hash: Hex }>(page, 'tx.send', { tx, title: 'Send 0.5 ETH' })
  await l2Clients(devnet.manifest, 901, privateKeyToAccount(devnet.accounts[0].privateKey)).public.waitForTransactionReceipt({ hash, pollingInterval: 100 })
  await page.goto(extensionUrl(wb, 'popup.html#/activity'))
  const item = page.getByTestId('activity-item').first()
  await until(() => item.getAttribute('data-status'), (s) => s === 'confirmed', 20_000, 'confirmed')
  assert.match(await item.innerText(), /Send 0\.5 ETH[\s\S]*Confirmed[\s\S]*Devnet OP 901/)
  await shot(page, 'balances-activity')
  await page.close()
})

test('the networks page (RPC URLs, a rollup discovered from its portal) and the tokens page', async () => {
  const page = await wb.context.newPage()
  await page.setViewportSize({ width: 900, height: 1100 })
  await page.goto(extensionUrl(wb, 'app.html#/networks'))
  await page.getByTestId('network-902').locator('summary').click()
  await page.getByLabel('OptimismPortal address on L1').fill(devnet.manifest.l2s[1].l1Contracts.optimismPortal)
  await page.getByLabel('L2 RPC URL').fill(devnet.manifest.l2s[1].rpcUrl)
  await page.getByLabel('Name', { exact: true }).fill('Validity rollup')
  await page.getByTestId('discover').click()
  await page.getByTestId('discovered').waitFor()
  assert.match(await page.getByTestId('discovered').innerText(), /Chain 902[\s\S]*DisputeGameFactory[\s\S]*OptimismPortal2 5\.\d+\.\d+[\s\S]*The L2StandardBridge pairs with this L1StandardBridge/)
  await shot(page, 'balances-networks', true)
  await page.goto(extensionUrl(wb, 'app.html#/tokens'))
  await page.getByTestId('token-def-pha').waitFor()
  await shot(page, 'balances-tokens', true)
  await page.close()
})
