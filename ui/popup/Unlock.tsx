// The locked popup: the password (focused, Enter submits), the sentence when it is wrong, a
// countdown while the back-off holds, and the ways out: forgot password, damaged vault.
import { bg } from '../lib/background.ts'
import { openApp } from '../lib/open.ts'
import type { WalletStateHandle } from '../lib/wallet-state.ts'
import { PasswordForm } from '../components/PasswordForm.tsx'

export function Unlock({ wallet }: { wallet: WalletStateHandle }) {
  return (
    <section class="gate-body" data-testid="unlock">
      <div class="hero-mark" aria-hidden="true">
        ◎
      </div>
      <h1>Welcome back</h1>
      <p class="muted">Enter your password to unlock the wallet.</p>
      <PasswordForm
        submitLabel="Unlock"
        busyLabel="Unlocking…"
        autoFocus
        onSubmit={async (password) => wallet.accept(await bg('keyring.unlock', { password }))}
        errorExtra={(err) =>
          err.code === 'VAULT_CORRUPT' && (
            <button type="button" class="small" onClick={() => void openApp('settings/reset')}>
              Reset and restore from your phrase
            </button>
          )
        }
      />
      <p class="forgot">
        <a
          href="app.html#/settings/reset"
          onClick={(e) => {
            e.preventDefault()
            void openApp('settings/reset')
          }}
        >
          Forgot password?
        </a>
        <span class="muted"> You can reset the wallet and restore it with your secret recovery phrase.</span>
      </p>
    </section>
  )
}
