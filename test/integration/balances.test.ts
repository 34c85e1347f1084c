// The balance engine against the devnet (real anvil chains, real OP Stack bridge contracts):
// after an ETH deposit to 901 and a PHA deposit to 902 sent through the wallet itself, the
// engine shows ETH and PHA on L1, 901 and 902, equal to what the chains say, with PHA's L2
// addresses paired to its L1 address as the L2 tokens themselves say; every refresh is one HTTP
// request per chain; a dead chain and a silent one keep their last figures,
// marked stale, without holding up the others; the activity watcher settles what the wallet
// sent and refreshes that chain. Requests are counted at a proxy in front of anvil.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createPublicClient, encodeFunctionData, getAddress, http, parseAbi, parseEther, parseEventLogs, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { l1Clients } from '../../devnet/testing.ts'
import { devnetNetworks } from '../../src/chains/devnet.ts'
import type { Network } from '../../src/chains/types.ts'
import { erc20Abi, mintableErc20Abi } from '../../src/abi/erc20.ts'
import { ethDepositTxs, erc20DepositTxs, type FlowTx } from '../../src/bridge/deposit.ts'
import { portfolioView } from '../../src/balances/view.ts'
import { BalanceService } from '../../src/balances/service.ts'
import { devnetTokens } from '../../src/tokens/devnet.ts'
import { ACTIVITY_ALARM } from '../../src/activity/watcher.ts'
import { l2TokenFor } from '../../src/tokens/registry.ts'
import { lookupToken } from '../../src/tokens/lookup.ts'
import { makeWallet, type Harness } from '../support/wallet-harness.ts'
import { closedPort, rpcProxy } from './balances-support.ts'

let devnet: Devnet
let networks: Network[]
let h: Harness
let me: Address
const pf = {
  get balances() {
    return h.core.balances
  },
}
const ui = <K extends Parameters<Harness['call']>[0]>(name: K, params: Parameters<Harness['call']>[1] & object) => h.call(name, params as never)
const l2Pha = (chainId: number) => devnet.manifest.l2s.find((l) => l.chainId === chainId)!.l2Contracts.pha!
const rpc = (chainId: number) => networks.find((n) => n.chainId === chainId)!.rpcUrls[0]
const client = (chainId: number) => createPublicClient({ transport: http(rpc(chainId)) })

/** A transaction through the wallet's one pipeline (prepared with the one headroom rule) and its 'tx.send' call. */
async function send(t: Pick<FlowTx, 'chainId' | 'to' | 'data' | 'value' | 'label'> & { gas?: bigint }): Promise<Hex> {
  const prepared = await h.core.pipeline.prepare(t.chainId, { from: me, to: t.to, value: t.value, data: t.data, ...(t.gas ? { gas: t.gas } : {}) })
  const { hash } = await h.call('tx.send', { tx: prepared, title: t.label })
  await client(t.chainId).waitForTransactionReceipt({ hash: hash as Hex, pollingInterval: 100 })
  return hash as Hex
}

async function until<T>(what: string, fn: () => Promise<T | null | false>, ms = 30_000): Promise<T> {
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
  h = await makeWallet({ networks, devnet: devnet.manifest })
  h.platform.now = () => Date.now() // the cache stamps reads with the platform's clock: real time here
  me = (await h.wallet.state()).selected!
  // PHA for the wallet's account, from the devnet's asset deployer
  const deployer = l1Clients(devnet.manifest, privateKeyToAccount(devnet.roles.assetDeployer.privateKey))
  const hash = await deployer.wallet.writeContract({ address: devnet.manifest.l1.contracts.pha!, abi: erc20Abi, functionName: 'transfer', args: [me, parseEther('500')] })
  await deployer.public.waitForTransactionReceipt({ hash })
})
after(async () => {
  await devnet?.stop()
})

