// Reset: deletes the wallet from this browser. The way out of a forgotten password or a damaged
// vault, so it works locked; a typed confirmation keeps it from being a slip of the mouse.
import { useId, useState } from 'preact/hooks'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import type { WalletStateHandle } from '../../lib/wallet-state.ts'
import { Alert, Callout } from '../../components/Alert.tsx'
import { Page } from '../Page.tsx'
import { go } from '../nav.ts'

const CONFIRM = 'RESET'

export function ResetWallet({ wallet }: { wallet: WalletStateHandle }) {
  const id = useId()
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const imported = wallet.state!.accounts.filter((a) => a.kind === 'imported').length

  const reset = async (e: Event) => {
    e.preventDefault()
    if (typed.trim() !== CONFIRM) return setError(`Type ${CONFIRM} in capitals to confirm.`)
    setBusy(true)
    try {
      wallet.accept(await bg('keyring.reset', {}))
      go('welcome')
    } catch (err) {
      setError(asWalletError(err).message)
      setBusy(false)
    }
  }

  return (
    <Page title="Reset wallet">
      <p>Resetting deletes the wallet from this browser: the encrypted keys, the account list and their names. Your funds stay on chain.</p>
      <Callout title="You need your secret recovery phrase to get your accounts back.">
        <p>
          After the reset, choose “Import an existing wallet” and enter the phrase to restore every account derived from it
          {imported > 0 ? `. Your ${imported} imported private key${imported === 1 ? '' : 's'} must be imported again one by one: make sure you have a copy.` : '.'}{' '}
          Without the phrase, the accounts cannot be recovered by anyone.
        </p>
      </Callout>
      <p>Forgot your password? This is the way back: reset, then import your recovery phrase and choose a new password.</p>
      <form class="narrow" onSubmit={reset} noValidate>
        <label for={id}>Type {CONFIRM} to confirm</label>
        <input
          id={id}
          value={typed}
          onInput={(e) => {
            setTyped((e.currentTarget as HTMLInputElement).value)
            setError(null)
          }}
          autoComplete="off"
          spellcheck={false}
          aria-invalid={error ? 'true' : undefined}
        />
        {error && (
          <Alert>
            <p>{error}</p>
          </Alert>
        )}
        <button type="submit" class="danger block" disabled={busy || typed.trim() !== CONFIRM}>
          {busy ? 'Resetting…' : 'Reset wallet'}
        </button>
      </form>
    </Page>
  )
}
