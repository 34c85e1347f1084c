// The dApp-facing provider against the real devnet: permissions per origin, approvals and their
// answers pushed to the requesting frame, signatures verified, a transaction mined, events, and
// approvals surviving (or cleanly failing) a service-worker restart.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, http, verifyMessage, verifyTypedData, type Hex } from 'viem'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { devnetNetworks } from '../../src/chains/devnet.ts'
import type { Network } from '../../src/chains/types.ts'
import type { ProviderReply } from '../../src/wire/page.ts'
import { makeWallet, type Harness } from '../support/wallet-harness.ts'
import { newDocSecret, openPage } from '../support/pages.ts'

let devnet: Devnet
let networks: Network[]
let h: Harness
const A = { origin: 'https://app-a.example', tabId: 1, frameId: 0, doc: newDocSecret() }
const B = { origin: 'https://app-b.example', tabId: 2, frameId: 0, doc: newDocSecret() }
const B_IN_A = { origin: 'https://app-b.example', tabId: 1, frameId: 7, doc: newDocSecret() } // B's iframe inside A's tab
const ACCOUNT0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
let nextId = 1

async function ask(who: typeof A, method: string, params?: unknown): Promise<ProviderReply> {
  return h.provider.request({ id: nextId++, method, ...(params === undefined ? {} : { params }) }, who)
}

/** Sends a request that needs the user, decides it as the approval window would, returns what the page got. */
async function askAndDecide(who: typeof A, method: string, params: unknown, approve: boolean, extra: { accounts?: `0x${string}`[] } = {}) {
  const id = nextId++
  const reply = await h.provider.request({ id, method, params }, who)
  assert.deepEqual(reply, { deferred: true }, `${method} waits for the user`)
  const { approval } = await h.provider.currentApproval()
  assert.ok(approval, 'an approval is pending')
  assert.equal(approval.requester.origin, who.origin)
  await h.provider.resolveApproval(approval.id, approve ? { approved: true, ...extra } : { approved: false } as never)
  const pushed = h.platform.responses(who.tabId, who.frameId).find((r) => r.id === id)
  assert.ok(pushed, 'the answer was pushed to the requesting frame')
  return pushed.reply
}

before(async () => {
  devnet = await startDevnet({ ports: 'auto' })
  networks = devnetNetworks(devnet.manifest)
  h = await makeWallet({ networks })
  for (const who of [A, B, B_IN_A]) await openPage(h, who)
})
after(async () => {
  await devnet?.stop()
})

test('chain id and accounts before connecting', async () => {
  assert.deepEqual(await ask(A, 'eth_chainId'), { result: '0x384' })
  assert.deepEqual(await ask(A, 'net_version'), { result: '900' })
  assert.deepEqual(await ask(A, 'eth_accounts'), { result: [] })
  assert.deepEqual(await ask(A, 'wallet_getPermissions'), { result: [] })
})

test('eth_requestAccounts opens one approval window; approving grants the origin and pushes the accounts', async () => {
  const reply = await askAndDecide(A, 'eth_requestAccounts', [], true)
  assert.deepEqual(reply, { result: [ACCOUNT0] })
  assert.equal(h.platform.windows.size, 0, 'the window closes when nothing is left')
  assert.deepEqual(await ask(A, 'eth_accounts'), { result: [ACCOUNT0] })
  const perms = (await ask(A, 'wallet_getPermissions')) as { result: { parentCapability: string; invoker: string; caveats: { value: string[] }[] }[] }
  assert.equal(perms.result[0].parentCapability, 'eth_accounts')
  assert.equal(perms.result[0].invoker, A.origin)
  assert.deepEqual(perms.result[0].caveats[0].value, [ACCOUNT0])
  assert.deepEqual(h.platform.events(A.tabId, A.frameId, 'accountsChanged').at(-1)?.data, [ACCOUNT0])
})

