// The provider as dApps' libraries expect it (MetaMask's behaviour), against the real devnet: a lock
// is not a disconnect, a chain per site, filters served per site (by the node, or emulated where
// the node keeps none), read methods passed through with the node's errors, personal_ecRecover and
// eth_signTypedData_v3, a dApp's own nonce kept, and EIP-5792 batches sent in order.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, encodeFunctionData, http, keccak256, pad, parseEther, recoverTypedDataAddress, toHex, verifyMessage, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { deriveAccount } from '../../devnet/lib/accounts.ts'
import { devnetNetworks } from '../../src/chains/devnet.ts'
import type { Network } from '../../src/chains/types.ts'
import type { ProviderReply } from '../../src/wire/page.ts'
import { makeWallet, TEST_PASSWORD, type Harness } from '../support/wallet-harness.ts'
import { newDocSecret, openPage } from '../support/pages.ts'
import { deployDappContracts, pullerAbi, tokenAbi, type DappContracts } from '../support/dapp-contracts.ts'
import { noFilterProxy, type NoFilterProxy } from '../support/no-filter-proxy.ts'

let devnet: Devnet
let networks: Network[]
let h: Harness
let c901: DappContracts
let c902: DappContracts
let proxy: NoFilterProxy
const A = { origin: 'https://a.example', tabId: 1, frameId: 0, doc: newDocSecret() }
const B = { origin: 'https://b.example', tabId: 2, frameId: 0, doc: newDocSecret() }
const ACCOUNT0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const TRANSFER_TOPIC = keccak256(toHex('Transfer(address,address,uint256)'))
/** the events the filter tests make: mints to an address nothing else receives tokens at */
const RECEIVER = '0x000000000000000000000000000000000000bEEF'
const TO_RECEIVER = [TRANSFER_TOPIC, null, pad(RECEIVER)]
let nextId = 1

const rpcOf = (chainId: number) => (chainId === 900 ? devnet.manifest.l1.rpcUrl : devnet.manifest.l2s.find((l) => l.chainId === chainId)!.rpcUrl)
const clientOf = (chainId: number) => createPublicClient({ transport: http(rpcOf(chainId)), pollingInterval: 100 })

async function ask(who: typeof A, method: string, params?: unknown): Promise<ProviderReply> {
  return h.provider.request({ id: nextId++, method, ...(params === undefined ? {} : { params }) }, who)
}
function result<T = unknown>(r: ProviderReply): T {
  assert.ok('result' in r, `expected a result, got ${JSON.stringify(r)}`)
  return r.result as T
}
function errorOf(r: ProviderReply): { code: number | string; message: string } {
  assert.ok('error' in r, `expected an error, got ${JSON.stringify(r)}`)
  return r.error
}

/** Sends a request that needs the user, approves it as the window would (unlocking first if asked), returns what the page got. */
async function approve(who: typeof A, method: string, params: unknown) {
  const id = nextId++
  assert.deepEqual(await h.provider.request({ id, method, params }, who), { deferred: true }, `${method} waits for the user`)
  const { approval } = await h.provider.currentApproval()
  assert.ok(approval)
  await h.provider.resolveApproval(approval.id, { approved: true })
  return h.platform.responses(who.tabId, who.frameId).find((r) => r.id === id)!.reply
}

async function mint(chainId: number, c: DappContracts, n: number): Promise<void> {
  const account = privateKeyToAccount(deriveAccount(7).privateKey)
  const client = clientOf(chainId)
  for (let i = 0; i < n; i++) {
    const nonce = await client.getTransactionCount({ address: account.address, blockTag: 'pending' })
    const fees = await client.estimateFeesPerGas()
    const raw = await account.signTransaction({ chainId, to: c.token, data: encodeFunctionData({ abi: tokenAbi, functionName: 'mint', args: [RECEIVER, 1000n + BigInt(i)] }), nonce, gas: 100_000n, ...fees })
    const hash = await client.sendRawTransaction({ serializedTransaction: raw })
    await client.waitForTransactionReceipt({ hash })
  }
}

