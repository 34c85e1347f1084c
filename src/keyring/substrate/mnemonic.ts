// Polkadot-style mnemonic -> mini-secret, exactly as substrate-bip39 does it: PBKDF2-HMAC-SHA512 over the
// BIP39 *entropy* (not the BIP39 seed), salt "mnemonic" + password, 2048 rounds, first 32 bytes.
// This is why a Polkadot phrase and an Ethereum phrase give unrelated keys even with the same words.
import { mnemonicToEntropy } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english'
import { pbkdf2 } from '@noble/hashes/pbkdf2.js'
import { sha512 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { SubstrateKeyError } from './errors.ts'

/** substrate-bip39 accepts 16..32 bytes of entropy in steps of 4: 12, 15, 18, 21 or 24 words. */
const WORD_COUNTS = [12, 15, 18, 21, 24]
const words = new Set(wordlist)

export function splitMnemonic(mnemonic: string): string[] {
  return mnemonic.normalize('NFKD').trim().split(/\s+/).filter(Boolean)
}

/** BIP39 entropy of an English mnemonic, with an error that says which word or rule is wrong. */
export function mnemonicEntropy(mnemonic: string): Uint8Array {
  const list = splitMnemonic(mnemonic)
  if (!WORD_COUNTS.includes(list.length)) {
    throw new SubstrateKeyError('BAD_MNEMONIC', `a recovery phrase has 12, 15, 18, 21 or 24 words, this one has ${list.length}`)
  }
  const bad = list.findIndex((w) => !words.has(w))
  if (bad >= 0) {
    throw new SubstrateKeyError('BAD_MNEMONIC', `word ${bad + 1} "${list[bad]}" is not in the word list`)
  }
  try {
    return mnemonicToEntropy(list.join(' '), wordlist)
  } catch {
    throw new SubstrateKeyError('BAD_MNEMONIC', 'the words are all valid but the checksum does not match: a word is wrong or out of order')
  }
}

/** substrate-bip39 seed_from_entropy: the full 64-byte PBKDF2 output. */
export function seedFromEntropy(entropy: Uint8Array, password = ''): Uint8Array {
  if (entropy.length < 16 || entropy.length > 32 || entropy.length % 4 !== 0) {
    throw new SubstrateKeyError('BAD_MNEMONIC', `entropy must be 16 to 32 bytes in steps of 4, got ${entropy.length}`)
  }
  // The salt is not NFKD-normalised: substrate-bip39 uses the password bytes as given.
  return pbkdf2(sha512, entropy, utf8ToBytes(`mnemonic${password}`), { c: 2048, dkLen: 64 })
}

/** substrate-bip39 mini_secret_from_entropy: the 32-byte sr25519 mini-secret. */
export function miniSecretFromEntropy(entropy: Uint8Array, password = ''): Uint8Array {
  return seedFromEntropy(entropy, password).slice(0, 32)
}

export function mnemonicToMiniSecret(mnemonic: string, password = ''): Uint8Array {
  return miniSecretFromEntropy(mnemonicEntropy(mnemonic), password)
}

export function isMnemonicWord(word: string): boolean {
  return words.has(word)
}
