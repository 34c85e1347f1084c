// The PHA migration claim through the wallet's core on the full devnet: Substrate accounts in the
// keyring, the devnet's claim backend, the claimers on L1, the claim as a flow the background owns
// (reviewed, sent once), the Phala claimer's vPHA bridged to L2 901 (the devnet's "Phala L2") by the
// real L1StandardBridge and the relayer; then PHA moved to L2 as a bridge flow (approve +
// depositERC20To), both deposits tracked by the bridge tracker, and PHA/vPHA side by side with
// share price and unlock requests.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, createWalletClient, getAddress, http, parseEther, type Address, type Hex, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { devnetNetworks } from '../../src/chains/devnet.ts'
import { devnetClaimDeployment } from '../../src/claim/config.ts'
import type { ClaimService } from '../../src/claim/service.ts'
import type { BridgeService } from '../../src/bridge/service.ts'
import type { DepositItem } from '../../src/bridge/types.ts'
import type { ClaimSummary } from '../../src/claim/flow-kind.ts'
import type { Flow } from '../../src/flows/types.ts'
import { simulateClaim } from '../../src/claim/claim-tx.ts'
import { phaVaultAbi } from '../../src/claim/abi.ts'
import { erc20Abi } from '../../src/abi/erc20.ts'
import { publicClientFor } from '../../src/chains/rpc-client.ts'
import { DEV_PHRASE } from '../../src/keyring/substrate/index.ts'
import { makeWallet, type Harness } from '../support/wallet-harness.ts'
import { confirmAndMine, runAll } from '../support/flows.ts'

let devnet: Devnet
let h: Harness
let claims: ClaimService
let bridge: BridgeService
let l1: PublicClient
let l2: PublicClient
let receivers: Address[]
const DEPLOYMENT = 'devnet'
const E18 = 10n ** 18n

async function rejectsWith(p: Promise<unknown>, code: string, message?: RegExp) {
  await assert.rejects(p, (e: { code?: unknown; message?: string }) => {
    assert.equal(e.code, code, `${String(e.code)}: ${e.message}`)
    if (message) assert.match(e.message ?? '', message)
    return true
  })
}

async function balanceOf(client: PublicClient, token: Address, owner: Address) {
  return client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] })
}

before(async () => {
  devnet = await startDevnet({ ports: 'auto' })
  h = await makeWallet({ networks: devnetNetworks(devnet.manifest), devnet: devnet.manifest, claimDeployments: [devnetClaimDeployment(devnet.manifest)!] })
  await h.wallet.keyring.addAccount()
  await h.wallet.keyring.addAccount()
  receivers = (await h.wallet.keyring.status()).accounts.map((a) => a.address)
  await h.wallet.keyring.importSubstrateAccount({ phrase: DEV_PHRASE, path: '//Alice', name: 'Alice' })
  await h.wallet.keyring.importSubstrateAccount({ phrase: DEV_PHRASE, path: '//Dave', name: 'Dave' })
  bridge = h.core.bridge
  claims = h.core.claims
  l1 = createPublicClient({ transport: http(devnet.manifest.l1.rpcUrl) }) as PublicClient
  l2 = createPublicClient({ transport: http(devnet.manifest.l2s.find((x) => x.chainId === 901)!.rpcUrl) }) as PublicClient
})

after(async () => {
  await devnet?.stop()
})

const alice = () => devnet.manifest.substrateAccounts!.find((a) => a.name === 'Alice')!

/** The claim's review, as the page starts it: a 'claim' flow, its one step prepared with its fee. */
async function review(w: Harness, p: { network: 'phala' | 'khala'; account: string; receiver: string }) {
  return (await w.call('flows.start', { kind: 'claim', intent: { deployment: DEPLOYMENT, ...p } })) as Flow<unknown, ClaimSummary>
}

