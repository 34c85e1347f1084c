// Know what you sign, in Chromium against the devnet (one devnet, one browser; the test's own
// contracts deployed on L2 901 by the test): a swap previewed as "−0.5 ETH, +1.5 TST" by simulation
// and the balances afterwards as previewed; approve(max) warned and lowered before signing (the
// signed calldata carries the lower amount); setApprovalForAll, a Permit2 signature and an EIP-2612
// permit each with spender, amount, deadline and warning; a failing call with its decoded reason;
// typed data with a mismatched EIP712Domain refused with a sentence; a 32-byte message and hidden
// characters flagged, Sign only after the message is read; the allowances page listing the
// approvals made and revoking one (mined, the list updates); Send to alice.eth (the devnet's ENS)
// resolving and sending; the address book's name shown in the approval.
// Screenshots (light and dark) go to .cache/screens/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, createWalletClient, decodeFunctionData, encodeFunctionData, http, maxUint256, parseEther, toHex, verifyMessage, verifyTypedData, type Address, type Hex, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { Page } from 'playwright-core'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { launchWithExtension, type WalletBrowser } from './support/browser.ts'
import { shot, until } from './send-support.ts'
import { servePages, type PageServer } from './support/server.ts'
import { extensionUrl, initializeWallet, openPopup, TEST_ADDRESS_0 } from './support/wallet.ts'
import { deploySigningContracts, SWAP_RATE, testContract, type SigningContracts } from '../support/signing-contracts.ts'

const ME = TEST_ADDRESS_0 as Address
const WETH = '0x4200000000000000000000000000000000000006'
const DEADLINE = 2n ** 40n

let devnet: Devnet
let wb: WalletBrowser
let site: PageServer
let dapp: Page
let c: SigningContracts
let l2: PublicClient
let other: Address

/** A plain page whose script asks the wallet through window.ethereum; errors come back as { code, message }. */
const DAPP = `<!doctype html><html><head><meta charset="utf-8"><title>signing dApp</title></head><body><h1>signing dApp</h1><script>
const eth = window.ethereum
const ask = (method, params) => eth.request({ method, params }).then((result) => ({ result }), (e) => ({ code: e.code, message: e.message }))
window.dapp = {
  connect: () => ask('eth_requestAccounts', []),
  switchChain: (id) => ask('wallet_switchEthereumChain', [{ chainId: '0x' + id.toString(16) }]),
  send: (tx) => ask('eth_sendTransaction', [tx]),
  signTyped: (from, typed) => ask('eth_signTypedData_v4', [from, JSON.stringify(typed)]),
  personalSign: (from, hex) => ask('personal_sign', [hex, from]),
}
</script></body></html>`

before(async () => {
  devnet = await startDevnet({ ports: 'default' })
  const rpc = devnet.manifest.l2s.find((x) => x.chainId === 901)!.rpcUrl
  l2 = createPublicClient({ transport: http(rpc), pollingInterval: 200 }) as PublicClient
  c = await deploySigningContracts(rpc, 901, devnet.accounts[9].privateKey, ME)
  other = devnet.accounts[3].address
  site = await servePages({ '/sign.html': { type: 'text/html; charset=utf-8', body: DAPP } })
  wb = await launchWithExtension()
  await initializeWallet(wb)
  dapp = await wb.context.newPage()
  await dapp.goto(`${site.url}sign.html`)
  await dapp.waitForFunction('!!window.dapp')
  const connected = dapp.evaluate('dapp.connect()')
  await (await approvalPage()).getByTestId('approve').click()
  assert.deepEqual(((await connected) as { result: string[] }).result, [ME])
  // a chain the user has not approved for this site: the switch asks first (a chain per site)
  const switched = dapp.evaluate('dapp.switchChain(901)')
  await (await approvalPage()).getByTestId('approve').click()
  assert.deepEqual(await switched, { result: null })
})
after(async () => {
  await wb?.close()
  await site?.close()
  await devnet?.stop()
})

