// Names and allowances, and the provider's side of know-what-you-sign, through the whole wallet
// (src/core.ts over MemoryKV, the UI calls with their contracts) against the devnet:
//  - ENS on the devnet's L1 (the devnet's own registry, resolver, reverse registrar, universal
//    resolver): alice.eth resolves from an L2's Send (through its L1), her address shows her
//    primary name, an address book name comes first, an unknown name is a sentence;
//  - the allowances of an account on 901, found from logs through a node that refuses ranges over
//    20 blocks (the scan halves them), valued by one multicall, then only new blocks scanned;
//    the revoke is prepared with its fee (the L1 data fee on this rollup), sent and gone;
//  - a dApp's approve(max) lowered in the window: what is signed carries the lower amount; a
//    transaction that reverts opens the window (marked) instead of failing unseen.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, decodeFunctionData, encodeFunctionData, http, maxUint256, type Address, type Hex } from 'viem'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { devnetNetworks } from '../../src/chains/devnet.ts'
import type { Network } from '../../src/chains/types.ts'
import { makeWallet, type Harness } from '../support/wallet-harness.ts'
import { newDocSecret, openPage } from '../support/pages.ts'
import { deploySigningContracts, testContract, type SigningContracts } from '../support/signing-contracts.ts'
import { filterProxy, type FilterProxy } from '../support/rpc-filter.ts'

let devnet: Devnet
let h: Harness
let c: SigningContracts
let proxy: FilterProxy
let me: Address
const SITE = { origin: 'https://dex.example', tabId: 3, frameId: 0, doc: newDocSecret() }
let nextId = 1

before(async () => {
  devnet = await startDevnet({ ports: 'auto', l2BlockTime: 1 })
  const networks = devnetNetworks(devnet.manifest)
  const l2 = networks.find((n) => n.chainId === 901)!
  // 901 through a node that refuses eth_getLogs over more than 20 blocks, as public nodes do
  proxy = await filterProxy(l2.rpcUrls[0], (method, params) => {
    if (method !== 'eth_getLogs') return null
    const f = params[0] as { fromBlock: Hex; toBlock: Hex }
    return BigInt(f.toBlock) - BigInt(f.fromBlock) > 20n ? { code: -32005, message: 'query exceeds max block range 20' } : null
  })
  const wrapped: Network[] = networks.map((n) => (n.chainId === 901 ? { ...n, rpcUrls: [proxy.url] } : n))
  me = devnet.accounts[0].address
  c = await deploySigningContracts(l2.rpcUrls[0], 901, devnet.accounts[9].privateKey, me)
  h = await makeWallet({ networks: wrapped })
  // the site's document says hello, as its relay does on its first request
  await openPage(h, SITE)
  await h.wallet.switchChain(901)
})
after(async () => {
  await proxy?.close()
  await devnet?.stop()
})

const T = () => testContract('TestToken').abi

