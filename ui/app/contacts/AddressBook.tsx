// The address book: names for addresses, shown wherever the wallet shows an address (approvals,
// Send, Activity) and offered in Send. Add (an address, or an ENS name to look up), rename, remove.
import { useEffect, useState } from 'preact/hooks'
import type { Contact } from '../../../src/names/book.ts'
import { looksLikeName } from '../../../src/names/ens.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { Alert } from '../../components/Alert.tsx'
import { AddressGroups } from '../../components/sign/AddressLabel.tsx'
import { forgetNames } from '../../components/sign/names.ts'
import { href } from '../nav.ts'

export function AddressBook() {
  const [list, setList] = useState<Contact[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [address, setAddress] = useState('')
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    bg('names.contacts', {}).then(setList, (e) => setError(asWalletError(e).message))
  }, [])
  const done = (next: Contact[]) => {
    forgetNames()
    setList(next)
  }
  const add = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      // a name is looked up first; what is stored is the address it resolves to now
      const target = looksLikeName(address) ? (await bg('names.resolve', { name: address })).address : address.trim()
      done(await bg('names.putContact', { address: target, name }))
      setAddress('')
      setName('')
    } catch (err) {
      setError(asWalletError(err).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section class="page-body contacts" data-testid="address-book">
      <p class="muted">
        <a href={href('settings/accounts')}>Settings</a> › Address book
      </p>
      <h1>Address book</h1>
      <p class="muted">Names you give addresses appear in approvals, in Send and in Activity, on every chain. They stay on this computer.</p>
      <form class="card contact-add" onSubmit={add}>
        <div class="contact-fields">
          <div>
            <label for="contact-address">Address or ENS name</label>
            <input id="contact-address" class="mono" data-testid="contact-address" value={address} spellcheck={false} autocomplete="off" placeholder="0x… or name.eth" onInput={(e) => setAddress((e.target as HTMLInputElement).value)} />
          </div>
          <div>
            <label for="contact-name">Name</label>
            <input id="contact-name" data-testid="contact-name" value={name} maxLength={40} autocomplete="off" onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          </div>
        </div>
        <button type="submit" class="primary" disabled={busy || !address.trim() || !name.trim()} data-testid="contact-add">
          {busy ? 'Adding…' : 'Add'}
        </button>
      </form>
      {error && <Alert testId="contact-error">{error}</Alert>}
      {list === null ? (
        <p class="muted">Loading…</p>
      ) : list.length === 0 ? (
        <p class="muted" data-testid="contacts-empty">
          No names yet.
        </p>
      ) : (
        <ul class="contact-list" data-testid="contacts">
          {list.map((c) => (
            <ContactRow key={c.address} contact={c} onChange={done} onError={setError} />
          ))}
        </ul>
      )}
    </section>
  )
}

function ContactRow({ contact: c, onChange, onError }: { contact: Contact; onChange: (l: Contact[]) => void; onError: (e: string | null) => void }) {
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(c.name)
  const save = async (e: Event) => {
    e.preventDefault()
    try {
      onChange(await bg('names.putContact', { address: c.address, name }))
      setEditing(false)
      onError(null)
    } catch (err) {
      onError(asWalletError(err).message)
    }
  }
  return (
    <li class="card contact" data-testid="contact" data-address={c.address}>
      {editing ? (
        <form class="contact-rename" onSubmit={save}>
          <label for={`rename-${c.address}`} class="sr-only">
            New name
          </label>
          <input id={`rename-${c.address}`} value={name} maxLength={40} onInput={(e) => setName((e.target as HTMLInputElement).value)} data-testid="contact-rename-input" />
          <button type="submit" class="small primary" data-testid="contact-rename-save">
            Save
          </button>
          <button type="button" class="small" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div class="contact-main">
          <strong data-testid="contact-name-text">{c.name}</strong>
          <AddressGroups address={c.address} />
        </div>
      )}
      {!editing && (
        <div class="actions">
          <button type="button" class="small" onClick={() => setEditing(true)} aria-label={`Rename ${c.name}`}>
            Rename
          </button>
          <button type="button" class="small" onClick={async () => onChange(await bg('names.removeContact', { address: c.address }))} aria-label={`Remove ${c.name}`} data-testid="contact-remove">
            Remove
          </button>
        </div>
      )}
    </li>
  )
}
