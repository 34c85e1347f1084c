// The live strength hint under a new password. A hint, not a gate: the background only enforces
// the minimum length. Imported from password-strength.ts itself so no key code enters the page.
import { passwordStrength, MIN_PASSWORD_LENGTH } from '../../src/keyring/password-strength.ts'

export { MIN_PASSWORD_LENGTH }

export function StrengthMeter({ password, id }: { password: string; id?: string }) {
  const s = passwordStrength(password)
  return (
    <div class="strength" id={id} data-score={password ? s.score : undefined}>
      <div class="strength-bar" aria-hidden="true">
        {[1, 2, 3, 4].map((i) => (
          <span key={i} class={password && s.score >= i ? 'on' : ''} />
        ))}
      </div>
      <p class="strength-label" aria-live="polite">
        {password ? (
          <>
            Strength: <strong>{s.label}</strong>
          </>
        ) : (
          `At least ${MIN_PASSWORD_LENGTH} characters. Several unrelated words make a strong, memorable password.`
        )}
      </p>
      {password && s.hints.length > 0 && (
        <ul class="strength-hints">
          {s.hints.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
