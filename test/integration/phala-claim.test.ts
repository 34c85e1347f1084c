// The PHA migration claim end to end on a bare L1: Phala assets deployed by devnet/phala, the devnet
// claim backend, sr25519 signatures from the core keyring, claim() sent with viem.
// The staked path of the Phala claimer (vPHA bridged through L1StandardBridge) needs the full devnet's
// bridge: here it is checked to refuse without one; the lead's full-devnet test covers the bridging.
import { after, before, test } from 'node:test'
import { connect } from 'node:net'
import assert from 'node:assert/strict'
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  getAddress,
  http,
  parseEventLogs,
  recoverMessageAddress,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { ANVIL_KEY_0, ANVIL_KEY_1, startBareAnvil, type BareAnvil } from '../../devnet/phala/bare-anvil.ts'
import { deployPhalaAssets, loadSnapshot, phalaContracts, type PhalaAssets, type SnapshotAccount } from '../../devnet/phala/index.ts'
import { claimDigest, startClaimBackend, type ClaimBackend } from '../../devnet/claim-backend/index.ts'
import { claimMessage, keypairFromSuri, signRaw, ss58Encode } from '../../src/keyring/substrate/index.ts'

const SIGNER_KEY: Hex = '0x1111111111111111111111111111111111111111111111111111111111111111'
const CHAIN_ID = 900
const snapshot = loadSnapshot()
const contracts = phalaContracts()
const ERC20 = contracts.PhalaToken.abi
const who = (name: string): SnapshotAccount => snapshot.accounts.find((a) => a.name === name)!

let anvil: BareAnvil
let backend: ClaimBackend
let assets: PhalaAssets
let client: PublicClient
const senderAccount = privateKeyToAccount(ANVIL_KEY_1)

interface Approval {
  h160: Address
  free: string
  staked: string
  signature: Hex
}

function newReceiver(): Address {
  return privateKeyToAccount(generatePrivateKey()).address
}

async function post(url: string, body: unknown): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) })
  return { status: res.status, json: await res.json(), headers: res.headers }
}

async function requestApproval(network: 'phala' | 'khala', account: SnapshotAccount, receiver: Address): Promise<Approval> {
  const signature = signRaw(keypairFromSuri(account.suri), claimMessage(network, receiver))
  const res = await post(`${backend.urls[network]}/claim`, { address: account.ss58, signature, receiver })
  assert.equal(res.status, 200, JSON.stringify(res.json))
  return res.json
}

function claimerOf(network: 'phala' | 'khala'): { address: Address; abi: Abi } {
  return network === 'phala' ? { address: assets.l1.phalaClaimer, abi: contracts.PhalaClaimer.abi } : { address: assets.l1.khalaClaimer, abi: contracts.KhalaClaimer.abi }
}

/** Sends claim(); returns the receipt, or the name and args of the custom error it reverts with. */
async function sendClaim(network: 'phala' | 'khala', args: [Address, bigint, bigint, Address, Hex]) {
  const { address, abi } = claimerOf(network)
  try {
    const { request } = await client.simulateContract({ account: senderAccount, address, abi, functionName: 'claim', args })
    const hash = await createWalletClient({ account: senderAccount, transport: http(anvil.rpcUrl) }).writeContract({ ...request, chain: null })
    return { receipt: await client.waitForTransactionReceipt({ hash }) }
  } catch (err) {
    const reverted = err instanceof BaseError ? err.walk((e) => e instanceof ContractFunctionRevertedError) : null
    if (reverted instanceof ContractFunctionRevertedError && reverted.data) return { error: reverted.data.errorName, errorArgs: reverted.data.args }
    throw err
  }
}

function argsOf(a: Approval, receiver: Address): [Address, bigint, bigint, Address, Hex] {
  return [a.h160, BigInt(a.free), BigInt(a.staked), receiver, a.signature]
}

async function balance(token: Address, holder: Address): Promise<bigint> {
  return client.readContract({ address: token, abi: ERC20, functionName: 'balanceOf', args: [holder] }) as Promise<bigint>
}

before(async () => {
  anvil = await startBareAnvil(CHAIN_ID)
  client = createPublicClient({ transport: http(anvil.rpcUrl) }) as PublicClient
  assets = await deployPhalaAssets({
    l1RpcUrl: anvil.rpcUrl,
    deployerKey: ANVIL_KEY_0,
    backendSigner: privateKeyToAccount(SIGNER_KEY).address,
    l2s: [],
    phalaL2ChainId: 901,
  })
  backend = await startClaimBackend({
    port: 0,
    host: '127.0.0.1',
    signerKey: SIGNER_KEY,
    snapshot,
    network: 'both',
    claimerAddress: { phala: assets.l1.phalaClaimer, khala: assets.l1.khalaClaimer },
    chainId: CHAIN_ID,
  })
})

after(async () => {
  await backend?.stop()
  await anvil?.stop()
})

