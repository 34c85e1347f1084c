// Simulation on the chain's own RPC, against the devnet's OP Stack L2 (anvil 1.7.1 --optimism):
// eth_simulateV1 with traceTransfers (the ETH and token moves of a swap, an approval, an operator,
// NFTs, a revert's reason), the fallback through a node that answers -32601 to eth_simulateV1
// (eth_call with the probe as a state override, balances before and after), and a node with
// neither (a plain eth_call: only the revert). The swap is then sent for real and the balances
// afterwards are compared with the preview; the insight's warnings follow.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createWalletClient, encodeFunctionData, http, maxUint256, parseEther, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { devnetNetworks } from '../../src/chains/devnet.ts'
import { publicClientFor } from '../../src/chains/rpc-client.ts'
import type { Network } from '../../src/chains/types.ts'
import { simulate } from '../../src/simulate/simulate.ts'
import { txInsight, type InsightDeps } from '../../src/simulate/insight.ts'
import { deploySigningContracts, SWAP_RATE, testContract, type SigningContracts } from '../support/signing-contracts.ts'
import { filterProxy, noSimulateV1, noSimulation, type FilterProxy } from '../support/rpc-filter.ts'

let devnet: Devnet
let l2: Network
let c: SigningContracts
let me: Address
let other: Address
const proxies: FilterProxy[] = []
const DEADLINE = 2n ** 40n

before(async () => {
  devnet = await startDevnet({ ports: 'auto', l2BlockTime: 1 })
  l2 = devnetNetworks(devnet.manifest).find((n) => n.chainId === 901)!
  me = devnet.accounts[0].address
  other = devnet.accounts[1].address
  c = await deploySigningContracts(l2.rpcUrls[0], 901, devnet.accounts[9].privateKey, me)
})
after(async () => {
  for (const p of proxies) await p.close()
  await devnet?.stop()
})

const swapData = (min: bigint) => encodeFunctionData({ abi: testContract('TestSwap').abi, functionName: 'swapExactETHForTokens', args: [min, ['0x4200000000000000000000000000000000000006', c.token], me, DEADLINE] })
const half = parseEther('0.5')
/** 0.5 ETH at 3 TST per ETH, in base units (4 decimals) */
const tst = (half * SWAP_RATE) / 10n ** 18n

function via(p: FilterProxy): Network {
  return { ...l2, rpcUrls: [p.url] }
}

function deps(n: Network, known: Address[] = [c.token]): InsightDeps {
  return { network: n, client: publicClientFor(n), knownTokens: known, interactedBefore: async () => false, now: () => Date.now() }
}

test('eth_simulateV1 with traceTransfers: a swap shows −ETH and +TST; the balances afterwards match', async () => {
  const sim = await simulate(l2, { from: me, to: c.swap, value: half, data: swapData(0n) }, { candidates: [] })
  assert.equal(sim.method, 'simulateV1')
  assert.equal(sim.status, 'success')
  assert.deepEqual(sim.changes, [
    { token: null, delta: (-half).toString() },
    { token: c.token, delta: tst.toString() },
  ])

  const client = publicClientFor(l2)
  const tokenAbi = testContract('TestToken').abi
  const balances = async () => ({
    eth: await client.getBalance({ address: me }),
    tst: (await client.readContract({ address: c.token, abi: tokenAbi, functionName: 'balanceOf', args: [me] })) as bigint,
    pool: await client.getBalance({ address: c.swap }),
  })
  const b0 = await balances()
  const wallet = createWalletClient({ account: privateKeyToAccount(devnet.accounts[0].privateKey), transport: http(l2.rpcUrls[0]) })
  const hash = await wallet.sendTransaction({ to: c.swap, value: half, data: swapData(0n), chain: null })
  const r = await client.waitForTransactionReceipt({ hash })
  assert.equal(r.status, 'success')
  const tx = await client.getTransaction({ hash })
  const b1 = await balances()
  assert.equal(b1.tst - b0.tst, BigInt(sim.changes[1].delta), 'TST change as simulated')
  assert.equal(b0.pool - b1.pool, BigInt(sim.changes[0].delta), 'the ETH the swap received is the ETH the account gave')
  // the account also paid the fee: execution (in the receipt) and the L1 data fee (anvil's receipts omit it; it is small)
  const paidBeyond = b0.eth - b1.eth + BigInt(sim.changes[0].delta) - r.gasUsed * r.effectiveGasPrice
  assert.ok(paidBeyond >= 0n && paidBeyond < 10n ** 14n, `ETH change minus the fee is the simulated −0.5 ETH (left over: ${paidBeyond} wei of L1 fee)`)
  assert.equal(tx.value, half)
})

