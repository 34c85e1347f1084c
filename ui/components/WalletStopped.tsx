// The wallet stopped at start (its stored data could not be updated to this version, or was written by
// a newer one): what happened, that nothing was changed, and what to do. Nothing else is offered.
import type { WalletHalt } from '../../src/storage/problems.ts'

export function WalletStopped({ halt }: { halt: WalletHalt }) {
  return (
    <section class="wallet-stopped" data-testid="wallet-stopped" role="alert">
      <h1>The wallet is stopped</h1>
      <p>{halt.message}</p>
      <p class="muted">
        Your recovery phrase, accounts and settings were not changed. Sites cannot use the wallet until it starts again. If you have your recovery phrase, you can also
        reinstall the wallet and restore from it.
      </p>
      <p class="muted small mono">{halt.code}</p>
    </section>
  )
}
