// A labelled password field with a show/hide toggle.
import { useId, useRef, useState } from 'preact/hooks'
import { useAutoFocus } from './autofocus.ts'

export interface PasswordInputProps {
  label: string
  value: string
  onInput: (value: string) => void
  autoFocus?: boolean
  autoComplete?: 'current-password' | 'new-password' | 'off'
  invalid?: boolean
  describedBy?: string
  inputRef?: { current: HTMLInputElement | null }
  disabled?: boolean
  name?: string
}

export function PasswordInput(p: PasswordInputProps) {
  const id = useId()
  const [shown, setShown] = useState(false)
  const own = useRef<HTMLInputElement>(null)
  const ref = p.inputRef ?? own
  useAutoFocus(ref, p.autoFocus)
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <div class="password-row">
        <input
          id={id}
          name={p.name}
          ref={ref}
          type={shown ? 'text' : 'password'}
          value={p.value}
          onInput={(e) => p.onInput((e.currentTarget as HTMLInputElement).value)}
          autoComplete={p.autoComplete ?? 'current-password'}
          spellcheck={false}
          aria-invalid={p.invalid ? 'true' : undefined}
          aria-describedby={p.describedBy}
          disabled={p.disabled}
        />
        <button type="button" class="ghost small" aria-label={`${shown ? 'Hide' : 'Show'} ${p.label.toLowerCase()}`} onClick={() => setShown(!shown)}>
          {shown ? 'Hide' : 'Show'}
        </button>
      </div>
    </div>
  )
}
