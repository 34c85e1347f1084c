// Know what you sign, against the devnet, in Chromium and in Firefox from this one file (a devnet of
// its own for each browser's turn: the test's contracts, approvals and permit nonces start fresh):
// a swap previewed as "−0.5 ETH, +1.5 TST" by simulation and the balances afterwards as previewed;
// approve(max) warned and lowered before signing (the signed calldata carries the lower amount);
// setApprovalForAll, a Permit2 signature and an EIP-2612 permit each with spender, amount, deadline
// and warning; a failing call with its decoded reason; typed data with a mismatched EIP712Domain
// refused with a sentence; a 32-byte message and hidden characters flagged, Sign only after the
// message is read; the allowances page listing the approvals made and revoking one (mined, the list
// updates); Send to alice.eth (the devnet's ENS) resolving and sending; the address book's name
// shown in the approval.
import assert from 'node:assert/strict'
import { createPublicClient, createWalletClient, decodeFunctionData, encodeFunctionData, http, maxUint256, parseEther, toHex, verifyMessage, verifyTypedData, type Address, type Hex, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startDevnet, type Devnet } from '../../../devnet/index.ts'
import { servePages, type PageServer } from '../support/server.ts'
import { deploySigningContracts, SWAP_RATE, testContract, type SigningContracts } from '../../support/signing-contracts.ts'
import { afterEach } from 'node:test'
import { approvals, rejectOpenApprovals, eachBrowser, initializeWallet, until, TEST_ADDRESS_0, type UiPage, type WalletDriver } from '../driver/index.ts'

const ME = TEST_ADDRESS_0 as Address
const WETH = '0x4200000000000000000000000000000000000006'
const DEADLINE = 2n ** 40n

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

/** each browser's turn: its devnet, contracts and dApp page (set up once its browser is launched) */
const setups = new Map<string, { setup: (d: WalletDriver) => Promise<void>; teardown: () => Promise<void> }>()

type Reply<T> = { result: T } | { code: number; message: string }
const T = () => testContract('TestToken').abi

