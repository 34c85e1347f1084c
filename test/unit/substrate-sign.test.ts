// Raw-message signatures: polkadot.js's published sr25519 signatures (polkadot-js/common
// packages/util-crypto/src/signature/verify.spec.ts, message "hello world", bare and <Bytes>-wrapped),
// and the claim message of the PHA migration.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { verify } from '@scure/sr25519'
import {
  keypairFromSuri,
  signRaw,
  verifyRaw,
  wrapBytes,
  isWrapped,
  claimMessage,
  ss58Decode,
  fromHex,
  isSubstrateKeyError,
} from '../../src/keyring/substrate/index.ts'

const ADDR_SR = 'EK1bFgKm2FsghcttHT7TB7rNyXApFgs9fCbijMGQNyFGBQm'
const SIG_SR = '0xca01419b5a17219f7b78335658cab3b126db523a5df7be4bfc2bef76c2eb3b1dcf4ca86eb877d0a6cf6df12db5995c51d13b00e005d053b892bd09c594434288'
const ADDR_SR_WRAP = 'J9nD3s7zssCX7bion1xctAF6xcVexcpy2uwy4jTm9JL8yuK'
const SIG_SR_WRAP = '0x84b6afb1c8e54bbcb3f4872baf172580e21310e9387a53742627d6652d121447fa406b82805ed3184fb7bd519175cc9f99f283f97954d95cf966ee164df85489'

test('a published <Bytes>-wrapped signature verifies, given the bare or the wrapped message', () => {
  assert.equal(verifyRaw('hello world', SIG_SR_WRAP, ADDR_SR_WRAP), true)
  assert.equal(verifyRaw(wrapBytes('hello world'), SIG_SR_WRAP, ADDR_SR_WRAP), true)
  assert.equal(verifyRaw('hello world!', SIG_SR_WRAP, ADDR_SR_WRAP), false)
  assert.equal(verifyRaw('hello world', SIG_SR_WRAP, ADDR_SR), false)
})

test('a published unwrapped signature verifies only when unwrapped signatures are accepted', () => {
  assert.equal(verifyRaw('hello world', SIG_SR, ADDR_SR), false)
  assert.equal(verifyRaw('hello world', SIG_SR, ADDR_SR, { acceptUnwrapped: true }), true)
  // a 65-byte MultiSignature (0x01 = Sr25519) is read too
  assert.equal(verifyRaw('hello world', `0x01${SIG_SR.slice(2)}`, ADDR_SR, { acceptUnwrapped: true }), true)
})

test('wrapping adds <Bytes></Bytes> once', () => {
  assert.deepEqual(wrapBytes('hi'), utf8ToBytes('<Bytes>hi</Bytes>'))
  assert.deepEqual(wrapBytes(wrapBytes('hi')), utf8ToBytes('<Bytes>hi</Bytes>'))
  assert.equal(isWrapped('<Bytes></Bytes>'), true)
  assert.equal(isWrapped('<Bytes>'), false)
})

test('signRaw signs the wrapped claim message and verifyRaw checks it', () => {
  const alice = keypairFromSuri('//Alice')
  const receiver = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'
  const message = claimMessage('phala', receiver)
  assert.equal(message, 'Phala Asset Receiver: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')
  assert.equal(claimMessage('khala', receiver), 'Khala Asset Receiver: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')
  const sig = signRaw(alice, message)
  assert.match(sig, /^0x[0-9a-f]{128}$/)
  // what a Polkadot extension signs is the wrapped text
  assert.ok(verify(utf8ToBytes(`<Bytes>${message}</Bytes>`), fromHex(sig, 'sig', 'BAD_SIGNATURE'), alice.publicKey))
  assert.equal(verifyRaw(message, sig, '45R2pfjQUW2s9PQRHU48HQKLKHVMaDja7N3wpBtmF28UYDs2'), true)
  assert.equal(verifyRaw(message, sig, ss58Decode('43qsYbZGLn2xzNuurY6BY4QNDSUU7gLEcXuckpm6B3DEmEx9').publicKey), false)
  // lowercase receiver is a different message
  assert.equal(verifyRaw(`Phala Asset Receiver: ${receiver}`, sig, alice.publicKey), false)
})

test('malformed signatures and receivers are errors with codes, garbage bytes just do not verify', () => {
  const alice = keypairFromSuri('//Alice')
  assert.throws(() => verifyRaw('x', '0x1234', alice.publicKey), (e: unknown) => isSubstrateKeyError(e, 'BAD_SIGNATURE') && /64 bytes/.test(e.message))
  assert.throws(() => verifyRaw('x', 'zz', alice.publicKey), (e: unknown) => isSubstrateKeyError(e, 'BAD_SIGNATURE'))
  assert.equal(verifyRaw('x', `0x${'00'.repeat(64)}`, alice.publicKey), false)
  assert.equal(verifyRaw('x', `0x${'ff'.repeat(64)}`, alice.publicKey), false)
  assert.throws(() => claimMessage('phala', '0x1234'), (e: unknown) => isSubstrateKeyError(e, 'BAD_ADDRESS'))
})
