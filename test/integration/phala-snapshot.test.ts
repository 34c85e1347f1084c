// The devnet's parachain snapshot: its keys really are the ones its secret URIs derive, it covers the
// cases the claim UI must show (nothing, only free, only staked, both, Khala), and it feeds the manifest.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { loadSnapshot, substrateAccountsForManifest, snapshotTotals } from '../../devnet/phala/index.ts'
import { validateSnapshot } from '../../devnet/phala/snapshot.ts'

test('every account matches its secret URI at prefix 30 and the cases are covered', () => {
  const snapshot = loadSnapshot()
  assert.equal(snapshot.ss58Prefix, 30)
  const kind = (a: { free: string; staked: string }) => `${a.free !== '0' ? 'free' : ''}${a.staked !== '0' ? 'staked' : ''}` || 'nothing'
  const phala = snapshot.accounts.filter((a) => a.network === 'phala').map(kind)
  for (const k of ['nothing', 'free', 'staked', 'freestaked']) assert.ok(phala.includes(k), `a Phala account with ${k}`)
  assert.ok(snapshot.accounts.some((a) => a.network === 'khala' && kind(a) === 'freestaked'))
  assert.ok(snapshotTotals(snapshot, 'phala').free > 0n && snapshotTotals(snapshot, 'phala').staked > 0n)
})

test('a snapshot whose address does not match its secret URI is refused', () => {
  const snapshot = loadSnapshot()
  const broken = structuredClone(snapshot)
  broken.accounts[1].ss58 = snapshot.accounts[0].ss58
  assert.throws(() => validateSnapshot(broken), /Bob: ss58\/publicKey\/h160 do not match/)
  const twice = structuredClone(snapshot)
  twice.accounts.push({ ...snapshot.accounts[0] })
  assert.throws(() => validateSnapshot(twice), /appears twice on phala/)
})

test('manifest entries carry exactly the DevnetSubstrateAccount fields', () => {
  const entries = substrateAccountsForManifest()
  assert.equal(entries.length, loadSnapshot().accounts.length)
  for (const e of entries) assert.deepEqual(Object.keys(e).sort(), ['free', 'h160', 'name', 'network', 'publicKey', 'ss58', 'staked', 'suri'])
})
