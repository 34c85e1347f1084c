// Accounts: add the next BIP44 account, rename, hide/show, reorder (buttons, so the keyboard can
// do it), import a private key, remove an imported one. All public data; the keys stay in the
// background.
import { useEffect, useId, useRef, useState } from 'preact/hooks'
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import type { WalletStateHandle } from '../../lib/wallet-state.ts'
import { Alert } from '../../components/Alert.tsx'
import { CopyButton } from '../../components/CopyButton.tsx'
import { Page } from '../Page.tsx'
import { href } from '../nav.ts'
import { UnlockForm } from '../UnlockForm.tsx'

export function Accounts({ wallet }: { wallet: WalletStateHandle }) {
  const state = wallet.state!
  const [error, setError] = useState<string | null>(null)
  const [announce, setAnnounce] = useState('')
  const list = useRef<HTMLOListElement>(null)

  if (!state.unlocked) {
    return (
      <Page title="Accounts">
        <p>Unlock the wallet to manage its accounts.</p>
        <UnlockForm wallet={wallet} />
      </Page>
    )
  }

  /** Runs a change, shows its error if any, and fetches the state again. */
  const run = async (fn: () => Promise<unknown>, said?: string): Promise<boolean> => {
    setError(null)
    try {
      await fn()
      if (said) setAnnounce(said)
      await wallet.refresh()
      return true
    } catch (err) {
      setError(asWalletError(err).message)
      return false
    }
  }

  const move = async (a: AccountInfo, by: -1 | 1) => {
    const order = state.accounts.map((x) => x.address)
    const i = order.indexOf(a.address)
    const j = i + by
    if (j < 0 || j >= order.length) return
    ;[order[i], order[j]] = [order[j], order[i]]
    const ok = await run(() => bg('keyring.reorder', { addresses: order }), `${a.name} moved to position ${j + 1} of ${order.length}.`)
    if (!ok) return
    // Keep the keyboard where it was: on the same button of the moved row, or its other arrow at an end.
    requestAnimationFrame(() => {
      const row = list.current?.querySelector<HTMLElement>(`[data-address="${a.address}"]`)
      const btn = row?.querySelector<HTMLButtonElement>(`[data-move="${by < 0 ? 'up' : 'down'}"]`)
      ;(btn && !btn.disabled ? btn : row?.querySelector<HTMLButtonElement>(`[data-move="${by < 0 ? 'down' : 'up'}"]`))?.focus()
    })
  }

  const visible = state.accounts.filter((a) => !a.hidden).length
  return (
    <Page title="Accounts" wide>
      <p>
        Accounts from your recovery phrase are the standard ones: any wallet restores them from the phrase. Hidden accounts stay in the wallet but are not shown in
        the popup or to sites.
      </p>
      <details class="tech">
        <summary>Technical details</summary>
        <p class="muted small-print">Derivation path m/44'/60'/0'/0/<em>n</em> (BIP44), account n counting from 0.</p>
      </details>
      {error && (
        <Alert testId="accounts-error">
          <p>{error}</p>
        </Alert>
      )}
      <p class="sr-only" aria-live="polite">
        {announce}
      </p>
      <ol class="account-list" ref={list} data-testid="account-list">
        {state.accounts.map((a, i) => (
          <AccountRow
            key={a.address}
            account={a}
            first={i === 0}
            last={i === state.accounts.length - 1}
            lastVisible={!a.hidden && visible === 1}
            selected={a.address === state.selected}
            onMove={(by) => move(a, by)}
            onRename={(name) => run(() => bg('keyring.renameAccount', { address: a.address, name }), `Renamed to ${name}.`)}
            onHidden={(hidden) => run(() => bg('keyring.setHidden', { address: a.address, hidden }), `${a.name} is now ${hidden ? 'hidden' : 'shown'}.`)}
            onRemove={() => run(() => bg('keyring.removeImportedKey', { address: a.address }), `${a.name} removed.`)}
          />
        ))}
      </ol>
      <div class="account-tools">
        <AddAccount onAdd={(name) => run(() => bg('keyring.addAccount', name ? { name } : {}), 'Account added.')} hasPhrase={state.accounts.some((a) => a.kind === 'hd')} />
        <ImportKey onImport={(privateKey, name) => run(() => bg('keyring.importPrivateKey', name ? { privateKey, name } : { privateKey }), 'Private key imported.')} />
      </div>
    </Page>
  )
}

interface RowProps {
  account: AccountInfo
  first: boolean
  last: boolean
  lastVisible: boolean
  selected: boolean
  onMove: (by: -1 | 1) => void
  onRename: (name: string) => Promise<boolean>
  onHidden: (hidden: boolean) => void
  onRemove: () => Promise<boolean>
}