test('origin B never sees A\'s accounts, not even from an iframe inside A\'s tab', async () => {
  assert.deepEqual(await ask(B, 'eth_accounts'), { result: [] })
  assert.deepEqual(await ask(B_IN_A, 'eth_accounts'), { result: [] })
  const sign = await ask(B_IN_A, 'personal_sign', ['0x68656c6c6f', ACCOUNT0])
  assert.ok('error' in sign && sign.error.code === 4100, 'B cannot sign with A\'s account')
  // A's accountsChanged pushes never reach B's frames
  await h.wallet.keyring.lock()
  await h.wallet.keyring.unlock('correct horse battery')
  assert.equal(h.platform.events(B_IN_A.tabId, B_IN_A.frameId, 'accountsChanged').filter((e) => (e.data as string[]).length > 0).length, 0)
})

test('rejecting gives 4001', async () => {
  const reply = await askAndDecide(B, 'eth_requestAccounts', [], false)
  assert.ok('error' in reply && reply.error.code === 4001)
  assert.deepEqual(await ask(B, 'eth_accounts'), { result: [] })
})

test('personal_sign: the signature verifies for the connected account', async () => {
  const reply = await askAndDecide(A, 'personal_sign', ['0x48656c6c6f2c20726f6c6c75707321', ACCOUNT0], true)
  assert.ok('result' in reply)
  assert.equal(await verifyMessage({ address: ACCOUNT0, message: 'Hello, rollups!', signature: reply.result as Hex }), true)
})

const typedData = (chainId: number) => ({
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' },
    ],
    Mail: [
      { name: 'from', type: 'address' },
      { name: 'contents', type: 'string' },
    ],
  },
  primaryType: 'Mail',
  domain: { name: 'Test', version: '1', chainId, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' as const },
  message: { from: ACCOUNT0, contents: 'gm' },
})

test('eth_signTypedData_v4: refused for another chain, signed and verifiable for the active one', async () => {
  const wrong = await ask(A, 'eth_signTypedData_v4', [ACCOUNT0, JSON.stringify(typedData(1))])
  assert.ok('error' in wrong && wrong.error.code === -32602 && /chain 1/.test(wrong.error.message))
  const td = typedData(900)
  const reply = await askAndDecide(A, 'eth_signTypedData_v4', [ACCOUNT0, JSON.stringify(td)], true)
  assert.ok('result' in reply)
  const { EIP712Domain: _, ...types } = td.types
  assert.equal(await verifyTypedData({ address: ACCOUNT0, types, primaryType: 'Mail', domain: td.domain, message: td.message, signature: reply.result as Hex }), true)
})

test('eth_sendTransaction: the approval shows the decoded call and the fee; approving mines it', async () => {
  const to = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
  const id = nextId++
  assert.deepEqual(await h.provider.request({ id, method: 'eth_sendTransaction', params: [{ from: ACCOUNT0, to, value: '0x2386f26fc10000' }] }, A), { deferred: true })
  const { approval } = await h.provider.currentApproval()
  assert.ok(approval && approval.request.kind === 'sendTx')
  const r = approval.request
  assert.equal(r.tx.to, to)
  assert.equal(BigInt(r.tx.value), 10n ** 16n)
  assert.equal(r.tx.chainId, 900)
  assert.ok(r.fee && BigInt(r.fee.total) > 0n && BigInt(r.fee.max) >= BigInt(r.fee.total), 'fee quoted')
  await h.provider.resolveApproval(approval.id, { approved: true })
  const reply = h.platform.responses(A.tabId).find((x) => x.id === id)!.reply
  assert.ok('result' in reply, JSON.stringify(reply))
  const client = createPublicClient({ transport: http(devnet.manifest.l1.rpcUrl) })
  const receipt = await client.waitForTransactionReceipt({ hash: reply.result as Hex, pollingInterval: 100 })
  assert.equal(receipt.status, 'success')
  assert.equal((await h.core.activity.list())[0].hash, reply.result)
})