const handled = new Set<string>()
/** The approval window once it shows a request not handled yet. */
async function approvalPage(): Promise<Page> {
  const deadline = Date.now() + 20_000
  const shown = (p: Page) =>
    Promise.race([p.evaluate('document.querySelector("main[data-approval-id]")?.dataset.approvalId ?? null').catch(() => null), new Promise<null>((r) => setTimeout(() => r(null), 300))]) as Promise<string | null>
  while (Date.now() < deadline) {
    for (const p of wb.context.pages()) {
      if (p.isClosed() || !p.url().includes('/approval.html')) continue
      const id = await shown(p)
      if (id && !handled.has(id)) {
        handled.add(id)
        await p.setViewportSize({ width: 380, height: 640 })
        return p
      }
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('no approval window appeared')
}

type Reply<T> = { result: T } | { code: number; message: string }
function ask<T>(expression: string): Promise<Reply<T>> {
  const p = dapp.evaluate(expression) as Promise<Reply<T>>
  p.catch(() => undefined)
  return p
}
const sendTx = (tx: { to: Address; data: Hex; value?: bigint }) => ask<Hex>(`dapp.send(${JSON.stringify({ from: ME, to: tx.to, data: tx.data, ...(tx.value ? { value: toHex(tx.value) } : {}) })})`)
const mined = async (reply: Promise<Reply<Hex>>) => {
  const r = await reply
  assert.ok('result' in r, `the dApp got a hash: ${JSON.stringify(r)}`)
  const receipt = await l2.waitForTransactionReceipt({ hash: r.result })
  assert.equal(receipt.status, 'success')
  return r.result
}
const T = () => testContract('TestToken').abi
const tst = (whole: number) => BigInt(whole) * 10n ** BigInt(c.decimals)
const swapData = (min: bigint) => encodeFunctionData({ abi: testContract('TestSwap').abi, functionName: 'swapExactETHForTokens', args: [min, [WETH, c.token], ME, DEADLINE] })
const texts = (p: Page, id: string) => p.getByTestId(id).allInnerTexts()

test('the address book names the swap contract', async () => {
  const page = await wb.context.newPage()
  await page.goto(extensionUrl(wb, 'app.html#/contacts'))
  await page.getByTestId('contact-address').fill(c.swap)
  await page.getByTestId('contact-name').fill('Test DEX')
  await page.getByTestId('contact-add').click()
  await page.getByTestId('contacts').getByText('Test DEX').waitFor()
  await page.setViewportSize({ width: 1280, height: 800 })
  await shot(page, 'address-book')
  await page.close()
})

test('a swap shows "−0.5 ETH, +1.5 TST" from simulation; the balances afterwards match the preview', async () => {
  const half = parseEther('0.5')
  const reply = sendTx({ to: c.swap, data: swapData(0n), value: half })
  const win = await approvalPage()
  await until(() => texts(win, 'change'), (t) => t.length === 2, 20_000, 'two balance changes')
  assert.deepEqual(await texts(win, 'change'), ['Ξ\n−0.5 ETH', 'T\n+1.5 TST'])
  assert.equal(await win.getByTestId('tx-title').innerText(), 'Swap ETH for TST')
  assert.equal(await win.getByTestId('effects').getAttribute('data-method'), 'simulateV1')
  assert.match(await win.getByTestId('tx-to-label-name').innerText(), /^Test DEX/, "the address book's name shows in the approval")
  assert.match(await win.getByTestId('tx-total').innerText(), /Amount \+ fee\s+at most 0\.50\d+ ETH/)
  assert.equal(await win.getByTestId('tx-nonce').isVisible(), false, 'the nonce is under Advanced')
  await shot(win, 'approval-swap', true)
  const preview = await win.getByTestId('change').evaluateAll((els) => els.map((e) => [e.getAttribute('data-token'), e.getAttribute('data-delta')]))
  const balances = async () => ({ tst: (await l2.readContract({ address: c.token, abi: T(), functionName: 'balanceOf', args: [ME] })) as bigint, pool: await l2.getBalance({ address: c.swap }) })
  const b0 = await balances()
  await win.getByTestId('approve').click()
  await mined(reply)
  const b1 = await balances()
  assert.deepEqual(preview, [['native', (-half).toString()], [c.token, ((half * SWAP_RATE) / 10n ** 18n).toString()]])
  assert.equal(b1.tst - b0.tst, BigInt(preview[1][1]!), 'TST received as previewed')
  assert.equal(b1.pool - b0.pool, -BigInt(preview[0][1]!), 'ETH paid as previewed (the fee aside)')
})

test('approve(max) shows the unlimited warning; lowered to 25 TST, the signed calldata carries 25 TST', async () => {
  const reply = sendTx({ to: c.token, data: encodeFunctionData({ abi: T(), functionName: 'approve', args: [c.swap, maxUint256] }) })
  const win = await approvalPage()
  await win.locator('[data-warning="unlimited-approval"]').waitFor()
  assert.equal(await win.getByTestId('tx-title').innerText(), 'Approve TST')
  assert.match(await win.getByTestId('grant-approval').innerText(), /all your TST[\s\S]*Test DEX/)
  await shot(win, 'approval-unlimited', true)
  await win.getByTestId('approval-amount').fill('25')
  await until(() => win.getByTestId('grant-approval').innerText(), (t) => /25 TST/.test(t), 20_000, 'the simulation of the lowered amount')
  assert.equal(await win.locator('[data-warning="unlimited-approval"]').count(), 0, 'no unlimited warning for 25 TST')
  await shot(win, 'approval-lowered', true)
  await win.getByTestId('approve').click()
  const hash = await mined(reply)
  const tx = await l2.getTransaction({ hash })
  const { args } = decodeFunctionData({ abi: T(), data: tx.input })
  assert.deepEqual(args, [c.swap, tst(25)])
  assert.equal(await l2.readContract({ address: c.token, abi: T(), functionName: 'allowance', args: [ME, c.swap] }), tst(25))
})

test('setApprovalForAll shows the operator and the whole-collection warning', async () => {
  const reply = sendTx({ to: c.nft, data: encodeFunctionData({ abi: testContract('TestNft').abi, functionName: 'setApprovalForAll', args: [c.swap, true] }) })
  const win = await approvalPage()
  await win.locator('[data-warning="approval-for-all"]').waitFor()
  assert.equal(await win.getByTestId('tx-title').innerText(), 'Approve all of BIRD')
  assert.match(await win.getByTestId('grant-operator').innerText(), /every BIRD[\s\S]*Test DEX/)
  await shot(win, 'approval-operator', true)
  await win.getByTestId('approve').click()
  await mined(reply)
})

const permit2Typed = (deadline: number) => ({
  domain: { name: 'Permit2', chainId: 901, verifyingContract: c.permit2 },
  types: {
    EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
    PermitDetails: [{ name: 'token', type: 'address' }, { name: 'amount', type: 'uint160' }, { name: 'expiration', type: 'uint48' }, { name: 'nonce', type: 'uint48' }],
    PermitSingle: [{ name: 'details', type: 'PermitDetails' }, { name: 'spender', type: 'address' }, { name: 'sigDeadline', type: 'uint256' }],
  },
  primaryType: 'PermitSingle',
  message: { details: { token: c.token, amount: tst(100).toString(), expiration: deadline + 86400, nonce: 0 }, spender: c.swap, sigDeadline: String(deadline) },
})

test('a Permit2 signature shows spender, amount, deadline and its warning; the signature works on chain', async () => {
  const deadline = Math.floor(Date.now() / 1000) + 3600
  const typed = permit2Typed(deadline)
  const reply = ask<Hex>(`dapp.signTyped(${JSON.stringify(ME)}, ${JSON.stringify(typed)})`)
  const win = await approvalPage()
  await win.getByTestId('permit').waitFor()
  assert.equal(await win.locator('h1').innerText(), 'Sign a spending permit?')
  assert.match(await win.getByTestId('permit-spender').innerText(), /Test DEX/)
  assert.match(await win.getByTestId('permit-amount').innerText(), /100 TST/)
  assert.equal(await win.getByTestId('permit-deadline').innerText(), new Date(deadline * 1000).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }))
  assert.ok((await win.getByTestId('warnings').innerText()).includes('This is not a login'))
  await shot(win, 'approval-permit2', true)
  await win.getByTestId('approve').click()
  const r = await reply
  assert.ok('result' in r, JSON.stringify(r))
  const { EIP712Domain: _, ...types } = typed.types
  assert.equal(await verifyTypedData({ address: ME, domain: typed.domain, types, primaryType: 'PermitSingle', message: typed.message as never, signature: r.result }), true)
  // someone submits it: the Permit2 allowance then shows on the allowances page
  const relayer = createWalletClient({ account: privateKeyToAccount(devnet.accounts[9].privateKey), transport: http(devnet.manifest.l2s[0]!.rpcUrl) })
  const m = typed.message
  const hash = await relayer.writeContract({ chain: null, address: c.permit2, abi: testContract('TestPermit2').abi, functionName: 'permit', args: [ME, { details: { token: m.details.token, amount: BigInt(m.details.amount), expiration: m.details.expiration, nonce: 0 }, spender: m.spender, sigDeadline: BigInt(m.sigDeadline) }, r.result] })
  assert.equal((await l2.waitForTransactionReceipt({ hash })).status, 'success')
})

