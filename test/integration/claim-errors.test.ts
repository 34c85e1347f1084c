// The claim's bad input on the full devnet, each refused with a sentence and with nothing sent:
// an account with nothing to claim, a backend that is down or never answers, a backend whose
// approval is bad (a test double in front of the devnet's real backend: it alters the answers, which
// no real backend would do on purpose), a wrong keystore password, and a double click on "Claim".
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createPublicClient, http, type Address, type Hex, type PublicClient } from 'viem'
import { generatePrivateKey } from 'viem/accounts'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { signClaimApproval } from '../../devnet/claim-backend/index.ts'
import { devnetNetworks } from '../../src/chains/devnet.ts'
import { devnetClaimDeployment } from '../../src/claim/config.ts'
import type { ClaimService } from '../../src/claim/service.ts'
import { simulateClaim } from '../../src/claim/claim-tx.ts'
import { publicClientFor } from '../../src/chains/rpc-client.ts'
import { claimMessage, DEV_PHRASE, encodeKeystore, keypairFromSuri } from '../../src/keyring/substrate/index.ts'
import { makeWallet, type Harness } from '../support/wallet-harness.ts'
import { confirmAndMine, waitFlow } from '../support/flows.ts'
import type { Flow } from '../../src/flows/types.ts'

let devnet: Devnet
let h: Harness
let claims: ClaimService
let l1: PublicClient
let receiver: Address
const DEPLOYMENT = 'devnet'
const servers: Server[] = []

type Mode = 'wrong-signer' | 'short-signature' | 'other-amounts' | 'refuse' | 'hang'
let mode: Mode = 'wrong-signer'

const who = (name: string) => devnet.manifest.substrateAccounts!.find((a) => a.name === name)!

async function rejectsWith(p: Promise<unknown>, code: string, message?: RegExp) {
  await assert.rejects(p, (e: { code?: unknown; message?: string }) => {
    assert.equal(e.code, code, `${String(e.code)}: ${e.message}`)
    if (message) assert.match(e.message ?? '', message)
    return true
  })
}

function listen(server: Server): Promise<string> {
  servers.push(server)
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
}

/** A double of a misbehaving claim backend: forwards to the devnet's backend and spoils the answer per `mode`. */
async function badBackend(): Promise<string> {
  const real = devnet.manifest.claimBackend!.urls.phala!
  return listen(
    createServer(async (req, res) => {
      if (mode === 'hang') return // never answers
      const body = await new Promise<string>((r) => {
        let b = ''
        req.on('data', (c) => (b += c))
        req.on('end', () => r(b))
      })
      const upstream = await fetch(`${real}${req.url}`, { method: req.method, headers: { 'content-type': 'application/json' }, ...(req.method === 'POST' ? { body } : {}) })
      const json = (await upstream.json()) as Record<string, string>
      if (req.method === 'POST' && upstream.ok) {
        if (mode === 'refuse') return void res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'the snapshot is being rebuilt' }))
        const claimer = devnet.manifest.l1.contracts.phalaClaimer!
        const a = { chainId: 900, claimer, user: json.h160 as Address, free: BigInt(json.free), staked: BigInt(json.staked), receiver: JSON.parse(body).receiver as Address }
        if (mode === 'wrong-signer') json.signature = await signClaimApproval(generatePrivateKey(), a)
        if (mode === 'short-signature') json.signature = json.signature.slice(0, 2 + 128)
        if (mode === 'other-amounts') json.staked = String(BigInt(json.staked) + 1n)
      }
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(JSON.stringify(json))
    }),
  )
}

/** What "nothing was sent" means: no nonce used, no activity, no claim record. */
async function sentState() {
  return { nonce: await l1.getTransactionCount({ address: receiver, blockTag: 'pending' }), activity: (await h.core.activity.list()).length, records: (await claims.records.list()).length }
}

