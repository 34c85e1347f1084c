// What the ui does with a failed call: every rejection becomes a WalletError with a code and a
// sentence, so views can branch on `.code` and show `.message` as is.
import { WalletError } from '../../src/errors.ts'

export { WalletError }

export function asWalletError(err: unknown): WalletError {
  if (err instanceof WalletError) return err
  const e = err as { code?: unknown; message?: unknown; data?: unknown } | null
  const code = typeof e?.code === 'string' || typeof e?.code === 'number' ? e.code : 'INTERNAL'
  const message = typeof e?.message === 'string' && e.message ? e.message : 'Something went wrong. Try again.'
  return new WalletError(code, message, e?.data)
}

/** ms to wait before the next password try, when the error says so. */
export function retryAfterMs(err: WalletError | null): number {
  const d = err?.data as { retryAfterMs?: unknown } | undefined
  return typeof d?.retryAfterMs === 'number' && d.retryAfterMs > 0 ? d.retryAfterMs : 0
}
