// The PHA migration through the built extension in Chromium, on the devnet (default ports: the
// extension embeds them): from the popup's Settings to the claim page; a keystore with a wrong
// password refused; Alice's Substrate account imported from the dev phrase + //Alice; her
// eligibility; the approval screen saying what arrives where; the claim; PHA on L1 and vPHA on
// Phala L2 (901) in the page and on chain; then PHA moved to L2 (approve + depositERC20To), and
// an unlock request with its date.
// SCREENS=1 saves screenshots (light and dark) under .cache/screens/.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createPublicClient, createWalletClient, http, parseAbi, type Abi, type Address, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { Page } from 'playwright-core'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { DEV_PHRASE, encodeKeystore, keypairFromSuri } from '../../src/keyring/substrate/index.ts'
import { erc20Abi } from '../../src/abi/erc20.ts'
import { phaVaultAbi } from '../../src/claim/abi.ts'
import { launchWithExtension, root, type WalletBrowser } from './support/browser.ts'
import { initializeWallet, openPopup, TEST_ADDRESS_0 } from './support/wallet.ts'

const SCREENS = process.env.SCREENS === '1'
const screensDir = join(root, '.cache', 'screens')
const E18 = 10n ** 18n

let devnet: Devnet
let wb: WalletBrowser
let page: Page
let l1: PublicClient
let l2: PublicClient

async function shot(p: Page, name: string) {
  if (!SCREENS) return
  mkdirSync(screensDir, { recursive: true })
  for (const scheme of ['light', 'dark'] as const) {
    await p.emulateMedia({ colorScheme: scheme })
    await p.screenshot({ path: join(screensDir, `claim-${name}-${scheme}.png`), fullPage: true })
  }
  await p.emulateMedia({ colorScheme: 'light' })
}

async function balance(client: PublicClient, token: Address, owner: Address) {
  return client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] })
}

before(async () => {
  devnet = await startDevnet({ ports: 'default' })
  l1 = createPublicClient({ transport: http(devnet.manifest.l1.rpcUrl) }) as PublicClient
  l2 = createPublicClient({ transport: http(devnet.manifest.l2s.find((x) => x.chainId === 901)!.rpcUrl) }) as PublicClient
  wb = await launchWithExtension()
  await initializeWallet(wb)
})

after(async () => {
  await wb?.close()
  await devnet?.stop()
})