before(async () => {
  devnet = await startDevnet({ ports: 'auto' })
  h = await makeWallet({ networks: devnetNetworks(devnet.manifest), claimDeployments: [devnetClaimDeployment(devnet.manifest)!], backendTimeoutMs: 1500 })
  receiver = (await h.wallet.keyring.status()).accounts[0].address
  // Bob comes in later, from a keystore file
  await h.wallet.keyring.importSubstrateAccount({ phrase: DEV_PHRASE, path: '//Charlie', name: 'Charlie' })
  await h.wallet.keyring.importSubstrateAccount({ phrase: who('Mesh').suri, name: 'Mesh' })
  claims = h.core.claims
  l1 = createPublicClient({ transport: http(devnet.manifest.l1.rpcUrl) }) as PublicClient
})

after(async () => {
  for (const s of servers) {
    s.closeAllConnections()
    s.close()
  }
  await devnet?.stop()
})

/** The claim's review as the page starts it (a 'claim' flow), and its confirmation. */
const review = (p: { network: 'phala' | 'khala'; account: string; receiver: string }) => h.call('flows.start', { kind: 'claim', intent: { deployment: DEPLOYMENT, ...p } })
const confirm = (id: string) => h.call('flows.confirm', { id, step: 0 })

test('an account with nothing to claim: zeros shown, a clear sentence, nothing signed or sent; the claimer agrees', async () => {
  const charlie = who('Charlie')
  const before = await sentState()
  const e = await claims.eligibility({ deployment: DEPLOYMENT, network: 'phala', account: charlie.ss58 })
  assert.deepEqual({ free: e.free, staked: e.staked, claimed: e.claimed }, { free: 0n, staked: 0n, claimed: false })
  await rejectsWith(review({ network: 'phala', account: charlie.ss58, receiver }), 'NOTHING_TO_CLAIM', /nothing to claim on Phala/)
  assert.deepEqual(await sentState(), before)

  // The backend approves zeros; the claimer's NoAssetsToClaim comes back as the same sentence.
  const signature = await h.wallet.keyring.signSubstrateMessage(charlie.ss58, claimMessage('phala', receiver))
  const approval = await fetch(`${devnet.manifest.claimBackend!.urls.phala}/claim`, { method: 'POST', body: JSON.stringify({ address: charlie.ss58, signature, receiver }), headers: { 'content-type': 'application/json' } }).then((r) => r.json())
  const l1Client = publicClientFor((await h.wallet.networks.get(900))!)
  await rejectsWith(
    simulateClaim(l1Client, devnet.manifest.l1.contracts.phalaClaimer!, { h160: charlie.h160, free: 0n, staked: 0n, receiver, signature: approval.signature as Hex }, 'phala'),
    'NOTHING_TO_CLAIM',
  )
})

test('a backend that is down or never answers: a sentence naming the service, nothing sent', async () => {
  const mesh = who('Mesh')
  const before = await sentState()
  const closed = await listen(createServer())
  await new Promise<void>((r) => servers.pop()!.close(() => r()))
  await claims.config.setBackend(DEPLOYMENT, 'phala', closed)
  await rejectsWith(claims.eligibility({ deployment: DEPLOYMENT, network: 'phala', account: mesh.ss58 }), 'CLAIM_BACKEND_DOWN', /Phala claim service at http:\/\/127\.0\.0\.1:\d+ cannot be reached.*nothing was sent/)
  await rejectsWith(review({ network: 'phala', account: mesh.ss58, receiver }), 'CLAIM_BACKEND_DOWN')

  mode = 'hang'
  await claims.config.setBackend(DEPLOYMENT, 'phala', await badBackend())
  const t0 = Date.now()
  await rejectsWith(review({ network: 'phala', account: mesh.ss58, receiver }), 'CLAIM_BACKEND_DOWN', /did not answer within 2 s/)
  assert.ok(Date.now() - t0 < 5000, 'the timeout holds')
  assert.deepEqual(await sentState(), before)
  await claims.config.setBackend(DEPLOYMENT, 'phala', '')
})

