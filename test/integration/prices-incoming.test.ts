// Fiat without a backend and tokens that came in, against the devnet: the devnet's ETH / USD feed
// (Chainlink's AggregatorV3Interface) prices ETH on L1 and on both L2s, a new round is read after
// the minute a read counts as fresh (or at once when forced), PHA has no feed and so no price, a
// chain whose RPC is down leaves the price unread with its reason; an ERC-20 transfer to the
// wallet's account from someone else shows as incoming from its Transfer log, each chain scanned
// from where it was left.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { parseAbi, parseEther, type Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startDevnet, ETH_USD_FEED, type Devnet } from '../../devnet/index.ts'
import { l1Clients } from '../../devnet/testing.ts'
import { devnetNetworks } from '../../src/chains/devnet.ts'
import type { Network } from '../../src/chains/types.ts'
import { erc20Abi } from '../../src/abi/erc20.ts'
import { priceOf, PRICE_TTL_MS } from '../../src/prices/service.ts'
import { makeWallet, type Harness } from '../support/wallet-harness.ts'
import { closedPort } from './balances-support.ts'

let devnet: Devnet
let networks: Network[]
let h: Harness
let me: Address

before(async () => {
  devnet = await startDevnet({ ports: 'auto', l2BlockTime: 1 })
  networks = devnetNetworks(devnet.manifest)
  h = await makeWallet({ networks, devnet: devnet.manifest })
  h.platform.now = () => Date.now()
  me = (await h.wallet.state()).selected!
})
after(async () => {
  await devnet?.stop()
})

test('the devnet feed prices ETH on L1 and on its rollups; PHA has no feed and no price', async () => {
  const book = await h.core.prices.refresh()
  const eth = priceOf(book, networks, 900, 'eth')
  assert.ok(eth, 'ETH has a price on the devnet L1')
  assert.equal(eth.answer, '300000000000')
  assert.equal(eth.decimals, 8)
  assert.equal(eth.feed, ETH_USD_FEED)
  assert.ok(Math.abs(eth.updatedAt - Date.now()) < 120_000, 'the feed says when it was updated')
  assert.deepEqual(priceOf(book, networks, 901, 'eth'), eth, 'ETH on 901 is the same ETH')
  assert.deepEqual(priceOf(book, networks, 902, 'weth'), eth, 'WETH is priced as ETH')
  assert.equal(priceOf(book, networks, 900, 'pha'), null)
})

test('a new round is read once the last read is a minute old, or at once when forced', async () => {
  const poster = l1Clients(devnet.manifest, privateKeyToAccount(devnet.accounts[5].privateKey))
  const hash = await poster.wallet.writeContract({ address: ETH_USD_FEED, abi: parseAbi(['function update(int256)']), functionName: 'update', args: [312345000000n] })
  await poster.public.waitForTransactionReceipt({ hash })
  const cached = await h.core.prices.refresh()
  assert.equal(priceOf(cached, networks, 900, 'eth')!.answer, '300000000000', 'a read younger than a minute stands')
  const realNow = h.platform.now
  h.platform.now = () => realNow() + PRICE_TTL_MS + 1000
  try {
    const fresh = await h.core.prices.refresh()
    assert.equal(priceOf(fresh, networks, 901, 'eth')!.answer, '312345000000')
  } finally {
    h.platform.now = realNow
  }
  // the topic the screens follow has it
  const seen = await new Promise<unknown>((resolve) => {
    const stop = h.core.hub.subscribe('prices', null, (v) => {
      stop()
      resolve(v)
    })
  })
  assert.equal(priceOf((seen as { value: Parameters<typeof priceOf>[0] }).value, networks, 900, 'eth')!.answer, '312345000000')
})

test('an L1 whose RPC is down: no price read, the reason kept, the last good price kept', async () => {
  const port = await closedPort()
  const dead = networks.map((n) => (n.chainId === 900 ? { ...n, rpcUrls: [`http://127.0.0.1:${port}`] } : n))
  const h2 = await makeWallet({ networks: dead, devnet: devnet.manifest })
  const book = await h2.core.prices.refresh({ force: true })
  assert.equal(priceOf(book, dead, 900, 'eth'), null)
  assert.ok(book.errors['900'], 'the failure is recorded for the family')
})

test('a token transfer from someone else shows as incoming, found in its Transfer log; the next look reads only new blocks', async () => {
  const deployer = l1Clients(devnet.manifest, privateKeyToAccount(devnet.roles.assetDeployer.privateKey))
  const pha = devnet.manifest.l1.contracts.pha!
  const hash = await deployer.wallet.writeContract({ address: pha, abi: erc20Abi, functionName: 'transfer', args: [me, parseEther('42.5')] })
  await deployer.public.waitForTransactionReceipt({ hash })

  await h.call('balances.setFilter', { chainIds: [900, 901] })
  const r = await h.call('activity.scanIncoming', { address: me })
  assert.deepEqual(r.errors, {})
  const cache = await h.core.incoming.cached(me)
  const got = cache.items.find((x) => x.hash === hash)
  assert.ok(got, `the transfer is listed (found ${JSON.stringify(cache)})`)
  assert.equal(got.value, parseEther('42.5').toString())
  assert.equal(got.symbol, 'PHA')
  assert.equal(got.chainId, 900)
  assert.equal(got.from, deployer.wallet.account.address)
  assert.ok(Math.abs(got.at - Date.now()) < 120_000)
  assert.ok(cache.scanned['900'] && cache.scanned['901'], 'each chain remembers where it was scanned to')

  // a second look: nothing counted twice
  await h.call('activity.scanIncoming', { address: me })
  assert.equal((await h.core.incoming.cached(me)).items.filter((x) => x.hash === hash).length, 1)
})
