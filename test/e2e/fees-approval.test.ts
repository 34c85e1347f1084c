// The dApp approval window on an OP Stack chain (901): the fee breakdown (L2 execution + L1 data,
// the total and the most it can be), re-quoted with every block while the window is open, marked
// stale while the chain's RPC does not answer (the L2 node is paused with SIGSTOP, a real
// unresponsive RPC) and fresh again once it answers. Then the transaction is approved and mined.
// Screenshots (light and dark) go to .cache/screens/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, http, type Hex } from 'viem'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { launchWithExtension, type WalletBrowser } from './support/browser.ts'
import { shot, until } from './send-support.ts'
import { servePages, type PageServer } from './support/server.ts'
import { approvalWindowShowing, viemDappOn } from './support/approval-window.ts'
import { dappRoutes } from './support/dapps.ts'
import { initializeWallet } from './support/wallet.ts'

const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

let devnet: Devnet
let wb: WalletBrowser
let site: PageServer

before(async () => {
  devnet = await startDevnet({ ports: 'default' })
  site = await servePages(await dappRoutes(['viem-dapp']))
  wb = await launchWithExtension()
  await initializeWallet(wb)
})
after(async () => {
  await wb?.close()
  await site?.close()
  await devnet?.stop()
})

const approvalWindow = (kind: string) => approvalWindowShowing(wb, kind)

test('approval window on 901: fee breakdown with the L1 data fee, re-quoted every block, stale while the RPC is down', async () => {
  const page = await viemDappOn(wb, site.url, 901)

  const sent = page.evaluate(`dapp.send(${JSON.stringify(RECIPIENT)}, "1000000000000000")`) as Promise<{ hash: Hex; status: number }>
  sent.catch(() => undefined)
  const win = await approvalWindow('sendTx')
  const fee = win.getByTestId('fee')
  await fee.waitFor()
  for (const row of ['execution', 'l1', 'total', 'max']) assert.equal(await win.locator(`[data-fee="${row}"]`).count(), 1, `${row} row shown`)
  assert.match(await win.locator('[data-fee="execution"] dt').innerText(), /L2 execution/)
  assert.match(await win.locator('[data-fee="l1"] dd').innerText(), /^0\.0+\d+ ETH$/)

  // the L2 base fee moves every block, so a fresh quote shows a different exact execution fee
  const exact = () => win.locator('[data-fee="execution"] dd').getAttribute('title')
  const first = await exact()
  await until(exact, (t) => t !== first, 15_000, 'a re-quote at a new block')
  assert.equal(await fee.getAttribute('data-stale'), 'false')
  await win.setViewportSize({ width: 380, height: 560 })
  await shot(win, 'approval-fee-901', true)

  // the L2 node stops answering: the figures are marked out of date, then fresh again
  const pid = devnet.l2[901]!.pid
  process.kill(pid, 'SIGSTOP')
  try {
    await until(() => fee.getAttribute('data-stale'), (s) => s === 'true', 20_000, 'the stale mark')
    assert.match(await win.getByTestId('fee-stale').innerText(), /Out of date/)
    await shot(win, 'approval-fee-901-stale', true)
  } finally {
    process.kill(pid, 'SIGCONT')
  }
  await until(() => fee.getAttribute('data-stale'), (s) => s === 'false', 30_000, 'a fresh quote after the RPC is back')

  await win.getByTestId('approve').click()
  const { hash, status } = await sent
  assert.equal(status, 1)
  const l2 = createPublicClient({ transport: http(devnet.manifest.l2s[0]!.rpcUrl) })
  assert.equal((await l2.getTransactionReceipt({ hash })).status, 'success')
  await page.close()
})
