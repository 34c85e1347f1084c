// deployPhalaAssets on an L1 and two L2s (bare anvils): PHA/vPHA on each L2 are bedrock's
// OptimismMintableERC20 paired with the L1 tokens through the L2StandardBridge predeploy, the Phala
// claimer bridges to the Phala L2's vPHA, the claimers hold the snapshot's amounts, and every address
// is the same on a fresh chain even when the deployer has sent other transactions first.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, createWalletClient, http, parseEther, toFunctionSelector, type Abi, type Address, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { ANVIL_KEY_0, startBareAnvil, type BareAnvil } from '../../devnet/phala/bare-anvil.ts'
import { DEFAULT_BRIDGE_GAS_LIMIT, L2_STANDARD_BRIDGE, deployPhalaAssets, loadSnapshot, phalaContracts, snapshotTotals, type PhalaAssets } from '../../devnet/phala/index.ts'
import { bedrockArtifact } from '../../devnet/lib/solidity.ts'

const L1_BRIDGE: Address = '0x000000000000000000000000000000000000bEEF'
const SIGNER: Address = '0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A'
const mintable = bedrockArtifact('OptimismMintableERC20')
const { PhalaClaimer, PhalaToken, PhaVault } = phalaContracts()

let chains: BareAnvil[] = []
let assets: PhalaAssets

const read = (rpcUrl: string, address: Address, abi: Abi, functionName: string, args: unknown[] = []) =>
  (createPublicClient({ transport: http(rpcUrl) }) as PublicClient).readContract({ address, abi, functionName, args }) as Promise<any>

before(async () => {
  chains = await Promise.all([startBareAnvil(900), startBareAnvil(901), startBareAnvil(902)])
  const [l1, a, b] = chains
  assets = await deployPhalaAssets({
    l1RpcUrl: l1.rpcUrl,
    deployerKey: ANVIL_KEY_0,
    backendSigner: SIGNER,
    l2s: [
      { chainId: 901, rpcUrl: a.rpcUrl, l1StandardBridge: L1_BRIDGE },
      { chainId: 902, rpcUrl: b.rpcUrl, l1StandardBridge: '0x000000000000000000000000000000000000dEaD' },
    ],
    phalaL2ChainId: 901,
  })
})

after(async () => {
  await Promise.all(chains.map((c) => c.stop()))
})

test('each L2 has PHA and vPHA as OptimismMintableERC20 of the L1 tokens, at the same addresses', async () => {
  const [, a, b] = chains
  assert.deepEqual(assets.l2[901], assets.l2[902])
  for (const [token, remote, symbol] of [[assets.l2[901].pha, assets.l1.pha, 'PHA'], [assets.l2[901].vpha, assets.l1.vpha, 'vPHA']] as const) {
    for (const chain of [a, b]) {
      assert.equal(await read(chain.rpcUrl, token, mintable.abi, 'remoteToken'), remote)
      assert.equal(await read(chain.rpcUrl, token, mintable.abi, 'bridge'), L2_STANDARD_BRIDGE)
      assert.equal(await read(chain.rpcUrl, token, mintable.abi, 'symbol'), symbol)
      assert.equal(await read(chain.rpcUrl, token, mintable.abi, 'decimals'), 18)
    }
  }
})

test('the Phala claimer is set up for the Phala L2 vPHA and calls the selector of bedrock depositERC20To', async () => {
  const [l1] = chains
  assert.deepEqual(await read(l1.rpcUrl, assets.l1.phalaClaimer, PhalaClaimer.abi, 'bridgeConfig'), [L1_BRIDGE, assets.l2[901].vpha, DEFAULT_BRIDGE_GAS_LIMIT])
  // the selector the claimer calls is the one of bedrock's L1StandardBridge
  const deposit = bedrockArtifact('L1StandardBridge').abi.find((x: any) => x.type === 'function' && x.name === 'depositERC20To') as any
  const selector = toFunctionSelector(deposit).slice(2)
  assert.ok(PhalaClaimer.deployedBytecode.includes(`63${selector}`), 'PUSH4 depositERC20To selector in the claimer')
})

test('the claimers hold the free PHA and the staked vPHA of their snapshot, and trust the backend signer', async () => {
  const [l1] = chains
  const snapshot = loadSnapshot()
  for (const [network, claimer] of [['phala', assets.l1.phalaClaimer], ['khala', assets.l1.khalaClaimer]] as const) {
    const { free, staked } = snapshotTotals(snapshot, network)
    assert.equal(await read(l1.rpcUrl, assets.l1.pha, PhalaToken.abi, 'balanceOf', [claimer]), free)
    assert.equal(await read(l1.rpcUrl, assets.l1.vpha, PhaVault.abi, 'balanceOf', [claimer]), staked)
    assert.equal(await read(l1.rpcUrl, claimer, PhalaClaimer.abi, 'signer'), SIGNER)
    assert.equal(await read(l1.rpcUrl, claimer, PhalaClaimer.abi, 'deposited'), true)
  }
})

test('a fresh L1 gets the same addresses even after the deployer sent other transactions', async () => {
  const fresh = await startBareAnvil(900)
  try {
    const wallet = createWalletClient({ account: privateKeyToAccount(ANVIL_KEY_0), transport: http(fresh.rpcUrl) })
    for (let i = 0; i < 3; i++) await wallet.sendTransaction({ chain: null, to: SIGNER, value: parseEther('1') })
    const again = await deployPhalaAssets({ l1RpcUrl: fresh.rpcUrl, deployerKey: ANVIL_KEY_0, backendSigner: SIGNER, l2s: [], phalaL2ChainId: 901 })
    assert.deepEqual(again.l1, assets.l1)
  } finally {
    await fresh.stop()
  }
})
