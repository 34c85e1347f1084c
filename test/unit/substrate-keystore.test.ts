// polkadot.js JSON keystores: files exported by real wallets and published with their passwords
// (polkawallet-io/sdk example/lib/pages/keyring.dart; opentensor/btwallet README), a file assembled
// byte by byte from the documented layout, and the error cases a user can hit.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { base64 } from '@scure/base'
import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js'
import { scrypt } from '@noble/hashes/scrypt.js'
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { verify } from '@scure/sr25519'
import {
  decodeKeystore,
  encodeKeystore,
  keypairFromSuri,
  signRaw,
  verifyRaw,
  toHex,
  ss58Decode,
  isSubstrateKeyError,
} from '../../src/keyring/substrate/index.ts'

const POLKAWALLET = {
  pubKey: '0xa2d1d33cc490d34ccc6938f8b30430428da815a85bf5927adc85d9e27cbbfc1a',
  address: '14gV68QsGAEUGkcuV5JA1hx2ZFTuKJthMFfnkDyLMZyn8nnb',
  encoded:
    'G3BHvs9tVTSf1Qe02bcOGpj7vjLdgqyS+/s0/J3EfRMAgAAAAQAAAAgAAADpWTEOs5/06DmEZaeuoExpf9+y1xcUhIzmEr6dUxyl67VQRX2KNGVmTqq05/sEIUDPVeOqqLbjBEPaNRoC0lZTQlKM5u38lX4PzKivGHM9ZJkvtQxf7RAndN/vgfIX4X76gX60bqrUY8Qr2ZswtuPTeGVKQOD7y0GtoPOcR2RzFg6rs44NuugTR0UwA8HWTDkh0c/KOnUc1FJDb4rV',
  encoding: { content: ['pkcs8', 'sr25519'], type: ['scrypt', 'xsalsa20-poly1305'], version: '3' },
  meta: { name: 'testName-3', whenCreated: 1598270113026, whenEdited: 1598270113026 },
}
const BTWALLET =
  '{"encoded":"Z1yzxASuj21ej3CANbZKc3ibDaOpQPMahTT0qkniyZgAgAAAAQAAAAgAAACSDgflXWKXrX36EmX9XcA6cRpkN+oZX30/9FhtNP17krIG/yHLKmDnL1km1W/nZ+BpC7Qid6IuBvbZeboFyewFeXsKtcoY/bRY6nx/cLB5BND9WpXXS6Enf4RXAX7vPu/BY+o2z7VwPaXyFARfyPTiqJKqLDJWm3W5ZlvK0ks8FBv66mWEBYc+lLx8jvuzDNkdD3pnV3G802OwwHTy","encoding":{"content":["pkcs8","sr25519"],"type":["scrypt","xsalsa20-poly1305"],"version":"3"},"address":"5CuByUQBWZci5AtXonuHHhcbRL3yxM5xDdJsTNaYN3vPDY6f","meta":{"genesisHash":null,"name":"test","whenCreated":1727395683981}}'

test('a keystore exported by a Polkadot wallet opens with its password and its key signs', async () => {
  const pair = await decodeKeystore(POLKAWALLET, 'a123456')
  assert.equal(toHex(pair.publicKey), POLKAWALLET.pubKey)
  assert.equal(pair.address, POLKAWALLET.address)
  assert.equal(pair.meta.name, 'testName-3')
  const sig = signRaw(pair, 'Phala Asset Receiver: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')
  assert.equal(verifyRaw('Phala Asset Receiver: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', sig, POLKAWALLET.address), true)
})

test('a second published keystore (JSON text) opens too', async () => {
  const pair = await decodeKeystore(BTWALLET, 'Password123')
  assert.deepEqual(pair.publicKey, ss58Decode('5CuByUQBWZci5AtXonuHHhcbRL3yxM5xDdJsTNaYN3vPDY6f').publicKey)
})

test('a wrong password is WRONG_PASSWORD with a plain sentence', async () => {
  await assert.rejects(decodeKeystore(POLKAWALLET, 'a1234567'), (e: unknown) => {
    assert.ok(isSubstrateKeyError(e, 'WRONG_PASSWORD'))
    assert.equal(e.message, 'wrong keystore password')
    return true
  })
  await assert.rejects(decodeKeystore(POLKAWALLET, ''), (e: unknown) => isSubstrateKeyError(e, 'WRONG_PASSWORD'))
})

