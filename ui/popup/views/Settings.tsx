// Settings in the popup: links to the full-page settings (they need room, and a secret shown
// there must not vanish when the popup closes), plus what fits here.
import { bg } from '../../lib/background.ts'
import { appUrl, openApp } from '../../lib/open.ts'
import type { WalletStateHandle } from '../../lib/wallet-state.ts'

const LINKS = [
  { path: 'settings/accounts', label: 'Accounts', note: 'Add, rename, hide, reorder, import a key' },
  { path: 'settings/networks', label: 'Networks', note: 'RPC URLs, testnets, add a rollup' },
  { path: 'settings/tokens', label: 'Tokens', note: 'Add a token by its address' },
  { path: 'settings/sites', label: 'Connected sites', note: 'See and revoke what sites can access' },
  { path: 'settings/phrase', label: 'Security', note: 'Recovery phrase, private keys, password' },
  { path: 'settings/auto-lock', label: 'Auto-lock', note: '' },
  { path: 'claim/pha', label: 'PHA migration', note: 'Claim parachain PHA, bring it to Phala L2' },
  { path: 'settings/reset', label: 'Reset wallet', note: 'Remove it from this browser' },
]

export function Settings({ wallet }: { wallet: WalletStateHandle }) {
  const state = wallet.state!
  return (
    <section>
      <h1>Settings</h1>
      <ul class="link-list">
        {LINKS.map((l) => (
          <li key={l.path}>
            <a
              href={appUrl(l.path)}
              onClick={(e) => {
                e.preventDefault()
                void openApp(l.path)
              }}
              data-testid={`settings-link-${l.path.split('/')[1]}`}
            >
              <span class="link-label">{l.label}</span>
              <span class="link-note muted">
                {l.path === 'settings/auto-lock' ? `After ${state.autoLockMinutes} min without use` : l.note}
              </span>
              <span class="external" aria-label="(opens in a tab)">
                ↗
              </span>
            </a>
          </li>
        ))}
      </ul>
      <label class="switch-row small" data-testid="popup-testnets">
        <input type="checkbox" role="switch" checked={state.showTestnets} onChange={async (e) => wallet.accept(await bg('settings.update', { showTestnets: (e.currentTarget as HTMLInputElement).checked }))} />
        <span>Show testnets and the local devnet</span>
      </label>
      <button type="button" class="block" onClick={async () => wallet.accept(await bg('keyring.lock', {}))}>
        Lock the wallet now
      </button>
    </section>
  )
}
