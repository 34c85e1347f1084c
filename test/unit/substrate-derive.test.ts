// Secret URI derivation against Substrate's published "Secret URI test vectors" (substrate wiki, carried in
// polkadot-js/common packages/keyring/src/suri.spec.ts) and `subkey inspect //Alice` output.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bytesToHex } from '@noble/hashes/utils.js'
import { secretFromSeed, getPublicKey, sign, verify } from '@scure/sr25519'
import {
  DEV_PHRASE,
  keypairFromSuri,
  keypairFromMiniSecret,
  mnemonicToMiniSecret,
  parseSuri,
  junctionChainCode,
  derivePublicKey,
  ss58Encode,
  toHex,
  isSubstrateKeyError,
} from '../../src/keyring/substrate/index.ts'

const SURI_VECTORS: [string, string, string][] = [
  ['', '0x46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a', '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV'],
  ['///password', '0xb69355deefa7a8f33e9297f5af22e680f03597a99d4f4b1c44be47e7a2275802', '5GC6LfpV352HtJPySfAecb5JdePtf4R9Vq49NUU8RhzgBqgq'],
  ['/foo', '0x40b9675df90efa6069ff623b0fdfcf706cd47ca7452a5056c7ad58194d23440a', '5DXZzrDxHbkQov4QBAY4TjpwnHCMrKXkomTnKSw8UArBEY5v'],
  ['//foo', '0x547d4a55642ec7ebadc0bd29b6e570b8c926059b3c0655d4948075e9a7e6f31e', '5DyV6fZuvPemWrUqBgWwTSgoV86w6xms3KhkFU6cQcWxU8eP'],
  ['//foo/bar', '0x3841947ffcde6f5fef26fb68b59bb8665637e30e32ec2051f99cf6b9c674fe09', '5DLU27is5iViNopQb2KxsTyPx6j4vCu8X3sk3j3NNLkPCqKM'],
  ['/foo//bar', '0xdc142f7476a7b0aa262aeccf207f1d18daa90762db393006741e8a31f39dbc53', '5H3GPTqDSpjkfDwbHy12PD6BWm8jvGSX4xYC8UMprHpTPcRg'],
  ['//foo/bar//42/69', '0xa2e56b06407a6d1e819d2fc33fa0ec604b29c2e868b70b3696bb049b8725934b', '5FkHmNgbg64MwStgCyDi2Uw3ufFu11mqQgmWT9uwK4Lghvpv'],
  ['//foo/bar//42/69///password', '0x0e0d24e3e1ff2c07f269c99e2e0df8681fda1851ac42fc846ca2daaa90cd8f14', '5CP8S23JBNXYNpJsL7ESPJBNnUZE6itcfM4EnDxEhaVEU6dT'],
  ['//Alice', '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d', '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'],
]

test('Substrate secret URI vectors: dev phrase with hard, soft, numeric and password parts', () => {
  for (const [path, pk, ss58] of SURI_VECTORS) {
    const pair = keypairFromSuri(DEV_PHRASE + path)
    assert.equal(toHex(pair.publicKey), pk, path || '(root)')
    assert.equal(ss58Encode(pair.publicKey, 42), ss58, path || '(root)')
  }
})

test('the dev accounts: //Alice, //Bob, //Charlie without a phrase use the dev phrase (as subkey does)', () => {
  assert.equal(toHex(keypairFromSuri('//Alice').publicKey), '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d')
  assert.equal(toHex(keypairFromSuri('//Bob').publicKey), '0x8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48')
  assert.equal(toHex(keypairFromSuri(`${DEV_PHRASE}//Charlie`).publicKey), '0x90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22')
})

test('hard derivation yields the mini-secret subkey prints for //Alice', () => {
  // `subkey inspect //Alice`: Secret seed 0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a
  const fromSeed = keypairFromSuri('0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a')
  const derived = keypairFromSuri('//Alice')
  assert.deepEqual(derived.secretKey, fromSeed.secretKey)
  assert.equal(toHex(fromSeed.publicKey), '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d')
})

test('the root key is the Ed25519-mode expansion of the mini-secret', () => {
  const mini = mnemonicToMiniSecret(DEV_PHRASE)
  const pair = keypairFromMiniSecret(mini)
  assert.deepEqual(pair.secretKey, secretFromSeed(mini))
  assert.deepEqual(pair.publicKey, getPublicKey(secretFromSeed(mini)))
})

test('soft junctions can be derived from the public key alone and agree with the secret side', () => {
  const root = keypairFromSuri(DEV_PHRASE)
  const { junctions } = parseSuri('/foo/1/bar')
  const viaPublic = derivePublicKey(root.publicKey, junctions)
  const viaSecret = keypairFromSuri(`${DEV_PHRASE}/foo/1/bar`)
  assert.deepEqual(viaPublic, viaSecret.publicKey)
  // the soft child's secret signs for that public key
  const msg = new Uint8Array([1, 2, 3])
  assert.ok(verify(msg, sign(viaSecret.secretKey, msg), viaPublic))
  assert.throws(() => derivePublicKey(root.publicKey, parseSuri('//hard').junctions), /hard junction/)
})

test('junction chain codes: u64 numbers little-endian, text SCALE-encoded, long text hashed', () => {
  assert.equal(bytesToHex(junctionChainCode('42')), '2a' + '00'.repeat(31))
  assert.equal(bytesToHex(junctionChainCode('18446744073709551615')), 'ff'.repeat(8) + '00'.repeat(24))
  // one more than u64::MAX is not a number any more: it is a SCALE string (compact length 20 << 2 = 0x50)
  assert.equal(bytesToHex(junctionChainCode('18446744073709551616')).slice(0, 4), '5031')
  assert.equal(bytesToHex(junctionChainCode('Alice')), '14416c696365' + '00'.repeat(26))
  assert.equal(junctionChainCode('x'.repeat(40)).length, 32)
  assert.notDeepEqual(junctionChainCode('x'.repeat(40)), junctionChainCode('x'.repeat(41)))
})

test('parsing keeps the password verbatim and rejects empty junctions', () => {
  const p = parseSuri(`${DEV_PHRASE}//foo/bar///pass/word`)
  assert.equal(p.phrase, DEV_PHRASE)
  assert.deepEqual(p.junctions.map((j) => [j.hard, j.path]), [[true, 'foo'], [false, 'bar']])
  assert.equal(p.password, 'pass/word')
  assert.throws(() => keypairFromSuri(`${DEV_PHRASE}//foo//`), (e: unknown) => isSubstrateKeyError(e, 'BAD_SURI'))
  assert.throws(() => keypairFromSuri('0x1234//Alice'), (e: unknown) => isSubstrateKeyError(e, 'BAD_SEED') && /32 bytes/.test(e.message))
  assert.throws(() => keypairFromSuri('bottom drive obey lake curtain smoke basket hold race lonely fit wakl'), (e: unknown) => isSubstrateKeyError(e, 'BAD_MNEMONIC') && /word 12 "wakl"/.test(e.message))
})
