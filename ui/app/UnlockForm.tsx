// Unlock on a full page (onboarding, settings, claim, bridge): the password, the background's
// sentence on failure, and the way out when the vault is damaged.
import { bg } from '../lib/background.ts'
import type { WalletStateHandle } from '../lib/wallet-state.ts'
import { PasswordForm } from '../components/PasswordForm.tsx'
import { CorruptWayOut } from './settings/CorruptWayOut.tsx'

export function UnlockForm({ wallet }: { wallet: WalletStateHandle }) {
  return (
    <div class="narrow">
      <PasswordForm
        submitLabel="Unlock"
        busyLabel="Unlocking…"
        autoFocus
        onSubmit={async (password) => wallet.accept(await bg('keyring.unlock', { password }))}
        errorExtra={(err) => err.code === 'VAULT_CORRUPT' && <CorruptWayOut />}
      />
    </div>
  )
}
