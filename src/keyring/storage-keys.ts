// Where the keyring keeps its state. storage.local (persistent): only ciphertext and public data.
// storage.session (memory only, gone with the browser): what lets an unlock survive a
// service-worker restart.
export const LOCAL_KEYS = {
  /** VaultRecord: salt, KDF and its parameters, IV, AES-GCM ciphertext */
  vault: 'keyring.vault',
  /** AccountInfo[]: addresses, names, order, visibility */
  accounts: 'keyring.accounts',
  /** FailureState: wrong-password count for the back-off */
  failures: 'keyring.failures',
} as const

export const SESSION_KEYS = {
  /** SessionRecord: the vault's AES key (not the secrets), and which vault it opens */
  session: 'keyring.session',
  /** ms since epoch of the last user activity, for auto-lock */
  lastActivity: 'keyring.lastActivity',
  /** FailureState: a copy of the wrong-password count where content scripts cannot reach it */
  failures: 'keyring.failures',
} as const

export interface SessionRecord {
  /** base64, the 32-byte AES-256-GCM key of the vault */
  key: string
  /** the vault's KDF salt: a key for an older vault (before a password change) is ignored */
  salt: string
  /**
   * The account lists (EVM and Polkadot, as stored) that the last full check against the vault
   * found or wrote in this browser session. A restart that finds them unchanged does not derive
   * every account's address again (secp256k1 work: with the HD node already lazy, restoring still
   * took 32–220 ms in a worker that had just started); a list changed meanwhile, by the wallet or by anything else, is checked in full.
   */
  accounts?: string
}