async function until<T>(fn: () => Promise<T | null | undefined | false>, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

before(async () => {
  devnet = await startDevnet({ ports: 'auto', l2BlockTime: 1 })
  networks = devnetNetworks(devnet.manifest)
  h = await makeWallet({ networks })
  await openPage(h, A)
  await openPage(h, B)
  ;[c901, c902] = await Promise.all([deployDappContracts(rpcOf(901), ACCOUNT0), deployDappContracts(rpcOf(902), ACCOUNT0)])
  proxy = await noFilterProxy(rpcOf(902))
  assert.deepEqual(await approve(A, 'eth_requestAccounts', []), { result: [ACCOUNT0] })
})
after(async () => {
  await proxy?.close()
  await devnet?.stop()
})

test('locked is not disconnected: the site keeps its accounts through an auto-lock; signing asks to unlock first; revoking empties them', async () => {
  h.platform.clock += 16 * 60_000 // past the 15-minute auto-lock
  assert.deepEqual(result(await ask(A, 'eth_accounts')), [ACCOUNT0])
  assert.equal((await h.wallet.state()).unlocked, false, 'the wallet locked itself')
  assert.deepEqual(result(await ask(A, 'eth_requestAccounts')), [ACCOUNT0], 'no window for a connected site')
  assert.deepEqual(result(await ask(A, 'eth_coinbase')), ACCOUNT0)
  assert.deepEqual(result(await ask(A, 'metamask_getProviderState')), { isUnlocked: false, chainId: '0x384', networkVersion: '900', accounts: [ACCOUNT0] })
  assert.equal(h.platform.events(A.tabId, A.frameId, 'accountsChanged').filter((e) => (e.data as string[]).length === 0).length, 0, 'no accountsChanged([]) on lock')

  const id = nextId++
  assert.deepEqual(await h.provider.request({ id, method: 'personal_sign', params: ['0x6869', ACCOUNT0] }, A), { deferred: true })
  const current = await h.call('approvals.current', {})
  assert.equal(current.state.unlocked, false, 'the window opens on the unlock step')
  await h.call('keyring.unlock', { password: TEST_PASSWORD })
  await h.provider.resolveApproval(current.approval!.id, { approved: true })
  const reply = h.platform.responses(A.tabId).find((r) => r.id === id)!.reply
  assert.equal(await verifyMessage({ address: ACCOUNT0, message: 'hi', signature: result<Hex>(reply) }), true)
  assert.equal(result<{ isUnlocked: boolean }>(await ask(A, 'metamask_getProviderState')).isUnlocked, true)

  assert.deepEqual(result(await ask(A, 'wallet_revokePermissions', [{ eth_accounts: {} }])), null)
  assert.deepEqual(h.platform.events(A.tabId, A.frameId, 'accountsChanged').at(-1)?.data, [], 'a disconnect is [] at last')
  assert.deepEqual(await approve(A, 'eth_requestAccounts', []), { result: [ACCOUNT0] })
})

test("a chain per site: the wallet's chain moves only the sites that follow it; a site's chain moves only its own tabs; typed data is checked against the site's chain", async () => {
  assert.deepEqual(result(await ask(B, 'eth_chainId')), '0x384') // B follows the wallet
  const aBefore = h.platform.events(A.tabId, A.frameId, 'chainChanged').length
  await h.wallet.switchChain(902)
  await until(async () => h.platform.events(B.tabId, B.frameId, 'chainChanged').at(-1)?.data === '0x386', 'B follows the wallet')
  assert.equal(h.platform.events(A.tabId, A.frameId, 'chainChanged').length, aBefore, 'A kept the chain it connected on')
  assert.deepEqual(result(await ask(A, 'eth_chainId')), '0x384')
  await h.wallet.switchChain(900)
  await until(async () => h.platform.events(B.tabId, B.frameId, 'chainChanged').at(-1)?.data === '0x384', 'B follows the wallet back')

  // the user picks 901 for A in the popup
  const view = await h.call('sites.setChain', { origin: A.origin, chainId: 901 })
  assert.deepEqual({ chainId: view.chainId, connected: view.connected, followsWallet: view.followsWallet }, { chainId: 901, connected: true, followsWallet: false })
  assert.equal((await h.call('sites.current', { tabId: A.tabId }))?.chainId, 901)
  assert.equal(h.platform.events(A.tabId, A.frameId, 'chainChanged').at(-1)?.data, '0x385')
  assert.equal(h.platform.events(B.tabId, B.frameId, 'chainChanged').at(-1)?.data, '0x384', 'B heard only the wallet going back')
  assert.deepEqual(result(await ask(A, 'net_version')), '901')

  const typed = (chainId: number) => JSON.stringify({
    types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }], Mail: [{ name: 'contents', type: 'string' }] },
    primaryType: 'Mail',
    domain: { name: 'T', chainId },
    message: { contents: 'gm' },
  })
  const wrong = errorOf(await ask(A, 'eth_signTypedData_v4', [ACCOUNT0, typed(900)]))
  assert.equal(wrong.code, -32602)
  assert.match(wrong.message, /site's chain is 901/)
  const sig = result<Hex>(await approve(A, 'eth_signTypedData_v3', [ACCOUNT0, typed(901)]))
  const recovered = await recoverTypedDataAddress({ types: { Mail: [{ name: 'contents', type: 'string' }] }, primaryType: 'Mail', domain: { name: 'T', chainId: 901 }, message: { contents: 'gm' }, signature: sig })
  assert.equal(recovered, ACCOUNT0, 'eth_signTypedData_v3 signs for the site chain')
  const withArray = JSON.stringify({ types: { EIP712Domain: [{ name: 'name', type: 'string' }], M: [{ name: 'xs', type: 'uint256[]' }] }, primaryType: 'M', domain: { name: 'T' }, message: { xs: [1] } })
  assert.match(errorOf(await ask(A, 'eth_signTypedData_v3', [ACCOUNT0, withArray])).message, /v3 has no arrays/)
  // personal_ecRecover needs no key and no connection
  const signed = result<Hex>(await approve(A, 'personal_sign', ['0x68656c6c6f', ACCOUNT0]))
  assert.equal(result(await ask(B, 'personal_ecRecover', ['0x68656c6c6f', signed])), ACCOUNT0.toLowerCase())
  assert.equal(result(await ask(B, 'personal_ecRecover', ['hello', signed])), ACCOUNT0.toLowerCase(), 'text is the same message as its bytes')
})

