// The rollup fee model against what devnet chain 901 really charges (anvil --optimism, Jovian rules,
// GasPriceOracle 1.3.0): 32 transactions with 0..10 KB of calldata, zero-heavy and random, each
// prepared, quoted, signed and mined exactly as quoted. The quote must be within 1% (median) of the
// fee charged and its maximum never below it. Also: the oracle without operator-fee support, and
// "Max" leaving a balance ≥ 0.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { encodeFunctionData, parseEther } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { devnetNetworks } from '../../src/chains/devnet.ts'
import type { Network } from '../../src/chains/types.ts'
import { publicClientFor } from '../../src/chains/rpc-client.ts'
import { clearFeeModelCache, feeModelOf, gasPriceOracleAbi } from '../../src/rollup/fees-detect.ts'
import { GAS_PRICE_ORACLE } from '../../src/chains/predeploys.ts'
import { rollupFeeQuote } from '../../src/rollup/fees.ts'
import { maxNativeSend } from '../../src/rollup/max-send.ts'
import { prepareTx, toViemTx } from '../../src/tx/prepare.ts'
import type { FeeQuote } from '../../src/tx/types.ts'
import { makeWallet } from '../support/wallet-harness.ts'
import { openPage } from '../support/pages.ts'
import { calldataCases, describeSamples, measureFees, percentile, plainClient } from './fees-measure.ts'

let devnet: Devnet
let networks: Network[]
const net = (id: number) => networks.find((n) => n.chainId === id)!

before(async () => {
  devnet = await startDevnet({ ports: 'auto', l2BlockTime: 1 })
  networks = devnetNetworks(devnet.manifest)
  clearFeeModelCache()
})
after(async () => {
  await devnet?.stop()
})

test('the fee model is found by probing: 901 and 902 are OP Stack without operator fee, 900 is plain EIP-1559', async () => {
  assert.deepEqual(await feeModelOf(net(901), publicClientFor(net(901))), { kind: 'op', operatorFee: false })
  assert.deepEqual(await feeModelOf(net(902), publicClientFor(net(902))), { kind: 'op', operatorFee: false })
  assert.deepEqual(await feeModelOf(net(900), publicClientFor(net(900))), { kind: 'l1' })
})

test('a GasPriceOracle without getOperatorFee (1.3.0): the quote has L1 data, operator 0, and does not throw', async () => {
  const client = publicClientFor(net(901))
  const from = devnet.accounts[19]!.address
  // the oracle really lacks the function: calling it reverts
  await assert.rejects(client.call({ to: GAS_PRICE_ORACLE, data: encodeFunctionData({ abi: gasPriceOracleAbi, functionName: 'getOperatorFee', args: [21_000n] }) }))
  const tx = await prepareTx(client, 901, { from, to: from, value: 1n })
  const q = await rollupFeeQuote(net(901), client, tx)
  assert.equal(q.opStack, true)
  assert.equal(q.operator, '0')
  assert.ok(BigInt(q.l1Data) > 0n, 'an L1 data fee is quoted')
  assert.equal(BigInt(q.total), BigInt(q.execution) + BigInt(q.l1Data))
  assert.ok(BigInt(q.max) > BigInt(q.total))
})

test('32 transactions, 0..10 KB calldata on 901: median error ≤ 1%, the maximum never below the fee charged', async () => {
  const cases = calldataCases()
  assert.ok(cases.length >= 30)
  const keys = [10, 11, 12, 13, 14, 15, 16, 17].map((i) => devnet.accounts[i]!.privateKey)
  const samples = await measureFees({ network: net(901), keys, cases })
  for (const line of describeSamples(samples)) console.log(line)
  assert.equal(samples.length, cases.length)
  for (const s of samples) {
    assert.ok(BigInt(s.quote.l1Data) > 0n, `${s.name}: L1 data fee quoted`)
    assert.ok(s.maxCoversActual, `${s.name}: max ${s.quote.max} < charged ${s.actual}`)
  }
  const median = percentile(samples.map((s) => s.error), 0.5)
  assert.ok(median <= 0.01, `median error ${(median * 100).toFixed(3)}%`)
  // the L1 part grows with the calldata and dominates big random payloads less than zero-heavy ones
  const big = samples.find((s) => s.name === '10240 B random')!
  const small = samples.find((s) => s.name === '0 B random')!
  assert.ok(BigInt(big.quote.l1Data) > 10n * BigInt(small.quote.l1Data), 'L1 data fee scales with the bytes')
})

