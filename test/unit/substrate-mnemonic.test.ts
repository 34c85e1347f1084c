// Mnemonic -> mini-secret against substrate-bip39's published vectors (paritytech/substrate-bip39,
// src/lib.rs, `VECTORS`: phrase, entropy, 64-byte seed, all with password "Substrate").
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bytesToHex } from '@noble/hashes/utils.js'
import { mnemonicEntropy, mnemonicToMiniSecret, seedFromEntropy, isSubstrateKeyError, DEV_PHRASE } from '../../src/keyring/substrate/index.ts'

const VECTORS: [string, string, string][] = [
  ['abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about', '00000000000000000000000000000000', '44e9d125f037ac1d51f0a7d3649689d422c2af8b1ec8e00d71db4d7bf6d127e33f50c3d5c84fa3e5399c72d6cbbbbc4a49bf76f76d952f479d74655a2ef2d453'],
  ['legal winner thank year wave sausage worth useful legal winner thank yellow', '7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f', '4313249608fe8ac10fd5886c92c4579007272cb77c21551ee5b8d60b780416850f1e26c1f4b8d88ece681cb058ab66d6182bc2ce5a03181f7b74c27576b5c8bf'],
  ['letter advice cage absurd amount doctor acoustic avoid letter advice cage above', '80808080808080808080808080808080', '27f3eb595928c60d5bc91a4d747da40ed236328183046892ed6cd5aa9ae38122acd1183adf09a89839acb1e6eaa7fb563cc958a3f9161248d5a036e0d0af533d'],
  ['zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong', 'ffffffffffffffffffffffffffffffff', '227d6256fd4f9ccaf06c45eaa4b2345969640462bbb00c5f51f43cb43418c7a753265f9b1e0c0822c155a9cabc769413ecc14553e135fe140fc50b6722c6b9df'],
  // all-zero entropy of 24 bytes gives the same seed as 16 bytes: HMAC zero-pads its key (the vectors show it too)
  ['abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon agent', '000000000000000000000000000000000000000000000000', '44e9d125f037ac1d51f0a7d3649689d422c2af8b1ec8e00d71db4d7bf6d127e33f50c3d5c84fa3e5399c72d6cbbbbc4a49bf76f76d952f479d74655a2ef2d453'],
  ['legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal will', '7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f', 'cb1d50e14101024a88905a098feb1553d4306d072d7460e167a60ccb3439a6817a0afc59060f45d999ddebc05308714733c9e1e84f30feccddd4ad6f95c8a445'],
  ['zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote', 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', '047e89ef7739cbfe30da0ad32eb1720d8f62441dd4f139b981b8e2d0bd412ed4eb14b89b5098c49db2301d4e7df4e89c21e53f345138e56a5e7d63fae21c5939'],
  ['ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic', '9e885d952ad362caeb4efe34a8e91bd2', 'f4956be6960bc145cdab782e649a5056598fd07cd3f32ceb73421c3da27833241324dc2c8b0a4d847eee457e6d4c5429f5e625ece22abaa6a976e82f1ec5531d'],
  ['gravity machine north sort system female filter attitude volume fold club stay feature office ecology stable narrow fog', '6610b25967cdcca9d59875f5cb50b0ea75433311869e930b', 'fbcc5229ade0c0ff018cb7a329c5459f91876e4dde2a97ddf03c832eab7f26124366a543f1485479c31a9db0d421bda82d7e1fe562e57f3533cb1733b001d84d'],
  ['hamster diagram private dutch cause delay private meat slide toddler razor book happy fancy gospel tennis maple dilemma loan word shrug inflict delay length', '68a79eaca2324873eacc50cb9c6eca8cc68ea5d936f98787c60c7ebc74e6ce7c', '7c60c555126c297deddddd59f8cdcdc9e3608944455824dd604897984b5cc369cad749803bb36eb8b786b570c9cdc8db275dbe841486676a6adf389f3be3f076'],
  ['light rule cinnamon wrap drastic word pride squirrel upgrade then income fatal apart sustain crack supply proud access', '8197a4a47f0425faeaa69deebc05ca29c0a5b5cc76ceacc0', '7ae1291db32d16457c248567f2b101e62c5549d2a64cd2b7605d503ec876d58707a8d663641e99663bc4f6cc9746f4852e75e7e54de5bc1bd3c299c9a113409e'],
  ['void come effort suffer camp survey warrior heavy shoot primary clutch crush open amazing screen patrol group space point ten exist slush involve unfold', 'f585c11aec520db57dd353c69554b21a89b20fb0650966fa0a9d6f74fd989d8f', '938ba18c3f521f19bd4a399c8425b02c716844325b1a65106b9d1593fbafe5e0b85448f523f91c48e331995ff24ae406757cff47d11f240847352b348ff436ed'],
]

test('substrate-bip39 vectors: entropy, 64-byte seed and 32-byte mini-secret (password "Substrate")', () => {
  for (const [phrase, entropy, seed] of VECTORS) {
    const e = mnemonicEntropy(phrase)
    assert.equal(bytesToHex(e), entropy, phrase)
    assert.equal(bytesToHex(seedFromEntropy(e, 'Substrate')), seed, phrase)
    assert.equal(bytesToHex(mnemonicToMiniSecret(phrase, 'Substrate')), seed.slice(0, 64), phrase)
  }
})

test('the mini-secret comes from the entropy, not from the BIP39 seed an Ethereum wallet would use', () => {
  // BIP39 seed of the same phrase with passphrase "TREZOR" starts c55257c3 (trezor vectors); ours does not
  const mini = bytesToHex(mnemonicToMiniSecret(VECTORS[0][0], 'TREZOR'))
  assert.ok(!mini.startsWith('c55257c3'))
  // the dev phrase's mini-secret (polkadot.js DEV_SEED, `subkey inspect` of the bare dev phrase)
  assert.equal(bytesToHex(mnemonicToMiniSecret(DEV_PHRASE)), 'fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e')
})

test('extra spaces and line breaks in a pasted phrase are ignored', () => {
  const messy = `  ${VECTORS[1][0].split(' ').join('  \n')} `
  assert.equal(bytesToHex(mnemonicEntropy(messy)), VECTORS[1][1])
})

test('a misspelt word is named by its position', () => {
  const words = DEV_PHRASE.split(' ')
  words[6] = 'abandn'
  assert.throws(() => mnemonicToMiniSecret(words.join(' ')), (e: unknown) => {
    assert.ok(isSubstrateKeyError(e, 'BAD_MNEMONIC'))
    assert.equal(e.message, 'word 7 "abandn" is not in the word list')
    assert.deepEqual(e.toJSON(), { code: 'BAD_MNEMONIC', message: 'word 7 "abandn" is not in the word list' })
    return true
  })
})

test('a wrong word count and a bad checksum are told apart', () => {
  assert.throws(() => mnemonicEntropy('bottom drive obey lake curtain smoke basket hold race lonely fit'), /has 12, 15, 18, 21 or 24 words, this one has 11/)
  // all words valid, last word swapped: checksum fails
  assert.throws(() => mnemonicEntropy('bottom drive obey lake curtain smoke basket hold race lonely fit about'), (e: unknown) => isSubstrateKeyError(e, 'BAD_MNEMONIC') && /checksum/.test(e.message))
})
