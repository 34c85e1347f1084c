// BIP39 recovery phrases (English list): make one, check one a user typed, and pick the words
// the onboarding asks back. Positions are 1-based everywhere, as a user counts them.
import { entropyToMnemonic, validateMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english'
import { keyringError } from './errors.ts'
import { randomBytes } from './encoding.ts'

export type PhraseLength = 12 | 24
export const PHRASE_LENGTHS = [12, 15, 18, 21, 24] as const

const WORDS = new Set(wordlist)

export function generatePhrase(words: PhraseLength = 12): string {
  if (words !== 12 && words !== 24) throw new RangeError('A new phrase has 12 or 24 words')
  return entropyToMnemonic(randomBytes(words === 12 ? 16 : 32), wordlist)
}

/** What people paste: any case, any run of spaces or new lines. BIP39 reads NFKD. */
export function phraseWords(phrase: string): string[] {
  return phrase.normalize('NFKD').toLowerCase().trim().split(/\s+/).filter(Boolean)
}

/**
 * Returns the phrase in its canonical form (lower case, single spaces), or throws
 * BAD_MNEMONIC_WORD (naming the first word not in the list), BAD_MNEMONIC_LENGTH or
 * BAD_MNEMONIC_CHECKSUM, in that order: a typo is the most likely mistake and the one a user can fix.
 */
export function normalizePhrase(phrase: string): string {
  const words = phraseWords(phrase)
  for (let i = 0; i < words.length; i++) {
    const word = words[i]
    if (WORDS.has(word)) continue
    const suggestion = nearestWord(word)
    throw keyringError(
      'BAD_MNEMONIC_WORD',
      `Word ${i + 1}, "${word}", is not a recovery phrase word.` + (suggestion ? ` Did you mean "${suggestion}"?` : ''),
      suggestion ? { word, position: i + 1, suggestion } : { word, position: i + 1 },
    )
  }
  if (!(PHRASE_LENGTHS as readonly number[]).includes(words.length)) {
    throw keyringError(
      'BAD_MNEMONIC_LENGTH',
      `A recovery phrase has 12, 15, 18, 21 or 24 words; this one has ${words.length}.`,
      { count: words.length },
    )
  }
  const canonical = words.join(' ')
  if (!validateMnemonic(canonical, wordlist)) {
    throw keyringError(
      'BAD_MNEMONIC_CHECKSUM',
      'Every word is valid, but together they fail the phrase checksum: a word is wrong or out of order. Check each word against your backup.',
    )
  }
  return canonical
}

/**
 * The 64-byte BIP39 seed: PBKDF2-HMAC-SHA512 over the NFKD phrase, salt "mnemonic" + passphrase,
 * 2048 rounds, computed by WebCrypto (native, a few milliseconds).
 */
export async function phraseToSeed(phrase: string, passphrase = ''): Promise<Uint8Array> {
  const utf8 = (s: string) => new TextEncoder().encode(s.normalize('NFKD'))
  const key = await crypto.subtle.importKey('raw', utf8(phrase), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-512', salt: utf8(`mnemonic${passphrase}`), iterations: 2048 }, key, 512)
  return new Uint8Array(bits)
}

/** Distinct random positions (1-based, ascending) for the "re-enter these words" check. */
export function pickConfirmationWords(phrase: string, count = 3): number[] {
  const n = phraseWords(phrase).length
  if (count < 1 || count > n) throw new RangeError(`Pick between 1 and ${n} words`)
  const picked = new Set<number>()
  while (picked.size < count) picked.add(uniformInt(n) + 1)
  return [...picked].sort((a, b) => a - b)
}

export interface ConfirmationAnswer {
  position: number
  word: string
}

/** The positions answered wrongly (empty when every answer matches). */
export function checkConfirmationWords(phrase: string, answers: ConfirmationAnswer[]): number[] {
  const words = phraseWords(phrase)
  return answers
    .filter((a) => phraseWords(a.word).join(' ') !== words[a.position - 1])
    .map((a) => a.position)
}

// Unbiased integer in [0, n) by rejection sampling.
function uniformInt(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n
  for (;;) {
    const x = globalThis.crypto.getRandomValues(new Uint32Array(1))[0]
    if (x < limit) return x % n
  }
}

// BIP39 English words are unique in their first four letters, so a shared 4-letter prefix is
// the best guess; otherwise the closest word within two edits.
function nearestWord(word: string): string | undefined {
  if (word.length >= 4) {
    const byPrefix = wordlist.find((w) => w.startsWith(word.slice(0, 4)))
    if (byPrefix) return byPrefix
  }
  let best: string | undefined
  let bestDistance = 3
  for (const w of wordlist) {
    if (Math.abs(w.length - word.length) >= bestDistance) continue
    const d = editDistance(word, w, bestDistance)
    if (d < bestDistance) {
      best = w
      bestDistance = d
    }
  }
  return best
}

function editDistance(a: string, b: string, stopAt: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      rowMin = Math.min(rowMin, row[j])
    }
    if (rowMin >= stopAt) return stopAt
    prev = row
  }
  return prev[b.length]
}
