// One Settings for everything that needs room: a list of sections beside the one open. Sections
// that change accounts need the wallet unlocked; the ones guarded by a fresh password (reveal,
// export, change password) and reset (the way out of a forgotten password) work while it is locked.
import type { WalletStateHandle } from '../../lib/wallet-state.ts'
import { bg } from '../../lib/background.ts'
import { Accounts } from './Accounts.tsx'
import { RevealPhrase } from './RevealPhrase.tsx'
import { ExportKey } from './ExportKey.tsx'
import { ChangePassword } from './ChangePassword.tsx'
import { AutoLock } from './AutoLock.tsx'
import { ResetWallet } from './ResetWallet.tsx'
import { Sites } from './Sites.tsx'
import { Networks } from '../networks/Networks.tsx'
import { Tokens } from '../tokens/Tokens.tsx'
import { ClaimPage } from '../claim/ClaimPage.tsx'
import { Fragment } from 'preact'
import { href } from '../nav.ts'

export interface SettingsSection {
  id: string
  label: string
  /** the nav groups sections under a heading */
  group: string
}

const DANGER = 'Danger zone'

export const SECTIONS: SettingsSection[] = [
  { id: 'accounts', label: 'Accounts', group: 'Wallet' },
  { id: 'networks', label: 'Networks', group: 'Wallet' },
  { id: 'tokens', label: 'Tokens', group: 'Wallet' },
  { id: 'sites', label: 'Connected sites', group: 'Wallet' },
  { id: 'phrase', label: 'Recovery phrase', group: 'Security' },
  { id: 'export', label: 'Export private key', group: 'Security' },
  { id: 'password', label: 'Password', group: 'Security' },
  { id: 'auto-lock', label: 'Auto-lock', group: 'Security' },
  { id: 'pha', label: 'PHA migration', group: 'Phala' },
  { id: 'reset', label: 'Reset wallet', group: DANGER },
]

interface NavLink {
  href: string
  label: string
  testId: string
  current?: boolean
  danger?: boolean
}

/** A heading of the settings' nav and its links. */
function NavGroup({ name, links }: { name: string; links: NavLink[] }) {
  return (
    <div class="settings-group">
      <span class="settings-group-name">{name}</span>
      <ul>
        {links.map((l) => (
          <li key={l.testId}>
            <a href={l.href} aria-current={l.current ? 'page' : undefined} class={l.danger ? 'danger-link' : undefined} data-testid={l.testId}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** Allowances and the address book: pages of their own, linked from the settings' nav. */
const MORE: NavLink[] = [
  { href: href('allowances'), label: 'Allowances', testId: 'link-allowances' },
  { href: href('contacts'), label: 'Address book', testId: 'link-contacts' },
]

export function Settings({ section, wallet }: { section: string; wallet: WalletStateHandle }) {
  const state = wallet.state!
  const current = SECTIONS.find((s) => s.id === section) ?? SECTIONS[0]
  const groups = [...new Set(SECTIONS.map((s) => s.group))]
  return (
    <div class="settings">
      <nav class="settings-nav" aria-label="Settings">
        {groups.map((g) => (
          <Fragment key={g}>
            {/* the pages of their own come before the danger zone, not under it */}
            {g === DANGER && <NavGroup name="Approvals and contacts" links={MORE} />}
            <NavGroup
              name={g}
              links={SECTIONS.filter((s) => s.group === g).map((s) => ({ href: href(`settings/${s.id}`), label: s.label, testId: `settings-nav-${s.id}`, current: s.id === current.id, danger: s.group === DANGER }))}
            />
          </Fragment>
        ))}
        {state.unlocked && (
          <button type="button" class="block" onClick={async () => wallet.accept(await bg('keyring.lock', {}))}>
            Lock now
          </button>
        )}
      </nav>
      <div class="settings-main">
        {current.id === 'accounts' && <Accounts wallet={wallet} />}
        {current.id === 'networks' && <Networks wallet={wallet} />}
        {current.id === 'tokens' && <Tokens />}
        {/* Keyed by the lock state: a secret on screen goes away when the wallet locks. */}
        {current.id === 'phrase' && <RevealPhrase key={String(state.unlocked)} />}
        {current.id === 'export' && <ExportKey key={String(state.unlocked)} state={state} />}
        {current.id === 'password' && <ChangePassword />}
        {current.id === 'auto-lock' && <AutoLock wallet={wallet} />}
        {current.id === 'pha' && <ClaimPage wallet={wallet} />}
        {current.id === 'reset' && <ResetWallet wallet={wallet} />}
        {current.id === 'sites' && <Sites wallet={wallet} />}
      </div>
    </div>
  )
}
