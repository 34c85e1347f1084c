import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { entropyToMnemonic, mnemonicToEntropy } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english'
import { bytesToHex, hexToBytes } from 'viem'
import {
  checkConfirmationWords,
  generatePhrase,
  normalizePhrase,
  phraseToSeed,
  pickConfirmationWords,
} from '../../src/keyring/mnemonic.ts'
import { masterNodeFromSeed } from '../../src/keyring/hd.ts'
import { throwsWith } from './fixtures/keyring-harness.ts'

const vectors = JSON.parse(readFileSync(new URL('./fixtures/bip39-vectors.json', import.meta.url), 'utf8')) as {
  passphrase: string
  english: [string, string, string, string][]
}

test('official BIP39 vectors: entropy <-> phrase, seed with passphrase "TREZOR", root xprv', async () => {
  assert.equal(vectors.english.length, 24)
  for (const [entropy, phrase, seed, xprv] of vectors.english) {
    assert.equal(entropyToMnemonic(hexToBytes(`0x${entropy}`), wordlist), phrase)
    assert.equal(bytesToHex(mnemonicToEntropy(phrase, wordlist)).slice(2), entropy)
    assert.equal(normalizePhrase(phrase), phrase)
    const derived = await phraseToSeed(phrase, vectors.passphrase)
    assert.equal(bytesToHex(derived).slice(2), seed, phrase)
    assert.equal(masterNodeFromSeed(derived).privateExtendedKey, xprv)
  }
})

test('the passphrase changes the seed (no passphrase is not "TREZOR")', async () => {
  const [, phrase, seed] = vectors.english[0]
  assert.notEqual(bytesToHex(await phraseToSeed(phrase)).slice(2), seed)
})

test('new phrases: 12 or 24 valid words, never the same twice', () => {
  const a = generatePhrase(12)
  const b = generatePhrase(12)
  const c = generatePhrase(24)
  assert.equal(a.split(' ').length, 12)
  assert.equal(c.split(' ').length, 24)
  assert.notEqual(a, b)
  for (const p of [a, b, c]) assert.equal(normalizePhrase(p), p)
  assert.throws(() => generatePhrase(13 as 12), RangeError)
})

test('what people paste is accepted: capitals, extra spaces, new lines', () => {
  const messy = '  Legal WINNER thank year\nwave sausage   worth useful\tlegal winner thank yellow '
  assert.equal(normalizePhrase(messy), 'legal winner thank year wave sausage worth useful legal winner thank yellow')
})

test('an unknown word: the error names the word, its position and the nearest list word', () => {
  const e = throwsWith(
    () => normalizePhrase('legal winner thank year wave sausage worth usefull legal winner thank yellow'),
    'BAD_MNEMONIC_WORD',
  )
  assert.equal(e.data.word, 'usefull')
  assert.equal(e.data.position, 8)
  assert.equal(e.data.suggestion, 'useful')
  assert.match(e.message, /Word 8, "usefull"/)
  assert.match(e.message, /"useful"/)
  // a word that resembles nothing gets no suggestion, but is still named
  const f = throwsWith(() => normalizePhrase('xqzv ' + 'abandon '.repeat(10) + 'about'), 'BAD_MNEMONIC_WORD')
  assert.equal(f.data.word, 'xqzv')
  assert.equal(f.data.position, 1)
  assert.equal(f.data.suggestion, undefined)
  // a two-letter slip far from the 4-letter prefix is still found by edit distance
  assert.equal(throwsWith(() => normalizePhrase('abandon zoa'), 'BAD_MNEMONIC_WORD').data.suggestion, 'zoo')
})

test('a wrong checksum is reported as such', () => {
  // the last word of a valid phrase swapped for another valid word
  const e = throwsWith(
    () => normalizePhrase('legal winner thank year wave sausage worth useful legal winner thank thank'),
    'BAD_MNEMONIC_CHECKSUM',
  )
  assert.match(e.message, /checksum/)
  // two valid words swapped: order matters
  throwsWith(() => normalizePhrase('winner legal thank year wave sausage worth useful legal winner thank yellow'), 'BAD_MNEMONIC_CHECKSUM')
})

test('a wrong word count is reported with the count', () => {
  for (const n of [0, 1, 11, 13, 23, 25]) {
    const e = throwsWith(() => normalizePhrase(Array(n).fill('abandon').join(' ')), 'BAD_MNEMONIC_LENGTH')
    assert.equal(e.data.count, n)
  }
})

test('errors survive JSON (extension messaging)', () => {
  const e = throwsWith(() => normalizePhrase('abandon abandn'), 'BAD_MNEMONIC_WORD')
  const wire = JSON.parse(JSON.stringify(e))
  assert.deepEqual(wire, { code: 'BAD_MNEMONIC_WORD', message: e.message, data: e.data })
  const cloned = structuredClone((e as unknown as { toJSON(): unknown }).toJSON())
  assert.deepEqual(cloned, wire)
})

test('confirmation: distinct 1-based positions; wrong answers are named by position', () => {
  const phrase = generatePhrase(12)
  const words = phrase.split(' ')
  const seen = new Set<number>()
  for (let i = 0; i < 50; i++) {
    const picks = pickConfirmationWords(phrase, 3)
    assert.equal(picks.length, 3)
    assert.equal(new Set(picks).size, 3)
    assert.deepEqual(picks, [...picks].sort((a, b) => a - b))
    for (const p of picks) {
      assert.ok(p >= 1 && p <= 12)
      seen.add(p)
    }
  }
  assert.ok(seen.size >= 10, 'positions are spread over the phrase')
  const right = [1, 5, 12].map((position) => ({ position, word: words[position - 1] }))
  assert.deepEqual(checkConfirmationWords(phrase, right), [])
  assert.deepEqual(checkConfirmationWords(phrase, [{ position: 1, word: ` ${words[0].toUpperCase()} ` }]), [])
  const wrong = [...right.slice(0, 2), { position: 12, word: words[11] === 'zoo' ? 'abandon' : 'zoo' }]
  assert.deepEqual(checkConfirmationWords(phrase, wrong), [12])
})