test('eth_simulateV1: approvals, operators and NFT moves of the account; a revert with its decoded reason', async () => {
  const approve = await simulate(l2, { from: me, to: c.token, value: 0n, data: encodeFunctionData({ abi: testContract('TestToken').abi, functionName: 'approve', args: [c.swap, maxUint256] }) }, { candidates: [] })
  assert.deepEqual(approve.approvals, [{ token: c.token, spender: c.swap, amount: maxUint256.toString(), standard: 'erc20' }])
  const op = await simulate(l2, { from: me, to: c.nft, value: 0n, data: encodeFunctionData({ abi: testContract('TestNft').abi, functionName: 'setApprovalForAll', args: [other, true] }) }, { candidates: [] })
  assert.deepEqual(op.operators, [{ collection: c.nft, operator: other, approved: true }])
  const nft = await simulate(l2, { from: me, to: c.nft, value: 0n, data: encodeFunctionData({ abi: testContract('TestNft').abi, functionName: 'transferFrom', args: [me, other, 1n] }) }, { candidates: [] })
  assert.deepEqual(nft.nfts, [{ collection: c.nft, tokenId: '1', amount: '1', direction: 'out', standard: 'erc721' }])
  const multi = await simulate(l2, { from: me, to: c.multi, value: 0n, data: encodeFunctionData({ abi: testContract('TestMulti').abi, functionName: 'safeTransferFrom', args: [me, other, 7n, 3n, '0x'] }) }, { candidates: [] })
  assert.deepEqual(multi.nfts, [{ collection: c.multi, tokenId: '7', amount: '3', direction: 'out', standard: 'erc1155' }])
  const p2 = await simulate(l2, { from: me, to: c.permit2, value: 0n, data: encodeFunctionData({ abi: testContract('TestPermit2').abi, functionName: 'approve', args: [c.token, c.swap, 5n, 1_900_000_000] }) }, { candidates: [] })
  assert.deepEqual(p2.approvals, [{ token: c.token, spender: c.swap, amount: '5', standard: 'permit2', via: c.permit2, expiration: 1_900_000_000 }])

  const rev = await simulate(l2, { from: me, to: c.swap, value: half, data: swapData(tst + 1n) }, { candidates: [] })
  assert.equal(rev.status, 'reverted')
  assert.equal(rev.revert?.reason, 'TestSwap: INSUFFICIENT_OUTPUT_AMOUNT')
  assert.deepEqual(rev.changes, [], 'a reverted call changes nothing')
})

test('a node without eth_simulateV1 (-32601): eth_call with the probe as a state override, balances before and after', async () => {
  const p = await filterProxy(l2.rpcUrls[0], noSimulateV1)
  proxies.push(p)
  const n = via(p)
  const sim = await simulate(n, { from: me, to: c.swap, value: half, data: swapData(0n) }, { candidates: [c.token, c.nft] })
  assert.equal(sim.method, 'callOverrides')
  assert.match(sim.note, /state override/)
  assert.equal(sim.status, 'success')
  assert.deepEqual(sim.changes, [
    { token: null, delta: (-half).toString() },
    { token: c.token, delta: tst.toString() },
  ])
  assert.equal(p.counts.get('eth_simulateV1'), 1, 'eth_simulateV1 was asked once')
  assert.equal(p.http, 1, 'the first simulation asked both ways in one HTTP request (a batch): no second round trip')
  // remembered: the next simulation goes straight to the fallback
  const rev = await simulate(n, { from: me, to: c.swap, value: half, data: swapData(tst + 1n) }, { candidates: [c.token] })
  assert.equal(p.counts.get('eth_simulateV1'), 1, 'and not again')
  assert.equal(p.http, 2, 'one request: the probe alone')
  assert.equal(rev.method, 'callOverrides')
  assert.equal(rev.status, 'reverted')
  assert.equal(rev.revert?.reason, 'TestSwap: INSUFFICIENT_OUTPUT_AMOUNT')
  // an NFT sent to the account reaches the probe's code on the account: accepted, as without code
  const back = await simulate(n, { from: me, to: c.nft, value: 0n, data: encodeFunctionData({ abi: testContract('TestNft').abi, functionName: 'safeTransferFrom', args: [me, me, 2n] }) }, { candidates: [c.nft] })
  assert.equal(back.status, 'success')
})