test('GET /account returns the snapshot amounts, zeros for an unknown account, 400 for a bad address, with CORS', async () => {
  const alice = who('Alice')
  const res = await fetch(`${backend.urls.phala}/account/${alice.ss58}`)
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('access-control-allow-origin'), '*')
  assert.deepEqual(await res.json(), { free: alice.free, staked: alice.staked, pwRefund: '0' })
  // the same key under the generic prefix finds the same account
  const generic = await (await fetch(`${backend.urls.phala}/account/5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY`)).json()
  assert.equal(generic.free, alice.free)
  const eve = ss58Encode(keypairFromSuri('//Eve').publicKey, 30)
  const unknown = await fetch(`${backend.urls.phala}/account/${eve}`)
  assert.equal(unknown.status, 200)
  assert.deepEqual(await unknown.json(), { free: '0', staked: '0', pwRefund: '0' })
  const nobody = await (await fetch(`${backend.urls.khala}/account/${alice.ss58}`)).json()
  assert.deepEqual(nobody, { free: '0', staked: '0', pwRefund: '0' })
  const bad = await fetch(`${backend.urls.phala}/account/45R2pfjQUW2s9PQRHU48HQKLKHVMaDja7N3wpBtmF28UYDs3`)
  assert.equal(bad.status, 400)
  assert.match((await bad.json()).error, /checksum/)
  const preflight = await fetch(`${backend.urls.phala}/claim`, { method: 'OPTIONS', headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'POST' } })
  assert.equal(preflight.status, 204)
  assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/)
  assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /content-type/)
})

test('an account with only free PHA claims it on L1 once; the second claim reverts AlreadyClaimed', async () => {
  const bob = who('Bob')
  const receiver = newReceiver()
  const approval = await requestApproval('phala', bob, receiver)
  assert.deepEqual({ h160: approval.h160, free: approval.free, staked: approval.staked }, { h160: bob.h160, free: bob.free, staked: '0' })
  // the approval is the backend signer's EIP-191 signature of the documented digest, and the claimer agrees on the digest
  const digest = claimDigest({ chainId: CHAIN_ID, claimer: assets.l1.phalaClaimer, user: bob.h160, free: BigInt(bob.free), staked: 0n, receiver })
  assert.equal(await recoverMessageAddress({ message: { raw: digest }, signature: approval.signature }), backend.signer)
  assert.equal(await client.readContract({ ...claimerOf('phala'), functionName: 'claimDigest', args: [bob.h160, BigInt(bob.free), 0n, receiver] }), digest)

  const before = await balance(assets.l1.pha, receiver)
  const first = await sendClaim('phala', argsOf(approval, receiver))
  assert.equal(first.error, undefined)
  assert.equal((await balance(assets.l1.pha, receiver)) - before, BigInt(bob.free))
  assert.equal(await client.readContract({ ...claimerOf('phala'), functionName: 'claimed', args: [bob.h160] }), true)
  const [event] = parseEventLogs({ abi: contracts.PhalaClaimer.abi, logs: first.receipt!.logs, eventName: 'ClaimedAndBridged' }) as any[]
  assert.deepEqual(event.args, { user: bob.h160, free: BigInt(bob.free), staked: 0n, l1Receiver: receiver, l2Receiver: receiver })

  const second = await sendClaim('phala', argsOf(approval, receiver))
  assert.equal(second.error, 'AlreadyClaimed')
  assert.deepEqual(second.errorArgs, [bob.h160])
})

test('forged or altered approvals revert InvalidSignature', async () => {
  const mesh = who('Mesh')
  const receiver = newReceiver()
  const approval = await requestApproval('phala', mesh, receiver)
  // more than approved
  assert.equal((await sendClaim('phala', [approval.h160, 1n, BigInt(approval.staked), receiver, approval.signature])).error, 'InvalidSignature')
  // to another receiver
  assert.equal((await sendClaim('phala', argsOf(approval, newReceiver()))).error, 'InvalidSignature')
  // signed by someone who is not the backend
  const digest = claimDigest({ chainId: CHAIN_ID, claimer: assets.l1.phalaClaimer, user: mesh.h160, free: 0n, staked: BigInt(mesh.staked), receiver })
  const forged = await privateKeyToAccount(generatePrivateKey()).signMessage({ message: { raw: digest } })
  assert.equal((await sendClaim('phala', [mesh.h160, 0n, BigInt(mesh.staked), receiver, forged])).error, 'InvalidSignature')
  // an approval for the Phala claimer is worthless on the Khala claimer
  assert.equal((await sendClaim('khala', argsOf(approval, receiver))).error, 'InvalidSignature')
  assert.equal(await client.readContract({ ...claimerOf('phala'), functionName: 'claimed', args: [mesh.h160] }), false)
})

