// The vPHA vault double as a wallet sees it: a share price above 1, redeem queues an unlock request,
// claim pays after the unlock period (and not before), a request can be cancelled back into shares,
// rewards accrue at the reward rate.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  parseEther,
  type Address,
  type PublicClient,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { ANVIL_KEY_0, ANVIL_KEY_1, startBareAnvil, type BareAnvil } from '../../devnet/phala/bare-anvil.ts'
import { deployPhalaAssets, phalaContracts, type PhalaAssets } from '../../devnet/phala/index.ts'

const UNLOCK = 3600
const { PhalaToken, PhaVault } = phalaContracts()
const owner = privateKeyToAccount(ANVIL_KEY_0)
const staker = privateKeyToAccount(ANVIL_KEY_1)

let anvil: BareAnvil
let client: PublicClient
let assets: PhalaAssets

async function write(key: typeof owner, address: Address, abi: typeof PhaVault.abi, functionName: string, args: unknown[]) {
  const wallet = createWalletClient({ account: key, transport: http(anvil.rpcUrl) })
  try {
    const { request } = await client.simulateContract({ account: key, address, abi, functionName, args })
    // the vault writes the block's timestamp: headroom over the estimate, as a wallet gives
    const gas = ((await client.estimateContractGas({ account: key, address, abi, functionName, args })) * 12n) / 10n
    const receipt = await client.waitForTransactionReceipt({ hash: await wallet.writeContract({ ...request, chain: null, gas }) })
    assert.equal(receipt.status, 'success')
    return { error: undefined as string | undefined }
  } catch (err) {
    const reverted = err instanceof BaseError ? err.walk((e) => e instanceof ContractFunctionRevertedError) : null
    if (reverted instanceof ContractFunctionRevertedError && reverted.data) return { error: reverted.data.errorName }
    throw err
  }
}

const vault = (functionName: string, args: unknown[] = []) => client.readContract({ address: assets.l1.vpha, abi: PhaVault.abi, functionName, args }) as Promise<any>
const pha = (holder: Address) => client.readContract({ address: assets.l1.pha, abi: PhalaToken.abi, functionName: 'balanceOf', args: [holder] }) as Promise<bigint>

async function elapse(seconds: number) {
  const t = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl) })
  await t.increaseTime({ seconds })
  await t.mine({ blocks: 1 })
}

before(async () => {
  anvil = await startBareAnvil(900)
  client = createPublicClient({ transport: http(anvil.rpcUrl) }) as PublicClient
  assets = await deployPhalaAssets({ l1RpcUrl: anvil.rpcUrl, deployerKey: ANVIL_KEY_0, backendSigner: owner.address, l2s: [], phalaL2ChainId: 901, unlockPeriodSeconds: UNLOCK })
  await write(owner, assets.l1.pha, PhalaToken.abi, 'transfer', [staker.address, parseEther('10000')])
})

after(async () => {
  await anvil?.stop()
})

test('the vault is configured as asked and one vPHA is worth more than one PHA', async () => {
  assert.equal(await vault('unlockPeriod'), BigInt(UNLOCK))
  assert.equal(await vault('asset'), assets.l1.pha)
  assert.equal(await vault('decimals'), 18)
  assert.equal(await vault('symbol'), 'vPHA')
  const price = (await vault('convertToAssets', [parseEther('1')])) as bigint
  assert.ok(price > parseEther('1.18') && price < parseEther('1.2'), `share price ${price}`)
})

test('deposit mints shares at the share price; redeem queues an unlock request paid only after the unlock period', async () => {
  await write(staker, assets.l1.pha, PhalaToken.abi, 'approve', [assets.l1.vpha, parseEther('1190')])
  const expected = (await vault('previewDeposit', [parseEther('1190')])) as bigint
  await write(staker, assets.l1.vpha, PhaVault.abi, 'deposit', [parseEther('1190'), staker.address])
  const shares = (await vault('balanceOf', [staker.address])) as bigint
  assert.equal(shares, expected)
  assert.ok(shares < parseEther('1000') + 10n && shares > parseEther('999'))

  const phaBefore = await pha(staker.address)
  const assetsOut = (await vault('previewRedeem', [shares])) as bigint
  await write(staker, assets.l1.vpha, PhaVault.abi, 'redeem', [shares, staker.address, staker.address])
  assert.equal(await vault('balanceOf', [staker.address]), 0n)
  assert.equal(await pha(staker.address), phaBefore, 'redeem must not pay out at once')
  const [request] = (await vault('unlockRequests', [staker.address])) as { receiver: Address; assets: bigint; startTime: bigint }[]
  assert.equal(request.receiver, staker.address)
  assert.equal(request.assets, assetsOut)

  assert.equal((await write(staker, assets.l1.vpha, PhaVault.abi, 'claim', [staker.address])).error, 'NoClaimableAssets')
  await elapse(UNLOCK)
  assert.equal((await write(staker, assets.l1.vpha, PhaVault.abi, 'claim', [staker.address])).error, undefined)
  assert.equal((await pha(staker.address)) - phaBefore, assetsOut)
  assert.deepEqual(await vault('unlockRequests', [staker.address]), [])
})

test('an unlock request can be cancelled back into shares', async () => {
  await write(staker, assets.l1.pha, PhalaToken.abi, 'approve', [assets.l1.vpha, parseEther('100')])
  await write(staker, assets.l1.vpha, PhaVault.abi, 'deposit', [parseEther('100'), staker.address])
  const shares = (await vault('balanceOf', [staker.address])) as bigint
  await write(staker, assets.l1.vpha, PhaVault.abi, 'redeem', [shares, staker.address, staker.address])
  assert.equal((await write(staker, assets.l1.vpha, PhaVault.abi, 'cancelUnlockRequest', [1n, staker.address])).error, 'InvalidUnlockRequestIndex')
  await write(staker, assets.l1.vpha, PhaVault.abi, 'cancelUnlockRequest', [0n, staker.address])
  assert.deepEqual(await vault('unlockRequests', [staker.address]), [])
  const back = (await vault('balanceOf', [staker.address])) as bigint
  assert.ok(back > shares - 2n && back <= shares, `${back} vs ${shares}`)
})

test('rewards accrue at the reward rate and raise the share price', async () => {
  const before = (await vault('convertToAssets', [parseEther('1')])) as bigint
  // a reward reserve beyond what the vault owes, paid out at 1 PHA per second
  await write(owner, assets.l1.pha, PhalaToken.abi, 'transfer', [assets.l1.vpha, parseEther('100000')])
  await write(owner, assets.l1.vpha, PhaVault.abi, 'setRewardRate', [parseEther('1')])
  const total = (await vault('totalAssets')) as bigint
  await elapse(1000)
  const grown = ((await vault('totalAssets')) as bigint) - total
  assert.ok(grown >= parseEther('1000') && grown <= parseEther('1002'), `grew ${grown}`)
  assert.ok(((await vault('convertToAssets', [parseEther('1')])) as bigint) > before)
  assert.equal((await write(staker, assets.l1.vpha, PhaVault.abi, 'setRewardRate', [0n])).error, 'OwnableUnauthorizedAccount')
})