test('filters the node keeps: per site, on the site chain, events of three blocks; another site cannot read them; dropped when the chain changes', async () => {
  assert.deepEqual(result(await ask(A, 'eth_chainId')), '0x385')
  // from the current block: eth_getFilterLogs reads from there (without it, only the latest block)
  const fromBlock = toHex(await clientOf(901).getBlockNumber())
  const logFilter = result<Hex>(await ask(A, 'eth_newFilter', [{ address: c901.token, topics: TO_RECEIVER, fromBlock }]))
  const blockFilter = result<Hex>(await ask(A, 'eth_newBlockFilter', []))
  assert.match(logFilter, /^0x[0-9a-f]{32}$/)
  assert.equal(h.provider.filters.isEmulated(901), false)
  assert.equal(errorOf(await ask(B, 'eth_getFilterChanges', [logFilter])).message, 'filter not found', "B cannot read A's filter")
  assert.equal(result(await ask(B, 'eth_uninstallFilter', [logFilter])), false, "nor remove it")
  await mint(901, c901, 3)
  const logs = await until(async () => {
    const got = result<{ blockNumber: Hex; topics: Hex[] }[]>(await ask(A, 'eth_getFilterChanges', [logFilter]))
    return got.length ? got : null
  }, 'logs')
  const more = result<unknown[]>(await ask(A, 'eth_getFilterChanges', [logFilter]))
  const all = [...logs, ...more] as { blockNumber: Hex }[]
  assert.equal(all.length, 3, 'three Transfer events')
  assert.equal(new Set(all.map((l) => l.blockNumber)).size, 3, 'in three blocks')
  const blocks = result<Hex[]>(await ask(A, 'eth_getFilterChanges', [blockFilter]))
  assert.ok(blocks.length >= 3 && blocks.every((b) => /^0x[0-9a-f]{64}$/.test(b)), `block hashes: ${blocks.length}`)
  assert.equal(result<unknown[]>(await ask(A, 'eth_getFilterLogs', [logFilter])).length, 3)
  assert.equal(result(await ask(A, 'eth_uninstallFilter', [blockFilter])), true)
  assert.equal(errorOf(await ask(A, 'eth_getFilterChanges', [blockFilter])).message, 'filter not found')
  // the site's chain changes: its filters were for the old chain
  await h.call('sites.setChain', { origin: A.origin, chainId: 902 })
  assert.equal((await h.provider.filters.list(A.origin)).length, 0)
  assert.equal(errorOf(await ask(A, 'eth_getFilterChanges', [logFilter])).message, 'filter not found')
})