test('an EIP-2612 permit shows spender, amount, deadline and its warnings', async () => {
  const deadline = Math.floor(Date.now() / 1000) + 7200
  const typed = {
    domain: { name: 'Test Token', version: '1', chainId: 901, verifyingContract: c.token },
    types: {
      EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
      Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }],
    },
    primaryType: 'Permit',
    message: { owner: ME, spender: other, value: tst(7).toString(), nonce: 0, deadline },
  }
  const reply = ask<Hex>(`dapp.signTyped(${JSON.stringify(ME)}, ${JSON.stringify(typed)})`)
  const win = await approvalPage()
  await win.getByTestId('permit').waitFor()
  assert.equal(await win.getByTestId('permit').getAttribute('data-kind'), 'erc2612')
  assert.match(await win.getByTestId('permit-spender').innerText(), /not a contract/)
  assert.match(await win.getByTestId('permit-amount').innerText(), /7 TST/)
  assert.equal(await win.getByTestId('permit-deadline').innerText(), new Date(deadline * 1000).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }))
  assert.equal(await win.locator('[data-warning="spender-eoa"]').count(), 1)
  await shot(win, 'approval-permit-2612', true)
  await win.getByTestId('approve').click()
  const r = await reply
  assert.ok('result' in r, JSON.stringify(r))
  const { EIP712Domain: _, ...types } = typed.types
  assert.equal(await verifyTypedData({ address: ME, domain: typed.domain, types, primaryType: 'Permit', message: typed.message as never, signature: r.result }), true)
})

