import { useId, useState } from 'preact/hooks'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import type { WalletStateHandle } from '../../lib/wallet-state.ts'
import { Alert } from '../../components/Alert.tsx'
import { Page } from '../Page.tsx'

import { MAX_AUTO_LOCK_MINUTES as MAX, MIN_AUTO_LOCK_MINUTES as MIN } from '../../../src/keyring/auto-lock.ts'

const PRESETS = [1, 5, 15, 30, 60, 240]

export function AutoLock({ wallet }: { wallet: WalletStateHandle }) {
  const id = useId()
  const saved = wallet.state!.autoLockMinutes
  const [value, setValue] = useState(String(saved))
  const [error, setError] = useState<string | null>(null)
  const [ok, setOk] = useState(false)

  const save = async (e: Event) => {
    e.preventDefault()
    setOk(false)
    const n = Number(value)
    if (!Number.isInteger(n) || n < MIN || n > MAX) return setError(`Enter a whole number of minutes from ${MIN} to ${MAX}.`)
    try {
      wallet.accept(await bg('settings.update', { autoLockMinutes: n }))
      setError(null)
      setOk(true)
    } catch (err) {
      setError(asWalletError(err).message)
    }
  }

  return (
    <Page title="Auto-lock">
      <p>
        The wallet locks itself after this many minutes without use. It is now <strong data-testid="auto-lock-current">{saved} minute{saved === 1 ? '' : 's'}</strong>. Closing the
        browser always locks it.
      </p>
      <form class="narrow" onSubmit={save} noValidate>
        <label for={id}>Lock after (minutes of inactivity)</label>
        <div class="inline-row">
          <input
            id={id}
            type="number"
            inputMode="numeric"
            min={MIN}
            max={MAX}
            step={1}
            value={value}
            onInput={(e) => {
              setValue((e.currentTarget as HTMLInputElement).value)
              setOk(false)
            }}
            aria-invalid={error ? 'true' : undefined}
          />
          <button type="submit" class="primary">
            Save
          </button>
        </div>
        <div class="presets" role="group" aria-label="Common choices">
          {PRESETS.map((m) => (
            <button type="button" class="small" key={m} aria-pressed={value === String(m)} onClick={() => setValue(String(m))}>
              {m < 60 ? `${m} min` : `${m / 60} h`}
            </button>
          ))}
        </div>
        {error && (
          <Alert>
            <p>{error}</p>
          </Alert>
        )}
        {ok && (
          <p class="ok" role="status">
            ✓ Saved.
          </p>
        )}
      </form>
    </Page>
  )
}
