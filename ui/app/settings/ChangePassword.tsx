import { useState } from 'preact/hooks'
import { bg } from '../../lib/background.ts'
import { PasswordInput } from '../../components/PasswordInput.tsx'
import { Page } from '../Page.tsx'
import { SetPassword } from '../onboarding/SetPassword.tsx'

export function ChangePassword() {
  const [current, setCurrent] = useState('')
  const [done, setDone] = useState(0)
  return (
    <Page title="Change password">
      <p>The wallet is encrypted again under the new password. Your recovery phrase and accounts stay the same.</p>
      {done > 0 && (
        <p class="ok" role="status" data-testid="password-changed">
          ✓ Password changed. Use the new one from now on.
        </p>
      )}
      <div class="narrow">
        <SetPassword
          key={done}
          before={<PasswordInput label="Current password" value={current} onInput={setCurrent} autoFocus name="current-password" />}
          precheck={() => (current ? null : 'Enter your current password.')}
          submitLabel="Change password"
          busyLabel="Encrypting…"
          onSubmit={async (newPassword) => {
            await bg('keyring.changePassword', { oldPassword: current, newPassword })
            setCurrent('')
            setDone(done + 1)
          }}
        />
      </div>
    </Page>
  )
}