test('a node that refuses JSON-RPC batches (a JSON-RPC error, or HTTP 400 in plain text): the first simulation asks one way at a time, with the same result', async () => {
  for (const noBatches of ['json-error', 'http-400'] as const) {
    const p = await filterProxy(l2.rpcUrls[0], noSimulateV1, { noBatches })
    proxies.push(p)
    const sim = await simulate(via(p), { from: me, to: c.swap, value: half, data: swapData(0n) }, { candidates: [c.token] })
    assert.equal(sim.method, 'callOverrides', noBatches)
    assert.equal(sim.status, 'success')
    assert.deepEqual(sim.changes, [
      { token: null, delta: (-half).toString() },
      { token: c.token, delta: tst.toString() },
    ])
    assert.equal(p.http, 3, `${noBatches}: the refused batch, then eth_simulateV1, then the probe`)
  }
})

test('a node with neither: a plain eth_call tells only the revert, and the result says so plainly', async () => {
  const p = await filterProxy(l2.rpcUrls[0], noSimulation)
  proxies.push(p)
  const n = via(p)
  const ok = await simulate(n, { from: me, to: c.swap, value: half, data: swapData(0n) }, { candidates: [c.token] })
  assert.equal(ok.method, 'none')
  assert.equal(ok.status, 'success')
  assert.deepEqual(ok.changes, [])
  assert.match(ok.note, /neither/)
  assert.equal(p.http, 2, 'both ways refused in one batch, then the plain eth_call')
  const rev = await simulate(n, { from: me, to: c.swap, value: half, data: swapData(tst + 1n) }, { candidates: [c.token] })
  assert.equal(rev.method, 'none')
  assert.equal(rev.status, 'reverted')
  assert.equal(rev.revert?.reason, 'TestSwap: INSUFFICIENT_OUTPUT_AMOUNT')
})

test('insight: the swap titled with its tokens; approve(max) warns and is editable; approve to an EOA; a transfer to a token contract; sending to yourself', async () => {
  const swap = await txInsight(deps(l2), { chainId: 901, from: me, to: c.swap, value: half, data: swapData(0n) })
  assert.equal(swap.decoded?.title, 'Swap')
  assert.equal(swap.tokens[c.token]?.symbol, 'TST')
  assert.equal(swap.tokens[c.token]?.decimals, 4)

  const approveMax = encodeFunctionData({ abi: testContract('TestToken').abi, functionName: 'approve', args: [c.swap, maxUint256] })
  const a = await txInsight(deps(l2), { chainId: 901, from: me, to: c.token, value: 0n, data: approveMax })
  assert.ok(a.warnings.some((w) => w.code === 'unlimited-approval'), JSON.stringify(a.warnings))
  assert.deepEqual(a.editableApproval, { standard: 'erc20', token: c.token, spender: c.swap, amount: maxUint256.toString(), unlimited: true })
  assert.ok(!a.warnings.some((w) => w.code === 'spender-eoa'))

  const toEoa = await txInsight(deps(l2), { chainId: 901, from: me, to: c.token, value: 0n, data: encodeFunctionData({ abi: testContract('TestToken').abi, functionName: 'approve', args: [other, 10n] }) })
  assert.ok(toEoa.warnings.some((w) => w.code === 'spender-eoa'))

  const toToken = await txInsight(deps(l2), { chainId: 901, from: me, to: c.token, value: 0n, data: encodeFunctionData({ abi: testContract('TestToken').abi, functionName: 'transfer', args: [c.token, 10n] }) })
  assert.ok(toToken.warnings.some((w) => w.code === 'recipient-token'))

  const self = await txInsight(deps(l2), { chainId: 901, from: me, to: me, value: 1n, data: '0x' as Hex })
  assert.ok(self.warnings.some((w) => w.code === 'self-send'))
  assert.ok(!self.warnings.some((w) => w.code === 'recipient-token'))

  const unknown = await txInsight(deps(l2), { chainId: 901, from: me, to: c.swap, value: 0n, data: '0xdeadbeef' })
  assert.equal(unknown.decoded, null)
  assert.ok(unknown.warnings.some((w) => w.code === 'unknown-call'))
  assert.ok(unknown.warnings.some((w) => w.code === 'reverts'))
})