test('the backend answers 400 with a JSON reason for a bad signature, address, receiver or body', async () => {
  const alice = who('Alice')
  const bob = keypairFromSuri(who('Bob').suri)
  const receiver = newReceiver()
  const cases: [unknown, RegExp][] = [
    [{ address: alice.ss58, signature: signRaw(bob, claimMessage('phala', receiver)), receiver }, /not "Phala Asset Receiver: 0x[0-9a-fA-F]{40}" signed by/],
    [{ address: alice.ss58, signature: signRaw(keypairFromSuri(alice.suri), claimMessage('phala', newReceiver())), receiver }, /not "Phala Asset Receiver/],
    [{ address: alice.ss58, signature: signRaw(keypairFromSuri(alice.suri), claimMessage('khala', receiver)), receiver }, /not "Phala Asset Receiver/],
    [{ address: alice.ss58, signature: '0x1234', receiver }, /64 bytes/],
    [{ address: alice.ss58.slice(0, -1) + 'x', signature: `0x${'00'.repeat(64)}`, receiver }, /checksum|base58/],
    [{ address: alice.ss58, signature: `0x${'00'.repeat(64)}`, receiver: '0x1234' }, /receiver/],
    ['{"address": ', /not valid JSON/],
    [[1, 2], /JSON object/],
  ]
  for (const [body, reason] of cases) {
    const res = await post(`${backend.urls.phala}/claim`, body)
    assert.equal(res.status, 400, JSON.stringify(body))
    assert.match(res.json.error, reason)
    assert.equal(res.headers.get('access-control-allow-origin'), '*')
  }
})

test('an account with nothing is approved with zeros and the claimer refuses it with NoAssetsToClaim', async () => {
  const charlie = who('Charlie')
  const receiver = newReceiver()
  const approval = await requestApproval('phala', charlie, receiver)
  assert.deepEqual([approval.free, approval.staked], ['0', '0'])
  const res = await sendClaim('phala', argsOf(approval, receiver))
  assert.equal(res.error, 'NoAssetsToClaim')
  assert.deepEqual(res.errorArgs, [charlie.h160])
})

test('staked vPHA is not claimable on an L1 without a bridge: InvalidBridgeConfig, nothing paid', async () => {
  const alice = who('Alice')
  const receiver = newReceiver()
  const approval = await requestApproval('phala', alice, receiver)
  assert.deepEqual(await client.readContract({ ...claimerOf('phala'), functionName: 'bridgeConfig' }), [
    '0x0000000000000000000000000000000000000000',
    '0x0000000000000000000000000000000000000000',
    0,
  ])
  assert.equal((await sendClaim('phala', argsOf(approval, receiver))).error, 'InvalidBridgeConfig')
  assert.equal(await balance(assets.l1.pha, receiver), 0n)
  assert.equal(await client.readContract({ ...claimerOf('phala'), functionName: 'claimed', args: [alice.h160] }), false)
})

test('Khala: free PHA and staked vPHA both paid on L1, Claimed emitted', async () => {
  const dave = who('Dave')
  const receiver = newReceiver()
  // a Phala-worded signature is not a Khala claim
  const wrong = await post(`${backend.urls.khala}/claim`, { address: dave.ss58, signature: signRaw(keypairFromSuri(dave.suri), claimMessage('phala', receiver)), receiver })
  assert.equal(wrong.status, 400)
  const approval = await requestApproval('khala', dave, receiver)
  const res = await sendClaim('khala', argsOf(approval, receiver))
  assert.equal(res.error, undefined)
  assert.equal(await balance(assets.l1.pha, receiver), BigInt(dave.free))
  assert.equal(await balance(assets.l1.vpha, receiver), BigInt(dave.staked))
  const [event] = parseEventLogs({ abi: contracts.KhalaClaimer.abi, logs: res.receipt!.logs, eventName: 'Claimed' }) as any[]
  assert.deepEqual(event.args, { user: dave.h160, free: BigInt(dave.free), staked: BigInt(dave.staked), receiver: getAddress(receiver) })
})

test('stop() closes open connections, even a request still being sent, and the port stops answering', { timeout: 5000 }, async () => {
  const extra = await startClaimBackend({ port: 0, signerKey: SIGNER_KEY, snapshot, network: 'phala', claimerAddress: assets.l1.phalaClaimer, chainId: CHAIN_ID })
  const res = await fetch(`${extra.url}/account/${who('Bob').ss58}`) // kept alive by fetch
  assert.equal(res.status, 200)
  await res.json()
  // a client that stalls halfway through its body keeps a busy connection open
  const { port } = new URL(extra.url)
  const stalled = connect(Number(port), '127.0.0.1')
  await new Promise<void>((resolve) => stalled.once('connect', () => resolve()))
  stalled.write('POST /claim HTTP/1.1\r\nHost: backend\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"addr')
  const closed = new Promise<void>((resolve) => stalled.once('close', () => resolve()))
  await new Promise((r) => setTimeout(r, 50))
  const t0 = Date.now()
  await extra.stop()
  assert.ok(Date.now() - t0 < 1000, 'stop must not wait for open connections')
  await closed
  await assert.rejects(fetch(`${extra.url}/account/${who('Bob').ss58}`))
})