test('the popup’s Settings lead to the claim page', async () => {
  const popup = await openPopup(wb, '#/settings')
  await popup.getByTestId('settings-link-pha').waitFor()
  await shot(popup, 'popup-settings')
  const opened = wb.context.waitForEvent('page')
  await popup.getByTestId('settings-link-pha').click()
  page = await opened
  await page.waitForURL(/app\.html#\/claim/)
  await page.getByRole('heading', { name: 'PHA migration' }).waitFor()
  await popup.close()
})

test('a keystore file with a wrong password is refused with a sentence; Alice imports from her phrase and path', async () => {
  await page.getByTestId('substrate-import').waitFor()
  await shot(page, 'import')
  // a polkadot.js export of Bob, opened with the wrong password
  const bob = JSON.stringify(await encodeKeystore(keypairFromSuri(`${DEV_PHRASE}//Bob`), 'bob file pw', { meta: { name: 'Bob' } }))
  await page.getByText('JSON file').click()
  await page.getByTestId('substrate-file').setInputFiles({ name: 'bob.json', mimeType: 'application/json', buffer: Buffer.from(bob) })
  await page.getByLabel('Password of the file', { exact: true }).fill('not the password')
  await page.getByTestId('substrate-import-submit').click()
  const err = page.getByTestId('substrate-import-error')
  await err.waitFor()
  assert.match(await err.innerText(), /not this wallet’s password/)
  await shot(page, 'keystore-wrong-password')

  await page.getByText('Secret phrase', { exact: true }).click()
  await page.getByTestId('substrate-phrase').fill(DEV_PHRASE)
  await page.getByTestId('substrate-path').fill('//Alice')
  await page.getByLabel('Name in this wallet (optional)').fill('Alice')
  await page.getByTestId('substrate-import-submit').click()
  const alice = devnet.manifest.substrateAccounts!.find((a) => a.name === 'Alice')!
  await page.getByTestId('substrate-ss58').filter({ hasText: alice.ss58 }).waitFor()
  assert.match(await page.getByTestId('substrate-account').textContent() ?? '', new RegExp(`Claim id \\(the first 20 bytes of its public key\\): ${alice.h160}`))
})

test('eligibility, the approval screen, the claim: PHA on Ethereum, vPHA on Phala L2', async () => {
  const m = devnet.manifest
  await page.getByTestId('eligibility').waitFor({ timeout: 20_000 })
  assert.equal(await page.getByTestId('eligibility-free').innerText(), '1,000 PHA')
  assert.equal(await page.getByTestId('eligibility-staked').innerText(), '500 vPHA')
  assert.equal(await page.getByTestId('eligibility-staked-value').innerText(), '≈ 595 PHA today')
  assert.equal(await page.getByTestId('eligibility-status').innerText(), 'Not claimed yet')
  await shot(page, 'eligibility')

  await page.getByTestId('claim-review').click()
  await page.getByTestId('claim-approval').waitFor({ timeout: 30_000 })
  const l1Line = await page.getByTestId('arrive-l1-pha').innerText()
  const l2Line = await page.getByTestId('arrive-l2-vpha').innerText()
  assert.match(l1Line, /1,000 PHA to 0xf39F…2266 on Devnet L1 \(Ethereum\)/)
  assert.match(l2Line, /500 vPHA \(≈ 595 PHA\) bridged to 0xf39F…2266 on Devnet OP 901 \(fault proofs\) \(Phala L2\)/)
  await page.getByTestId('fee').waitFor()
  await shot(page, 'approval')

  const [phaBefore, vphaBefore] = [await balance(l1, m.l1.contracts.pha!, TEST_ADDRESS_0), await balance(l2, m.l2s[0].l2Contracts.vpha!, TEST_ADDRESS_0)]
  await page.getByTestId('claim-confirm').click()
  await page.getByTestId('claim-progress').waitFor({ timeout: 30_000 })
  await page.locator('[data-testid="claim-step-l1"].done').waitFor({ timeout: 30_000 })
  // the account's claimed() is read again once the claim is mined
  await page.getByTestId('claim-step-l1').filter({ hasText: /Confirmed: 1,000 PHA paid on Ethereum, and the claimer shows the account as claimed/ }).waitFor({ timeout: 20_000 })
  assert.equal((await balance(l1, m.l1.contracts.pha!, TEST_ADDRESS_0)) - phaBefore, 1000n * E18)

  await devnet.relayer.flush()
  await page.locator('[data-testid="claim-step-l2"].done').waitFor({ timeout: 30_000 })
  assert.equal((await balance(l2, m.l2s[0].l2Contracts.vpha!, TEST_ADDRESS_0)) - vphaBefore, 500n * E18)
  await page.getByTestId('eligibility-status').filter({ hasText: '✓ Claimed' }).waitFor({ timeout: 20_000 })
  await page.getByTestId('holding-l2-vpha').filter({ hasText: /^500$/ }).waitFor({ timeout: 20_000 })
  assert.equal(await page.getByTestId('holding-l1-pha').innerText(), '1,000')
  assert.match(await page.getByTestId('share-price').innerText(), /^1 vPHA = 1\.19 PHA/)
  await shot(page, 'claimed')
})

test('move PHA to Phala L2: approve + deposit, then PHA on both chains side by side', async () => {
  const m = devnet.manifest
  await page.getByTestId('move-amount').fill('400')
  await page.getByTestId('move-plan').click()
  await page.getByTestId('move-steps').waitFor()
  await page.locator('[data-testid="bridge-review"][data-status="ready"]').waitFor({ timeout: 30_000 })
  const labels = await page.getByTestId('flow-step').allInnerTexts()
  assert.deepEqual(labels.map((l) => l.split(' · ')[0]), ['Approve 400 PHA for the bridge', 'Deposit 400 PHA to Devnet OP 901 (fault proofs)'])
  await page.locator('[data-testid="bridge-cost"] [data-cost-step="total"]').waitFor({ timeout: 30_000 })
  await shot(page, 'move-plan')
  // the approval, then (once the background saw it mined and prepared the deposit) the deposit
  await page.getByTestId('bridge-submit').filter({ hasText: /^Approve 400 PHA$/ }).click()
  await page.getByTestId('bridge-submit').filter({ hasText: /^Deposit$/ }).waitFor({ timeout: 30_000 })
  await page.locator('[data-testid="bridge-review"][data-status="ready"]').waitFor({ timeout: 30_000 })
  await page.getByTestId('bridge-submit').click()
  await page.getByTestId('move-done').waitFor({ timeout: 60_000 })
  assert.match(await page.getByTestId('move-done').innerText(), /400 PHA is on its way to Devnet OP 901.*the Bridge screen tracks the deposit/)
  // "on its way" shows from the deposit's signature on: its broadcast and block follow a moment later
  for (let i = 0; i < 50 && (await balance(l1, m.l1.contracts.pha!, TEST_ADDRESS_0)) !== 600n * E18; i++) await new Promise((r) => setTimeout(r, 100))
  assert.equal(await balance(l1, m.l1.contracts.pha!, TEST_ADDRESS_0), 600n * E18)
  await devnet.relayer.flush()
  assert.equal(await balance(l2, m.l2s[0].l2Contracts.pha!, TEST_ADDRESS_0), 400n * E18)
  await page.getByTestId('holding-l2-pha').filter({ hasText: /^400$/ }).waitFor({ timeout: 20_000 })
  assert.equal(await page.getByTestId('holding-l1-pha').innerText(), '600')
  await shot(page, 'moved')
})

test('unlock requests show with the date they unlock', async () => {
  // Set-up outside the wallet (the devnet's key of account 0): stake 100 PHA in the vault, redeem 10 vPHA.
  const m = devnet.manifest
  const wallet = createWalletClient({ account: privateKeyToAccount(devnet.accounts[0].privateKey), transport: http(m.l1.rpcUrl) })
  const vault = m.l1.contracts.vpha!
  // the vault writes the block's timestamp: headroom over the estimate, as a wallet gives
  const send = async (call: { address: Address; abi: Abi; functionName: string; args: readonly unknown[] }) => {
    const gas = ((await l1.estimateContractGas({ ...call, account: wallet.account } as never)) * 12n) / 10n
    const receipt = await l1.waitForTransactionReceipt({ hash: await wallet.writeContract({ ...call, chain: null, gas } as never) })
    assert.equal(receipt.status, 'success', call.functionName)
    return receipt
  }
  await send({ address: m.l1.contracts.pha!, abi: erc20Abi, functionName: 'approve', args: [vault, 100n * E18] })
  await send({ address: vault, abi: vaultWrites, functionName: 'deposit', args: [100n * E18, TEST_ADDRESS_0] })
  const receipt = await send({ address: vault, abi: vaultWrites, functionName: 'redeem', args: [10n * E18, TEST_ADDRESS_0, TEST_ADDRESS_0] })
  const { timestamp } = await l1.getBlock({ blockNumber: receipt.blockNumber })
  const period = await l1.readContract({ address: vault, abi: phaVaultAbi, functionName: 'unlockPeriod' })

  await page.reload()
  const row = page.getByTestId('unlock-request')
  await row.waitFor({ timeout: 20_000 })
  const text = await row.innerText()
  const unlockAt = new Date(Number(timestamp + period) * 1000)
  const expected = (await page.evaluate(`new Date(${unlockAt.getTime()}).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })`)) as string
  assert.match(text, /^11\.9\d* PHA to 0xf39F…2266/)
  assert.ok(text.includes(`unlocks ${expected}`), `${text} names the unlock date ${expected}`)
  // after the reload the page finds the claim it sent, from the wallet's record
  await page.locator('[data-testid="claim-step-l2"].done').waitFor({ timeout: 20_000 })
  await shot(page, 'unlocks')
})

const vaultWrites = parseAbi(['function deposit(uint256 assets, address receiver) returns (uint256)', 'function redeem(uint256 shares, address receiver, address owner) returns (uint256)'])

test('on Ethereum, whose claim service address is not shipped, the page asks for it and keeps it', async () => {
  await page.getByTestId('claim-deployment').selectOption('ethereum')
  const form = page.getByTestId('claim-backend-form')
  await form.waitFor()
  assert.match(await form.innerText(), /Set the Phala claim service address/)
  await shot(page, 'backend-missing')
  await form.getByLabel('Claim service address').fill('ftp://nope')
  await form.getByRole('button', { name: 'Save' }).click()
  await form.getByRole('alert').filter({ hasText: 'starts with https://' }).waitFor()
  await form.getByLabel('Claim service address').fill('https://claim.invalid/phala')
  await form.getByRole('button', { name: 'Save' }).click()
  // saved: the page now asks that service (which does not exist) and says so
  const err = page.getByTestId('eligibility-error')
  await err.waitFor({ timeout: 20_000 })
  assert.match(await err.innerText(), /Phala claim service at https:\/\/claim\.invalid\/phala cannot be reached/)
  await shot(page, 'backend-down')
})