test('a file built from the documented layout (scrypt header, nonce, secretbox, PKCS8) imports', async () => {
  const alice = keypairFromSuri('//Alice')
  const salt = new Uint8Array(32).fill(7)
  const nonce = new Uint8Array(24).fill(9)
  const N = 1 << 15, p = 1, r = 8
  const le = (n: number) => Uint8Array.of(n & 255, (n >> 8) & 255, (n >> 16) & 255, n >>> 24)
  const key = scrypt(utf8ToBytes('correct horse'), salt, { N, r, p, dkLen: 64 }).slice(0, 32)
  const header = Uint8Array.of(48, 83, 2, 1, 1, 48, 5, 6, 3, 43, 101, 112, 4, 34, 4, 32)
  const divider = Uint8Array.of(161, 35, 3, 33, 0)
  const pkcs8 = concatBytes(header, alice.secretKey, divider, alice.publicKey)
  const encoded = concatBytes(salt, le(N), le(p), le(r), nonce, xsalsa20poly1305(key, nonce).encrypt(pkcs8))
  const file = {
    encoded: base64.encode(encoded),
    encoding: { content: ['pkcs8', 'sr25519'], type: ['scrypt', 'xsalsa20-poly1305'], version: '3' },
    address: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
    meta: { name: 'Alice' },
  }
  assert.equal(file.encoded.length, 268) // polkadot.js toJson.spec: an encrypted export is 268 base64 characters
  const pair = await decodeKeystore(file, 'correct horse')
  assert.deepEqual(pair.publicKey, alice.publicKey)
  // our own export is byte-identical given the same salt and nonce
  const ours = await encodeKeystore(alice, 'correct horse', { salt, nonce, meta: { name: 'Alice' } })
  assert.equal(ours.encoded, file.encoded)
  assert.deepEqual(ours.encoding, file.encoding)
  assert.equal(ours.address, file.address)
})

test('an old-style file holding the 32-byte seed instead of the 64-byte secret imports', async () => {
  const seed = new Uint8Array(32).fill(0x11)
  const pair = keypairFromSuri(toHex(seed))
  const header = Uint8Array.of(48, 83, 2, 1, 1, 48, 5, 6, 3, 43, 101, 112, 4, 34, 4, 32)
  const pkcs8 = concatBytes(header, seed, Uint8Array.of(161, 35, 3, 33, 0), pair.publicKey)
  const file = {
    encoded: base64.encode(pkcs8),
    encoding: { content: ['pkcs8', 'sr25519'], type: ['none'], version: '3' },
    address: (await encodeKeystore(pair, 'x', { scrypt: { N: 1 << 10, p: 1, r: 8 } })).address,
  }
  const opened = await decodeKeystore(file, '')
  const msg = new Uint8Array([5])
  assert.ok(verify(msg, (await import('@scure/sr25519')).sign(opened.secretKey, msg), pair.publicKey))
})

test('damaged, foreign and mismatched files are refused with a reason', async () => {
  await assert.rejects(decodeKeystore('not json', 'x'), (e: unknown) => isSubstrateKeyError(e, 'BAD_KEYSTORE') && /not JSON/.test(e.message))
  await assert.rejects(decodeKeystore({ ...POLKAWALLET, encoding: { ...POLKAWALLET.encoding, content: ['pkcs8', 'ed25519'] } }, 'a123456'), (e: unknown) => isSubstrateKeyError(e, 'UNSUPPORTED_KEYSTORE') && /ed25519/.test(e.message))
  await assert.rejects(decodeKeystore({ ...POLKAWALLET, address: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY' }, 'a123456'), (e: unknown) => isSubstrateKeyError(e, 'BAD_KEYSTORE') && /does not belong/.test(e.message))
  const raw = base64.decode(POLKAWALLET.encoded)
  const costly = raw.slice()
  costly[32 + 2] = 0x40 // N = 2^22
  await assert.rejects(decodeKeystore({ ...POLKAWALLET, encoded: base64.encode(costly) }, 'a123456'), (e: unknown) => isSubstrateKeyError(e, 'UNSUPPORTED_KEYSTORE') && /scrypt/.test(e.message))
  const flipped = raw.slice()
  flipped[flipped.length - 1] ^= 1
  await assert.rejects(decodeKeystore({ ...POLKAWALLET, encoded: base64.encode(flipped) }, 'a123456'), (e: unknown) => isSubstrateKeyError(e, 'WRONG_PASSWORD'))
  await assert.rejects(decodeKeystore({ ...POLKAWALLET, encoded: POLKAWALLET.encoded.slice(0, 40) }, 'a123456'), (e: unknown) => isSubstrateKeyError(e, 'BAD_KEYSTORE'))
  // a version that is no string or number (here an object without a prototype, which String() cannot
  // print; the property test found it) is an unsupported version, not a TypeError
  await assert.rejects(decodeKeystore({ ...POLKAWALLET, encoding: { ...POLKAWALLET.encoding, version: Object.create(null) } }, 'a123456'), (e: unknown) => isSubstrateKeyError(e, 'UNSUPPORTED_KEYSTORE') && /\(none\)/.test(e.message))
  await assert.rejects(decodeKeystore({ ...POLKAWALLET, encoding: { ...POLKAWALLET.encoding, version: { toString: 1 } } }, 'a123456'), (e: unknown) => isSubstrateKeyError(e, 'UNSUPPORTED_KEYSTORE'))
})
