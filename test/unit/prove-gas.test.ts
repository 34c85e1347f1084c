// The prove gas before a proof exists (src/rollup/prove-gas.ts): the proof a new withdrawal would carry,
// read from a key's non-inclusion proof (real RLP nodes built here), the deepest of the probed keys,
// one eth_getProof per chain a minute, asked again after a failure. The fitted figures themselves are
// checked against real proves in test/integration/fees-bridge.test.ts.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { keccak256, toRlp, type Hex } from 'viem'
import { expectedProofShape, LEAF_BYTES, PROBE_KEYS, PROVE_GAS, proveGasFor, shapeOf, SHAPE_TTL_MS, SPLIT_BRANCH_BYTES, UNKNOWN_TRIE, withLeaf } from '../../src/rollup/prove-gas.ts'

const hash = (i: number) => keccak256(`0x${i.toString(16).padStart(2, '0')}`)
/** a branch node with `children` hashed children (the rest empty) */
const branch = (children: number): Hex => toRlp([...Array.from({ length: 16 }, (_, i) => (i < children ? hash(i) : '0x')), '0x'] as Hex[])
/** a leaf node: the rest of the key's path and the stored `true` */
const leaf = (): Hex => toRlp([`0x3${'a'.repeat(61)}` as Hex, '0x01'])
const size = (h: Hex) => (h.length - 2) / 2

test('a path that ends in a branch: the new leaf hangs below it', () => {
  const proof = [branch(16), branch(5)]
  assert.deepEqual(withLeaf(proof), { branches: 2, shorts: 1, bytes: size(proof[0]!) + size(proof[1]!) + LEAF_BYTES })
  assert.deepEqual(shapeOf([...proof, leaf()]), { branches: 2, shorts: 1, bytes: size(proof[0]!) + size(proof[1]!) + size(leaf()) })
  assert.equal(size(branch(16)), 532, 'a full branch node')
})

test("a path that ends at another key's leaf: that leaf becomes a branch over both leaves", () => {
  const proof = [branch(16), leaf()]
  assert.deepEqual(withLeaf(proof), { branches: 2, shorts: 1, bytes: 532 + SPLIT_BRANCH_BYTES + LEAF_BYTES })
})

test('an empty trie: the leaf and the nonce under one branch; no answer: a deep live trie', () => {
  assert.deepEqual(withLeaf(['0x80']), { branches: 1, shorts: 1, bytes: SPLIT_BRANCH_BYTES + LEAF_BYTES })
  assert.equal(proveGasFor('portal2', 'eth', null), proveGasFor('portal2', 'eth', UNKNOWN_TRIE))
  // one branch deeper costs perBranch and its bytes; an extension costs less than a branch
  const a = proveGasFor('legacy', 'bridge-eth', { branches: 2, shorts: 1, bytes: 800 })
  const b = proveGasFor('legacy', 'bridge-eth', { branches: 3, shorts: 1, bytes: 1332 })
  assert.equal(b - a, PROVE_GAS.perBranch + (PROVE_GAS.perHundredBytes * 532n) / 100n)
  assert.ok(PROVE_GAS.perShort < PROVE_GAS.perBranch)
})

test('the deepest of the probed keys, one request per chain a minute, asked again after a failure', async () => {
  let calls = 0
  let fail = false
  const paths: Hex[][] = Array.from({ length: PROBE_KEYS }, (_, i) => (i === 3 ? [branch(16), branch(16), branch(2)] : [branch(16), branch(9)]))
  const l2 = {
    getProof: async (args: { storageKeys: Hex[] }) => {
      calls++
      if (fail) throw new Error('down')
      assert.equal(new Set(args.storageKeys).size, PROBE_KEYS)
      return { storageProof: args.storageKeys.map((key, i) => ({ key, value: 0n, proof: paths[i]! })) }
    },
  } as unknown as Parameters<typeof expectedProofShape>[0]
  const t0 = 1_000_000
  const deepest = { branches: 3, shorts: 1, bytes: 532 * 2 + size(branch(2)) + LEAF_BYTES }
  assert.deepEqual(await expectedProofShape(l2, 7001, t0), deepest)
  assert.deepEqual(await expectedProofShape(l2, 7001, t0 + SHAPE_TTL_MS - 1), deepest)
  assert.equal(calls, 1, 'answered from memory within the minute')
  fail = true
  assert.equal(await expectedProofShape(l2, 7001, t0 + SHAPE_TTL_MS), null)
  assert.equal(calls, 2)
  fail = false
  assert.deepEqual(await expectedProofShape(l2, 7001, t0 + SHAPE_TTL_MS + 1), deepest)
  assert.equal(calls, 3, 'a failed probe is not kept')
})