test('filters on a node that keeps none are emulated over eth_getLogs and block polling; dropped when the RPC URL changes', async () => {
  await h.call('networks.setRpcUrls', { chainId: 902, urls: [proxy.url] })
  assert.deepEqual(result(await ask(A, 'eth_chainId')), '0x386')
  const fromBlock = toHex(await clientOf(902).getBlockNumber())
  const logFilter = result<Hex>(await ask(A, 'eth_newFilter', [{ address: c902.token, topics: TO_RECEIVER, fromBlock }]))
  const blockFilter = result<Hex>(await ask(A, 'eth_newBlockFilter', []))
  const pendingFilter = result<Hex>(await ask(A, 'eth_newPendingTransactionFilter', []))
  assert.equal(h.provider.filters.isEmulated(902), true)
  await mint(902, c902, 3)
  const logs: { blockNumber: Hex; transactionHash: Hex }[] = []
  await until(async () => {
    logs.push(...result<typeof logs>(await ask(A, 'eth_getFilterChanges', [logFilter])))
    return logs.length >= 3
  }, 'emulated logs')
  assert.equal(logs.length, 3, 'each event once')
  assert.equal(new Set(logs.map((l) => l.blockNumber)).size, 3)
  assert.deepEqual(result(await ask(A, 'eth_getFilterChanges', [logFilter])), [], 'nothing new')
  const hashes = result<Hex[]>(await ask(A, 'eth_getFilterChanges', [blockFilter]))
  const client = clientOf(902)
  const latest = await client.getBlock({ blockTag: 'latest' })
  assert.ok(hashes.length >= 3, `block hashes: ${hashes.length}`)
  assert.ok(hashes.includes(latest.hash) || (await client.getBlock({ blockHash: hashes.at(-1)! })).number >= latest.number - 1n)
  assert.deepEqual(result(await ask(A, 'eth_getFilterChanges', [pendingFilter])), [])
  assert.equal(result<unknown[]>(await ask(A, 'eth_getFilterLogs', [logFilter])).length, 3)
  assert.equal(proxy.asked.get('eth_getFilterChanges') ?? 0, 0, 'the node was never asked for filter changes')
  // disconnecting drops the site's filters
  await ask(A, 'wallet_revokePermissions', [{ eth_accounts: {} }])
  assert.equal((await h.provider.filters.list(A.origin)).length, 0)
  assert.deepEqual(await approve(A, 'eth_requestAccounts', []), { result: [ACCOUNT0] })
  // the user edits the chain's RPC URL: filters held on the old node go, and the new node is asked afresh
  await h.call('sites.setChain', { origin: A.origin, chainId: 902 })
  const onOldNode = result<Hex>(await ask(A, 'eth_newBlockFilter', []))
  await h.call('networks.setRpcUrls', { chainId: 902, urls: [] })
  assert.equal((await h.provider.filters.list(A.origin)).length, 0)
  assert.equal(errorOf(await ask(A, 'eth_getFilterChanges', [onOldNode])).message, 'filter not found')
  assert.equal(h.provider.filters.isEmulated(902), false, 'the node behind the new URL is asked whether it keeps filters')
  const onNewNode = result<Hex>(await ask(A, 'eth_newBlockFilter', []))
  assert.equal(h.provider.filters.isEmulated(902), false, 'the real node keeps filters')
  assert.equal(result(await ask(A, 'eth_uninstallFilter', [onNewNode])), true)
})

