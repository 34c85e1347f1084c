// One password field and a submit button: unlock, and every "enter your password again" gate
// (reveal phrase, export key). Shows the background's sentence on failure, and while the
// back-off holds, a countdown with the button disabled.
import { useRef, useState } from 'preact/hooks'
import type { ComponentChildren } from 'preact'
import { asWalletError, retryAfterMs, type WalletError } from '../lib/errors.ts'
import { Alert } from './Alert.tsx'
import { PasswordInput } from './PasswordInput.tsx'
import { useCountdown } from './countdown.ts'

export interface PasswordFormProps {
  label?: string
  submitLabel: string
  busyLabel?: string
  onSubmit: (password: string) => Promise<void>
  autoFocus?: boolean
  /** more to say under the error, by code (e.g. the way out of VAULT_CORRUPT) */
  errorExtra?: (err: WalletError) => ComponentChildren
  children?: ComponentChildren
}

export function PasswordForm(p: PasswordFormProps) {
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<WalletError | null>(null)
  const [retryAt, setRetryAt] = useState<number | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const wait = useCountdown(retryAt)

  const submit = async (e: Event) => {
    e.preventDefault()
    if (busy || wait > 0 || !password) return
    setBusy(true)
    setError(null)
    try {
      await p.onSubmit(password)
      setPassword('')
    } catch (err) {
      const w = asWalletError(err)
      setError(w)
      const ms = retryAfterMs(w)
      setRetryAt(ms > 0 ? Date.now() + ms : null)
      if (w.code === 'WRONG_PASSWORD' || w.code === 'TOO_MANY_TRIES') setPassword('')
      setTimeout(() => input.current?.focus(), 0)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="password-form" onSubmit={submit} noValidate>
      {p.children}
      <PasswordInput
        label={p.label ?? 'Password'}
        value={password}
        onInput={setPassword}
        autoFocus={p.autoFocus}
        inputRef={input}
        invalid={error?.code === 'WRONG_PASSWORD'}
        name="password"
      />
      {error && (
        <Alert testId="password-error">
          <p>{error.message}</p>
          {p.errorExtra?.(error)}
        </Alert>
      )}
      {wait > 0 && (
        <p class="muted countdown" data-testid="retry-countdown">
          You can try again in {wait} s.
        </p>
      )}
      <button type="submit" class="primary block" disabled={busy || wait > 0 || !password}>
        {busy ? (p.busyLabel ?? 'Checking…') : p.submitLabel}
      </button>
    </form>
  )
}
