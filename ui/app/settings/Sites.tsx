// Connected sites: which origins can see which accounts (EIP-2255 grants), with revoke; and whether
// this wallet takes window.ethereum even when another wallet is installed.
import { SafeText } from '../../components/SafeText.tsx'
import { DISPLAY_LIMITS } from '../../../src/util/display.ts'
import { useEffect, useState } from 'preact/hooks'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { shortAddress } from '../../lib/format.ts'
import type { WalletStateHandle } from '../../lib/wallet-state.ts'
import { Alert } from '../../components/Alert.tsx'
import { sameAddress } from '../../../src/util/address.ts'

type Site = { origin: string; accounts: string[]; date: number }

export function Sites({ wallet }: { wallet: WalletStateHandle }) {
  const state = wallet.state!
  const [sites, setSites] = useState<Site[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    bg('sites.list', {}).then(setSites, (e) => setError(asWalletError(e).message))
  }, [])
  const nameOf = (a: string) => state.accounts.find((x) => sameAddress(x.address, a))?.name ?? shortAddress(a)
  const revoke = async (origin: string) => {
    try {
      setSites(await bg('sites.revoke', { origin }))
    } catch (e) {
      setError(asWalletError(e).message)
    }
  }
  return (
    <section class="sites">
      <h1>Connected sites</h1>
      <p class="muted">A connected site can see the addresses you shared with it and ask you to sign or send. Revoking takes that away at once; the site can ask again.</p>
      {error && <Alert>{error}</Alert>}
      {sites === null ? (
        <p class="muted">Loading…</p>
      ) : sites.length === 0 ? (
        <p data-testid="no-sites">No site is connected.</p>
      ) : (
        <ul class="site-list" data-testid="sites">
          {sites.map((s) => (
            <li key={s.origin} class="card site">
              <div>
                <strong class="site-origin">
                  <SafeText value={s.origin} max={DISPLAY_LIMITS.origin} />
                </strong>
                <p class="muted small">
                  {s.accounts.map(nameOf).join(', ')} · since {new Date(s.date).toLocaleDateString()}
                </p>
              </div>
              <button type="button" class="small" onClick={() => revoke(s.origin)} aria-label={`Revoke ${s.origin}`}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <h2>Default wallet</h2>
      <label class="check">
        <input
          type="checkbox"
          checked={state.defaultWallet}
          onChange={async (e) => wallet.accept(await bg('settings.update', { defaultWallet: (e.target as HTMLInputElement).checked }))}
        />
        <span>Use Rollup Wallet as window.ethereum even when another wallet is installed (sites that discover wallets by EIP-6963 see every wallet either way). Takes effect on the next page load.</span>
      </label>
    </section>
  )
}
