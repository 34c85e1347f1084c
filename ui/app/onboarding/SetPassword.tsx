// Choose the password that encrypts the wallet on this device: new + confirm, with a live
// strength hint. Used by create, import and change password.
import { useId, useState } from 'preact/hooks'
import type { ComponentChildren } from 'preact'
import { PasswordInput } from '../../components/PasswordInput.tsx'
import { StrengthMeter, MIN_PASSWORD_LENGTH } from '../../components/StrengthMeter.tsx'
import { Alert } from '../../components/Alert.tsx'
import { asWalletError } from '../../lib/errors.ts'

export interface SetPasswordProps {
  submitLabel: string
  busyLabel: string
  onSubmit: (password: string) => Promise<void>
  /** fields above the new password (change password: the current one) */
  before?: ComponentChildren
  /** extra check before submitting: an error sentence, or null */
  precheck?: () => string | null
  newLabel?: string
  secondary?: ComponentChildren
}

export function SetPassword(p: SetPasswordProps) {
  const ids = useId()
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const mismatch = confirm.length > 0 && confirm !== password && confirm.length >= password.length

  const submit = async (e: Event) => {
    e.preventDefault()
    if (busy) return
    const pre = p.precheck?.() ?? null
    if (pre) return setError(pre)
    if (password.length < MIN_PASSWORD_LENGTH) return setError(`Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`)
    if (confirm !== password) return setError('The two passwords do not match. Type the same password twice.')
    setBusy(true)
    setError(null)
    try {
      await p.onSubmit(password)
    } catch (err) {
      setError(asWalletError(err).message)
      setBusy(false)
    }
  }

  return (
    <form class="set-password" onSubmit={submit} noValidate>
      {p.before}
      <PasswordInput
        label={p.newLabel ?? 'New password'}
        value={password}
        onInput={setPassword}
        autoComplete="new-password"
        autoFocus={!p.before}
        describedBy={`${ids}-strength`}
        name="new-password"
      />
      <StrengthMeter password={password} id={`${ids}-strength`} />
      <PasswordInput label="Confirm password" value={confirm} onInput={setConfirm} autoComplete="new-password" invalid={mismatch} describedBy={mismatch ? `${ids}-mismatch` : undefined} name="confirm-password" />
      {mismatch && (
        <p class="field-note error" id={`${ids}-mismatch`}>
          The passwords do not match yet.
        </p>
      )}
      <p class="muted small-print">This password unlocks the wallet on this device only. It cannot be recovered: if you forget it, you restore the wallet from its secret recovery phrase.</p>
      {error && (
        <Alert testId="password-error">
          <p>{error}</p>
        </Alert>
      )}
      <div class="actions">
        {p.secondary}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? p.busyLabel : p.submitLabel}
        </button>
      </div>
    </form>
  )
}
