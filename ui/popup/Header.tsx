// The unlocked popup's header: which account is in use (and a list to switch), and Lock.
import { useEffect, useId, useRef, useState } from 'preact/hooks'
import { bg } from '../lib/background.ts'
import { asWalletError } from '../lib/errors.ts'
import { shortAddress } from '../lib/format.ts'
import { openApp } from '../lib/open.ts'
import type { WalletStateHandle } from '../lib/wallet-state.ts'
import { Avatar } from '../components/Avatar.tsx'
import { Alert } from '../components/Alert.tsx'
import { LockIcon } from '../components/icons.tsx'
import { AccountBalance } from './AccountBalance.tsx'

export function Header({ wallet }: { wallet: WalletStateHandle }) {
  const [error, setError] = useState<string | null>(null)
  const lock = async () => {
    try {
      wallet.accept(await bg('keyring.lock', {}))
    } catch (err) {
      setError(asWalletError(err).message)
    }
  }
  return (
    <header class="popup-header">
      <AccountSwitcher wallet={wallet} onError={setError} />
      <button type="button" class="ghost small lock" onClick={lock} data-testid="lock">
        <LockIcon /> Lock
      </button>
      {error && (
        <div class="header-error" data-no-snapshot>
          <Alert>
            <p>{error}</p>
          </Alert>
        </div>
      )}
    </header>
  )
}

function AccountSwitcher({ wallet, onError }: { wallet: WalletStateHandle; onError: (m: string | null) => void }) {
  const state = wallet.state!
  const id = useId()
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)
  const current = state.accounts.find((a) => a.address === state.selected)
  const visible = state.accounts.filter((a) => !a.hidden)

  useEffect(() => {
    if (!open) return
    // Focus the account in use, as a menu does.
    root.current?.querySelector<HTMLElement>('[aria-current="true"], .switcher-menu button')?.focus()
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', onDown)
    return () => document.removeEventListener('mousedown', onDown)
  }, [open])

  const close = (refocus: boolean) => {
    setOpen(false)
    if (refocus) toggle.current?.focus()
  }

  const onKey = (e: KeyboardEvent) => {
    if (!open) return
    if (e.key === 'Escape') {
      e.preventDefault()
      close(true)
      return
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    const items = [...(root.current?.querySelectorAll<HTMLElement>('.switcher-menu button, .switcher-menu a') ?? [])]
    const i = items.indexOf(document.activeElement as HTMLElement)
    const next = items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1) + items.length) % items.length]
    next?.focus()
    e.preventDefault()
  }

  const [adding, setAdding] = useState(false)
  /** A new account from the phrase, right here, and in use at once. */
  const add = async () => {
    onError(null)
    setAdding(true)
    try {
      const a = await bg('keyring.addAccount', { name: `Account ${state.accounts.length + 1}` })
      wallet.accept(await bg('wallet.selectAccount', { address: a.address }))
      close(true)
    } catch (err) {
      onError(asWalletError(err).message)
    } finally {
      setAdding(false)
    }
  }

  const select = async (address: string) => {
    onError(null)
    try {
      wallet.accept(await bg('wallet.selectAccount', { address }))
      close(true)
    } catch (err) {
      onError(asWalletError(err).message)
    }
  }

  return (
    <div
      class="switcher"
      ref={root}
      onKeyDown={onKey}
      onFocusOut={(e) => {
        if (open && !root.current?.contains(e.relatedTarget as Node | null) && e.relatedTarget) setOpen(false)
      }}
    >
      <button type="button" class="switcher-toggle" ref={toggle} aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)} data-testid="account-switcher">
        {current && <Avatar address={current.address} />}
        <span class="switcher-text">
          <span class="switcher-name" data-testid="current-account-name">
            {current?.name ?? 'No account'}
          </span>
          {current && (
            <span class="switcher-address mono" data-testid="current-account-address">
              {shortAddress(current.address)}
            </span>
          )}
        </span>
        <span class="chevron" aria-hidden="true">
          ▾
        </span>
        <span class="sr-only">, switch account</span>
      </button>
      {open && (
        <div class="switcher-menu" id={id}>
          <ul aria-label="Accounts">
            {visible.map((a) => (
              <li key={a.address}>
                <button type="button" aria-current={a.address === state.selected ? 'true' : undefined} onClick={() => select(a.address)} data-testid="switch-account">
                  <Avatar address={a.address} size={24} />
                  <span class="switcher-text">
                    <span class="switcher-name">{a.name}</span>
                    <span class="switcher-address mono">{shortAddress(a.address)}</span>
                  </span>
                  <AccountBalance address={a.address} />
                  {a.address === state.selected && (
                    <span class="check-mark" aria-hidden="true">
                      ✓
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" class="manage" onClick={() => void add()} disabled={adding} data-testid="add-account">
            {adding ? 'Adding…' : '+ Add account'}
          </button>
          <button type="button" class="manage secondary" onClick={() => void openApp('settings/accounts').then(() => close(false))}>
            Manage accounts…
          </button>
        </div>
      )}
    </div>
  )
}
