// The approval window's first step while the wallet is locked: a connected site keeps its accounts
// while the wallet is locked, and the password is asked for only when something must be signed or
// sent. Says what is waiting, so the user knows why the password is asked for.
import type { PendingApproval } from '../../src/approvals/types.ts'
import { bg } from '../lib/background.ts'
import { PasswordForm } from '../components/PasswordForm.tsx'
import { SafeText } from '../components/SafeText.tsx'

const WAITING: Record<PendingApproval['request']['kind'], string> = {
  connect: 'to connect',
  switchChain: 'to switch its network',
  addChain: 'to add a network',
  personalSign: 'to sign a message',
  typedData: 'to sign typed data',
  sendTx: 'to send a transaction',
  replaceTx: 'to replace a pending transaction',
  sendCalls: 'to send a batch of calls',
  watchAsset: 'to add a token',
}

export function UnlockStep({ approval, busy, onUnlocked, onReject }: { approval: PendingApproval; busy: boolean; onUnlocked: () => Promise<void>; onReject: () => void }) {
  return (
    <section data-testid="unlock-step">
      <h1>Unlock to continue</h1>
      <p class="muted">
        {approval.requester.origin === 'wallet' ? 'Your request' : <SafeText value={approval.requester.origin} max={253} />} is waiting for you {WAITING[approval.request.kind]}.
      </p>
      <PasswordForm
        label="Password"
        submitLabel="Unlock"
        autoFocus
        onSubmit={async (password) => {
          await bg('keyring.unlock', { password })
          await onUnlocked()
        }}
      />
      <button class="block ghost" onClick={onReject} disabled={busy} data-testid="reject">
        Reject
      </button>
    </section>
  )
}