test('Max on 901: value = balance − max fee (with the L1 fee of that very value); mined; balance left ≥ 0', async () => {
  const network = net(901)
  const client = publicClientFor(network)
  const funder = privateKeyToAccount(devnet.accounts[18]!.privateKey)
  const me = privateKeyToAccount(generatePrivateKey())
  // a fresh account with an odd balance, funded by a transfer (no anvil_setBalance on L2s)
  const fundTx = await prepareTx(client, 901, { from: funder.address, to: me.address, value: parseEther('0.123456789') })
  const fundHash = await client.sendRawTransaction({ serializedTransaction: await funder.signTransaction(toViemTx(fundTx)) })
  await client.waitForTransactionReceipt({ hash: fundHash, pollingInterval: 200 })

  const max = await maxNativeSend({ network, client, quote: rollupFeeQuote, from: me.address, to: funder.address })
  assert.ok(max.value + BigInt(max.fee.max) <= max.balance, 'value + max fee fits the balance')
  assert.ok(BigInt(max.fee.l1Data) > 0n, 'the L1 data fee is reserved too')
  const hash = await client.sendRawTransaction({ serializedTransaction: await me.signTransaction(toViemTx(max.tx)) })
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 200 })
  assert.equal(receipt.status, 'success')
  const left = await plainClient(network.rpcUrls[0]).getBalance({ address: me.address })
  assert.ok(left >= 0n)
  // what is left is the unused part of the reserved maximum: less than the reservation itself
  assert.ok(left < BigInt(max.fee.max), `left ${left} < reserved ${max.fee.max}`)
  console.log(`Max: balance ${max.balance}, sent ${max.value}, reserved ${max.fee.max}, left ${left}`)
})

test('the wallet uses the rollup fee model by default: a dApp transaction on 901 is approved with L1 data; 900 has none', async () => {
  const h = await makeWallet({ networks })
  const site = await openPage(h, { origin: 'https://fees.example', tabId: 7, frameId: 0 })
  const account = (await h.wallet.state()).selected!
  await h.provider.request({ id: 1, method: 'eth_requestAccounts' }, site)
  const connect = (await h.provider.currentApproval()).approval!
  await h.provider.resolveApproval(connect.id, { approved: true, accounts: [account] })
  for (const [chainId, hasL1] of [[901, true], [900, false]] as const) {
    // a chain per site (issue 14): the site's own chain, not the wallet's, decides where it sends
    await h.provider.setSiteChain(site.origin, chainId)
    const reply = await h.provider.request({ id: 2 + chainId, method: 'eth_sendTransaction', params: [{ from: account, to: account, value: '0x1', data: '0x1234' }] }, site)
    assert.deepEqual(reply, { deferred: true })
    const { approval } = await h.provider.currentApproval()
    assert.equal(approval?.request.kind, 'sendTx')
    const fee = (approval!.request as { fee: FeeQuote | null }).fee!
    assert.equal(fee.opStack, hasL1, `chain ${chainId}`)
    assert.equal(BigInt(fee.l1Data) > 0n, hasL1, `chain ${chainId}: L1 data fee`)
    assert.ok(BigInt(fee.max) >= BigInt(fee.total) && BigInt(fee.total) > 0n)
    await h.provider.resolveApproval(approval!.id, { approved: false })
  }
})

test("the send screen's calls: Max through 'send.max', signed by the keyring through 'tx.send', mined with a balance ≥ 0", async () => {
  const h = await makeWallet({ networks })
  const from = (await h.wallet.state()).selected!
  const to = devnet.accounts[1]!.address
  // the background checks the recipient as the screen does: one letter's case flipped breaks the EIP-55 checksum
  const i = to.search(/[a-fA-F]/)
  const flipped = `${to.slice(0, i)}${to[i] === to[i].toUpperCase() ? to[i].toLowerCase() : to[i].toUpperCase()}${to.slice(i + 1)}`
  await assert.rejects((h.call('send.prepare', { chainId: 901, from, to: flipped, amount: '1', token: null })), /checksum does not match/)
  await assert.rejects((h.call('send.prepare', { chainId: 901, from, to: to.slice(0, 20), amount: '1', token: null })), /40 hex digits/)
  const max = await h.call('send.max', { chainId: 901, from, to })
  assert.ok(BigInt(max.value) + BigInt(max.fee.max) <= BigInt(max.balance))
  const { hash } = await h.call('tx.send', { tx: max.tx, title: 'Max' })
  const client = plainClient(net(901).rpcUrls[0])
  assert.equal((await client.waitForTransactionReceipt({ hash: hash as `0x${string}`, pollingInterval: 200 })).status, 'success')
  const left = await client.getBalance({ address: from })
  assert.ok(left >= 0n && left < BigInt(max.fee.max))
})
