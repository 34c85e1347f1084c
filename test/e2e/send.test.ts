// The popup's Send screen in Chromium against the devnet: a broken EIP-55 checksum is named, "Max" of
// ETH on 901 reserves the maximum fee (L2 execution + L1 data) and is mined with a balance ≥ 0 left,
// and PHA is sent on the L1 (ERC-20 transfer) with the fee shown before confirming.
// Screenshots (light and dark) go to .cache/screens/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, encodeFunctionData, formatEther, http, parseEther, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { Page } from 'playwright-core'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { erc20Abi } from '../../src/abi/erc20.ts'
import { launchWithExtension, type WalletBrowser } from './support/browser.ts'
import { shot, until } from './send-support.ts'
import { initializeWallet, openPopup, TEST_ADDRESS_0 } from './support/wallet.ts'

const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
// the same address with one letter's case flipped: still hex, but the EIP-55 checksum breaks
const BROKEN = '0x70997970c51812dc3A010C7d01b50e0d17dc79C8'

let devnet: Devnet
let wb: WalletBrowser



const client = (url: string) => createPublicClient({ transport: http(url) })

before(async () => {
  devnet = await startDevnet({ ports: 'default' })
  // PHA on L1 for account 0, from the devnet's asset deployer (a real ERC-20 transfer)
  const deployer = privateKeyToAccount(devnet.roles.assetDeployer.privateKey)
  const l1 = client(devnet.manifest.l1.rpcUrl)
  const nonce = await l1.getTransactionCount({ address: deployer.address })
  const raw = await deployer.signTransaction({
    chainId: 900,
    nonce,
    to: devnet.manifest.l1.contracts.pha!,
    data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [TEST_ADDRESS_0, parseEther('100')] }),
    gas: 100_000n,
    maxFeePerGas: 10_000_000_000n,
    maxPriorityFeePerGas: 1_000_000_000n,
  })
  await l1.waitForTransactionReceipt({ hash: await l1.sendRawTransaction({ serializedTransaction: raw }) })
  wb = await launchWithExtension()
  await initializeWallet(wb)
})
after(async () => {
  await wb?.close()
  await devnet?.stop()
})

async function sendScreen(): Promise<Page> {
  const page = await openPopup(wb, '#/send')
  await page.getByTestId('send-chain').waitFor()
  return page
}

test('recipient checks: a broken checksum is named as such; a short address says what is missing', async () => {
  const page = await sendScreen()
  await page.getByTestId('send-to').fill(BROKEN)
  assert.equal(await page.getByTestId('to-error').innerText(), 'The checksum does not match: check for a typo.')
  await page.getByTestId('send-to').fill(RECIPIENT.slice(0, 30))
  assert.match(await page.getByTestId('to-error').innerText(), /40 hex digits/)
  await page.getByTestId('send-to').fill(RECIPIENT.toLowerCase())
  assert.equal(await page.getByTestId('to-error').isVisible(), false, 'all-lowercase has no checksum to break')
  await page.getByTestId('send-amount').fill('0.0000000000000000001')
  assert.match(await page.getByTestId('amount-error').innerText(), /18 decimals at most/)
  await page.getByTestId('send-amount').fill('0')
  assert.match(await page.getByTestId('amount-error').innerText(), /above zero/)
  await page.getByTestId('send-to').fill(BROKEN)
  await shot(page, 'send-checksum')
  await page.close()
})

test('Max of ETH on 901: the L1 data fee is shown and reserved; mined; balance left ≥ 0', async () => {
  const page = await sendScreen()
  await page.getByTestId('send-chain').selectOption('901')
  await until(() => page.getByTestId('send-balance').innerText(), (t) => /Balance:\s+[\d,.]+ ETH/.test(t), 20_000, 'the ETH balance on 901')
  await page.getByTestId('send-amount').fill('1000')
  await until(() => page.getByTestId('amount-error').innerText(), (t) => /more than your ETH balance/.test(t), 10_000, 'the over-balance error')
  await page.getByTestId('send-to').fill(RECIPIENT)
  await page.getByTestId('send-max').click()
  await page.locator('[data-fee="l1"]').waitFor({ timeout: 20_000 })
  const amount = await page.getByTestId('send-amount').inputValue()
  assert.ok(Number(amount) > 99 && Number(amount) < 100, `Max put ${amount}`)
  assert.match(await page.locator('[data-fee="l1"] dd').innerText(), /ETH/)
  await until(() => page.getByTestId('send-review').isEnabled(), (v) => v, 20_000, 'Review enabled')
  await shot(page, 'send-max-901')
  await page.getByTestId('send-review').click()
  await page.getByTestId('send-confirm').waitFor()
  await shot(page, 'send-confirm-901')
  const l2 = client(devnet.manifest.l2s[0]!.rpcUrl)
  const recipientBefore = await l2.getBalance({ address: RECIPIENT })
  await page.getByTestId('send-confirm').click()
  const hash = (await page.getByTestId('send-hash').innerText({ timeout: 20_000 })).trim() as Hex
  await shot(page, 'send-done-901')
  const receipt = await l2.waitForTransactionReceipt({ hash })
  assert.equal(receipt.status, 'success')
  const left = await l2.getBalance({ address: TEST_ADDRESS_0 })
  const got = (await l2.getBalance({ address: RECIPIENT })) - recipientBefore
  assert.ok(left >= 0n)
  assert.equal(formatEther(got), amount, 'the recipient got exactly the amount shown')
  assert.ok(left < parseEther('0.001'), `only the unused part of the fee reservation is left (${formatEther(left)} ETH)`)
  assert.equal(await page.getByTestId('send-activity').getAttribute('href'), '#/activity')
  await page.close()
})

test('PHA on the L1: an ERC-20 transfer with its fee shown, confirmed and mined', async () => {
  const page = await sendScreen()
  await page.getByTestId('send-chain').selectOption('900')
  const pha = await until(
    () => page.getByTestId('send-asset').locator('option').allInnerTexts(),
    (o) => o.includes('PHA'),
    20_000,
    'PHA in the token list',
  )
  assert.ok(pha.includes('ETH'))
  await page.getByTestId('send-asset').selectOption({ label: 'PHA' })
  await until(() => page.getByTestId('send-balance').innerText(), (t) => /Balance:\s+100 PHA/.test(t), 20_000, 'the PHA balance')
  await page.getByTestId('send-to').fill(RECIPIENT)
  await page.getByTestId('send-amount').fill('12.5')
  await page.locator('[data-fee="total"]').waitFor({ timeout: 20_000 })
  assert.equal(await page.locator('[data-fee="l1"]').count(), 0, 'no L1 data fee on the L1 itself')
  await until(() => page.getByTestId('send-review').isEnabled(), (v) => v, 20_000, 'Review enabled')
  await shot(page, 'send-pha-900')
  await page.getByTestId('send-review').click()
  assert.equal(await page.getByTestId('confirm-amount').innerText(), '12.5 PHA')
  await page.getByTestId('send-confirm').click()
  const hash = (await page.getByTestId('send-hash').innerText({ timeout: 20_000 })).trim() as Hex
  const l1 = client(devnet.manifest.l1.rpcUrl)
  const receipt = await l1.waitForTransactionReceipt({ hash })
  assert.equal(receipt.status, 'success')
  const bal = await l1.readContract({ address: devnet.manifest.l1.contracts.pha!, abi: erc20Abi, functionName: 'balanceOf', args: [RECIPIENT] })
  assert.equal(bal, parseEther('12.5'))
  await page.close()
})