test('after an ETH deposit to 901 and a PHA deposit to 902, each token shows on L1, 901 and 902 as the chains say', async () => {
  const [r901, r902] = networks.filter((n) => n.rollup).map((n) => n.rollup!)
  const l1Pha = devnet.manifest.l1.contracts.pha!
  const eth901Before = await client(901).getBalance({ address: me })
  for (const t of ethDepositTxs(r901, { to: me, amount: parseEther('1.5') })) await send(t)
  const allowance = await client(900).readContract({ address: l1Pha, abi: erc20Abi, functionName: 'allowance', args: [me, r902.l1StandardBridge!] })
  for (const t of erc20DepositTxs(r902, { l1Token: l1Pha, l2Token: l2Pha(902), to: me, amount: parseEther('120'), allowance, symbol: 'PHA', decimals: 18 })) await send(t)
  await until('the deposits on L2', async () => (await client(901).getBalance({ address: me })) === eth901Before + parseEther('1.5') && (await client(902).readContract({ address: l2Pha(902), abi: erc20Abi, functionName: 'balanceOf', args: [me] })) === parseEther('120'))

  const { balances, meta, chainIds } = await ui('balances.refresh', {})
  assert.deepEqual(chainIds, [900, 901, 902], 'the active chain (900) and its rollups')
  const view = portfolioView(meta, balances, chainIds, Date.now())
  assert.ok(view.columns.every((c) => c.status === 'fresh'))
  for (const id of ['eth', 'pha']) {
    const row = view.rows.find((r) => r.token.id === id)!
    for (const cell of row.cells) {
      const c = client(cell.chainId)
      const block = BigInt(balances.chains[String(cell.chainId)].block!)
      const onChain =
        id === 'eth'
          ? await c.getBalance({ address: me, blockNumber: block })
          : await c.readContract({ address: cell.chainId === 900 ? l1Pha : l2Pha(cell.chainId), abi: erc20Abi, functionName: 'balanceOf', args: [me], blockNumber: block })
      assert.equal(cell.amount, onChain, `${id} on ${cell.chainId} at block ${block}`)
    }
    assert.equal(row.total, row.cells.reduce((s, c) => s + c.amount!, 0n))
  }
  const pha = view.rows.find((r) => r.token.id === 'pha')!
  assert.deepEqual(pha.cells.map((c) => c.amount), [parseEther('380'), 0n, parseEther('120')])
  assert.equal(pha.total, parseEther('500'))

  // the pairs: the registry's L2 PHA is the token whose own remoteToken() is L1 PHA
  const { tokens } = await pf.balances.registry()
  for (const chainId of [901, 902]) {
    const paired = l2TokenFor(tokens, networks, 900, l1Pha, chainId)
    assert.equal(paired, l2Pha(chainId))
    assert.equal(await client(chainId).readContract({ address: paired as Address, abi: mintableErc20Abi, functionName: 'remoteToken' }), l1Pha)
    assert.equal((await lookupToken(networks.find((n) => n.chainId === chainId)!, paired as Address)).l1Token, l1Pha)
  }
})

test('a token that exists only as an L2 OptimismMintableERC20 pairs itself with its L1 token when added', async () => {
  // an L1 token with no entry anywhere, and its L2 representation from the L2 factory predeploy
  const l1 = l1Clients(devnet.manifest, privateKeyToAccount(devnet.accounts[0].privateKey))
  const { bedrock, devnetContract } = await import('../../devnet/lib/contracts.ts')
  const dev = devnetContract('DevToken')
  const l1Token = getAddress((await l1.public.waitForTransactionReceipt({ hash: await l1.wallet.deployContract({ abi: dev.abi, bytecode: dev.bytecode, args: ['Rollup Dollar', 'RUSD', 18] }) })).contractAddress!)
  await l1.public.waitForTransactionReceipt({ hash: await l1.wallet.writeContract({ address: l1Token, abi: parseAbi(['function mint(address, uint256)']), functionName: 'mint', args: [me, parseEther('40')] }) })
  const factory = bedrock('OptimismMintableERC20Factory')
  const create = encodeFunctionData({ abi: factory.abi, functionName: 'createOptimismMintableERC20', args: [l1Token, 'Rollup Dollar', 'RUSD'] })
  const createHash = await send({ chainId: 901, to: '0x4200000000000000000000000000000000000012', data: create, value: 0n, label: 'Create RUSD on 901' })
  const created = await client(901).getTransactionReceipt({ hash: createHash })
  const [event] = parseEventLogs({ abi: factory.abi, logs: created.logs, eventName: 'OptimismMintableERC20Created' }) as unknown as { args: { localToken: Address } }[]
  const l2Token = event.args.localToken

  const after = await ui('tokens.add', { chainId: 901, address: l2Token })
  const entry = after.find((t) => Object.values(t.addresses).some((a) => a.toLowerCase() === l2Token.toLowerCase()))!
  assert.equal(entry.symbol, 'RUSD')
  assert.equal(entry.addresses[900], l1Token, 'the L1 address comes from the L2 token itself')
  assert.deepEqual(await ui('tokens.pair', { chainId: 900, address: l1Token, otherChainId: 901 }), { l1ChainId: 900, l1Token, l2ChainId: 901, l2Token: entry.addresses[901] })

  // bridge half of it and see both sides in one row
  const r901 = networks.find((n) => n.chainId === 901)!.rollup!
  for (const t of erc20DepositTxs(r901, { l1Token, l2Token, to: me, amount: parseEther('15'), allowance: 0n, symbol: 'RUSD', decimals: 18 })) await send(t)
  await until('RUSD on 901', async () => (await client(901).readContract({ address: l2Token, abi: erc20Abi, functionName: 'balanceOf', args: [me] })) === parseEther('15'))
  const { balances, meta } = await ui('balances.refresh', { chainIds: [900, 901] })
  const row = portfolioView(meta, balances, [900, 901], Date.now()).rows.find((r) => r.token.id === entry.id)!
  assert.deepEqual(row.cells.map((c) => [c.chainId, c.amount]), [[900, parseEther('25')], [901, parseEther('15')]])
})

