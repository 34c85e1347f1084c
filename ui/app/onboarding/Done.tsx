// The end of onboarding: the first account, and where to find the wallet from now on.
import type { WalletState } from '../../../src/wallet/wallet.ts'
import { CopyButton } from '../../components/CopyButton.tsx'
import { Page } from '../Page.tsx'
import { href } from '../nav.ts'

export function Done({ state }: { state: WalletState }) {
  const first = state.accounts.find((a) => a.address === state.selected) ?? state.accounts[0]
  return (
    <Page title="Your wallet is ready">
      {first && (
        <div class="card account-card" data-testid="done-account">
          <strong>{first.name}</strong>
          <p class="mono address">{first.address}</p>
          <CopyButton text={first.address} label="Copy address" />
        </div>
      )}
      <h2>Open the wallet from the toolbar</h2>
      <p>
        Click the Extensions icon (the puzzle piece) in the browser toolbar and pin <strong>Rollup Wallet</strong>, so it is always one click away. You
        can close this tab.
      </p>
      <p class="muted">
        The wallet locks itself after {state.autoLockMinutes} minutes without use, and whenever the browser closes. You can change this in{' '}
        <a href={href('settings/auto-lock')}>settings</a>.
      </p>
      <p class="actions">
        <a class="button" href={href('settings/accounts')}>
          Manage accounts
        </a>
      </p>
    </Page>
  )
}