test('a token transfer is decoded in the approval', async () => {
  const data = '0xa9059cbb00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c80000000000000000000000000000000000000000000000000de0b6b3a7640000'
  const pha = devnet.manifest.l1.contracts.pha ?? devnet.manifest.l1.contracts.multicall3
  const reply = await ask(A, 'eth_sendTransaction', [{ from: ACCOUNT0, to: pha, data, gas: '0x30000' }])
  assert.deepEqual(reply, { deferred: true })
  const { approval } = await h.provider.currentApproval()
  assert.ok(approval && approval.request.kind === 'sendTx' && approval.request.decoded)
  assert.equal(approval.request.decoded.functionName, 'transfer')
  assert.deepEqual(approval.request.decoded.args.map((a) => a.value), ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', '1000000000000000000'])
  await h.provider.resolveApproval(approval.id, { approved: false })
})

test('switching chains: each site has its own chain; a chain not approved for the site asks first; chainChanged reaches only that site; unknown chains get 4902', async () => {
  // A connected on 900: a switch to 901 was never approved for A, so the user is asked
  const reply = await askAndDecide(A, 'wallet_switchEthereumChain', [{ chainId: '0x385' }], true)
  assert.deepEqual(reply, { result: null })
  assert.deepEqual(await ask(A, 'eth_chainId'), { result: '0x385' })
  assert.equal(h.platform.events(A.tabId, A.frameId, 'chainChanged').at(-1)?.data, '0x385')
  assert.equal(h.platform.events(B.tabId, B.frameId, 'chainChanged').length, 0, 'B hears nothing')
  assert.deepEqual(await ask(B, 'eth_chainId'), { result: '0x384' }, 'B stays where it was')
  assert.equal((await h.wallet.activeNetwork()).chainId, 900, "the wallet's own chain did not move")
  // back and forth between approved chains: no prompt
  assert.deepEqual(await ask(A, 'wallet_switchEthereumChain', [{ chainId: '0x384' }]), { result: null })
  assert.deepEqual(await ask(A, 'wallet_switchEthereumChain', [{ chainId: '0x385' }]), { result: null })
  assert.deepEqual(await ask(A, 'wallet_switchEthereumChain', [{ chainId: '0x384' }]), { result: null })
  assert.equal((await h.provider.currentApproval()).total, 0)
  const unknown = await ask(A, 'wallet_switchEthereumChain', [{ chainId: '0x99999' }])
  assert.ok('error' in unknown && unknown.error.code === 4902)
  // a site that is not connected must ask the user too
  const reply2 = await askAndDecide(B, 'wallet_switchEthereumChain', [{ chainId: '0x386' }], true)
  assert.deepEqual(reply2, { result: null })
  assert.deepEqual(await ask(B, 'eth_chainId'), { result: '0x386' })
  assert.deepEqual(await ask(A, 'eth_chainId'), { result: '0x384' })
})

test('wallet_addEthereumChain checks the RPC\'s chain id and detects an OP Stack rollup', async () => {
  const only = await makeWallet({ networks: networks.filter((n) => n.chainId === 900) })
  await openPage(only, A)
  const l2 = devnet.manifest.l2s[0]
  const params = [{ chainId: '0x' + l2.chainId.toString(16), chainName: 'My rollup', rpcUrls: [l2.rpcUrl], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } }]
  const lying = await only.provider.request({ id: 1, method: 'wallet_addEthereumChain', params: [{ ...params[0], chainId: '0x1234' }] }, A)
  assert.ok('error' in lying && /serves chain 901/.test(lying.error.message), JSON.stringify(lying))
  assert.deepEqual(await only.provider.request({ id: 2, method: 'wallet_addEthereumChain', params }, A), { deferred: true })
  const { approval } = await only.provider.currentApproval()
  assert.ok(approval && approval.request.kind === 'addChain')
  assert.equal(approval.request.opStack, true)
  assert.equal(approval.request.rpcChainId, 901)
  await only.provider.resolveApproval(approval.id, { approved: true })
  assert.equal((await only.provider.networkFor(A.origin)).chainId, 901, "the site's chain is the new one")
  assert.equal((await only.wallet.activeNetwork()).chainId, 900, "the wallet's own chain did not move")
  assert.equal((await only.wallet.networks.get(901))?.opStack, true)
})

