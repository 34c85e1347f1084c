import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { HDNodeWallet, Mnemonic } from 'ethers'
import { hexToBytes } from 'viem'
import { ethPath, HdWallet, masterNodeFromSeed } from '../../src/keyring/hd.ts'
import { TEST_ACCOUNTS, TEST_PHRASE } from './fixtures/keyring-harness.ts'

const bip32 = JSON.parse(readFileSync(new URL('./fixtures/bip32-vectors.json', import.meta.url), 'utf8')) as {
  vectors: { seed: string; chains: { path: string; xpub: string; xprv: string }[] }[]
}

test('BIP32 test vectors 1 and 2: xprv and xpub at every path', () => {
  assert.equal(bip32.vectors.length, 2)
  for (const { seed, chains } of bip32.vectors) {
    const master = masterNodeFromSeed(hexToBytes(`0x${seed}`))
    for (const { path, xpub, xprv } of chains) {
      const node = path === 'm' ? master : master.derive(path)
      assert.equal(node.privateExtendedKey, xprv, `${seed.slice(0, 8)} ${path} xprv`)
      assert.equal(node.publicExtendedKey, xpub, `${seed.slice(0, 8)} ${path} xpub`)
    }
  }
})

test('the standard test phrase gives the well-known addresses and keys at m/44\'/60\'/0\'/0/i', async () => {
  const hd = await HdWallet.fromPhrase(TEST_PHRASE)
  TEST_ACCOUNTS.forEach(([address, key], i) => {
    assert.equal(hd.address(i), address, `index ${i}`)
    assert.equal(hd.privateKey(i), key, `index ${i}`)
  })
  assert.equal(ethPath(7), "m/44'/60'/0'/0/7")
})

test('a BIP39 passphrase gives other accounts, the same as another implementation (ethers)', async () => {
  const hd = await HdWallet.fromPhrase(TEST_PHRASE, 'TREZOR')
  const other = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(TEST_PHRASE, 'TREZOR'), ethPath(3))
  assert.notEqual(hd.address(0), TEST_ACCOUNTS[0][0])
  assert.equal(hd.address(3), other.address)
})

test('bad indexes are refused, and a wiped wallet derives nothing', async () => {
  const hd = await HdWallet.fromPhrase(TEST_PHRASE)
  assert.throws(() => hd.privateKey(-1), RangeError)
  assert.throws(() => hd.privateKey(2 ** 31), RangeError)
  assert.throws(() => hd.privateKey(1.5), RangeError)
  hd.wipe()
  assert.throws(() => hd.address(0), /wiped/)
})
