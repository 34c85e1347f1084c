// The keyring's public surface, for the background (the Keyring service) and the UI (pure
// helpers: phrase checks, password strength, types). The UI never gets a Keyring instance.
export { Keyring, type InitializeInput, type KeyringEvent, type KeyringOptions, type KeyringStatus } from './keyring.ts'
export type { AccountInfo, AccountKind } from './accounts.ts'
export { MAX_NAME_LENGTH } from './accounts.ts'
export { MAX_AUTO_LOCK_MINUTES, MIN_AUTO_LOCK_MINUTES } from './auto-lock.ts'
export { isKeyringError, type KeyringError, type KeyringErrorCode, type KeyringErrorData } from './errors.ts'
export { normalizePhrase, phraseWords, type ConfirmationAnswer, type PhraseLength } from './mnemonic.ts'
export { MIN_PASSWORD_LENGTH, passwordStrength, type PasswordStrength } from './password-strength.ts'
export type { KeyringSigner } from './signer.ts'
export { LOCAL_KEYS, SESSION_KEYS } from './storage-keys.ts'
export type { SubstrateSecret, VaultPayload } from './vault.ts'
export { DEFAULT_PBKDF2_ITERATIONS } from './vault-crypto.ts'