test('eligibility: Alice has 1000 PHA free and 500 vPHA staked, worth 595 PHA at the vault price, not claimed yet', async () => {
  const e = await claims.eligibility({ deployment: DEPLOYMENT, network: 'phala', account: alice().ss58 })
  assert.equal(e.h160, alice().h160)
  assert.equal(e.free, 1000n * E18)
  assert.equal(e.staked, 500n * E18)
  const value = await l1.readContract({ address: devnet.manifest.l1.contracts.vpha!, abi: phaVaultAbi, functionName: 'convertToAssets', args: [500n * E18] })
  assert.equal(e.stakedValue, value)
  assert.ok(e.stakedValue! > 594n * E18 && e.stakedValue! < 596n * E18, `≈ 595 PHA (1.19 per vPHA), got ${e.stakedValue}`)
  assert.equal(e.claimed, false)
  assert.equal(e.record, null)
})

test('claim for Alice: the approval says what arrives where; sent once; PHA on L1, vPHA on Phala L2 after the relayer; claimed after', async () => {
  const receiver = receivers[0]
  const m = devnet.manifest
  const [phaBefore, vphaL2Before] = [await balanceOf(l1, m.l1.contracts.pha!, receiver), await balanceOf(l2, m.l2s[0].l2Contracts.vpha!, receiver)]

  const flow = await review(h, { network: 'phala', account: alice().ss58, receiver })
  const preview = flow.summary!
  assert.deepEqual({ chainId: preview.l1.chainId, pha: preview.l1.pha, vpha: preview.l1.vpha, receiver: preview.l1.receiver }, { chainId: 900, pha: String(1000n * E18), vpha: '0', receiver })
  assert.deepEqual({ chainId: preview.l2?.chainId, vpha: preview.l2?.vpha }, { chainId: 901, vpha: String(500n * E18) })
  assert.equal(getAddress(flow.prepared!.tx.to!), m.l1.contracts.phalaClaimer)
  assert.equal(flow.prepared!.tx.from, receiver)
  assert.ok(flow.prepared!.fee && BigInt(flow.prepared!.fee.total) > 0n, flow.prepared!.feeError)
  assert.ok(flow.prepared!.tx.gasEstimate, 'the likely fee is on the estimate: the limit carries the one headroom rule')

  const { hash, flow: after } = await confirmAndMine(h, flow)
  assert.equal(after.status, 'done')
  await rejectsWith(h.call('flows.confirm', { id: flow.id, step: 0 }), 'FLOW_FINISHED')
  const status = await claims.status({ hash })
  assert.equal(status.record.status, 'confirmed')
  assert.equal(status.claimed, true, 'claimed(h160) after the receipt')
  assert.equal((await balanceOf(l1, m.l1.contracts.pha!, receiver)) - phaBefore, 1000n * E18, '1000 PHA on Ethereum')
  assert.ok(status.record.l2Deposit, 'the vPHA deposit to Phala L2 is tracked from the L1 receipt')
  assert.equal(status.record.l2Deposit!.chainId, 901)

  const tracked = (await bridge.store.get(`901:${hash}`)) as DepositItem | undefined
  assert.ok(tracked, 'the vPHA deposit is a tracked bridge deposit from the moment the claim was signed')
  assert.equal(after.trackedId, `901:${hash}`, 'the flow names the deposit it started')
  assert.deepEqual({ token: tracked.token.symbol, l2: tracked.token.l2, amount: tracked.amount, to: tracked.to }, { token: 'vPHA', l2: m.l2s[0].l2Contracts.vpha, amount: String(500n * E18), to: receiver })

  await devnet.relayer.flush()
  assert.equal((await balanceOf(l2, m.l2s[0].l2Contracts.vpha!, receiver)) - vphaL2Before, 500n * E18, '500 vPHA on Phala L2')
  const later = await claims.status({ hash })
  assert.equal(later.record.l2Deposit!.status, 'arrived')
  await bridge.check()
  assert.equal(((await bridge.store.get(`901:${hash}`)) as DepositItem).status, 'credited', 'the bridge tracker sees it credited on L2')
  const activity = await h.core.activity.list({ chainId: 900 })
  assert.equal(activity.filter((a) => a.hash === hash).length, 1)
  assert.equal(activity.find((a) => a.hash === hash)!.status, 'confirmed')
})

