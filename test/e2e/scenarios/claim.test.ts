// The PHA migration through the built extension, in Chromium and in Firefox from this one file, on
// the devnet (default ports: the extension embeds them): from the popup's Settings to the claim
// page; a keystore with a wrong password refused; a Substrate account imported from the dev phrase
// and its path; its eligibility; the approval screen saying what arrives where; the claim; PHA on L1
// and vPHA on Phala L2 (901) in the page and on chain; then "Move PHA" to L2 (approve +
// depositERC20To, a flow owned by the background), an unlock request with its date, and the claim
// service address asked for on Ethereum.
//
// One devnet for both browsers, each browser's turn independent of the other's: a parachain account
// claims once per devnet (the claimer records it), so each browser claims as an account of its own
// with the same snapshot entry (1,000 PHA free, 500 vPHA staked, devnet/phala/snapshot.json):
// Chromium as //Alice, Firefox as //Ferdie. And each receives on an Ethereum account of its own
// (Chromium: the wallet's first account, 0xf39F…2266; Firefox: its second, 0x7099…79C8, selected in
// set-up), so the balances, holdings and unlock requests each turn checks are its own, exact. (Not
// anvil_revert between turns: the relayer, the proposer and the L1 clock keep state on top of the
// chains, which a revert would leave pointing at blocks that no longer exist.)
// SCREENS=1 saves screenshots (light and dark) under .cache/screens/<browser>-claim-*.png.
import { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, createWalletClient, http, parseAbi, type Abi, type Address, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startDevnet, type Devnet } from '../../../devnet/index.ts'
import { DEV_PHRASE, encodeKeystore, keypairFromSuri } from '../../../src/keyring/substrate/index.ts'
import { erc20Abi } from '../../../src/abi/erc20.ts'
import { phaVaultAbi } from '../../../src/claim/abi.ts'
import { eachBrowser, initializeWallet, uiCall, until, type BrowserName, type UiPage, type WalletDriver } from '../driver/index.ts'

const E18 = 10n ** 18n

let devnet: Devnet
let l1: PublicClient
let l2: PublicClient

before(async () => {
  devnet = await startDevnet({ ports: 'default' })
  l1 = createPublicClient({ transport: http(devnet.manifest.l1.rpcUrl) }) as PublicClient
  l2 = createPublicClient({ transport: http(devnet.manifest.l2s.find((x) => x.chainId === 901)!.rpcUrl) }) as PublicClient
})
after(async () => {
  await devnet?.stop()
})

