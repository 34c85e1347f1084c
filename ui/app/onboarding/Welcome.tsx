// The start of onboarding: create or import. When a wallet already exists it says so and offers
// to unlock it instead (creating a second one would need a reset first).
import type { WalletStateHandle } from '../../lib/wallet-state.ts'
import { Page } from '../Page.tsx'
import { href } from '../nav.ts'
import { UnlockForm } from '../UnlockForm.tsx'

export function Welcome({ wallet }: { wallet: WalletStateHandle }) {
  const state = wallet.state!
  if (!state.initialized) {
    return (
      <Page title="Welcome to Rollup Wallet">
        <p class="lead">One recovery phrase for your accounts on Ethereum and its rollups. Your keys stay in this browser, encrypted with your password.</p>
        <div class="choices">
          <a class="choice" href={href('create')} data-testid="choose-create">
            <strong>Create a new wallet</strong>
            <span>Get a new secret recovery phrase and your first account.</span>
          </a>
          <a class="choice" href={href('import')} data-testid="choose-import">
            <strong>Import an existing wallet</strong>
            <span>Restore from a secret recovery phrase, or add a single private key.</span>
          </a>
        </div>
      </Page>
    )
  }
  return (
    <Page title="Your wallet is already set up">
      <p>This browser already has a Rollup Wallet.</p>
      {state.unlocked ? (
        <>
          <p>It is unlocked: open it from the browser toolbar, or manage it here.</p>
          <p class="actions">
            <a class="button primary" href={href('settings/accounts')}>
              Manage accounts
            </a>
          </p>
        </>
      ) : (
        <>
          <p>Unlock it to continue.</p>
          <UnlockForm wallet={wallet} />
        </>
      )}
      <p class="muted small-print">
        To create or import a different wallet, <a href={href('settings/reset')}>reset this one</a> first. You will need its secret recovery phrase
        to get it back.
      </p>
    </Page>
  )
}
