// Networks and their RPC URLs: the user's list replaces a network's own URLs in the order given
// (fallback order), clearing it restores them; families group an L1 with its rollups.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { NetworkStore } from '../../src/chains/store.ts'
import { BUILTIN_NETWORKS } from '../../src/chains/builtin.ts'
import { families, familyOf, shortName } from '../../src/chains/family.ts'
import { checkRpcUrl } from '../../src/chains/calls.ts'
import { MemoryKV } from '../../src/storage/kv.ts'

test('custom RPC URLs replace the shipped ones, in order, and can be restored', async () => {
  const store = new NetworkStore(new MemoryKV(), BUILTIN_NETWORKS)
  await store.setRpcUrls(2035, ['https://b.example', 'https://a.example', 'https://b.example'])
  assert.deepEqual((await store.get(2035))!.rpcUrls, ['https://b.example', 'https://a.example'])
  const d = (await store.describe()).find((x) => x.network.chainId === 2035)!
  assert.equal(d.customRpc, true)
  assert.deepEqual(d.ownRpcUrls, ['https://rpc.phala.network'])
  await store.setRpcUrls(2035, [])
  assert.deepEqual((await store.get(2035))!.rpcUrls, ['https://rpc.phala.network'])
  await assert.rejects(store.setRpcUrls(1, ['ftp://x']), /not an http/)
})

test('plain http only to this machine', () => {
  assert.equal(checkRpcUrl(' http://127.0.0.1:8545 '), 'http://127.0.0.1:8545')
  assert.equal(checkRpcUrl('https://rpc.example/key'), 'https://rpc.example/key')
  assert.throws(() => checkRpcUrl('http://rpc.example'), /only a node on this machine/)
  assert.throws(() => checkRpcUrl('rpc.example'), /not an http/)
})

test('families: an L1 and its rollups', () => {
  assert.deepEqual(familyOf(BUILTIN_NETWORKS, 8453).map((n) => n.chainId), [1, 2035, 10, 8453, 57073])
  assert.deepEqual(familyOf(BUILTIN_NETWORKS, 11155111).map((n) => n.chainId), [11155111, 11155420, 84532, 763373])
  assert.deepEqual(families(BUILTIN_NETWORKS), [1, 11155111])
  assert.equal(shortName('Devnet OP 902 (validity proofs)'), 'Devnet OP 902')
  assert.equal(shortName('A very long rollup name indeed'), 'A very long r…')
})