/** Who claims in a browser's turn: a parachain account and an Ethereum account of its own (see the header). */
const CLAIMANT: Record<BrowserName, { name: string; path: string; account: number }> = {
  chromium: { name: 'Alice', path: '//Alice', account: 0 },
  firefox: { name: 'Ferdie', path: '//Ferdie', account: 1 },
}

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`

async function balance(client: PublicClient, token: Address, owner: Address) {
  return client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] })
}

const vaultWrites = parseAbi(['function deposit(uint256 assets, address receiver) returns (uint256)', 'function redeem(uint256 shares, address receiver, address owner) returns (uint256)'])

eachBrowser(
  (b) => {
    const who = CLAIMANT[b.name]
    // the claim page, opened by the first test and used by the next ones
    let page: UiPage
    const receiver = () => devnet.accounts[who.account]!.address

    b.test('claim: the popup’s Settings lead to the claim page', async (d) => {
      const popup = await d.openExtension('popup.html#/settings')
      await popup.waitFor('tid=settings-link-pha')
      await popup.screenshot('claim-popup-settings')
      await popup.click('tid=settings-link-pha')
      page = await d.waitForPage(/app\.html#\/claim/, { exclude: [popup] })
      await page.setViewport(1280, 800)
      await page.waitFor('role=heading name=PHA migration')
      await popup.close()
    })

    b.test(`claim: a keystore file with a wrong password is refused with a sentence; the claimant (Alice in Chromium, Ferdie in Firefox) imports from the dev phrase and path`, async () => {
      await page.waitFor('tid=substrate-import')
      await page.screenshot('claim-import', { fullPage: true })
      // a polkadot.js export of Bob, opened with the wrong password
      const bob = JSON.stringify(await encodeKeystore(keypairFromSuri(`${DEV_PHRASE}//Bob`), 'bob file pw', { meta: { name: 'Bob' } }))
      await page.click('role=radio name=JSON file')
      await page.setInputFile('tid=substrate-file', { name: 'bob.json', mimeType: 'application/json', text: bob })
      await page.fill('label=Password of the file', 'not the password')
      await page.click('tid=substrate-import-submit')
      assert.match(await page.text('tid=substrate-import-error'), /not this wallet’s password/)
      await page.screenshot('claim-keystore-wrong-password', { fullPage: true })

      await page.click('role=radio name=Secret phrase')
      await page.fill('tid=substrate-phrase', DEV_PHRASE)
      await page.fill('tid=substrate-path', who.path)
      await page.fill('label=Name in this wallet (optional)', who.name)
      await page.click('tid=substrate-import-submit')
      const account = devnet.manifest.substrateAccounts!.find((a) => a.name === who.name)!
      await until(() => page.texts('tid=substrate-ss58'), (t) => t.some((s) => s.includes(account.ss58)), 15_000, `${who.name}'s ss58 in the list`)
      // the claim id is in the row's "Technical details" (closed: its text is in the row, not on screen)
      const row = await page.evaluate<string>(`document.querySelector('[data-testid="substrate-account"]').textContent`)
      assert.match(row, new RegExp(`Claim id \\(the first 20 bytes of its public key\\): ${account.h160}`))
    })

    b.test('claim: eligibility, the approval screen, the claim: PHA on Ethereum, vPHA on Phala L2', async () => {
      const m = devnet.manifest
      const to = receiver()
      await page.waitFor('tid=eligibility', { timeout: 20_000 })
      assert.equal(await page.text('tid=eligibility-free'), '1,000 PHA')
      assert.equal(await page.text('tid=eligibility-staked'), '500 vPHA')
      assert.equal(await page.text('tid=eligibility-staked-value'), '≈ 595 PHA today')
      assert.equal(await page.text('tid=eligibility-status'), 'Not claimed yet')
      await page.screenshot('claim-eligibility', { fullPage: true })

      await page.click('tid=claim-review')
      await page.waitFor('tid=claim-approval', { timeout: 30_000 })
      const l1Line = await page.text('tid=arrive-l1-pha')
      const l2Line = await page.text('tid=arrive-l2-vpha')
      assert.match(l1Line, new RegExp(`1,000 PHA to ${short(to)} on Devnet L1 \\(Ethereum\\)`))
      assert.match(l2Line, new RegExp(`500 vPHA \\(≈ 595 PHA\\) bridged to ${short(to)} on Devnet OP 901 \\(fault proofs\\) \\(Phala L2\\)`))
      await page.waitFor('tid=fee')
      await page.screenshot('claim-approval', { fullPage: true })

      const [phaBefore, vphaBefore] = [await balance(l1, m.l1.contracts.pha!, to), await balance(l2, m.l2s[0].l2Contracts.vpha!, to)]
      await page.click('tid=claim-confirm')
      await page.waitFor('tid=claim-progress', { timeout: 30_000 })
      await page.waitFor('[data-testid="claim-step-l1"].done', { timeout: 30_000 })
      // the account's claimed() is read again once the claim is mined
      await until(() => page.text('tid=claim-step-l1'), (t) => /Confirmed: 1,000 PHA paid on Ethereum, and the claimer shows the account as claimed/.test(t), 20_000, 'the L1 step confirmed')
      assert.equal((await balance(l1, m.l1.contracts.pha!, to)) - phaBefore, 1000n * E18)

      await devnet.relayer.flush()
      await page.waitFor('[data-testid="claim-step-l2"].done', { timeout: 30_000 })
      assert.equal((await balance(l2, m.l2s[0].l2Contracts.vpha!, to)) - vphaBefore, 500n * E18)
      await until(() => page.text('tid=eligibility-status'), (t) => t.includes('✓ Claimed'), 20_000, 'the status claimed')
      await until(() => page.text('tid=holding-l2-vpha').catch(() => ''), (t) => t === '500', 20_000, '500 vPHA held on L2')
      assert.equal(await page.text('tid=holding-l1-pha'), '1,000')
      assert.match(await page.text('tid=share-price'), /^1 vPHA = 1\.19 PHA/)
      await page.screenshot('claim-claimed', { fullPage: true })
    }, { timeout: 180_000 })

    b.test('claim: move PHA to Phala L2: approve + deposit, then PHA on both chains side by side', async () => {
      const m = devnet.manifest
      const to = receiver()
      await page.fill('tid=move-amount', '400')
      await page.click('tid=move-plan')
      await page.waitFor('tid=move-steps')
      await page.waitFor('[data-testid="bridge-review"][data-status="ready"]', { timeout: 30_000 })
      const labels = await page.texts('tid=flow-step')
      assert.deepEqual(labels.map((l) => l.split(' · ')[0]), ['Approve 400 PHA for the bridge', 'Deposit 400 PHA to Devnet OP 901 (fault proofs)'])
      await page.waitFor('[data-testid="bridge-cost"] [data-cost-step="total"]', { timeout: 30_000 })
      await page.screenshot('claim-move-plan', { fullPage: true })
      // the approval, then (once the background saw it mined and prepared the deposit) the deposit
      await until(() => page.text('tid=bridge-submit').catch(() => ''), (t) => t === 'Approve 400 PHA', 15_000, 'the Approve button')
      await page.click('tid=bridge-submit')
      await until(() => page.text('tid=bridge-submit').catch(() => ''), (t) => t === 'Deposit', 30_000, 'the Deposit button')
      await page.waitFor('[data-testid="bridge-review"][data-status="ready"]', { timeout: 30_000 })
      await page.click('tid=bridge-submit')
      await page.waitFor('tid=move-done', { timeout: 60_000 })
      assert.match((await page.text('tid=move-done')).replace(/\s+/g, ' '), /400 PHA is on its way to Devnet OP 901.*the Bridge screen tracks the deposit/)
      // "on its way" shows from the deposit's signature on: its broadcast and block follow a moment later
      await until(() => balance(l1, m.l1.contracts.pha!, to), (v) => v === 600n * E18, 10_000, '600 PHA left on L1')
      await devnet.relayer.flush()
      assert.equal(await balance(l2, m.l2s[0].l2Contracts.pha!, to), 400n * E18)
      await until(() => page.text('tid=holding-l2-pha').catch(() => ''), (t) => t === '400', 20_000, '400 PHA held on L2')
      assert.equal(await page.text('tid=holding-l1-pha'), '600')
      await page.screenshot('claim-moved', { fullPage: true })
    }, { timeout: 180_000 })

    b.test('claim: unlock requests show with the date they unlock', async () => {
      // Set-up outside the wallet (the devnet's key of the receiving account): stake 100 PHA in the vault, redeem 10 vPHA.
      const m = devnet.manifest
      const to = receiver()
      const wallet = createWalletClient({ account: privateKeyToAccount(devnet.accounts[who.account]!.privateKey), transport: http(m.l1.rpcUrl) })
      const vault = m.l1.contracts.vpha!
      // the vault writes the block's timestamp: headroom over the estimate, as a wallet gives
      const send = async (call: { address: Address; abi: Abi; functionName: string; args: readonly unknown[] }) => {
        const gas = ((await l1.estimateContractGas({ ...call, account: wallet.account } as never)) * 12n) / 10n
        const receipt = await l1.waitForTransactionReceipt({ hash: await wallet.writeContract({ ...call, chain: null, gas } as never) })
        assert.equal(receipt.status, 'success', call.functionName)
        return receipt
      }
      await send({ address: m.l1.contracts.pha!, abi: erc20Abi, functionName: 'approve', args: [vault, 100n * E18] })
      await send({ address: vault, abi: vaultWrites, functionName: 'deposit', args: [100n * E18, to] })
      const receipt = await send({ address: vault, abi: vaultWrites, functionName: 'redeem', args: [10n * E18, to, to] })
      const { timestamp } = await l1.getBlock({ blockNumber: receipt.blockNumber })
      const period = await l1.readContract({ address: vault, abi: phaVaultAbi, functionName: 'unlockPeriod' })

      await page.reload()
      await page.waitFor('tid=unlock-request', { timeout: 20_000 })
      assert.equal(await page.count('tid=unlock-request'), 1, 'one unlock request: this turn’s')
      const text = await page.text('tid=unlock-request')
      const unlockAt = new Date(Number(timestamp + period) * 1000)
      const expected = await page.evaluate<string>(`new Date(${unlockAt.getTime()}).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })`)
      assert.match(text, new RegExp(`^11\\.9\\d* PHA to ${short(to)}`))
      assert.ok(text.includes(`unlocks ${expected}`), `${text} names the unlock date ${expected}`)
      // after the reload the page finds the claim it sent, from the wallet's record
      await page.waitFor('[data-testid="claim-step-l2"].done', { timeout: 20_000 })
      await page.screenshot('claim-unlocks', { fullPage: true })
    }, { timeout: 90_000 })

    b.test('claim: on Ethereum, whose claim service address is not shipped, the page asks for it and keeps it', async () => {
      const form = 'tid=claim-backend-form'
      await page.select('tid=claim-deployment', 'ethereum')
      await page.waitFor(form)
      assert.match(await page.text(form), /Set the Phala claim service address/)
      await page.screenshot('claim-backend-missing', { fullPage: true })
      await page.fill(`${form} >> label=Claim service address`, 'ftp://nope')
      await page.click(`${form} >> role=button name=Save`)
      await until(() => page.texts(`${form} >> role=alert`), (t) => t.some((s) => s.includes('starts with https://')), 15_000, 'the address refused')
      await page.fill(`${form} >> label=Claim service address`, 'https://claim.invalid/phala')
      await page.click(`${form} >> role=button name=Save`)
      // saved: the page now asks that service (which does not exist) and says so
      await page.waitFor('tid=eligibility-error', { timeout: 20_000 })
      assert.match(await page.text('tid=eligibility-error'), /Phala claim service at https:\/\/claim\.invalid\/phala cannot be reached/)
      await page.screenshot('claim-backend-down', { fullPage: true })
    })
  },
  {
    setup: async (d: WalletDriver) => {
      await initializeWallet(d)
      const who = CLAIMANT[d.name]
      if (who.account === 0) return
      // the wallet's next account, selected: the claim page receives on the selected account
      const page = await d.openExtension('popup.html')
      const added = await uiCall<{ address: string }>(page, 'keyring.addAccount', { name: 'Account 2' })
      assert.equal(added.address, devnet.accounts[who.account]!.address, 'the wallet derives the devnet’s account')
      await uiCall(page, 'wallet.selectAccount', { address: added.address })
      await page.close()
    },
  },
)
