// SS58 and h160 against published addresses: the dev accounts at prefix 42 (subkey), 0 and 2
// (polkadot.js / Polkadot docs), and 30 (Phala: Alice 45R2p… in a Phala crate's ss58 test; Bob and
// Charlie in Phala-Network/swanky-plugin-phala's account list).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { base58 } from '@scure/base'
import {
  ss58Encode,
  ss58Decode,
  ss58Convert,
  isSs58Address,
  h160FromPublicKey,
  toChecksumAddress,
  accountIdsFromSuri,
  fromHex,
  isSubstrateKeyError,
} from '../../src/keyring/substrate/index.ts'

const ALICE = fromHex('0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d', 'alice', 'BAD_SS58', 32)
const BOB = fromHex('0x8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48', 'bob', 'BAD_SS58', 32)
const CHARLIE = fromHex('0x90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22', 'charlie', 'BAD_SS58', 32)

const PUBLISHED: [Uint8Array, number, string][] = [
  [ALICE, 42, '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'],
  [ALICE, 0, '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5'],
  [ALICE, 2, 'HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F'],
  [ALICE, 30, '45R2pfjQUW2s9PQRHU48HQKLKHVMaDja7N3wpBtmF28UYDs2'],
  [BOB, 42, '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'],
  [BOB, 30, '43qsYbZGLn2xzNuurY6BY4QNDSUU7gLEcXuckpm6B3DEmEx9'],
  [BOB, 63, '7Lpe5LRa2Ntx9KGDk77xzoBPYTCAvj7QqaBx4Nz2TFqL3sLw'],
  [CHARLIE, 42, '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y'],
  [CHARLIE, 30, '43tXcmhJfmvbczKaPKgWXirf3a9r6zD63KAxHq4CTSPm4DRf'],
]

test('published dev-account addresses encode and decode at prefixes 0, 2, 30, 42 and 63', () => {
  for (const [pk, prefix, address] of PUBLISHED) {
    assert.equal(ss58Encode(pk, prefix), address)
    const d = ss58Decode(address)
    assert.equal(d.prefix, prefix)
    assert.deepEqual(d.publicKey, pk)
  }
  assert.equal(ss58Convert('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY', 30), '45R2pfjQUW2s9PQRHU48HQKLKHVMaDja7N3wpBtmF28UYDs2')
})

test('two-byte prefixes (64..16383) round-trip with the bit layout sp-core uses', () => {
  for (const prefix of [64, 255, 1284, 16383]) {
    const address = ss58Encode(ALICE, prefix)
    const raw = base58.decode(address)
    assert.equal(raw.length, 36)
    assert.equal(raw[0] & 0b1100_0000, 0b0100_0000)
    assert.deepEqual(ss58Decode(address), { publicKey: ALICE, prefix })
  }
})

test('a typo is a checksum error, not another account', () => {
  const good = '45R2pfjQUW2s9PQRHU48HQKLKHVMaDja7N3wpBtmF28UYDs2'
  const typo = good.slice(0, 10) + (good[10] === 'a' ? 'b' : 'a') + good.slice(11)
  assert.throws(() => ss58Decode(typo), (e: unknown) => isSubstrateKeyError(e, 'BAD_SS58_CHECKSUM') && /typo/.test(e.message))
  assert.equal(isSs58Address(typo), false)
})

test('another network prefix, bad characters and a cut address each get their own error', () => {
  assert.throws(() => ss58Decode('15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5', 30), (e: unknown) => {
    assert.ok(isSubstrateKeyError(e, 'BAD_SS58_PREFIX'))
    assert.match(e.message, /prefix 0 \(Polkadot\), expected 30 \(Phala\/Khala\)/)
    return true
  })
  assert.throws(() => ss58Decode('45R2pfjQUW2s9PQRHU48HQKLKHVMaDja7N3wpBtmF28UYDs0'), (e: unknown) => isSubstrateKeyError(e, 'BAD_SS58'))
  assert.throws(() => ss58Decode('45R2pfjQUW2s9PQRHU48HQKLKHVMaDja7N3wpBtmF28UY'), (e: unknown) => isSubstrateKeyError(e, 'BAD_SS58') && /copied whole/.test(e.message))
  assert.throws(() => ss58Encode(ALICE, 46), (e: unknown) => isSubstrateKeyError(e, 'BAD_SS58_PREFIX'))
  assert.throws(() => ss58Encode(ALICE, 16384), (e: unknown) => isSubstrateKeyError(e, 'BAD_SS58_PREFIX'))
  assert.equal(isSs58Address('0xd43593c715fdd31c61141abd04a99fd6822c8558'), false)
})

test('h160 is the first 20 bytes of the public key, EIP-55 checksummed', () => {
  assert.equal(h160FromPublicKey(ALICE), toChecksumAddress('0xd43593c715fdd31c61141abd04a99fd6822c8558'))
  assert.equal(h160FromPublicKey(ALICE).toLowerCase(), '0xd43593c715fdd31c61141abd04a99fd6822c8558')
  // EIP-55's own examples
  assert.equal(toChecksumAddress('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'), '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')
  assert.equal(toChecksumAddress('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359'), '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359')
  assert.throws(() => toChecksumAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'), (e: unknown) => isSubstrateKeyError(e, 'BAD_ADDRESS') && /checksum/.test(e.message))
  assert.deepEqual(accountIdsFromSuri('//Alice'), {
    publicKey: '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d',
    ss58: '45R2pfjQUW2s9PQRHU48HQKLKHVMaDja7N3wpBtmF28UYDs2',
    h160: toChecksumAddress('0xd43593c715fdd31c61141abd04a99fd6822c8558'),
  })
})
