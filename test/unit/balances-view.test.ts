// What the home screen computes from the cache alone: rows per token with the amount on each
// chosen chain (L1 first) and the total, columns with freshness, the default chain choice.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { chainFamilies, chainLabels, defaultChainIds, portfolioView, STALE_AFTER_MS } from '../../src/balances/view.ts'
import type { AccountBalances, BalanceMeta } from '../../src/balances/cache.ts'

const meta: BalanceMeta = {
  v: 1,
  chains: [
    { chainId: 901, name: 'Devnet OP 901 (fault proofs)', shortName: 'Devnet OP 901', l1ChainId: 900, testnet: true, explorerUrl: null },
    { chainId: 900, name: 'Devnet L1', shortName: 'Devnet L1', l1ChainId: null, testnet: true, explorerUrl: null },
    { chainId: 902, name: 'Devnet OP 902', shortName: 'Devnet OP 902', l1ChainId: 900, testnet: true, explorerUrl: null },
    { chainId: 1, name: 'Ethereum', shortName: 'Ethereum', l1ChainId: null, testnet: false, explorerUrl: 'https://etherscan.io' },
    { chainId: 2035, name: 'Phala L2', shortName: 'Phala L2', l1ChainId: 1, testnet: false, explorerUrl: null },
  ],
  tokens: [
    { id: 'eth', symbol: 'ETH', name: 'Ether', decimals: 18, chains: [900, 901, 902, 1, 2035] },
    { id: 'pha', symbol: 'PHA', name: 'Phala', decimals: 18, chains: [900, 901, 902, 1, 2035] },
    { id: 'usdc', symbol: 'USDC', name: 'USD Coin', decimals: 6, chains: [1] },
  ],
}

const now = 1_700_000_000_000
const acct: AccountBalances = {
  v: 1,
  address: '0xabc',
  chains: {
    '900': { at: now - 1000, block: '10', amounts: { eth: '5', pha: '7' }, error: null },
    '901': { at: now - 2000, block: '20', amounts: { eth: '3' }, error: { message: 'Devnet OP 901: the RPC cannot be reached', at: now - 500 } },
  },
}

test('one row per token, L1 column first, total over the chosen chains, stale and unknown marked', () => {
  const v = portfolioView(meta, acct, [901, 900, 902], now)
  assert.deepEqual(v.columns.map((c) => c.chain.chainId), [900, 901, 902])
  assert.deepEqual(v.columns.map((c) => c.status), ['fresh', 'stale', 'unknown'])
  assert.equal(v.columns[1].error, 'Devnet OP 901: the RPC cannot be reached')
  assert.deepEqual(v.rows.map((r) => r.token.id), ['eth', 'pha'], 'USDC has no address on these chains: no row')
  const eth = v.rows[0]
  assert.deepEqual(eth.cells.map((c) => [c.chainId, c.amount, c.stale]), [[900, 5n, false], [901, 3n, true], [902, null, false]])
  assert.equal(eth.total, 8n)
  assert.equal(eth.partial, true)
  assert.equal(v.rows[1].total, 7n, 'PHA on 901 never read: not counted')
  assert.equal(v.updatedAt, now - 1000)
})

test('a failure older than the last good read is not stale; an old read is', () => {
  const a: AccountBalances = { v: 1, address: '0xabc', chains: { '900': { at: now - 1000, block: '1', amounts: { eth: '1' }, error: { message: 'x', at: now - 5000 } } } }
  assert.equal(portfolioView(meta, a, [900], now).columns[0].status, 'fresh')
  assert.equal(portfolioView(meta, a, [900], now + STALE_AFTER_MS + 1).columns[0].status, 'stale')
  assert.equal(portfolioView(meta, null, [900], now).columns[0].status, 'unknown')
})

test('default chains: the active chain with its L1 and the other rollups of that L1', () => {
  assert.deepEqual(defaultChainIds(meta, 902), [900, 901, 902])
  assert.deepEqual(defaultChainIds(meta, 1), [1, 2035])
  assert.deepEqual(defaultChainIds(meta, 2035), [1, 2035])
  assert.deepEqual(defaultChainIds(meta, 12345), [901], 'unknown active chain: the first network')
  assert.deepEqual(
    chainFamilies(meta).map((f) => [f.l1.chainId, f.members.map((m) => m.chainId)]),
    [
      [900, [900, 901, 902]],
      [1, [1, 2035]],
    ],
  )
})

test('chain labels drop a first word every chain shares', () => {
  assert.deepEqual([...chainLabels(meta.chains.slice(0, 3)).values()], ['OP 901', 'L1', 'OP 902'])
  assert.deepEqual([...chainLabels(meta.chains.slice(2, 5)).values()], ['Devnet OP 902', 'Ethereum', 'Phala L2'])
  assert.deepEqual([...chainLabels(meta.chains.slice(1, 2)).values()], ['Devnet L1'], 'one chain keeps its name')
})
