// Every way the keyring can refuse, as a stable code plus a sentence the user can act on.
// They are the project's WalletError (src/errors.ts), so they cross extension messaging as
// { code, message, data }. `data` never carries a secret: at most the one word a user mistyped.
import { WalletError } from '../errors.ts'

export type KeyringErrorCode =
  | 'BAD_MNEMONIC_WORD'
  | 'BAD_MNEMONIC_LENGTH'
  | 'BAD_MNEMONIC_CHECKSUM'
  | 'BAD_PRIVATE_KEY'
  | 'PASSWORD_TOO_SHORT'
  | 'WRONG_PASSWORD'
  | 'TOO_MANY_TRIES'
  | 'VAULT_CORRUPT'
  | 'LOCKED'
  | 'NO_VAULT'
  | 'ALREADY_INITIALIZED'
  | 'NO_PHRASE'
  | 'UNKNOWN_ACCOUNT'
  | 'DUPLICATE_ACCOUNT'
  | 'NOT_IMPORTED'
  | 'BAD_ACCOUNT_NAME'
  | 'BAD_ORDER'
  | 'LAST_VISIBLE_ACCOUNT'
  | 'BAD_AUTO_LOCK'
  | 'STORAGE_FAILED'
  | 'SIGNING_FAILED'

export interface KeyringErrorData {
  /** BAD_MNEMONIC_WORD: the word as typed, its 1-based position, and the nearest list word */
  word?: string
  position?: number
  suggestion?: string
  /** BAD_MNEMONIC_LENGTH */
  count?: number
  /** TOO_MANY_TRIES, and WRONG_PASSWORD once the next try is delayed */
  retryAfterMs?: number
  /** UNKNOWN_ACCOUNT, DUPLICATE_ACCOUNT, NOT_IMPORTED */
  address?: string
  /** PASSWORD_TOO_SHORT */
  minLength?: number
}

export type KeyringError = WalletError & { code: KeyringErrorCode; data?: KeyringErrorData }

export function keyringError(code: KeyringErrorCode, message: string, data?: KeyringErrorData): KeyringError {
  return new WalletError(code, message, data) as KeyringError
}

export function isKeyringError(err: unknown, code?: KeyringErrorCode): err is KeyringError {
  return err instanceof WalletError && (code === undefined || err.code === code)
}

const RESTORE_HINT =
  'Reset the wallet and import your secret recovery phrase (and any private keys you imported) to restore your accounts.'

export const errors = {
  vaultCorrupt: (what: string) =>
    keyringError('VAULT_CORRUPT', `The saved wallet data is damaged (${what}) and cannot be opened. ${RESTORE_HINT}`),
  locked: () => keyringError('LOCKED', 'The wallet is locked. Unlock it with your password first.'),
  noVault: () => keyringError('NO_VAULT', 'There is no wallet yet. Create a new one or import a recovery phrase.'),
  storageFailed: (err: unknown) =>
    keyringError(
      'STORAGE_FAILED',
      `The wallet could not save its data (${err instanceof Error ? err.message : String(err)}). Nothing was changed; try again.`,
    ),
  noPhrase: () => keyringError('NO_PHRASE', 'This wallet was imported from a private key, so it has no recovery phrase.'),
  accountsMismatch: () =>
    keyringError(
      'VAULT_CORRUPT',
      `The saved account list does not match the keys in the wallet, so nothing will be signed with it. ${RESTORE_HINT}`,
    ),
  unknownAccount: (address: string) =>
    keyringError('UNKNOWN_ACCOUNT', `The account ${address} is not in this wallet.`, { address }),
  wrongPassword: (retryAfterMs: number) =>
    keyringError(
      'WRONG_PASSWORD',
      'That password is not right. ' +
        (retryAfterMs > 0 ? `Wait ${Math.ceil(retryAfterMs / 1000)} s before the next try. ` : 'Try again. ') +
        'If you have forgotten it, reset the wallet and restore it from your secret recovery phrase.',
      retryAfterMs > 0 ? { retryAfterMs } : undefined,
    ),
  tooManyTries: (retryAfterMs: number) =>
    keyringError(
      'TOO_MANY_TRIES',
      `Too many wrong passwords. Wait ${Math.ceil(retryAfterMs / 1000)} s before trying again.`,
      { retryAfterMs },
    ),
}
