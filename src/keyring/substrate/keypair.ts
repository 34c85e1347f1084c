// sr25519 key pairs from secret URIs. Key material is held in @scure/sr25519's 64-byte secret format
// (scalar*8 little-endian || nonce: schnorrkel's "ed25519 bytes"), which is also what polkadot.js keeps.
import { HDKD, getPublicKey, secretFromSeed } from '@scure/sr25519'
import { SubstrateKeyError } from './errors.ts'
import { fromHex } from './hex.ts'
import { mnemonicToMiniSecret } from './mnemonic.ts'
import { DEV_PHRASE, parseSuri, type Junction } from './suri.ts'

export interface Sr25519Keypair {
  publicKey: Uint8Array
  /** 64 bytes, @scure/sr25519 format */
  secretKey: Uint8Array
}

/** schnorrkel MiniSecretKey::expand_to_keypair(ExpansionMode::Ed25519) */
export function keypairFromMiniSecret(miniSecret: Uint8Array): Sr25519Keypair {
  if (miniSecret.length !== 32) throw new SubstrateKeyError('BAD_SEED', `a mini-secret is 32 bytes, got ${miniSecret.length}`)
  const secretKey = secretFromSeed(miniSecret)
  return { secretKey, publicKey: getPublicKey(secretKey) }
}

/**
 * Applies junctions in order: hard ones through the mini-secret (HDKD-hard, then Ed25519 expansion),
 * soft ones on the expanded key. A soft child's nonce is random, as in Substrate; its public key is not.
 */
export function deriveKeypair(pair: Sr25519Keypair, junctions: Junction[]): Sr25519Keypair {
  let secretKey = pair.secretKey
  for (const j of junctions) {
    secretKey = j.hard ? HDKD.secretHard(secretKey, j.chainCode) : HDKD.secretSoft(secretKey, j.chainCode)
  }
  return secretKey === pair.secretKey ? pair : { secretKey, publicKey: getPublicKey(secretKey) }
}

/** Public-only soft derivation (what a watch-only account can do). Hard junctions need the secret. */
export function derivePublicKey(publicKey: Uint8Array, junctions: Junction[]): Uint8Array {
  let pub = publicKey
  for (const j of junctions) {
    if (j.hard) throw new SubstrateKeyError('BAD_SURI', `//${j.path} is a hard junction: it cannot be derived from a public key`)
    pub = HDKD.publicSoft(pub, j.chainCode)
  }
  return pub
}

/** `<mnemonic | 0x-seed | (empty = dev phrase)>//hard/soft///password` -> key pair. */
export function keypairFromSuri(suri: string): Sr25519Keypair {
  const { phrase, junctions, password } = parseSuri(suri)
  let miniSecret: Uint8Array
  if (phrase.startsWith('0x')) {
    if (password) throw new SubstrateKeyError('BAD_SURI', 'a ///password only applies to a mnemonic, not to a hex seed')
    miniSecret = fromHex(phrase, 'the hex seed', 'BAD_SEED', 32)
  } else {
    miniSecret = mnemonicToMiniSecret(phrase || DEV_PHRASE, password)
  }
  return deriveKeypair(keypairFromMiniSecret(miniSecret), junctions)
}