test('one HTTP request per chain per refresh (counted at a proxy in front of each chain)', async () => {
  const p = await rpcProxy(Object.fromEntries(networks.map((n) => [String(n.chainId), n.rpcUrls[0]])))
  try {
    for (const n of networks) await ui('networks.setRpcUrls', { chainId: n.chainId, urls: [p.url(String(n.chainId))] })
    await pf.balances.refresh({ chainIds: [900, 901, 902] }) // warm: meta written, nothing else pending
    p.counts.clear()
    const { balances } = await ui('balances.refresh', { chainIds: [900, 901, 902] })
    assert.ok(Object.values(balances.chains).every((c) => c.error === null && Object.keys(c.amounts).length >= 3))
    assert.deepEqual(Object.fromEntries(p.counts), { 900: 1, 901: 1, 902: 1 })
  } finally {
    for (const n of networks) await ui('networks.setRpcUrls', { chainId: n.chainId, urls: [] })
    await p.close()
  }
})

test('several RPC URLs: a dead first URL falls through to the next in the same refresh', async () => {
  const closed = await closedPort()
  const p = await rpcProxy({ 902: rpc(902) })
  await ui('networks.setRpcUrls', { chainId: 902, urls: [`http://127.0.0.1:${closed}`, p.url('902')] })
  try {
    const { balances } = await ui('balances.refresh', { chainIds: [902] })
    assert.equal(balances.chains['902'].error, null)
    assert.equal(BigInt(balances.chains['902'].amounts.pha), parseEther('120'))
    assert.equal(p.counts.get('902'), 1, 'the second URL answered the one request')
  } finally {
    await ui('networks.setRpcUrls', { chainId: 902, urls: [] })
    await p.close()
  }
})

test('tokens a dApp suggested (wallet_watchAsset: no pair recorded) are asked for their L1 token after a refresh', async () => {
  // as wallet_watchAsset records them: metadata only
  const suggested = (address: Address, symbol: string) => h.provider.tokens.add({ chainId: 902, address, symbol, name: symbol, decimals: 18, image: null, addedAt: Date.now(), source: 'https://dapp.example' })
  await suggested(l2Pha(902), 'PHA')
  await suggested('0x4200000000000000000000000000000000000006', 'WETH') // no contract there on the devnet
  await pf.balances.refresh({ chainIds: [902] })
  const checked = await until('the pair checks', async () => {
    const list = await h.provider.tokens.list(902)
    return list.every((t) => t.l1Token !== undefined) ? list : null
  })
  assert.equal(checked.find((t) => t.symbol === 'PHA')!.l1Token, devnet.manifest.l1.contracts.pha)
  assert.equal(checked.find((t) => t.symbol === 'WETH')!.l1Token, null)
  for (const t of checked) await h.provider.tokens.remove(902, t.address)
})