test('read methods pass to the site chain with the node errors kept; eth_sendRawTransaction passes through', async () => {
  await h.call('sites.setChain', { origin: A.origin, chainId: 900 })
  const receipts = result<unknown[]>(await ask(A, 'eth_getBlockReceipts', ['latest']))
  assert.ok(Array.isArray(receipts))
  const history = result<{ baseFeePerGas: Hex[] }>(await ask(A, 'eth_feeHistory', ['0x2', 'latest', [50]]))
  assert.equal(history.baseFeePerGas.length, 3)
  assert.match(result<string>(await ask(A, 'eth_maxPriorityFeePerGas', [])), /^0x/)
  assert.match(result<string>(await ask(A, 'web3_clientVersion', [])), /anvil/i)
  assert.ok(result<{ accessList: unknown[] }>(await ask(A, 'eth_createAccessList', [{ from: ACCOUNT0, to: c901.token, data: '0x' }, 'latest'])).accessList)
  const nodeError = errorOf(await ask(A, 'eth_getBlockReceipts', ['not a block']))
  assert.equal(typeof nodeError.code, 'number')
  assert.notEqual(nodeError.code, -32601, 'the node answered, not the wallet')
  // a transaction signed elsewhere needs no key of the wallet
  const other = privateKeyToAccount(deriveAccount(8).privateKey)
  const client = clientOf(900)
  const fees = await client.estimateFeesPerGas()
  const raw = await other.signTransaction({ chainId: 900, to: ACCOUNT0, value: 1n, gas: 21_000n, nonce: await client.getTransactionCount({ address: other.address }), ...fees })
  const hash = result<Hex>(await ask(B, 'eth_sendRawTransaction', [raw]))
  assert.equal((await client.waitForTransactionReceipt({ hash })).status, 'success')
})

test("a dApp's own nonce is kept: a replacement replaces; the approval shows the nonce signed", async () => {
  await h.call('sites.setChain', { origin: A.origin, chainId: 901 })
  const client = clientOf(901)
  const mining = (seconds: number) => client.request({ method: 'evm_setIntervalMining' as never, params: [seconds] as never })
  await mining(0) // hold blocks so the first transaction stays pending
  try {
    const nonce = await client.getTransactionCount({ address: ACCOUNT0, blockTag: 'pending' })
    const first = result<Hex>(await approve(A, 'eth_sendTransaction', [{ from: ACCOUNT0, to: B_ADDRESS, value: '0x1', maxFeePerGas: toHex(parseEther('0.00000001')), maxPriorityFeePerGas: toHex(1_000_000n) }]))
    const id = nextId++
    const params = [{ from: ACCOUNT0, to: B_ADDRESS, value: '0x2', nonce: toHex(nonce), maxFeePerGas: toHex(parseEther('0.00000002')), maxPriorityFeePerGas: toHex(5_000_000n) }]
    assert.deepEqual(await h.provider.request({ id, method: 'eth_sendTransaction', params }, A), { deferred: true })
    const { approval } = await h.provider.currentApproval()
    assert.ok(approval && approval.request.kind === 'sendTx')
    assert.equal(approval.request.tx.nonce, nonce, 'the approval shows the nonce the site set')
    assert.equal(approval.request.tx.keepNonce, true)
    await h.provider.resolveApproval(approval.id, { approved: true })
    const second = result<Hex>(h.platform.responses(A.tabId).find((r) => r.id === id)!.reply)
    assert.equal((await client.getTransaction({ hash: second })).nonce, nonce, 'signed with that nonce, not the next free one')
    await client.request({ method: 'evm_mine' as never, params: [] as never })
    assert.equal((await client.getTransactionReceipt({ hash: second })).status, 'success')
    await assert.rejects(client.getTransactionReceipt({ hash: first }), 'the replaced one is gone')
  } finally {
    await mining(1)
  }
})
const B_ADDRESS = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

