// The token registry: shipped, devnet and user tokens merged into one entry per token, native
// ETH on every ETH chain, and the standard-bridge pairs the Bridge screen asks for (never a
// natively issued token, never WETH).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BUILTIN_NETWORKS } from '../../src/chains/builtin.ts'
import { devnetNetworks } from '../../src/chains/devnet.ts'
import type { DevnetManifest } from '../../src/chains/devnet-manifest.ts'
import { BUILTIN_TOKENS } from '../../src/tokens/builtin.ts'
import { devnetTokens } from '../../src/tokens/devnet.ts'
import { bridgePair, buildRegistry, findToken, l1TokenFor, l2TokenFor, tokensOn } from '../../src/tokens/registry.ts'
import type { UserToken } from '../../src/tokens/user-tokens.ts'
import manifestJson from '../../devnet/manifest.json' with { type: 'json' }

const manifest = manifestJson as unknown as DevnetManifest
const networks = [...devnetNetworks(manifest), ...BUILTIN_NETWORKS]
const shipped = [...BUILTIN_TOKENS, ...devnetTokens(manifest)]

test('every shipped address is a checksummed address on a shipped network', () => {
  const ids = new Set(BUILTIN_NETWORKS.map((n) => n.chainId))
  for (const t of BUILTIN_TOKENS) {
    for (const [chain, a] of Object.entries(t.addresses)) {
      assert.ok(ids.has(Number(chain)), `${t.symbol} on unknown chain ${chain}`)
      assert.match(String(a), /^0x[0-9a-fA-F]{40}$/)
    }
  }
})

test('one entry per token: PHA on Ethereum, Phala L2 and the devnet chains; ETH native everywhere', () => {
  const reg = buildRegistry(networks, shipped)
  const pha = reg.find((t) => t.id === 'pha')!
  assert.deepEqual(Object.keys(pha.addresses).map(Number).sort((a, b) => a - b), [1, 900, 901, 902, 2035])
  assert.equal(pha.addresses[900], manifest.l1.contracts.pha)
  const eth = reg[0]
  assert.equal(eth.id, 'eth')
  assert.equal(Object.keys(eth.addresses).length, networks.length)
  assert.ok(Object.values(eth.addresses).every((a) => a === 'native'))
  assert.deepEqual(tokensOn(reg, 901).map((e) => e.token.id), ['eth', 'pha', 'vpha'])
})

test('standard-bridge pairs from either side; none for native USDC or WETH', () => {
  const reg = buildRegistry(networks, shipped)
  assert.equal(l2TokenFor(reg, networks, 900, manifest.l1.contracts.pha!, 902), manifest.l2s[1].l2Contracts.pha)
  assert.equal(l1TokenFor(reg, networks, 2035, '0xd63dD43678124DEb6bF38b0d7f8cf0674e85c46E'), '0x6c5bA91642F10282b576d91922Ae6448C9d52f4E')
  assert.equal(l2TokenFor(reg, networks, 1, 'native', 10), 'native', 'ETH pairs with ETH')
  assert.equal(l2TokenFor(reg, networks, 1, '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', 8453), null, 'native USDC on Base is not the bridged USDC')
  assert.equal(l2TokenFor(reg, networks, 1, '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2', 10), null, 'WETH does not bridge as WETH')
  assert.equal(l2TokenFor(reg, networks, 1, '0x6B175474E89094C44Da98b954EedeAC495271d0F', 8453), '0x50c5725949A6F0c72E6C4a641F24049A917DB0Cb')
  assert.equal(l2TokenFor(reg, networks, 1, '0x6B175474E89094C44Da98b954EedeAC495271d0F', 10), null, 'DAI on OP has its own bridge')
  assert.equal(bridgePair(reg, networks, { chainId: 901, address: manifest.l2s[0].l2Contracts.pha!, otherChainId: 902 }), null, 'two L2s are no bridge pair')
})

test('a user token on an L2 that names its L1 token joins that token; otherwise it is its own row with its L1 twin', () => {
  const user = (over: Partial<UserToken>): UserToken => ({ chainId: 901, address: '0x1111111111111111111111111111111111111111', symbol: 'X', name: 'X', decimals: 18, image: null, addedAt: 0, source: 'wallet', ...over })
  const joins = user({ chainId: 10, address: '0x2222222222222222222222222222222222222222', symbol: 'PHA', l1Token: '0x6c5bA91642F10282b576d91922Ae6448C9d52f4E' })
  const own = user({ l1Token: '0x3333333333333333333333333333333333333333', symbol: 'DEV' })
  const plain = user({ chainId: 900, address: '0x4444444444444444444444444444444444444444', symbol: 'LONE', l1Token: null })
  const reg = buildRegistry(networks, shipped, [joins, own, plain])
  assert.equal(findToken(reg, 10, joins.address)?.id, 'pha')
  const dev = findToken(reg, 901, own.address)!
  assert.equal(dev.addresses[900], '0x3333333333333333333333333333333333333333')
  assert.equal(l2TokenFor(reg, networks, 900, '0x3333333333333333333333333333333333333333', 901), own.address)
  assert.deepEqual(Object.keys(findToken(reg, 900, plain.address)!.addresses), ['900'])
  // the same L1 token added by the user first: the L2 token joins it
  const l1First = buildRegistry(networks, shipped, [own, user({ chainId: 900, address: '0x3333333333333333333333333333333333333333', symbol: 'DEV', l1Token: null })])
  assert.equal(l1First.filter((t) => t.symbol === 'DEV').length, 1)
})

test('tokens on chains the wallet does not know are left out', () => {
  const reg = buildRegistry(devnetNetworks(manifest), shipped)
  assert.equal(reg.find((t) => t.id === 'usdc'), undefined)
  assert.deepEqual(Object.keys(reg.find((t) => t.id === 'pha')!.addresses), ['900', '901', '902'])
})
