// What a user hands the wallet to import a Polkadot-style account, turned into its sr25519 key
// pair: a secret phrase with an optional derivation path (`//hard/soft`, `///password`), or a
// polkadot.js JSON keystore with the password it was exported with.
import { WalletError } from '../errors.ts'
import { decodeKeystore } from './substrate/keystore.ts'
import { keypairFromSuri, type Sr25519Keypair } from './substrate/keypair.ts'
import { substrateError } from './substrate-accounts.ts'

export type SubstrateImport =
  | { phrase: string; path?: string; name?: string }
  | { keystore: unknown; keystorePassword: string; name?: string }

export interface DecodedImport {
  pair: Sr25519Keypair
  source: 'phrase' | 'keystore'
  name?: string
}

const MAX_KEYSTORE_CHARS = 64 * 1024

export async function decodeSubstrateImport(input: SubstrateImport): Promise<DecodedImport> {
  if (!input || typeof input !== 'object') throw new WalletError('BAD_PARAMS', 'Give a secret phrase or a JSON account file.')
  const name = typeof input.name === 'string' && input.name.trim() ? input.name : undefined
  if ('phrase' in input) {
    const phrase = typeof input.phrase === 'string' ? input.phrase.trim() : ''
    const path = typeof input.path === 'string' ? input.path.trim() : ''
    // An empty phrase means the public development phrase to Substrate tools: never for a real account.
    if (!phrase) throw new WalletError('SUBSTRATE_BAD_MNEMONIC', 'Enter the secret phrase of the Polkadot account.')
    if (/\//.test(phrase)) throw new WalletError('SUBSTRATE_BAD_SURI', 'Put the derivation path (//hard/soft) in its own field, not after the phrase.')
    if (path && !path.startsWith('/')) throw new WalletError('SUBSTRATE_BAD_SURI', 'A derivation path starts with / or //, for example //polkadot or //0/1.')
    try {
      return { pair: keypairFromSuri(`${phrase}${path}`), source: 'phrase', name }
    } catch (err) {
      throw substrateError(err, 'This secret phrase or path cannot be used')
    }
  }
  if ('keystore' in input) {
    const text = typeof input.keystore === 'string' ? input.keystore : JSON.stringify(input.keystore ?? null)
    if (text.length > MAX_KEYSTORE_CHARS) throw new WalletError('SUBSTRATE_BAD_KEYSTORE', 'This file is far too big to be a Polkadot account file.')
    try {
      const ks = await decodeKeystore(text, typeof input.keystorePassword === 'string' ? input.keystorePassword : '')
      const metaName = typeof ks.meta.name === 'string' && ks.meta.name.trim() ? ks.meta.name.trim().slice(0, 40) : undefined
      return { pair: { publicKey: ks.publicKey, secretKey: ks.secretKey }, source: 'keystore', name: name ?? metaName }
    } catch (err) {
      throw substrateError(err, 'This account file cannot be imported')
    }
  }
  throw new WalletError('BAD_PARAMS', 'Give a secret phrase or a JSON account file.')
}
