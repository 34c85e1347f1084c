// No wallet yet: onboarding needs room (and must outlive the popup), so it opens in a tab.
import { openApp } from '../lib/open.ts'

export function Setup() {
  return (
    <section class="gate-body" data-testid="setup">
      <div class="hero-mark" aria-hidden="true">
        ◎
      </div>
      <h1>Set up your wallet</h1>
      <p class="muted">Create a new wallet, or import one from a secret recovery phrase or a private key. It opens in a browser tab.</p>
      <button type="button" class="primary block" onClick={() => void openApp('welcome')}>
        Create or import a wallet
      </button>
    </section>
  )
}
