// The popup's Send screen against the devnet, in Chromium and in Firefox from this one file: a
// broken EIP-55 checksum is named; "Max" of ETH on 901 (an L2) shows the fee breakdown with the L1
// data fee and reserves it, is mined with a balance ≥ 0 left; PHA is sent on the L1 (an ERC-20
// transfer) with its fee shown before confirming. One devnet for both browsers: each browser's
// turn starts from the same balances (100 ETH on 901, 100 PHA on the L1).
import { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, encodeFunctionData, formatEther, http, parseEther, toHex, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startDevnet, type Devnet } from '../../../devnet/index.ts'
import { erc20Abi } from '../../../src/abi/erc20.ts'
import { eachBrowser, initializeWallet, until, TEST_ADDRESS_0, type UiPage, type WalletDriver } from '../driver/index.ts'

const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
// the same address with one letter's case flipped: still hex, but the EIP-55 checksum breaks
const BROKEN = '0x70997970c51812dc3A010C7d01b50e0d17dc79C8'

let devnet: Devnet
const client = (url: string) => createPublicClient({ transport: http(url) })

before(async () => {
  devnet = await startDevnet({ ports: 'default' })
})
after(async () => {
  await devnet?.stop()
})

/** 100 ETH on 901 and 100 PHA on the L1 for account 0, whatever an earlier browser spent. */
async function resetBalances(): Promise<void> {
  const l2 = devnet.manifest.l2s.find((l) => l.chainId === 901)!
  await client(l2.rpcUrl).request({ method: 'anvil_setBalance' as never, params: [TEST_ADDRESS_0, toHex(parseEther('100'))] as never })
  const l1 = client(devnet.manifest.l1.rpcUrl)
  const pha = devnet.manifest.l1.contracts.pha!
  const have = await l1.readContract({ address: pha, abi: erc20Abi, functionName: 'balanceOf', args: [TEST_ADDRESS_0] })
  if (have >= parseEther('100')) return
  const deployer = privateKeyToAccount(devnet.roles.assetDeployer.privateKey)
  const raw = await deployer.signTransaction({
    chainId: 900,
    nonce: await l1.getTransactionCount({ address: deployer.address }),
    to: pha,
    data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [TEST_ADDRESS_0, parseEther('100') - have] }),
    gas: 100_000n,
    maxFeePerGas: 10_000_000_000n,
    maxPriorityFeePerGas: 1_000_000_000n,
  })
  await l1.waitForTransactionReceipt({ hash: await l1.sendRawTransaction({ serializedTransaction: raw }) })
}

async function sendScreen(d: WalletDriver): Promise<UiPage> {
  const page = await d.openExtension('popup.html#/send')
  await page.waitFor('tid=send-chain')
  return page
}