test('a call that will revert shows the decoded reason before signing, and is not sent unless the user insists', async () => {
  const reply = sendTx({ to: c.swap, data: swapData(tst(1_000)), value: parseEther('0.01') })
  const win = await approvalPage()
  await win.getByTestId('revert').waitFor()
  assert.match(await win.getByTestId('revert').innerText(), /TestSwap: INSUFFICIENT_OUTPUT_AMOUNT/)
  assert.equal(await win.locator('[data-warning="reverts"]').count(), 1)
  // past the window's enable delay: what keeps Confirm disabled now is the revert alone
  await win.locator('section[data-ready="yes"]').waitFor()
  assert.equal(await win.getByTestId('approve').isDisabled(), true, 'Confirm is disabled')
  await win.getByTestId('send-anyway').check()
  assert.equal(await win.getByTestId('approve').isDisabled(), false, 'until the user insists')
  await win.getByTestId('send-anyway').uncheck()
  await shot(win, 'approval-revert', true)
  await win.getByTestId('reject').click()
  const r = await reply
  assert.ok('code' in r && r.code === 4001, JSON.stringify(r))
})

test('typed data whose EIP712Domain type does not match its domain is refused with a sentence', async () => {
  const typed = permit2Typed(Math.floor(Date.now() / 1000) + 600)
  // the domain says chain 901, but the declared domain type leaves chainId out of the hash
  typed.types.EIP712Domain = typed.types.EIP712Domain.filter((f) => f.name !== 'chainId')
  const r = await ask<Hex>(`dapp.signTyped(${JSON.stringify(ME)}, ${JSON.stringify(typed)})`)
  assert.ok('code' in r, 'refused')
  assert.equal(r.code, -32602)
  assert.match(r.message, /types\.EIP712Domain does not match the domain \(the domain's chainId is not in types\.EIP712Domain\): what would be shown is not what would be signed/)
  const primary = await ask<Hex>(`dapp.signTyped(${JSON.stringify(ME)}, ${JSON.stringify({ ...typed, primaryType: 'EIP712Domain' })})`)
  assert.ok('code' in primary && primary.code === -32602 && /primaryType is "EIP712Domain"/.test(primary.message), JSON.stringify(primary))
})

test('personal_sign: a 32-byte message warns of a hash; hidden characters are flagged; Sign waits for the end of the message', async () => {
  const hash = ask<Hex>(`dapp.personalSign(${JSON.stringify(ME)}, ${JSON.stringify(toHex(new Uint8Array(32).fill(7)))})`)
  let win = await approvalPage()
  await win.getByText('This may be a transaction hash').waitFor()
  await shot(win, 'approval-sign-hash', true)
  await win.getByTestId('reject').click()
  assert.equal(((await hash) as { code: number }).code, 4001)

  const text = `Log in to the signing dApp.\n${'Scroll down: the part that matters is at the end.\n'.repeat(20)}Pay to: \u202Ekcilc\u202C ok`
  const signed = ask<Hex>(`dapp.personalSign(${JSON.stringify(ME)}, ${JSON.stringify(toHex(text))})`)
  win = await approvalPage()
  await win.getByTestId('message').waitFor()
  assert.equal(await win.getByTestId('flagged-char').count(), 2)
  assert.match(await win.getByTestId('warnings').innerText(), /right-to-left override \(U\+202E\)/)
  assert.equal(await win.getByTestId('approve').isDisabled(), true, 'Sign waits until the message was read to its end')
  await win.getByTestId('message').evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await until(() => win.getByTestId('approve').isDisabled(), (d) => !d, 5_000, 'Sign enabled once scrolled')
  await shot(win, 'approval-sign-flagged', true)
  await win.getByTestId('approve').click()
  const r = await signed
  assert.ok('result' in r)
  assert.equal(await verifyMessage({ address: ME, message: text, signature: r.result }), true)
})

test('the allowances page lists the approvals made above and revokes one (mined; the list updates)', async () => {
  const page = await wb.context.newPage()
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(extensionUrl(wb, 'app.html#/settings/accounts'))
  await page.getByTestId('link-allowances').click()
  const rows = page.locator('[data-testid="allowances-chain"][data-chain="901"] [data-testid="allowance"]')
  await until(() => rows.count(), (n) => n === 3, 30_000, 'three approvals on 901')
  const row = (kind: string) => page.locator(`[data-testid="allowances-chain"][data-chain="901"] [data-testid="allowance"][data-kind="${kind}"]`)
  assert.match(await row('erc20').innerText(), /25 TST[\s\S]*Test DEX/)
  assert.match(await row('operator').innerText(), /every BIRD[\s\S]*Test DEX/)
  assert.match(await row('permit2').innerText(), /100 TST[\s\S]*Permit2[\s\S]*Test DEX/)
  await shot(page, 'allowances')
  await row('erc20').getByTestId('revoke').click()
  await row('erc20').getByTestId('revoke-confirm').waitFor()
  assert.equal(await row('erc20').locator('[data-fee="l1"]').count(), 1, 'the revoke fee includes the L1 data fee')
  await shot(page, 'allowances-revoke')
  await row('erc20').getByTestId('revoke-send').click()
  await until(() => rows.count(), (n) => n === 2, 30_000, 'the revoked allowance gone from the list')
  assert.equal(await row('erc20').count(), 0)
  assert.equal(await l2.readContract({ address: c.token, abi: T(), functionName: 'allowance', args: [ME, c.swap] }), 0n)
  await page.close()
})

test('Send to alice.eth resolves on the L1 ENS, shows the address before sending, and sends', async () => {
  const alice = devnet.manifest.l1.ensNames!['alice.eth']!
  const before = await l2.getBalance({ address: alice })
  const page = await openPopup(wb, '#/send')
  await page.getByTestId('send-chain').selectOption('901')
  await page.getByTestId('send-to').fill('alice.eth')
  await until(() => page.getByTestId('recipient-resolved').innerText().catch(() => ''), (t) => t.replace(/\s/g, '').includes(alice.slice(2)), 15_000, 'alice.eth resolved')
  await page.getByTestId('send-amount').fill('0.01')
  await until(() => page.getByTestId('send-review').isDisabled(), (d) => !d, 20_000, 'Review enabled')
  await shot(page, 'send-ens')
  await page.getByTestId('send-review').click()
  assert.equal(await page.getByTestId('confirm-to-name').innerText(), 'alice.eth')
  await until(() => texts(page, 'change'), (t) => t.length === 1, 20_000, 'the simulated change')
  assert.deepEqual(await texts(page, 'change'), ['Ξ\n−0.01 ETH'])
  await shot(page, 'send-ens-confirm')
  await page.getByTestId('send-confirm').click()
  const hash = (await page.getByTestId('send-hash').innerText()) as Hex
  assert.equal((await l2.waitForTransactionReceipt({ hash })).status, 'success')
  assert.equal((await l2.getBalance({ address: alice })) - before, parseEther('0.01'))
  // Activity names the recipient by its ENS primary name
  await page.getByTestId('send-activity').click()
  await until(() => texts(page, 'activity-to'), (t) => t.includes('to alice.eth'), 15_000, 'the recipient named in Activity')
  await page.close()
})
