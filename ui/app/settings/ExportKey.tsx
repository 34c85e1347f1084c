import { useId, useState } from 'preact/hooks'
import type { WalletState } from '../../../src/wallet/wallet.ts'
import { bg } from '../../lib/background.ts'
import { shortAddress } from '../../lib/format.ts'
import { PasswordForm } from '../../components/PasswordForm.tsx'
import { Page } from '../Page.tsx'
import { SecretView } from './SecretView.tsx'

export function ExportKey({ state }: { state: WalletState }) {
  const id = useId()
  const wanted = new URLSearchParams(location.hash.split('?')[1] ?? '').get('address')
  const [address, setAddress] = useState<string>(() => state.accounts.find((a) => a.address === wanted)?.address ?? state.selected ?? state.accounts[0]?.address ?? '')
  const [key, setKey] = useState<string | null>(null)
  const account = state.accounts.find((a) => a.address === address)
  return (
    <Page title="Export a private key">
      <p>A private key controls one account. Export it only to move that account to another wallet.</p>
      <label for={id}>Account</label>
      <select
        id={id}
        value={address}
        onChange={(e) => {
          setAddress((e.currentTarget as HTMLSelectElement).value)
          setKey(null)
        }}
      >
        {state.accounts.map((a) => (
          <option key={a.address} value={a.address}>
            {a.name} ({shortAddress(a.address)}){a.hidden ? ', hidden' : ''}
          </option>
        ))}
      </select>
      {key && account ? (
        <SecretView secret={key} what="private key" onHide={() => setKey(null)}>
          <p>
            Private key of <strong>{account.name}</strong>:
          </p>
          <p class="secret mono" data-testid="private-key">
            {key}
          </p>
        </SecretView>
      ) : (
        <div class="narrow">
          <PasswordForm
            submitLabel="Show private key"
            onSubmit={async (password) => setKey((await bg('keyring.exportPrivateKey', { password, address })).privateKey)}
          />
        </div>
      )}
    </Page>
  )
}