test('a second claim of Alice is refused with a sentence at every layer, and nothing is sent', async () => {
  const receiver = receivers[1]
  const nonce = await l1.getTransactionCount({ address: receiver, blockTag: 'pending' })
  // the wallet's own record
  await rejectsWith(review(h, { network: 'phala', account: alice().ss58, receiver }), 'ALREADY_CLAIMED', /already claimed/)
  // a wallet without the record (another browser): claimed() on chain
  const other = await makeWallet({ networks: devnetNetworks(devnet.manifest), claimDeployments: [devnetClaimDeployment(devnet.manifest)!] })
  await other.wallet.keyring.importSubstrateAccount({ phrase: DEV_PHRASE, path: '//Alice' })
  const e = await other.core.claims.eligibility({ deployment: DEPLOYMENT, network: 'phala', account: alice().ss58 })
  assert.equal(e.claimed, true)
  await rejectsWith(review(other, { network: 'phala', account: alice().ss58, receiver: receivers[0] }), 'ALREADY_CLAIMED')
  // and the claimer's own AlreadyClaimed, decoded from the simulation of a valid approval
  const sig = (await signedApproval(receiver)).signature
  await rejectsWith(
    simulateClaim(publicClientFor((await h.wallet.networks.get(900))!), devnet.manifest.l1.contracts.phalaClaimer!, { h160: alice().h160, free: 1000n * E18, staked: 500n * E18, receiver, signature: sig }, 'phala'),
    'ALREADY_CLAIMED',
    /This parachain account \(0x[0-9a-fA-F]{40}\) was already claimed on Phala/,
  )
  assert.equal(await l1.getTransactionCount({ address: receiver, blockTag: 'pending' }), nonce, 'nothing sent')
})

test('Khala: Dave’s free PHA and staked vPHA are both paid on Ethereum', async () => {
  const dave = devnet.manifest.substrateAccounts!.find((a) => a.name === 'Dave')!
  const receiver = receivers[2]
  const m = devnet.manifest
  const flow = await review(h, { network: 'khala', account: dave.ss58, receiver })
  const preview = flow.summary!
  assert.equal(preview.l2, null, 'nothing bridged')
  assert.deepEqual({ pha: preview.l1.pha, vpha: preview.l1.vpha }, { pha: String(100n * E18), vpha: String(40n * E18) })
  assert.equal(getAddress(flow.prepared!.tx.to!), m.l1.contracts.khalaClaimer)
  const { hash } = await confirmAndMine(h, flow)
  assert.equal((await claims.status({ hash })).claimed, true)
  const pos = await claims.positions({ deployment: DEPLOYMENT, owner: receiver })
  assert.ok('pha' in pos.l1)
  assert.deepEqual({ pha: pos.l1.pha, vpha: pos.l1.vpha }, { pha: 100n * E18, vpha: 40n * E18 })
})

