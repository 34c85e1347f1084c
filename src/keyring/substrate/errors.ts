// Errors of the Substrate keyring: a stable code the UI can branch on, and a sentence the user can act on.
// The shape ({ code, message }) is the project's error value; it survives structured cloning through toJSON.

export type SubstrateErrorCode =
  | 'BAD_MNEMONIC'
  | 'BAD_SURI'
  | 'BAD_SEED'
  | 'BAD_SS58'
  | 'BAD_SS58_CHECKSUM'
  | 'BAD_SS58_PREFIX'
  | 'BAD_ADDRESS'
  | 'BAD_SIGNATURE'
  | 'BAD_KEYSTORE'
  | 'UNSUPPORTED_KEYSTORE'
  | 'WRONG_PASSWORD'

export class SubstrateKeyError extends Error {
  readonly code: SubstrateErrorCode
  constructor(code: SubstrateErrorCode, message: string) {
    super(message)
    this.name = 'SubstrateKeyError'
    this.code = code
  }
  toJSON(): { code: SubstrateErrorCode; message: string } {
    return { code: this.code, message: this.message }
  }
}

export function isSubstrateKeyError(err: unknown, code?: SubstrateErrorCode): err is SubstrateKeyError {
  return err instanceof SubstrateKeyError && (code === undefined || err.code === code)
}