function AccountRow(p: RowProps) {
  const a = p.account
  const id = useId()
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(a.name)
  const [confirmRemove, setConfirmRemove] = useState(false)
  const renameBtn = useRef<HTMLButtonElement>(null)
  const nameInput = useRef<HTMLInputElement>(null)
  const removeBtn = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (editing) nameInput.current?.select()
  }, [editing])
  useEffect(() => {
    if (confirmRemove) removeBtn.current?.focus()
  }, [confirmRemove])

  const stopEditing = () => {
    setEditing(false)
    setTimeout(() => renameBtn.current?.focus(), 0)
  }
  const save = async (e: Event) => {
    e.preventDefault()
    if (await p.onRename(name)) stopEditing()
  }

  return (
    <li class={a.hidden ? 'account-row hidden' : 'account-row'} data-address={a.address} data-testid="account-row">
      <div class="account-main">
        {editing ? (
          <form class="inline-row" onSubmit={save}>
            <label class="sr-only" for={id}>
              New name for {a.name}
            </label>
            <input id={id} value={name} maxLength={40} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} ref={nameInput} onKeyDown={(e) => e.key === 'Escape' && stopEditing()} />
            <button type="submit" class="primary small">
              Save
            </button>
            <button type="button" class="small" onClick={stopEditing}>
              Cancel
            </button>
          </form>
        ) : (
          <div class="account-name">
            <strong data-testid="account-name">{a.name}</strong>
            {a.kind === 'imported' ? <span class="badge">Imported</span> : <span class="badge subtle">#{(a.index ?? 0) + 1}</span>}
            {a.hidden && <span class="badge warn">Hidden</span>}
            {p.selected && <span class="badge accent">In use</span>}
          </div>
        )}
      </div>
      <div class="account-address">
        <span class="mono address" data-testid="account-address">
          {a.address}
        </span>
        <CopyButton text={a.address} label="Copy" what={`address of ${a.name}`} class="small ghost" />
      </div>
      <div class="account-actions">
        <button type="button" class="small icon" data-move="up" disabled={p.first} aria-label={`Move ${a.name} up`} onClick={() => p.onMove(-1)}>
          ↑
        </button>
        <button type="button" class="small icon" data-move="down" disabled={p.last} aria-label={`Move ${a.name} down`} onClick={() => p.onMove(1)}>
          ↓
        </button>
        <button type="button" class="small" ref={renameBtn} aria-label={`Rename ${a.name}`} onClick={() => (setName(a.name), setEditing(true))}>
          Rename
        </button>
        <button
          type="button"
          class="small"
          aria-label={`${a.hidden ? 'Show' : 'Hide'} ${a.name}`}
          disabled={p.lastVisible}
          title={p.lastVisible ? 'At least one account stays visible' : undefined}
          onClick={() => p.onHidden(!a.hidden)}
        >
          {a.hidden ? 'Show' : 'Hide'}
        </button>
        <a class="button small" href={href(`settings/export?address=${a.address}`)} aria-label={`Export the private key of ${a.name}`}>
          Export key
        </a>
        {a.kind === 'imported' && !confirmRemove && (
          <button type="button" class="small danger-outline" aria-label={`Remove ${a.name}`} onClick={() => setConfirmRemove(true)}>
            Remove
          </button>
        )}
      </div>
      {confirmRemove && (
        <div class="confirm-remove" role="group" aria-label={`Remove ${a.name}?`}>
          <p>Remove {a.name} from this wallet? To get it back you will need its private key; it is not part of your recovery phrase.</p>
          <div class="actions">
            <button type="button" class="danger small" ref={removeBtn} onClick={async () => (await p.onRemove()) || setConfirmRemove(false)}>
              Remove {a.name}
            </button>
            <button type="button" class="small" onClick={() => setConfirmRemove(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  )
}

function AddAccount({ onAdd, hasPhrase }: { onAdd: (name: string) => Promise<boolean>; hasPhrase: boolean }) {
  const id = useId()
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  if (!hasPhrase) {
    return (
      <section class="card">
        <h2>Add an account</h2>
        <p class="muted">This wallet was imported from a private key, so it has no recovery phrase to derive new accounts from. You can import more private keys.</p>
      </section>
    )
  }
  return (
    <section class="card">
      <h2>Add an account</h2>
      <form
        onSubmit={async (e) => {
          e.preventDefault()
          setBusy(true)
          if (await onAdd(name.trim())) setName('')
          setBusy(false)
        }}
      >
        <label for={id}>Name (optional)</label>
        <div class="inline-row">
          <input id={id} value={name} maxLength={40} placeholder="Next account" onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit" class="primary" disabled={busy}>
            Add account
          </button>
        </div>
      </form>
    </section>
  )
}

function ImportKey({ onImport }: { onImport: (key: string, name: string) => Promise<boolean> }) {
  const id = useId()
  const [key, setKey] = useState('')
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  return (
    <section class="card">
      <h2>Import a private key</h2>
      <p class="muted small-print">An imported account is not part of your recovery phrase: keep a copy of its key.</p>
      <form
        onSubmit={async (e) => {
          e.preventDefault()
          setBusy(true)
          if (await onImport(key.trim(), name.trim())) {
            setKey('')
            setName('')
          }
          setBusy(false)
        }}
      >
        <label for={`${id}-key`}>Private key</label>
        <input id={`${id}-key`} type="password" class="mono" value={key} autoComplete="off" spellcheck={false} onInput={(e) => setKey((e.currentTarget as HTMLInputElement).value)} />
        <label for={`${id}-name`}>Name (optional)</label>
        <div class="inline-row">
          <input id={`${id}-name`} value={name} maxLength={40} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit" class="primary" disabled={busy || !key.trim()}>
            Import key
          </button>
        </div>
      </form>
    </section>
  )
}
