// The bridge in Chromium on the devnet running today's contracts (OptimismPortal2 5.x +
// AnchorStateRegistry doubles), through the built extension's screens: on the validity chain (902:
// OP Succinct validity games, type 6) ETH and PHA deposited from the popup and followed to their
// credit, withdrawn, proven and finalized with one click each, the money back on L1; then on 901, a
// proven withdrawal that keeps its proof when the chain changes its respected game type (no
// retirement) and is flagged for a new proof after a retirement, proven again against the new type;
// the whole exit cost in the popup form, re-quoted every block and marked stale while the L2 does
// not answer; and the L2 comparison page reading exit times and whole exit costs from the chains.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { parseAbi, parseEther } from 'viem'
import type { Devnet } from '../../devnet/index.ts'
import type { WithdrawalItem } from '../../src/bridge/types.ts'
import { launchWithExtension, type WalletBrowser } from './support/browser.ts'
import { extensionUrl, initializeWallet, openPopup, TEST_ADDRESS_0 } from './support/wallet.ts'
import { until } from './send-support.ts'
import { assertCostPanel, bridgeThroughPopup, chooseDirection, clickStep, e2eDevnet, fundPha, itemPage, overview, shot, waitStatus, warpTo, openReview } from './bridge-support.ts'

const erc20 = parseAbi(['function balanceOf(address) view returns (uint256)'])

let devnet: Devnet
let wb: WalletBrowser

before(async () => {
  devnet = await e2eDevnet()
  await Promise.all([devnet.waitForProposal(902, 11n, 60_000), devnet.waitForProposal(901, 11n, 60_000), fundPha(devnet, TEST_ADDRESS_0, parseEther('100'))])
  wb = await launchWithExtension()
  await initializeWallet(wb)
})

after(async () => {
  await wb?.close()
  await devnet?.stop()
})

test('902: ETH and PHA round trips through OP Succinct validity games, driven from the popup and the item pages', async () => {
  const l1 = devnet.l1.client
  const l2 = devnet.l2[902]!.client
  const pha = { l1: devnet.manifest.l1.contracts.pha!, l2: devnet.manifest.l2s[1]!.l2Contracts.pha! }
  const deposits = [
    await bridgeThroughPopup(wb, { direction: 'deposit', l2: 902, token: 'ETH', amount: '2' }),
    await bridgeThroughPopup(wb, { direction: 'deposit', l2: 902, token: 'PHA', amount: '30', screenshot: 'popup-deposit-pha' }),
  ]
  const page = await wb.context.newPage()
  await page.goto(extensionUrl(wb, 'app.html#/bridge'))
  await page.getByTestId('bridge-deposits').locator(`[data-status="credited"]`).nth(1).waitFor({ timeout: 45_000 })
  assert.deepEqual(
    (await overview(page)).items.filter((v) => deposits.includes(v.id)).map((v) => v.status),
    ['credited', 'credited'],
  )
  assert.equal(await l2.readContract({ address: pha.l2, abi: erc20, functionName: 'balanceOf', args: [TEST_ADDRESS_0] }), parseEther('30'))

  const phaBefore = await l1.readContract({ address: pha.l1, abi: erc20, functionName: 'balanceOf', args: [TEST_ADDRESS_0] })
  const ethId = await bridgeThroughPopup(wb, { direction: 'withdraw', l2: 902, token: 'ETH', amount: '1', screenshot: 'popup-withdraw-cost' })
  const phaId = await bridgeThroughPopup(wb, { direction: 'withdraw', l2: 902, token: 'PHA', amount: '30' })
  for (const id of [ethId, phaId]) {
    const p = await itemPage(wb, id)
    await waitStatus(p, /Ready to prove/)
    await clickStep(p, 'prove')
    await waitStatus(p, /Proven/)
    assert.match(await p.locator('[data-step="wait"]').innerText(), /(proof maturity|dispute-game finality): .* left/i)
    if (id === phaId) await shot(p, 'item-proven-validity')
    await p.close()
  }
  const latest = Math.max(...(await overview(page)).items.filter((v) => v.id === ethId || v.id === phaId).map((v) => (v.item as WithdrawalItem).eta!.finalize!.at!))
  await warpTo(devnet, latest + 1)
  const ethL1Before = await l1.getBalance({ address: TEST_ADDRESS_0 })
  for (const id of [ethId, phaId]) {
    const p = await itemPage(wb, id)
    await waitStatus(p, /Ready to finalize/)
    await clickStep(p, 'finalize')
    await waitStatus(p, /Finalized/)
    await p.close()
  }
  assert.equal(await l1.readContract({ address: pha.l1, abi: erc20, functionName: 'balanceOf', args: [TEST_ADDRESS_0] }), phaBefore + parseEther('30'), 'the PHA came back to L1')
  // 1 ETH arrived, minus what the prove and finalize transactions cost on L1
  const gained = (await l1.getBalance({ address: TEST_ADDRESS_0 })) - ethL1Before
  assert.ok(gained > parseEther('0.99') && gained < parseEther('1'), `the ETH arrived on L1 (net of fees: ${gained})`)
  await page.reload()
  await page.getByTestId('bridge-withdrawals').locator('[data-status="finalized"]').nth(1).waitFor()
  await shot(page, 'home')
  await page.close()
})