test('wallet_watchAsset reads the token from the chain, refuses a wrong symbol, and adds it when approved', async () => {
  const pha = devnet.manifest.l1.contracts.pha!
  const wrong = await ask(A, 'wallet_watchAsset', { type: 'ERC20', options: { address: pha, symbol: 'FAKE', decimals: 18 } })
  assert.ok('error' in wrong && /symbol on chain is "PHA"/.test(wrong.error.message), JSON.stringify(wrong))
  const reply = await askAndDecide(A, 'wallet_watchAsset', { type: 'ERC20', options: { address: pha, symbol: 'PHA', decimals: 18 } }, true)
  assert.deepEqual(reply, { result: true })
  const tokens = await h.provider.tokens.list(900)
  assert.equal(tokens.length, 1)
  assert.equal(tokens[0].symbol, 'PHA')
  assert.equal(tokens[0].name, 'Phala Token')
  assert.equal(tokens[0].source, A.origin)
})

test('a chain whose RPC is down: reads fail with 4901 and pages hear disconnect; when it answers again, connect', async () => {
  const l1 = networks.find((n) => n.chainId === 900)!
  await h.wallet.networks.put({ ...l1, rpcUrls: ['http://127.0.0.1:9'] })
  const down = await ask(A, 'eth_blockNumber')
  assert.ok('error' in down && down.error.code === 4901 && /unreachable/.test(down.error.message), JSON.stringify(down))
  assert.equal((h.platform.events(A.tabId, A.frameId, 'disconnect').at(-1)?.data as { code: number }).code, 4901)
  await ask(A, 'eth_blockNumber')
  assert.equal(h.platform.events(A.tabId, A.frameId, 'disconnect').length, 1, 'told once, not on every failure')
  await h.wallet.networks.remove(900) // back to the devnet's own entry
  const up = await ask(A, 'eth_blockNumber')
  assert.ok('result' in up)
  assert.deepEqual(h.platform.events(A.tabId, A.frameId, 'connect').at(-1)?.data, { chainId: '0x384' })
})

test('read-only methods go to the active chain\'s RPC, errors included', async () => {
  const block = await ask(A, 'eth_blockNumber')
  assert.ok('result' in block && /^0x[0-9a-f]+$/.test(block.result as string))
  const bal = await ask(A, 'eth_getBalance', [ACCOUNT0, 'latest'])
  assert.ok('result' in bal && BigInt(bal.result as string) > 0n)
  const bad = await ask(A, 'eth_getBalance', ['not an address', 'latest'])
  assert.ok('error' in bad && typeof bad.error.code === 'number')
})

test('methods refused by policy get 4200 with the reason; unknown ones -32601 as libraries expect; malformed params get -32602', async () => {
  for (const method of ['eth_sign', 'eth_signTransaction', 'eth_signTypedData', 'eth_subscribe']) {
    const r = await ask(A, method, [])
    assert.ok('error' in r && r.error.code === 4200 && r.error.message.includes(method), `${method}: ${JSON.stringify(r)}`)
  }
  for (const method of ['wallet_doesNotExist', '__proto__', 'constructor', 'anvil_setBalance']) {
    const r = await ask(A, method, [])
    assert.ok('error' in r && r.error.code === -32601, method)
    assert.equal(r.error.message, `The method "${method}" does not exist / is not available.`)
  }
  for (const [method, params] of [
    ['personal_sign', 'hello'],
    ['personal_sign', [{}, ACCOUNT0]],
    ['eth_signTypedData_v4', [ACCOUNT0, '{not json']],
    ['eth_sendTransaction', [{ from: 'me' }]],
    ['eth_sendTransaction', [{ from: ACCOUNT0, to: ACCOUNT0, value: '-1' }]],
    ['wallet_switchEthereumChain', [{ chainId: 901 }]],
    ['wallet_addEthereumChain', [{ chainId: '0x1', rpcUrls: [] }]],
    ['wallet_watchAsset', { type: 'ERC721', options: {} }],
  ] as const) {
    const r = await ask(A, method, params)
    assert.ok('error' in r && r.error.code === -32602, `${method} ${JSON.stringify(params)} -> ${JSON.stringify(r)}`)
  }
})