test('a backend whose approval is bad: InvalidSignature decoded, short signature and other amounts caught before the chain, a refusal quoted; nothing sent', async () => {
  const mesh = who('Mesh')
  const before = await sentState()
  await claims.config.setBackend(DEPLOYMENT, 'phala', await badBackend())
  const prepare = () => review({ network: 'phala', account: mesh.ss58, receiver })

  mode = 'wrong-signer'
  await rejectsWith(prepare(), 'INVALID_CLAIM_SIGNATURE', /approval does not verify on the Phala claimer contract \(InvalidSignature\)/)
  mode = 'short-signature'
  await rejectsWith(prepare(), 'INVALID_CLAIM_SIGNATURE', /64 bytes where 65 are expected/)
  mode = 'other-amounts'
  await rejectsWith(prepare(), 'CLAIM_APPROVAL_MISMATCH', /approves 1234\.500000000000000001 vPHA where it showed 1234\.5 vPHA/)
  mode = 'refuse'
  await rejectsWith(prepare(), 'CLAIM_BACKEND_REFUSED', /refused: the snapshot is being rebuilt/)
  assert.deepEqual(await sentState(), before, 'nothing sent, nothing recorded')

  // with the real backend again, the same account claims fine: nothing was spent by the failures
  await claims.config.setBackend(DEPLOYMENT, 'phala', '')
  const { hash } = await confirmAndMine(h, await prepare())
  assert.equal((await claims.status({ hash })).claimed, true)
})

test('a wrong keystore password is refused with a sentence; the right one imports an account that claims; a double click sends once', async () => {
  const bob = who('Bob')
  const file = JSON.stringify(await encodeKeystore(keypairFromSuri(bob.suri), 'bob keystore pw', { meta: { name: 'Bob (polkadot.js)' } }))
  await rejectsWith(h.wallet.keyring.importSubstrateAccount({ keystore: file, keystorePassword: 'not the password' }), 'WRONG_KEYSTORE_PASSWORD', /not this wallet’s password/)
  assert.equal((await h.wallet.keyring.substrateAccounts()).some((a) => a.ss58 === bob.ss58), false)
  const account = await h.wallet.keyring.importSubstrateAccount({ keystore: file, keystorePassword: 'bob keystore pw' })
  assert.equal(account.ss58, bob.ss58)
  assert.equal(account.name, 'Bob (polkadot.js)')

  const e = await claims.eligibility({ deployment: DEPLOYMENT, network: 'phala', account: bob.ss58 })
  assert.deepEqual({ free: e.free, staked: e.staked }, { free: 250n * 10n ** 18n, staked: 0n })
  const flow = await review({ network: 'phala', account: bob.ss58, receiver })
  assert.equal((flow.summary as { l2: unknown }).l2, null, 'nothing staked: nothing bridged')
  const nonce = await l1.getTransactionCount({ address: receiver, blockTag: 'pending' })
  const [a, b] = await Promise.allSettled([confirm(flow.id), confirm(flow.id)])
  const sent = [a, b].filter((r) => r.status === 'fulfilled')
  assert.equal(sent.length, 1, 'one of the two clicks sends')
  const refused = [a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult
  assert.ok(['STEP_NOT_READY', 'STALE_STEP'].includes(refused.reason.code), refused.reason.message)
  // reviewing the same claim again while it is on its way shows that claim, not a second one
  assert.equal((await review({ network: 'phala', account: bob.ss58, receiver })).id, flow.id)
  const hash = (sent[0] as PromiseFulfilledResult<Flow>).value.steps[0].hash!
  // the hash comes back when the node accepts it, not when it is mined: count once it is, pool included
  await l1.waitForTransactionReceipt({ hash, pollingInterval: 100 })
  assert.equal(await l1.getTransactionCount({ address: receiver, blockTag: 'pending' }), nonce + 1, 'exactly one transaction')
  assert.equal((await claims.status({ hash })).record.status, 'confirmed')
  await waitFlow(h, flow.id, (f) => f.status === 'done')
  await rejectsWith(review({ network: 'phala', account: bob.ss58, receiver }), 'ALREADY_CLAIMED')
})