eachBrowser(
  (b) => {
    b.test('send: recipient checks (a broken checksum is named, a short address says what is missing) and amount checks', async (d) => {
      const page = await sendScreen(d)
      await page.fill('tid=send-to', BROKEN)
      assert.equal(await page.text('tid=to-error'), 'The checksum does not match: check for a typo.')
      await page.fill('tid=send-to', RECIPIENT.slice(0, 30))
      assert.match(await page.text('tid=to-error'), /40 hex digits/)
      await page.fill('tid=send-to', RECIPIENT.toLowerCase())
      await page.waitFor('tid=to-error', { state: 'hidden' })
      await page.fill('tid=send-amount', '0.0000000000000000001')
      assert.match(await page.text('tid=amount-error'), /18 decimals at most/)
      await page.fill('tid=send-amount', '0')
      assert.match(await page.text('tid=amount-error'), /above zero/)
      await page.fill('tid=send-to', BROKEN)
      await page.screenshot('send-checksum')
      await page.close()
    })

    b.test('send: Max of ETH on 901 (an L2): the fee breakdown with the L1 data fee, reserved; mined; balance left ≥ 0', async (d) => {
      const page = await sendScreen(d)
      await page.select('tid=send-chain', '901')
      await until(() => page.text('tid=send-balance'), (t) => /Balance:\s+[\d,.]+ ETH/.test(t), 20_000, 'the ETH balance on 901')
      await page.fill('tid=send-amount', '1000')
      await until(() => page.text('tid=amount-error').catch(() => ''), (t) => /more than your ETH balance/.test(t), 10_000, 'the over-balance error')
      await page.fill('tid=send-to', RECIPIENT)
      await page.click('tid=send-max')
      await page.waitFor('[data-fee="l1"]', { timeout: 20_000 })
      const amount = await page.value('tid=send-amount')
      assert.ok(Number(amount) > 99 && Number(amount) < 100, `Max put ${amount}`)
      assert.match(await page.text('[data-fee="l1"] >> dd'), /ETH/)
      await until(() => page.isEnabled('tid=send-review'), (v) => v, 20_000, 'Review enabled')
      await page.screenshot('send-max-901')
      await page.click('tid=send-review')
      await page.waitFor('tid=send-confirm')
      await page.screenshot('send-confirm-901')
      const l2 = client(devnet.manifest.l2s[0]!.rpcUrl)
      const recipientBefore = await l2.getBalance({ address: RECIPIENT })
      await page.click('tid=send-confirm')
      const hash = (await page.text('tid=send-hash', { timeout: 20_000 })).trim() as Hex
      await page.screenshot('send-done-901')
      const receipt = await l2.waitForTransactionReceipt({ hash })
      assert.equal(receipt.status, 'success')
      const left = await l2.getBalance({ address: TEST_ADDRESS_0 })
      const got = (await l2.getBalance({ address: RECIPIENT })) - recipientBefore
      assert.ok(left >= 0n)
      assert.equal(formatEther(got), amount, 'the recipient got exactly the amount shown')
      assert.ok(left < parseEther('0.001'), `only the unused part of the fee reservation is left (${formatEther(left)} ETH)`)
      assert.equal(await page.attr('tid=send-activity', 'href'), '#/activity')
      await page.close()
    }, { timeout: 90_000 })

    b.test('send: PHA on the L1, an ERC-20 transfer with its fee shown, confirmed and mined', async (d) => {
      const page = await sendScreen(d)
      await page.select('tid=send-chain', '900')
      const options = await until(() => page.texts('tid=send-asset >> option'), (o) => o.includes('PHA'), 20_000, 'PHA in the token list')
      assert.ok(options.includes('ETH'))
      const phaValue = await page.evaluate<string>(`[...document.querySelector('[data-testid="send-asset"]').options].find((o) => o.textContent.trim() === 'PHA').value`)
      await page.select('tid=send-asset', phaValue)
      await until(() => page.text('tid=send-balance'), (t) => /Balance:\s+100 PHA/.test(t), 20_000, 'the PHA balance')
      await page.fill('tid=send-to', RECIPIENT)
      await page.fill('tid=send-amount', '12.5')
      await page.waitFor('[data-fee="total"]', { timeout: 20_000 })
      assert.equal(await page.count('[data-fee="l1"]'), 0, 'no L1 data fee on the L1 itself')
      await until(() => page.isEnabled('tid=send-review'), (v) => v, 20_000, 'Review enabled')
      await page.screenshot('send-pha-900')
      const l1 = client(devnet.manifest.l1.rpcUrl)
      const pha = devnet.manifest.l1.contracts.pha!
      const before = await l1.readContract({ address: pha, abi: erc20Abi, functionName: 'balanceOf', args: [RECIPIENT] })
      await page.click('tid=send-review')
      assert.equal(await page.text('tid=confirm-amount'), '12.5 PHA')
      await page.click('tid=send-confirm')
      const hash = (await page.text('tid=send-hash', { timeout: 20_000 })).trim() as Hex
      const receipt = await l1.waitForTransactionReceipt({ hash })
      assert.equal(receipt.status, 'success')
      const after = await l1.readContract({ address: pha, abi: erc20Abi, functionName: 'balanceOf', args: [RECIPIENT] })
      assert.equal(after - before, parseEther('12.5'))
      await page.close()
    }, { timeout: 90_000 })
  },
  {
    setup: async (d) => {
      await resetBalances()
      await initializeWallet(d)
    },
  },
)