test('closing the approval window rejects what it showed', async () => {
  const p1 = nextId
  await ask(B, 'eth_requestAccounts', [])
  await ask(B, 'wallet_requestPermissions', [{ eth_accounts: {} }])
  const { total } = await h.provider.currentApproval()
  assert.equal(total, 2, 'queued in one window')
  assert.equal(h.platform.windows.size, 1)
  const [windowId] = h.platform.windows.keys()
  h.platform.windows.delete(windowId)
  await h.provider.onWindowRemoved(windowId)
  const replies = h.platform.responses(B.tabId).filter((r) => r.id === p1 || r.id === p1 + 1)
  assert.equal(replies.length, 2)
  for (const r of replies) assert.ok('error' in r.reply && r.reply.error.code === 4001)
})

test('a pending approval survives a service-worker restart while its window is open (its document says hello again), and fails with 4900 if the window is gone', async () => {
  const id = nextId++
  await h.provider.request({ id, method: 'personal_sign', params: ['0x6869', ACCOUNT0] }, A)
  const restarted = await h.restart()
  const { approval } = await restarted.provider.currentApproval()
  assert.ok(approval, 'still pending after the restart')
  assert.equal((await restarted.wallet.state()).unlocked, true, 'the session survived too')
  // the relay's port closed with the old worker; it opens a new one with its secret and what it waits for
  for (const who of [A, B, B_IN_A]) await openPage(restarted, who, who === A ? [id] : [])
  await restarted.provider.resolveApproval(approval.id, { approved: true })
  const reply = restarted.platform.responses(A.tabId).find((r) => r.id === id)!.reply
  assert.ok('result' in reply)

  const id2 = nextId++
  await restarted.provider.request({ id: id2, method: 'personal_sign', params: ['0x6869', ACCOUNT0] }, A)
  restarted.platform.windows.clear() // the browser closed the window while the worker was stopped
  const again = await restarted.restart()
  assert.equal((await again.provider.currentApproval()).total, 0)
  for (const who of [A, B, B_IN_A]) await openPage(again, who, who === A ? [id2] : [])
  const r2 = again.platform.responses(A.tabId).find((r) => r.id === id2)!.reply
  assert.ok('error' in r2 && r2.error.code === 4900)
  h = again
})

test('revoking a site empties its accounts and tells its frames', async () => {
  assert.deepEqual(await ask(A, 'wallet_revokePermissions', [{ eth_accounts: {} }]), { result: null })
  assert.deepEqual(await ask(A, 'eth_accounts'), { result: [] })
  assert.deepEqual(h.platform.events(A.tabId, A.frameId, 'accountsChanged').at(-1)?.data, [])
})

test('1,000 hostile requests each get an error and the wallet keeps answering', async () => {
  const hostile: unknown[] = [
    undefined, null, 42, 'x'.repeat(10_000), [], {}, { __proto__: { polluted: true } }, [[[[[[]]]]]],
    [{ from: ACCOUNT0, constructor: { prototype: { polluted: true } } }], JSON.parse('{"__proto__": {"polluted": 1}}'),
  ]
  const methods = ['eth_sendTransaction', 'personal_sign', 'eth_signTypedData_v4', 'wallet_switchEthereumChain', 'wallet_addEthereumChain', 'wallet_watchAsset', 'wallet_requestPermissions', 'eth_call', 'nope', 'toString']
  const replies = await Promise.all(
    Array.from({ length: 1000 }, (_, i) => h.provider.request({ id: 10_000 + i, method: methods[i % methods.length], params: hostile[Math.floor(i / 10) % hostile.length] as never }, B)),
  )
  for (const r of replies) assert.ok('error' in r || 'deferred' in r || 'result' in r)
  const errors = replies.filter((r) => 'error' in r).length
  assert.ok(errors >= 900, `most are refused at once (${errors})`)
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution')
  assert.deepEqual(await ask(A, 'eth_chainId'), { result: '0x384' })
  // whatever got queued is bounded per origin
  assert.ok((await h.provider.currentApproval()).total <= 10)
})
