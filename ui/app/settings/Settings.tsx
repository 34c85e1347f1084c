// Full-page settings: a list of sections beside the one open. Sections that change accounts need
// the wallet unlocked; the ones guarded by a fresh password (reveal, export, change password) and
// reset (the way out of a forgotten password) work while it is locked.
import type { WalletStateHandle } from '../../lib/wallet-state.ts'
import { bg } from '../../lib/background.ts'
import { Accounts } from './Accounts.tsx'
import { RevealPhrase } from './RevealPhrase.tsx'
import { ExportKey } from './ExportKey.tsx'
import { ChangePassword } from './ChangePassword.tsx'
import { AutoLock } from './AutoLock.tsx'
import { ResetWallet } from './ResetWallet.tsx'
import { Sites } from './Sites.tsx'
import { href } from '../nav.ts'

const SECTIONS = [
  { id: 'accounts', label: 'Accounts' },
  { id: 'phrase', label: 'Recovery phrase' },
  { id: 'export', label: 'Export private key' },
  { id: 'password', label: 'Password' },
  { id: 'auto-lock', label: 'Auto-lock' },
  { id: 'sites', label: 'Connected sites' },
  { id: 'reset', label: 'Reset wallet' },
] as const

export function Settings({ section, wallet }: { section: string; wallet: WalletStateHandle }) {
  const state = wallet.state!
  const current = SECTIONS.find((s) => s.id === section) ?? SECTIONS[0]
  return (
    <div class="settings">
      <nav class="settings-nav" aria-label="Settings">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={href(`settings/${s.id}`)} aria-current={s.id === current.id ? 'page' : undefined} class={s.id === 'reset' ? 'danger-link' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
        <ul class="settings-more">
          <li>
            <a href={href('allowances')} data-testid="link-allowances">Allowances</a>
          </li>
          <li>
            <a href={href('contacts')} data-testid="link-contacts">Address book</a>
          </li>
        </ul>
        {state.unlocked && (
          <button type="button" class="block" onClick={async () => wallet.accept(await bg('keyring.lock', {}))}>
            Lock now
          </button>
        )}
      </nav>
      <div class="settings-main">
        {current.id === 'accounts' && <Accounts wallet={wallet} />}
        {/* Keyed by the lock state: a secret on screen goes away when the wallet locks. */}
        {current.id === 'phrase' && <RevealPhrase key={String(state.unlocked)} />}
        {current.id === 'export' && <ExportKey key={String(state.unlocked)} state={state} />}
        {current.id === 'password' && <ChangePassword />}
        {current.id === 'auto-lock' && <AutoLock wallet={wallet} />}
        {current.id === 'reset' && <ResetWallet wallet={wallet} />}
        {current.id === 'sites' && <Sites wallet={wallet} />}
      </div>
    </div>
  )
}