test('ENS: alice.eth resolves for a Send on the L2 through its L1; her address shows her primary name; the address book comes first', async () => {
  const alice = devnet.manifest.l1.ensNames!['alice.eth']!
  const r = await h.call('names.resolve', { name: 'Alice.ETH', chainId: 901 })
  assert.deepEqual(r, { name: 'alice.eth', address: alice, chainId: 900, chainName: 'Devnet L1' })
  await assert.rejects(h.call('names.resolve', { name: 'bob.eth', chainId: 901 }), /bob\.eth has no address on Devnet L1's ENS/)
  await assert.rejects(h.call('names.resolve', { name: 'b ob.eth' }), /Only names with letters/)
  const other = devnet.accounts[4].address
  assert.deepEqual(await h.call('names.lookup', { addresses: [alice, other, me], chainId: 901 }), {
    [alice]: { name: 'alice.eth', source: 'ens' },
    [me]: { name: 'Account 1', source: 'account' },
  })
  await h.call('names.putContact', { address: alice, name: 'Alice (book)' })
  assert.deepEqual((await h.call('names.lookup', { addresses: [alice] }))[alice], { name: 'Alice (book)', source: 'book' })
  await h.call('names.removeContact', { address: alice })
})

async function dappTx(data: Hex, to: Address, decide: (approval: { id: string; request: unknown }) => Promise<void>) {
  const id = nextId++
  const reply = await h.provider.request({ id, method: 'eth_sendTransaction', params: [{ from: me, to, data }] }, SITE)
  assert.deepEqual(reply, { deferred: true })
  const { approval } = await h.provider.currentApproval()
  assert.ok(approval)
  await decide(approval)
  return h.platform.responses(SITE.tabId, SITE.frameId).find((r) => r.id === id)!.reply
}

test("a dApp's approve(max) lowered in the window is signed with the lower amount; a reverting call opens the window, marked", async () => {
  const connect = await h.provider.request({ id: nextId++, method: 'eth_requestAccounts', params: [] }, SITE)
  assert.deepEqual(connect, { deferred: true })
  await h.provider.resolveApproval((await h.provider.currentApproval()).approval!.id, { approved: true })

  const reply = await dappTx(encodeFunctionData({ abi: T(), functionName: 'approve', args: [c.swap, maxUint256] }), c.token, async (a) => {
    const insight = await h.call('simulate.tx', { tx: (a.request as { tx: never }).tx })
    assert.ok(insight.warnings.some((w) => w.code === 'unlimited-approval'))
    await h.call('approvals.resolve', { id: a.id, decision: { approved: true, approveAmount: '250000' } })
  })
  assert.ok('result' in (reply as object), JSON.stringify(reply))
  const l2 = createPublicClient({ transport: http(devnet.l2[901]!.url) })
  const hash = (reply as { result: Hex }).result
  await l2.waitForTransactionReceipt({ hash })
  assert.deepEqual(decodeFunctionData({ abi: T(), data: (await l2.getTransaction({ hash })).input }).args, [c.swap, 250000n])

  const rev = await dappTx(encodeFunctionData({ abi: testContract('TestSwap').abi, functionName: 'swapExactTokensForETH', args: [10n ** 12n, 0n, [c.token, '0x4200000000000000000000000000000000000006'], me, 2n ** 40n] }), c.swap, async (a) => {
    const r = a.request as { willRevert?: string; tx: never }
    assert.match(r.willRevert ?? '', /would fail/)
    const insight = await h.call('simulate.tx', { tx: r.tx })
    assert.equal(insight.simulation.status, 'reverted')
    assert.match(insight.simulation.revert!.reason, /allowance too low|balance too low/)
    await h.call('approvals.resolve', { id: a.id, decision: { approved: false } })
  })
  assert.equal((rev as { error: { code: number } }).error.code, 4001)
})

test('allowances: found through a node that refuses large log ranges, valued by one multicall, revoked with the L1 fee, then only new blocks scanned', async () => {
  // the scan starts at block 0: the chain must be longer than the node's 20-block limit for it to be refused
  const direct = createPublicClient({ transport: http(devnet.l2[901]!.url) })
  const end = Date.now() + 60_000
  while ((await direct.getBlockNumber()) <= 30n) {
    assert.ok(Date.now() < end, 'the L2 reached block 31 within a minute')
    await new Promise((r) => setTimeout(r, 500))
  }
  proxy.counts.clear()
  const first = await h.call('allowances.list', { owner: me, chainIds: [901] })
  assert.equal(first[0].error, null)
  assert.deepEqual(first[0].rows.map((r) => [r.kind, r.token, r.spender, r.amount, r.symbol, r.decimals]), [['erc20', c.token, c.swap, '250000', 'TST', 4]])
  assert.ok((proxy.counts.get('eth_getLogs') ?? 0) > 1, 'the refused range was split')
  assert.equal(proxy.counts.get('eth_call'), 1, 'one multicall for the values and the metadata')

  const q = await h.call('allowances.prepareRevoke', { owner: me, row: { chainId: 901, kind: 'erc20', token: c.token, spender: c.swap } })
  assert.ok(q.fee && BigInt(q.fee.l1Data) > 0n, 'the revoke fee includes the L1 data fee')
  const { hash } = await h.call('tx.send', { tx: q.tx, title: 'Revoke TST' })
  const l2 = createPublicClient({ transport: http(devnet.l2[901]!.url) })
  assert.equal((await l2.waitForTransactionReceipt({ hash: hash as Hex })).status, 'success')

  proxy.counts.clear()
  const after = await h.call('allowances.list', { owner: me, chainIds: [901] })
  assert.deepEqual(after[0].rows, [], 'the revoked allowance is gone')
  assert.ok((proxy.counts.get('eth_getLogs') ?? 0) <= 2, `only the new blocks are scanned (${proxy.counts.get('eth_getLogs')} requests)`)
  assert.equal(after[0].fromBlock, first[0].fromBlock)
})