test('a dead chain and a silent chain keep their last figures, marked stale; the others are fresh and not held up', async () => {
  const before = await pf.balances.cache.account(me)
  // 902: a closed port (refused at once); 901: a server that accepts and never answers
  const closed = await closedPort()
  const silent: Server = createServer(() => undefined)
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
  const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
  await ui('networks.setRpcUrls', { chainId: 902, urls: [`http://127.0.0.1:${closed}`] })
  await ui('networks.setRpcUrls', { chainId: 901, urls: [silentUrl] })
  // the same engine with a short timeout, so the silent chain gives up within the test
  const slow = { balances: new BalanceService({ wallet: h.wallet, userTokens: h.provider.tokens, tokens: devnetTokens(devnet.manifest), timeoutMs: 3000 }) }
  try {
    const t0 = Date.now()
    const running = slow.balances.refresh({ chainIds: [900, 901, 902] })
    // L1 lands long before the silent chain times out
    const l1Fresh = await until('L1 in the cache', async () => {
      const a = await slow.balances.cache.account(me)
      return a.chains['900'].at! > before.chains['900'].at! ? Date.now() - t0 : null
    }, 2500)
    assert.ok(l1Fresh < 2500)
    const result = await running
    assert.ok(Date.now() - t0 < 6000, 'the refresh ends with the timeout')
    const { meta } = await ui('balances.refresh', { chainIds: [900] })
    const view = portfolioView(meta, result, [900, 901, 902], Date.now())
    assert.deepEqual(view.columns.map((c) => c.status), ['fresh', 'stale', 'stale'])
    assert.match(view.columns[1].error!, /no answer in time/)
    assert.match(view.columns[2].error!, /cannot be reached/)
    for (const id of ['901', '902']) {
      assert.deepEqual(result.chains[id].amounts, before.chains[id].amounts, `chain ${id} keeps its last good figures`)
      assert.equal(result.chains[id].at, before.chains[id].at)
    }
    const pha = view.rows.find((r) => r.token.id === 'pha')!
    assert.equal(pha.total, parseEther('500'), 'the total still counts the stale figures')
    assert.equal(pha.partial, true)
  } finally {
    await ui('networks.setRpcUrls', { chainId: 902, urls: [] })
    await ui('networks.setRpcUrls', { chainId: 901, urls: [] })
    silent.closeAllConnections()
    silent.close()
  }
})

test('the watcher settles what the wallet sent (confirmed with its fee, failed), refreshes that chain, and stops when nothing is pending', async () => {
  const recipient = devnet.accounts[7].address
  const prepared = await h.core.pipeline.prepare(901, { from: me, to: recipient, value: parseEther('0.25') })
  const { hash } = await h.call('tx.send', { tx: prepared, title: 'Send 0.25 ETH' })
  // a transfer of more PHA than the account holds, with the gas given so it is sent and reverts
  const failing = await h.core.pipeline.prepare(902, { from: me, to: l2Pha(902), value: 0n, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [recipient, parseEther('999999')] }), gas: 100_000n })
  const { hash: bad } = await h.call('tx.send', { tx: failing, title: 'Send PHA' })
  assert.ok(h.platform.alarms.has(ACTIVITY_ALARM), 'a pending transaction arms the watcher')
  await Promise.all([client(901).waitForTransactionReceipt({ hash: hash as Hex, pollingInterval: 100 }), client(902).waitForTransactionReceipt({ hash: bad as Hex, pollingInterval: 100 })])

  const before = (await pf.balances.cache.account(me)).chains['901'].at!
  await h.wallet.alarms.dispatch(ACTIVITY_ALARM)
  const [ok, failed] = [(await h.core.activity.list({ chainId: 901 })).find((r) => r.hash === hash)!, (await h.core.activity.list({ chainId: 902 })).find((r) => r.hash === bad)!]
  const receipt = await client(901).getTransactionReceipt({ hash: hash as Hex })
  assert.equal(ok.status, 'confirmed')
  assert.equal(ok.blockNumber, Number(receipt.blockNumber))
  assert.equal(ok.feePaid, (receipt.gasUsed * receipt.effectiveGasPrice).toString())
  assert.equal(failed.status, 'failed')
  assert.ok(h.platform.notifications.some((n) => n.title === 'Transaction confirmed' && n.message === 'Send 0.25 ETH on Devnet OP 901 (fault proofs)'))
  assert.ok(!h.platform.alarms.has(ACTIVITY_ALARM), 'nothing pending: no alarm')

  const after = (await pf.balances.cache.account(me)).chains['901']
  assert.ok(after.at! > before, 'the chain was refreshed')
  assert.equal(BigInt(after.amounts.eth), await client(901).getBalance({ address: me, blockNumber: BigInt(after.block!) }))
})
