// The claim's configuration and checks that need no chain: the deployments (mainnet addresses from
// FACTS.md, the devnet's from its manifest), backend URLs the user sets, the missing mainnet
// backend as a sentence, the approval checks, the custom errors as sentences, bigint on the wire.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import type { Address, Hex } from 'viem'
import { ClaimConfig, devnetClaimDeployment, MAINNET_CLAIM } from '../../src/claim/config.ts'
import { fetchAccount } from '../../src/claim/backend.ts'
import { checkApproval } from '../../src/claim/claim-tx.ts'
import { claimRevertError } from '../../src/claim/errors.ts'
import { toWire } from '../../src/util/wire.ts'
import { MemoryKV } from '../../src/storage/kv.ts'
import type { DevnetManifest } from '../../src/chains/devnet-manifest.ts'

const manifest = JSON.parse(readFileSync(new URL('../../devnet/manifest.json', import.meta.url), 'utf8')) as DevnetManifest
const H160 = '0xd43593c715Fdd31c61141ABd04a99FD6822c8558' as Address
const E18 = 10n ** 18n

test('mainnet uses the published claimers and tokens and ships no backend URL; the devnet reads its manifest', () => {
  assert.equal(MAINNET_CLAIM.claimers.phala, '0x8b6d7AB0BE8d1f6AE40738C4CFF75134110a777F')
  assert.equal(MAINNET_CLAIM.claimers.khala, '0xa139F849000C5438855032eBFeed9Ee104023a73')
  assert.deepEqual([MAINNET_CLAIM.l1ChainId, MAINNET_CLAIM.l2ChainId], [1, 2035])
  assert.deepEqual(MAINNET_CLAIM.backends, { phala: '', khala: '' })
  const d = devnetClaimDeployment(manifest)!
  assert.equal(d.l2ChainId, 901)
  assert.equal(d.claimers.phala, manifest.l1.contracts.phalaClaimer)
  assert.equal(d.vpha.l2, manifest.l2s[0].l2Contracts.vpha)
  assert.equal(d.backends.khala, manifest.claimBackend!.urls.khala)
  assert.equal(devnetClaimDeployment({ ...manifest, l1: { ...manifest.l1, contracts: { multicall3: manifest.l1.contracts.multicall3 } } }), null)
  assert.equal(devnetClaimDeployment(null), null)
})

test('a backend URL the user sets lays over the shipped one; a bad URL is a sentence; empty puts it back', async () => {
  const cfg = new ClaimConfig(new MemoryKV(), [MAINNET_CLAIM])
  const set = await cfg.setBackend('ethereum', 'phala', ' https://claim.example.org/api/ ')
  assert.equal(set.backends.phala, 'https://claim.example.org/api')
  assert.equal(set.backends.khala, '')
  await assert.rejects(cfg.setBackend('ethereum', 'phala', 'ftp://x'), { code: 'BAD_URL' })
  await assert.rejects(cfg.setBackend('nowhere', 'phala', 'https://x'), { code: 'UNKNOWN_DEPLOYMENT' })
  await assert.rejects(cfg.setBackend('ethereum', 'kusama' as 'phala', 'https://x'), { code: 'BAD_PARAMS' })
  assert.equal((await cfg.setBackend('ethereum', 'phala', '')).backends.phala, '')
})

test('without a backend URL the claim says what to set, before any request', async () => {
  await assert.rejects(fetchAccount({ url: '', network: 'khala' }, '45R2pfjQUW2s9PQRHU48HQKLKHVMaDja7N3wpBtmF28UYDs2'), {
    code: 'NO_CLAIM_BACKEND',
    message: 'Set the address of the Khala claim service first: this wallet does not ship one for this network.',
  })
})

test('an approval must name the account, carry the amounts shown and a 65-byte signature', () => {
  const sig = `0x${'11'.repeat(65)}` as Hex
  const ok = { h160: H160, free: 1000n * E18, staked: 500n * E18, signature: sig }
  assert.equal(checkApproval(ok, { h160: H160, free: 1000n * E18, staked: 500n * E18 }), ok)
  assert.throws(() => checkApproval({ ...ok, h160: '0x90b5aB205C6974c9ea841BE688864633dc9ca8A3' }, ok), { code: 'CLAIM_APPROVAL_MISMATCH' })
  assert.throws(() => checkApproval({ ...ok, free: 1n }, ok), { code: 'CLAIM_APPROVAL_MISMATCH', message: /approves 0\.000000000000000001 PHA where it showed 1000 PHA/ })
  assert.throws(() => checkApproval({ ...ok, staked: 0n }, ok), { code: 'CLAIM_APPROVAL_MISMATCH' })
  assert.throws(() => checkApproval({ ...ok, signature: `0x${'11'.repeat(64)}` }, ok), { code: 'INVALID_CLAIM_SIGNATURE' })
})

test('every custom error of the claimers is a sentence with its own code', () => {
  const ctx = { network: 'phala' as const, h160: H160, receiver: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as Address }
  const codes = Object.fromEntries(
    ['AlreadyClaimed', 'NoAssetsToClaim', 'InvalidReceiver', 'InvalidSignature', 'ECDSAInvalidSignatureS', 'NotDeposited', 'InvalidBridgeConfig', 'Panic'].map((n) => [n, claimRevertError(n, ctx).code]),
  )
  assert.deepEqual(codes, {
    AlreadyClaimed: 'ALREADY_CLAIMED',
    NoAssetsToClaim: 'NOTHING_TO_CLAIM',
    InvalidReceiver: 'INVALID_RECEIVER',
    InvalidSignature: 'INVALID_CLAIM_SIGNATURE',
    ECDSAInvalidSignatureS: 'INVALID_CLAIM_SIGNATURE',
    NotDeposited: 'CLAIMER_NOT_FUNDED',
    InvalidBridgeConfig: 'CLAIMER_NO_BRIDGE',
    Panic: 'CLAIM_WOULD_FAIL',
  })
  assert.match(claimRevertError('AlreadyClaimed', { ...ctx, network: 'khala' }).message, /^This parachain account \(0xd435.*\) was already claimed on Khala/)
  assert.match(claimRevertError('InvalidSignature', ctx).message, /^The claim service's approval does not verify/)
})

test('amounts cross messaging as decimal strings, nested', () => {
  assert.deepEqual(toWire({ a: 1n, b: [{ c: 2n }], d: null, e: 'x', f: 3 }), { a: '1', b: [{ c: '2' }], d: null, e: 'x', f: 3 })
})