eachBrowser(
  (b) => {
    let devnet: Devnet
    let site: PageServer | undefined
    let dapp: UiPage
    let c: SigningContracts
    let l2: PublicClient
    let other: Address
    let cached: ReturnType<typeof approvals> | undefined
    const approvalPage = () => (cached ??= approvals(b.driver)).next()

    const ask = <T>(expression: string): Promise<Reply<T>> => {
      const p = dapp.evaluate<Reply<T>>(expression)
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
    const tst = (whole: number) => BigInt(whole) * 10n ** BigInt(c.decimals)
    const swapData = (min: bigint) => encodeFunctionData({ abi: testContract('TestSwap').abi, functionName: 'swapExactETHForTokens', args: [min, [WETH, c.token], ME, DEADLINE] })
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
    const setup = async (d: WalletDriver) => {
      devnet = await startDevnet({ ports: 'default' })
      const rpc = devnet.manifest.l2s.find((x) => x.chainId === 901)!.rpcUrl
      l2 = createPublicClient({ transport: http(rpc), pollingInterval: 200 }) as PublicClient
      c = await deploySigningContracts(rpc, 901, devnet.accounts[9].privateKey, ME)
      other = devnet.accounts[3].address
      site = await servePages({ '/sign.html': { type: 'text/html; charset=utf-8', body: DAPP } })
      await initializeWallet(d)
      dapp = await d.openWeb(`${site!.url}sign.html`)
      await dapp.waitForTrue('!!window.dapp')
      const connected = ask<string[]>('dapp.connect()')
      await (await approvalPage()).click('tid=approve')
      assert.deepEqual(((await connected) as { result: string[] }).result, [ME])
      // a chain not yet approved for this site asks first
      const switched = ask<null>('dapp.switchChain(901)')
      await (await approvalPage()).click('tid=approve')
      assert.deepEqual(await switched, { result: null })
    }
    setups.set(b.name, {
      setup,
      async teardown() {
        const [s, dn] = [site, devnet as Devnet | undefined]
        site = undefined
        devnet = undefined as unknown as Devnet
        await s?.close()
        await dn?.stop()
      },
    })

    afterEach(async () => {
      try {
        await rejectOpenApprovals(b.driver) // a failed test leaves nothing queued for the next
      } catch {
        // no browser (its launch failed): nothing to reject
      }
    })

    b.test('the address book names the swap contract', async (d) => {
      const page = await d.openExtension('app.html#/contacts', { width: 1280, height: 800 })
      await page.fill('tid=contact-address', c.swap)
      await page.fill('tid=contact-name', 'Test DEX')
      await page.click('tid=contact-add')
      await page.waitFor('tid=contacts >> text=Test DEX')
      await page.screenshot('address-book')
      await page.close()
    })

    b.test('a swap shows "−0.5 ETH, +1.5 TST" from simulation; the balances afterwards match the preview', async () => {
      const half = parseEther('0.5')
      const reply = sendTx({ to: c.swap, data: swapData(0n), value: half })
      const win = await approvalPage()
      await until(() => win.texts('tid=change'), (t) => t.length === 2, 20_000, 'two balance changes')
      assert.deepEqual(await win.texts('tid=change'), ['Ξ\n−0.5 ETH', 'T\n+1.5 TST'])
      assert.equal(await win.text('tid=tx-title'), 'Swap ETH for TST')
      assert.equal(await win.attr('tid=effects', 'data-method'), 'simulateV1')
      await until(() => win.text('tid=tx-to-label-name'), (t) => /^Test DEX/.test(t), 10_000, "the address book's name in the approval")
      assert.match(await win.text('tid=tx-total'), /Amount \+ fee\s+at most 0\.50\d+ ETH/)
      assert.equal(await win.isVisible('tid=tx-nonce'), false, 'the nonce is under Details')
      await win.screenshot('approval-swap', { fullPage: true })
      const preview = await win.evaluate<[string, string][]>(`[...document.querySelectorAll('[data-testid="change"]')].map((e) => [e.getAttribute('data-token'), e.getAttribute('data-delta')])`)
      const balances = async () => ({ tst: (await l2.readContract({ address: c.token, abi: T(), functionName: 'balanceOf', args: [ME] })) as bigint, pool: await l2.getBalance({ address: c.swap }) })
      const b0 = await balances()
      await win.click('tid=approve')
      await mined(reply)
      const b1 = await balances()
      assert.deepEqual(preview, [['native', (-half).toString()], [c.token, ((half * SWAP_RATE) / 10n ** 18n).toString()]])
      assert.equal(b1.tst - b0.tst, BigInt(preview[1][1]!), 'TST received as previewed')
      assert.equal(b1.pool - b0.pool, -BigInt(preview[0][1]!), 'ETH paid as previewed (the fee aside)')
    })

    b.test('approve(max) shows the unlimited warning; lowered to 25 TST, the signed calldata carries 25 TST', async () => {
      const reply = sendTx({ to: c.token, data: encodeFunctionData({ abi: T(), functionName: 'approve', args: [c.swap, maxUint256] }) })
      const win = await approvalPage()
      await win.waitFor('[data-warning="unlimited-approval"]')
      assert.equal(await win.text('tid=tx-title'), 'Approve TST')
      // the address book's name comes with the decoding: wait for it rather than read it at once
      await until(() => win.text('tid=grant-approval'), (t) => /all your TST[\s\S]*Test DEX/.test(t), 10_000, 'the approval naming Test DEX')
      await win.screenshot('approval-unlimited', { fullPage: true })
      await win.fill('tid=approval-amount', '25')
      await until(() => win.text('tid=grant-approval'), (t) => /25 TST/.test(t), 20_000, 'the simulation of the lowered amount')
      assert.equal(await win.count('[data-warning="unlimited-approval"]'), 0, 'no unlimited warning for 25 TST')
      await win.click('tid=approve')
      const hash = await mined(reply)
      const tx = await l2.getTransaction({ hash })
      const { args } = decodeFunctionData({ abi: T(), data: tx.input })
      assert.deepEqual(args, [c.swap, tst(25)])
      assert.equal(await l2.readContract({ address: c.token, abi: T(), functionName: 'allowance', args: [ME, c.swap] }), tst(25))
    })

    b.test('setApprovalForAll shows the operator and the whole-collection warning', async () => {
      const reply = sendTx({ to: c.nft, data: encodeFunctionData({ abi: testContract('TestNft').abi, functionName: 'setApprovalForAll', args: [c.swap, true] }) })
      const win = await approvalPage()
      await win.waitFor('[data-warning="approval-for-all"]')
      assert.equal(await win.text('tid=tx-title'), 'Approve all of BIRD')
      await until(() => win.text('tid=grant-operator'), (t) => /every BIRD[\s\S]*Test DEX/.test(t), 10_000, 'the operator named Test DEX')
      await win.click('tid=approve')
      await mined(reply)
    })

    b.test('a Permit2 signature shows spender, amount, deadline and its warning; the signature works on chain', async () => {
      const deadline = Math.floor(Date.now() / 1000) + 3600
      const typed = permit2Typed(deadline)
      const reply = ask<Hex>(`dapp.signTyped(${JSON.stringify(ME)}, ${JSON.stringify(typed)})`)
      const win = await approvalPage()
      await win.waitFor('tid=permit')
      assert.equal(await win.text('h1'), 'Sign a spending permit?')
      await until(() => win.text('tid=permit-spender'), (t) => /Test DEX/.test(t), 10_000, 'the spender named Test DEX')
      assert.match(await win.text('tid=permit-amount'), /100 TST/)
      assert.equal(await win.text('tid=permit-deadline'), new Date(deadline * 1000).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }))
      assert.ok((await win.text('tid=warnings')).includes('This is not a login'))
      await win.screenshot('approval-permit2', { fullPage: true })
      await win.click('tid=approve')
      const r = await reply
      assert.ok('result' in r, JSON.stringify(r))
      const { EIP712Domain: _, ...types } = typed.types
      assert.equal(await verifyTypedData({ address: ME, domain: typed.domain, types, primaryType: 'PermitSingle', message: typed.message as never, signature: r.result }), true)
      const relayer = createWalletClient({ account: privateKeyToAccount(devnet.accounts[9].privateKey), transport: http(devnet.manifest.l2s[0]!.rpcUrl) })
      const m = typed.message
      const hash = await relayer.writeContract({ chain: null, address: c.permit2, abi: testContract('TestPermit2').abi, functionName: 'permit', args: [ME, { details: { token: m.details.token, amount: BigInt(m.details.amount), expiration: m.details.expiration, nonce: 0 }, spender: m.spender, sigDeadline: BigInt(m.sigDeadline) }, r.result] })
      assert.equal((await l2.waitForTransactionReceipt({ hash })).status, 'success')
    })

    b.test('an EIP-2612 permit shows spender, amount, deadline and its warnings', async () => {
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
      await win.waitFor('tid=permit')
      assert.equal(await win.attr('tid=permit', 'data-kind'), 'erc2612')
      await until(() => win.text('tid=permit-spender'), (t) => /not a contract/.test(t), 10_000, 'the spender said not to be a contract')
      assert.match(await win.text('tid=permit-amount'), /7 TST/)
      assert.equal(await win.text('tid=permit-deadline'), new Date(deadline * 1000).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }))
      assert.equal(await win.count('[data-warning="spender-eoa"]'), 1)
      await win.click('tid=approve')
      const r = await reply
      assert.ok('result' in r, JSON.stringify(r))
      const { EIP712Domain: _, ...types } = typed.types
      assert.equal(await verifyTypedData({ address: ME, domain: typed.domain, types, primaryType: 'Permit', message: typed.message as never, signature: r.result }), true)
    })

    b.test('a call that will revert shows the decoded reason before signing, and is not sent unless the user insists', async () => {
      const reply = sendTx({ to: c.swap, data: swapData(tst(1_000)), value: parseEther('0.01') })
      const win = await approvalPage()
      await win.waitFor('tid=revert')
      assert.match(await win.text('tid=revert'), /TestSwap: INSUFFICIENT_OUTPUT_AMOUNT/)
      assert.equal(await win.count('[data-warning="reverts"]'), 1)
      assert.equal(await win.isEnabled('tid=approve'), false, 'Confirm is disabled')
      await win.check('tid=send-anyway')
      await until(() => win.isEnabled('tid=approve'), (v) => v, 5_000, 'Confirm enabled once the user insists')
      await win.click('tid=send-anyway') // unchecked again
      await until(() => win.isEnabled('tid=approve'), (v) => !v, 5_000, 'Confirm disabled again')
      await win.screenshot('approval-revert', { fullPage: true })
      await win.click('tid=reject')
      const r = await reply
      assert.ok('code' in r && r.code === 4001, JSON.stringify(r))
    })

    b.test('typed data whose EIP712Domain type does not match its domain is refused with a sentence', async () => {
      const typed = permit2Typed(Math.floor(Date.now() / 1000) + 600)
      typed.types.EIP712Domain = typed.types.EIP712Domain.filter((f) => f.name !== 'chainId')
      const r = await ask<Hex>(`dapp.signTyped(${JSON.stringify(ME)}, ${JSON.stringify(typed)})`)
      assert.ok('code' in r, 'refused')
      assert.equal(r.code, -32602)
      assert.match(r.message, /types\.EIP712Domain does not match the domain \(the domain's chainId is not in types\.EIP712Domain\): what would be shown is not what would be signed/)
      const primary = await ask<Hex>(`dapp.signTyped(${JSON.stringify(ME)}, ${JSON.stringify({ ...typed, primaryType: 'EIP712Domain' })})`)
      assert.ok('code' in primary && primary.code === -32602 && /primaryType is "EIP712Domain"/.test(primary.message), JSON.stringify(primary))
    })

    b.test('personal_sign: a 32-byte message warns of a hash; hidden characters are flagged; Sign waits for the end of the message', async () => {
      const hash = ask<Hex>(`dapp.personalSign(${JSON.stringify(ME)}, ${JSON.stringify(toHex(new Uint8Array(32).fill(7)))})`)
      let win = await approvalPage()
      await win.waitFor('text=This may be a transaction hash')
      await win.click('tid=reject')
      assert.equal(((await hash) as { code: number }).code, 4001)

      const text = `Log in to the signing dApp.\n${'Scroll down: the part that matters is at the end.\n'.repeat(20)}Pay to: \u202Ekcilc\u202C ok`
      const signed = ask<Hex>(`dapp.personalSign(${JSON.stringify(ME)}, ${JSON.stringify(toHex(text))})`)
      win = await approvalPage()
      await win.waitFor('tid=message')
      assert.equal(await win.count('tid=flagged-char'), 2)
      assert.match(await win.text('tid=warnings'), /right-to-left override \(U\+202E\)/)
      assert.equal(await win.isEnabled('tid=approve'), false, 'Sign waits until the message was read to its end')
      await win.evaluate(`(() => { const el = document.querySelector('[data-testid="message"]'); el.scrollTo(0, el.scrollHeight) })()`)
      await until(() => win.isEnabled('tid=approve'), (v) => v, 5_000, 'Sign enabled once scrolled')
      await win.screenshot('approval-sign-flagged', { fullPage: true })
      await win.click('tid=approve')
      const r = await signed
      assert.ok('result' in r)
      assert.equal(await verifyMessage({ address: ME, message: text, signature: r.result }), true)
    })

    b.test('the allowances page lists the approvals made above and revokes one (mined; the list updates)', async (d) => {
      const page = await d.openExtension('app.html#/settings/accounts', { width: 1280, height: 800 })
      // the settings' nav: the allowances and the address book under their own heading, before the danger zone
      await page.waitFor('tid=link-allowances')
      assert.deepEqual((await page.texts('.settings-group-name')).map((t) => t.toLowerCase()), ['wallet', 'security', 'phala', 'approvals and contacts', 'danger zone'])
      await page.click('tid=link-allowances')
      const rows = '[data-testid="allowances-chain"][data-chain="901"] [data-testid="allowance"]'
      const row = (kind: string) => `[data-testid="allowances-chain"][data-chain="901"] [data-testid="allowance"][data-kind="${kind}"]`
      await until(() => page.count(rows), (n) => n === 3, 30_000, 'three approvals on 901')
      assert.match(await page.text(row('erc20')), /25 TST[\s\S]*Test DEX/)
      assert.match(await page.text(row('operator')), /every BIRD[\s\S]*Test DEX/)
      assert.match(await page.text(row('permit2')), /100 TST[\s\S]*Permit2[\s\S]*Test DEX/)
      await page.screenshot('allowances')
      await page.click(`${row('erc20')} >> tid=revoke`)
      await page.waitFor(`${row('erc20')} >> tid=revoke-confirm`)
      assert.equal(await page.count(`${row('erc20')} >> [data-fee="l1"]`), 1, 'the revoke fee includes the L1 data fee')
      await page.click(`${row('erc20')} >> tid=revoke-send`)
      await until(() => page.count(rows), (n) => n === 2, 30_000, 'the revoked allowance gone from the list')
      assert.equal(await page.count(row('erc20')), 0)
      assert.equal(await l2.readContract({ address: c.token, abi: T(), functionName: 'allowance', args: [ME, c.swap] }), 0n)
      await page.close()
    })

    b.test('Send to alice.eth resolves on the L1 ENS, shows the address before sending, and sends', async (d) => {
      const alice = devnet.manifest.l1.ensNames!['alice.eth']!
      const before = await l2.getBalance({ address: alice })
      const page = await d.openExtension('popup.html#/send')
      await page.select('tid=send-chain', '901')
      await page.fill('tid=send-to', 'alice.eth')
      await until(() => page.text('tid=recipient-resolved', { timeout: 500 }).catch(() => ''), (t) => t.replace(/\s/g, '').includes(alice.slice(2)), 15_000, 'alice.eth resolved')
      await page.fill('tid=send-amount', '0.01')
      await until(() => page.isEnabled('tid=send-review'), (v) => v, 20_000, 'Review enabled')
      await page.screenshot('send-ens')
      await page.click('tid=send-review')
      assert.equal(await page.text('tid=confirm-to-name'), 'alice.eth')
      await until(() => page.texts('tid=change'), (t) => t.length === 1, 20_000, 'the simulated change')
      assert.deepEqual(await page.texts('tid=change'), ['Ξ\n−0.01 ETH'])
      await page.click('tid=send-confirm')
      const hash = (await page.text('tid=send-hash', { timeout: 20_000 })).trim() as Hex
      assert.equal((await l2.waitForTransactionReceipt({ hash })).status, 'success')
      assert.equal((await l2.getBalance({ address: alice })) - before, parseEther('0.01'))
      await page.click('tid=send-activity')
      await until(() => page.texts('tid=activity-to'), (t) => t.includes('to alice.eth'), 15_000, 'the recipient named in Activity')
      await page.close()
    })
  },
  {
    setup: (d) => setups.get(d.name)!.setup(d),
    teardown: async () => {
      for (const s of setups.values()) await s.teardown()
    },
  },
)
