// Errors are values with a code and a sentence a user can act on. They cross extension messaging
// as plain objects ({ code, message, data }), so they must survive structured cloning.
export type ErrorCode = string | number

export interface ErrorShape {
  code: ErrorCode
  message: string
  data?: unknown
}

export class WalletError extends Error implements ErrorShape {
  readonly code: ErrorCode
  readonly data?: unknown
  constructor(code: ErrorCode, message: string, data?: unknown) {
    super(message)
    this.name = 'WalletError'
    this.code = code
    if (data !== undefined) this.data = data
  }
  toJSON(): ErrorShape {
    return this.data === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, data: this.data }
  }
}

/** Turns anything thrown into an ErrorShape without losing a code that was there. */
export function toErrorShape(err: unknown, fallbackCode: ErrorCode = 'INTERNAL'): ErrorShape {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; data?: unknown; shortMessage?: unknown }
    const message = typeof e.shortMessage === 'string' ? e.shortMessage : typeof e.message === 'string' ? e.message : String(err)
    if (typeof e.code === 'string' || typeof e.code === 'number') {
      return e.data === undefined ? { code: e.code, message } : { code: e.code, message, data: e.data }
    }
    return { code: fallbackCode, message }
  }
  return { code: fallbackCode, message: typeof err === 'string' ? err : 'Unknown error' }
}

export function fromErrorShape(shape: ErrorShape): WalletError {
  return new WalletError(shape.code, shape.message, shape.data)
}
