// After every step a user can take, read everything the keyring left in storage.local and
// storage.session and look for any secret in any usual encoding.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { HDKey } from '@scure/bip32'
import { mnemonicToEntropy, mnemonicToSeedSync } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english'
import { bytesToHex, hexToBytes, type Hex } from 'viem'
import { generatePrivateKey } from 'viem/accounts'
import { toBase64 } from '../../src/keyring/encoding.ts'
import type { KV } from '../../src/storage/kv.ts'
import { harness, rejectsWith } from './fixtures/keyring-harness.ts'

interface Secrets {
  phrase: string
  passphrase: string
  passwords: string[]
  privateKeys: Hex[]
}

function needles(s: Secrets): { what: string; text: string; caseless: boolean }[] {
  const out: { what: string; text: string; caseless: boolean }[] = []
  const add = (what: string, text: string, caseless = false) => out.push({ what, text, caseless })
  const words = s.phrase.split(' ')
  add('phrase', s.phrase)
  for (let len = 2; len <= words.length; len++) {
    for (let i = 0; i + len <= words.length; i++) {
      const run = words.slice(i, i + len)
      for (const sep of [' ', '","', ',', '-', '']) add(`words ${i + 1}-${i + len} joined by '${sep}'`, run.join(sep))
    }
  }
  const entropy = mnemonicToEntropy(s.phrase, wordlist)
  add('entropy hex', bytesToHex(entropy).slice(2), true)
  add('entropy base64', toBase64(entropy))
  const seed = mnemonicToSeedSync(s.phrase, s.passphrase)
  add('seed hex', bytesToHex(seed).slice(2), true)
  add('seed base64', toBase64(seed))
  const root = HDKey.fromMasterSeed(seed)
  add('root xprv', root.privateExtendedKey)
  add('account-level xprv', root.derive("m/44'/60'/0'/0").privateExtendedKey)
  add('BIP39 passphrase', s.passphrase)
  for (const p of s.passwords) add('password', p)
  for (const key of s.privateKeys) {
    add(`private key ${key.slice(0, 6)}… hex`, key.slice(2), true) // also finds it with 0x
    add(`private key ${key.slice(0, 6)}… base64`, toBase64(hexToBytes(key)))
  }
  return out
}

async function dump(kvs: KV[]): Promise<string> {
  const all = await Promise.all(kvs.map((kv) => kv.all()))
  return JSON.stringify(all)
}

function findSecrets(haystack: string, list: ReturnType<typeof needles>): string[] {
  const lower = haystack.toLowerCase()
  return list.filter((n) => (n.caseless ? lower.includes(n.text.toLowerCase()) : haystack.includes(n.text))).map((n) => n.what)
}

test('the scanner itself finds a secret stored in plaintext, in any of the encodings it looks for', async () => {
  const { local } = harness()
  const phrase = 'legal winner thank year wave sausage worth useful legal winner thank yellow'
  const key = generatePrivateKey()
  const list = needles({ phrase, passphrase: 'Pass-Phrase-Z', passwords: ['my password 1'], privateKeys: [key] })
  const plants: unknown[] = [
    phrase,
    phrase.split(' '),
    { w: phrase.split(' ').slice(3, 5) },
    key,
    key.slice(2).toUpperCase(),
    toBase64(hexToBytes(key)),
    bytesToHex(mnemonicToSeedSync(phrase, 'Pass-Phrase-Z')),
    'Pass-Phrase-Z',
  ]
  for (const plant of plants) {
    await local.set({ leak: plant })
    assert.ok(findSecrets(await dump([local]), list).length > 0, `planted ${JSON.stringify(plant).slice(0, 40)} was found`)
  }
})

test('no phrase, word run, seed, key, passphrase or password in storage after any step', async () => {
  const { kr, local, session, clock, restart } = harness()
  const phrase = kr.createPhrase(24)
  const passphrase = 'Extra-Word-Q7!'
  const secrets: Secrets = { phrase, passphrase, passwords: ['first password 1', 'second password 2'], privateKeys: [] }
  const imported = [generatePrivateKey(), generatePrivateKey()]

  let current = kr
  const check = async (step: string) => {
    const hd = await (await import('../../src/keyring/hd.ts')).HdWallet.fromPhrase(phrase, passphrase)
    const count = (await current.status()).accounts.filter((a) => a.kind === 'hd').length
    const keys = [...imported, ...Array.from({ length: Math.max(count, 4) }, (_, i) => hd.privateKey(i))]
    const found = findSecrets(await dump([local, session]), needles({ ...secrets, privateKeys: keys }))
    assert.deepEqual(found, [], `after ${step}`)
  }

  await kr.initialize({ mnemonic: phrase, passphrase, password: secrets.passwords[0] })
  await check('create')
  for (let i = 0; i < 3; i++) await kr.addAccount()
  await check('add accounts')
  for (const key of imported) await kr.importPrivateKey(key)
  await check('import keys')
  await kr.renameAccount((await kr.status()).accounts[1].address, 'Renamed')
  await kr.touch()
  await check('rename, touch')
  await kr.lock()
  await check('lock')
  await rejectsWith(kr.unlock('a wrong password'), 'WRONG_PASSWORD')
  await check('wrong password')
  await kr.unlock(secrets.passwords[0])
  await check('unlock')
  await kr.changePassword(secrets.passwords[0], secrets.passwords[1])
  await check('change password')
  const again = restart()
  current = again
  assert.equal(await again.restoreSession(), true)
  await again.getSigner((await again.status()).accounts[0].address)
  await check('restart and restore')
  await again.revealPhrase(secrets.passwords[1])
  await again.exportPrivateKey(secrets.passwords[1], (await again.status()).accounts[0].address)
  await check('reveal and export')
  clock.t += 60 * 60_000
  await again.checkAutoLock()
  await check('auto-lock')

  // a phrase import (not generated) with the same scan
  await again.reset()
  await again.initialize({ mnemonic: phrase.toUpperCase().split(' ').join('  '), passphrase, password: secrets.passwords[0] })
  await check('import phrase')
})