test('move PHA to Phala L2 (a bridge flow: approve + depositERC20To), then PHA and vPHA side by side with share price and unlock requests', async () => {
  const owner = receivers[0]
  const m = devnet.manifest
  const amount = 400n * E18
  const d = devnetClaimDeployment(m)!
  const move = (value: bigint) => h.call('flows.start', { kind: 'bridge', intent: { direction: 'deposit', l2ChainId: d.l2ChainId, token: { symbol: 'PHA', decimals: 18, l1: d.pha.l1, l2: d.pha.l2 }, amount: String(value), from: owner } })
  await rejectsWith(move(5000n * E18), 'INSUFFICIENT_FUNDS', /less than the 5000 PHA to move/)
  const flow = await move(amount)
  assert.deepEqual(flow.steps.map((s) => s.label), ['Approve 400 PHA for the bridge', `Deposit 400 PHA to ${m.l2s[0].name}`])
  const { flow: done, hashes } = await runAll(h, flow)
  const receipt = await l1.getTransactionReceipt({ hash: hashes[1] })
  assert.equal(receipt.status, 'success')
  const depositId = `901:${hashes[1]}`
  assert.equal(done.trackedId, depositId, 'the deposit (not the approval) is tracked')
  await devnet.relayer.flush()
  await bridge.check()
  const moved = (await bridge.store.get(depositId)) as DepositItem
  assert.deepEqual({ status: moved.status, token: moved.token.symbol, amount: moved.amount }, { status: 'credited', token: 'PHA', amount: String(amount) })

  // Dave's receiver redeems 10 vPHA: an unlock request with its date
  const redeemer = receivers[2]
  assert.equal(devnet.accounts[2].address, redeemer, "the wallet's third account is devnet account 2")
  const wc = createWalletClient({ account: privateKeyToAccount(devnet.accounts[2].privateKey), transport: http(m.l1.rpcUrl) })
  const redeemCall = {
    address: m.l1.contracts.vpha!,
    abi: [{ type: 'function', name: 'redeem', stateMutability: 'nonpayable', inputs: [{ type: 'uint256' }, { type: 'address' }, { type: 'address' }], outputs: [{ type: 'uint256' }] }],
    functionName: 'redeem',
    args: [parseEther('10'), redeemer, redeemer],
  } as const
  // the vault writes the block's timestamp: headroom over the estimate, as a wallet gives
  const redeemGas = ((await l1.estimateContractGas({ ...redeemCall, account: wc.account })) * 12n) / 10n
  const redeem = await wc.writeContract({ ...redeemCall, chain: null, gas: redeemGas })
  const redeemed = await l1.waitForTransactionReceipt({ hash: redeem })
  assert.equal(redeemed.status, 'success', 'the redeem is mined')
  const block = await l1.getBlock({ blockNumber: redeemed.blockNumber })

  const pos = await claims.positions({ deployment: DEPLOYMENT, owner })
  assert.ok('pha' in pos.l1 && 'pha' in pos.l2, JSON.stringify(pos, (_, v) => (typeof v === 'bigint' ? String(v) : v)))
  assert.deepEqual({ l1: pos.l1.pha, l2pha: pos.l2.pha, l2vpha: pos.l2.vpha }, { l1: 600n * E18, l2pha: amount, l2vpha: 500n * E18 })
  const price = await l1.readContract({ address: m.l1.contracts.vpha!, abi: phaVaultAbi, functionName: 'convertToAssets', args: [E18] })
  assert.ok(pos.sharePrice! >= 119n * 10n ** 16n && pos.sharePrice! <= price, `share price ≈ 1.19 PHA, got ${pos.sharePrice}`)

  const red = await claims.positions({ deployment: DEPLOYMENT, owner: redeemer })
  assert.equal(red.unlockRequests.length, 1)
  const period = await l1.readContract({ address: m.l1.contracts.vpha!, abi: phaVaultAbi, functionName: 'unlockPeriod' })
  assert.equal(red.unlockPeriod, period)
  assert.equal(red.unlockRequests[0].startTime, block.timestamp)
  assert.equal(red.unlockRequests[0].unlockAt, block.timestamp + period)
  assert.ok(red.unlockRequests[0].assets > 11n * E18, `10 vPHA are worth about 11.9 PHA, got ${red.unlockRequests[0].assets}`)
  assert.ok('vpha' in red.l1 && red.l1.vpha === 30n * E18)
})

async function signedApproval(receiver: Address): Promise<{ signature: Hex }> {
  const { signClaimApproval } = await import('../../devnet/claim-backend/index.ts')
  return {
    signature: await signClaimApproval(devnet.roles.claimSigner.privateKey, {
      chainId: 900,
      claimer: devnet.manifest.l1.contracts.phalaClaimer!,
      user: alice().h160,
      free: 1000n * E18,
      staked: 500n * E18,
      receiver,
    }),
  }
}