test('EIP-5792: capabilities per chain; a batch in one approval with every call and the summed fee; sent in order with consecutive nonces; status with receipts; a failed call stops the rest', async () => {
  assert.deepEqual(result(await ask(A, 'eth_chainId')), '0x385')
  const caps = result<Record<string, { atomic: { status: string } }>>(await ask(A, 'wallet_getCapabilities', [ACCOUNT0]))
  assert.deepEqual(Object.keys(caps).sort(), ['0x384', '0x385', '0x386'])
  assert.deepEqual(caps['0x385'], { atomic: { status: 'unsupported' } })
  assert.deepEqual(Object.keys(result<object>(await ask(A, 'wallet_getCapabilities', [ACCOUNT0, ['0x385', '0x1']]))), ['0x385'])
  assert.equal(errorOf(await ask(B, 'wallet_getCapabilities', [ACCOUNT0])).code, 4100)

  const approveData = encodeFunctionData({ abi: tokenAbi, functionName: 'approve', args: [c901.puller, 5n * 10n ** 18n] })
  const pullData = encodeFunctionData({ abi: pullerAbi, functionName: 'pull', args: [c901.token, 5n * 10n ** 18n] })
  const batch = (calls: { to: string; data: Hex }[], extra: object = {}) => [{ version: '2.0.0', chainId: '0x385', from: ACCOUNT0, atomicRequired: false, calls, ...extra }]
  assert.equal(errorOf(await ask(A, 'wallet_sendCalls', [{ ...batch([])[0], atomicRequired: true, calls: [{ to: c901.token, data: approveData }] }])).code, 5760)
  assert.equal(errorOf(await ask(A, 'wallet_sendCalls', batch([{ to: c901.token, data: approveData }], { capabilities: { paymasterService: { url: 'https://x' } } }))).code, 5700)
  assert.equal(errorOf(await ask(A, 'wallet_sendCalls', [{ ...batch([{ to: c901.token, data: approveData }])[0], chainId: '0x384' }])).code, -32602, "not the site's chain")

  const id = nextId++
  assert.deepEqual(await h.provider.request({ id, method: 'wallet_sendCalls', params: batch([{ to: c901.token, data: approveData }, { to: c901.puller, data: pullData }]) }, A), { deferred: true })
  const { approval, total } = await h.provider.currentApproval()
  assert.equal(total, 1, 'one approval for the whole batch')
  assert.ok(approval && approval.request.kind === 'sendCalls')
  const r = approval.request
  assert.equal(r.calls.length, 2)
  assert.equal(r.calls[0].decoded?.functionName, 'approve')
  assert.equal(r.calls[1].nonce, r.calls[0].nonce + 1, 'consecutive nonces shown')
  assert.ok(r.calls.every((c) => c.fee), `both calls quoted (the second simulated after the first): ${JSON.stringify(r.calls.map((c) => c.warning))}`)
  assert.ok(r.fee)
  assert.equal(BigInt(r.fee.total), BigInt(r.calls[0].fee!.total) + BigInt(r.calls[1].fee!.total), 'the whole fee is the sum')
  assert.equal(BigInt(r.fee.total), BigInt(r.fee.execution) + BigInt(r.fee.l1Data) + BigInt(r.fee.operator))
  assert.ok(BigInt(r.fee.l1Data) > 0n, 'an L2 batch pays L1 data')
  // the fee levels offered for every call, each re-quoted; the user picks aggressive
  const lv = r.levels!
  assert.ok(lv.low?.fee && lv.market?.fee && lv.aggressive?.fee, 'three levels, each quoted')
  assert.deepEqual(lv.market.fee, r.fee, 'market is the fees as prepared')
  assert.ok(BigInt(lv.low.fee.max) < BigInt(lv.market.fee.max) && BigInt(lv.market.fee.max) < BigInt(lv.aggressive.fee.max), 'low < market < aggressive (max)')
  await h.provider.resolveApproval(approval.id, { approved: true, feeLevel: 'aggressive' })
  const { id: batchId } = result<{ id: string }>(h.platform.responses(A.tabId).find((x) => x.id === id)!.reply)
  const status = await until(async () => {
    const s = result<{ status: number; receipts: { transactionHash: Hex; blockNumber: Hex; status: Hex }[]; atomic: boolean; chainId: Hex }>(await ask(A, 'wallet_getCallsStatus', [batchId]))
    return s.status !== 100 ? s : null
  }, 'the batch')
  assert.equal(status.status, 200)
  assert.equal(status.atomic, false)
  assert.equal(status.chainId, '0x385')
  assert.equal(status.receipts.length, 2)
  assert.ok(status.receipts.every((x) => x.status === '0x1'))
  const client = clientOf(901)
  const [t1, t2] = await Promise.all(status.receipts.map((x) => client.getTransaction({ hash: x.transactionHash })))
  assert.equal(t2.nonce, t1.nonce + 1, 'consecutive nonces')
  // aggressive = twice the node's tip when each call goes out (anvil's tip follows the tips of recent blocks, so the second may be higher)
  assert.equal(BigInt(lv.aggressive.fields.maxPriorityFeePerGas!), 2n * BigInt(lv.market.fields.maxPriorityFeePerGas!))
  assert.equal(t1.maxPriorityFeePerGas, BigInt(lv.aggressive.fields.maxPriorityFeePerGas!), 'the first call signed at the aggressive level shown')
  assert.ok(t2.maxPriorityFeePerGas! >= t1.maxPriorityFeePerGas!, 'the second at the aggressive level of its own time')
  assert.ok(BigInt(status.receipts[0].blockNumber) < BigInt(status.receipts[1].blockNumber), 'in order, each after the one before was mined')
  assert.equal(await client.readContract({ address: c901.puller, abi: pullerAbi, functionName: 'pulls' }), 1n)
  assert.equal(errorOf(await ask(B, 'wallet_getCallsStatus', [batchId])).code, 5730, "B cannot see A's batch")
  assert.deepEqual(result(await ask(A, 'wallet_showCallsStatus', [batchId])), null)
  assert.ok([...h.platform.windows.values()].includes(`popup.html#/activity?tx=${status.receipts.map((x) => x.transactionHash).join(',')}`), 'the activity opens on the batch')

  // a failed call stops the rest and says which
  const failData = encodeFunctionData({ abi: pullerAbi, functionName: 'fail' })
  const reply = await approve(A, 'wallet_sendCalls', batch([{ to: c901.token, data: approveData }, { to: c901.puller, data: failData }, { to: c901.token, data: approveData }], { id: 'my-batch-1' }))
  assert.deepEqual(result(reply), { id: 'my-batch-1' })
  const failed = await until(async () => {
    const s = result<{ status: number; receipts: unknown[]; capabilities?: { error?: string } }>(await ask(A, 'wallet_getCallsStatus', ['my-batch-1']))
    return s.status !== 100 ? s : null
  }, 'the failing batch')
  assert.equal(failed.status, 600, 'partly done')
  assert.equal(failed.receipts.length, 1, 'only the first call went out')
  assert.match(failed.capabilities?.error ?? '', /call 2 of 3/)
  assert.equal(errorOf(await ask(A, 'wallet_sendCalls', batch([{ to: c901.token, data: approveData }], { id: 'my-batch-1' }))).code, 5720, 'a duplicate id')
  assert.equal(errorOf(await ask(A, 'wallet_getCallsStatus', ['nope'])).code, 5730)
})