test('901: a proven withdrawal keeps its proof when the chain changes its respected game type, is flagged for a new proof after a retirement, and is proven again', async () => {
  const id = await bridgeThroughPopup(wb, { direction: 'withdraw', l2: 901, token: 'ETH', amount: '0.3' })
  const p = await itemPage(wb, id)
  await waitStatus(p, /Ready to prove/)
  await clickStep(p, 'prove')
  await waitStatus(p, /Proven/)
  await devnet.setRespectedGameType(901, 0)
  // the page's tracker looks every few seconds: three looks later the proof still counts
  await devnet.waitForProposal(901, await devnet.l2[901]!.client.getBlockNumber(), 60_000)
  await new Promise((r) => setTimeout(r, 12_000))
  assert.equal(await p.getByTestId('bridge-reprove').count(), 0, 'a type change alone does not ask for a new proof')
  await devnet.retireGames(901)
  await waitStatus(p, /Needs a new proof/, 30_000)
  assert.match(await p.getByTestId('bridge-reprove').innerText(), /retired/)
  await devnet.waitForProposal(901, await devnet.l2[901]!.client.getBlockNumber(), 60_000)
  await p.getByTestId('bridge-action-prove').locator('[data-testid="fee"]').waitFor({ timeout: 60_000 })
  await shot(p, 'item-reprove')
  await clickStep(p, 'prove')
  await waitStatus(p, /Proven/)
  const item = (await overview(p)).items.find((v) => v.id === id)!.item as WithdrawalItem
  assert.equal(item.proof?.gameType, 0, 'proven against a game of the new respected type')
  assert.equal(item.reprove, undefined)
  await p.close()
})

test('popup: the whole exit cost of a withdrawal is re-quoted every block, and marked stale while the L2 does not answer', async () => {
  const popup = await openPopup(wb, '#/bridge')
  await chooseDirection(popup, 'withdraw')
  await popup.getByTestId('bridge-l2').selectOption('902')
  await popup.getByTestId('bridge-amount').fill('0.5')
  await openReview(popup)
  await assertCostPanel(popup, ['initiate', 'prove', 'finalize'])
  const panel = popup.getByTestId('bridge-cost')
  // the L2 base fee moves every block: a fresh quote shows another exact initiate fee
  const exact = () => panel.locator('[data-cost-step="initiate"] dd').innerText().then(async (t) => `${t} ${await panel.locator('[data-cost-step="total"] dd').getAttribute('title')}`)
  const first = await exact()
  await until(exact, (t) => t !== first, 15_000, 'a re-quote at a new block')
  assert.equal(await panel.getAttribute('data-stale'), 'false')
  const pid = devnet.l2[902]!.pid
  process.kill(pid, 'SIGSTOP')
  try {
    await until(() => panel.getAttribute('data-stale'), (s) => s === 'true', 20_000, 'the stale mark')
    assert.match(await popup.getByTestId('bridge-cost-stale').innerText(), /Out of date/)
    await panel.evaluate((e) => e.scrollIntoView({ block: 'end' }))
    await shot(popup, 'popup-withdraw-stale')
  } finally {
    process.kill(pid, 'SIGCONT')
  }
  await until(() => panel.getAttribute('data-stale'), (s) => s === 'false', 30_000, 'a fresh cost after the RPC is back')
  await popup.close()
})

test('the L2 comparison reads each chain\'s exit time and cost; a chain that does not answer says so', async () => {
  const page = await wb.context.newPage()
  await page.goto(extensionUrl(wb, 'app.html#/bridge/compare'))
  const row = (chainId: number) => page.locator(`tr[data-chain="${chainId}"]`)
  await row(902).getByTestId('compare-exit').waitFor({ timeout: 60_000 })
  // plain words first; the contract version and game type behind "Technical details"
  assert.match(await row(901).innerText(), /Withdrawals take about .+anyone may post or challenge one/)
  for (const chainId of [901, 902]) await row(chainId).getByText('Technical details').click()
  assert.match(await row(901).innerText(), /OptimismPortal2 5\.6\.1, permissionless fault proofs \(game type 0\)/)
  assert.match(await row(902).innerText(), /OptimismPortal2 5\.6\.1, OP Succinct validity proofs \(game type 6\)/)
  assert.match(await row(902).getByTestId('compare-exit').innerText(), /^about \d+ s\s+up to 5 s for a proposal, then 30 s of waiting windows$/)
  for (const chainId of [901, 902]) {
    assert.match(await row(chainId).getByTestId('compare-cost-parts').innerText(), /^Start on the rollup: (<)?0\.\d+ ETH\nProve \+ finalize on Devnet L1: (<)?0\.\d+ ETH$/, `${chainId}: the L2 initiate is part of the exit cost`)
  }
  // the shipped mainnet rollups get rows too: read from their chains, or (without a network) saying they do not answer
  assert.match(await page.locator('tr[data-chain="2035"]').innerText(), /^Phala L2\s+(Not answering: HTTP request failed\.|OptimismPortal)/)
  await shot(page, 'compare')
  await page.close()
})
