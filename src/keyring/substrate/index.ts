// Substrate (sr25519) accounts for the PHA migration claim: platform-free, @scure/@noble only.
export { SubstrateKeyError, isSubstrateKeyError, type SubstrateErrorCode } from './errors.ts'
export { toHex, fromHex, type HexString } from './hex.ts'
export { toChecksumAddress, h160FromPublicKey } from './h160.ts'
export { mnemonicEntropy, seedFromEntropy, miniSecretFromEntropy, mnemonicToMiniSecret, splitMnemonic, isMnemonicWord } from './mnemonic.ts'
export { DEV_PHRASE, parseSuri, junctionChainCode, type Junction, type ParsedSuri } from './suri.ts'
export { keypairFromMiniSecret, keypairFromSuri, deriveKeypair, derivePublicKey, type Sr25519Keypair } from './keypair.ts'
export { accountIds, accountIdsFromSuri, type SubstrateAccountIds } from './account.ts'
export { SS58_PREFIX, ss58Encode, ss58Decode, ss58Convert, isSs58Address, type DecodedSs58 } from './ss58.ts'
export { wrapBytes, isWrapped, signRaw, verifyRaw, parseSr25519Signature, claimMessage, type ClaimNetwork, type VerifyOptions } from './message.ts'
export {
  decodeKeystore,
  encodeKeystore,
  parseKeystore,
  PKCS8_HEADER,
  PKCS8_DIVIDER,
  DEFAULT_SCRYPT,
  type KeystoreJson,
  type ImportedKeystore,
  type EncodeKeystoreOptions,
  type ScryptParams,
} from './keystore.ts'
