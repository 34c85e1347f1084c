// The recipient a person types in Send: an address (checked, EIP-55), or an ENS name resolved on the
// L1 (the address it resolves to is what is sent to, and is shown before sending); and the address
// book and recent recipients to pick from.
import { useEffect, useState } from 'preact/hooks'
import type { Address } from 'viem'
import type { Contact } from '../../../src/names/book.ts'
import { looksLikeName } from '../../../src/names/ens.ts'
import type { Recent, Resolved } from '../../../src/names/service.ts'
import { checkRecipient, type Check } from '../../../src/send/checks.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { AddressGroups } from './AddressLabel.tsx'

export type RecipientCheck = Check<Address> & { resolved?: Resolved; resolving?: boolean }

/** null while empty; a name is resolved after a pause in typing */
export function useRecipient(text: string, chainId: number): RecipientCheck | null {
  const t = text.trim()
  const isName = !!t && looksLikeName(t)
  const [named, setNamed] = useState<{ key: string; out: RecipientCheck } | null>(null)
  const key = `${chainId}|${t.toLowerCase()}`
  useEffect(() => {
    if (!isName) return
    let alive = true
    const timer = setTimeout(() => {
      bg('names.resolve', { name: t, chainId }).then(
        (r) => alive && setNamed({ key, out: { ok: true, value: r.address, resolved: r } }),
        (e) => alive && setNamed({ key, out: { ok: false, error: asWalletError(e).message } }),
      )
    }, 300)
    return () => {
      alive = false
      clearTimeout(timer)
    }
  }, [key, isName])
  if (!t) return null
  if (!isName) return checkRecipient(t)
  if (named?.key === key) return named.out
  return { ok: false, error: `Looking up ${t}…`, resolving: true }
}

/** Under the recipient field: what a name resolved to, and the address book and recent recipients to pick from. */
export function RecipientExtras({ recipient, from, onPick }: { recipient: RecipientCheck | null; from: string; onPick: (address: string) => void }) {
  const [contacts, setContacts] = useState<Contact[]>([])
  const [recents, setRecents] = useState<Recent[]>([])
  useEffect(() => {
    bg('names.contacts', {}).then(setContacts, () => undefined)
    bg('names.recents', { from }).then(setRecents, () => undefined)
  }, [from])
  if (recipient?.ok && recipient.resolved) {
    return (
      <p class="recipient-resolved" data-testid="recipient-resolved">
        <span class="muted">
          {recipient.resolved.name} on {recipient.resolved.chainName}’s ENS is
        </span>
        <AddressGroups address={recipient.value} />
      </p>
    )
  }
  if (recipient?.ok) {
    const c = contacts.find((x) => x.address.toLowerCase() === recipient.value.toLowerCase())
    return c ? (
      <p class="recipient-resolved muted" data-testid="recipient-contact">
        {c.name} <span class="small">· address book</span>
      </p>
    ) : null
  }
  if (recipient || (!contacts.length && !recents.length)) return null
  const recentOnly = recents.filter((r) => !contacts.some((c) => c.address.toLowerCase() === r.address.toLowerCase()))
  return (
    <div class="recipient-pick" data-testid="recipient-pick">
      {contacts.slice(0, 6).map((c) => (
        <button type="button" class="chip" key={c.address} title={c.address} onClick={() => onPick(c.address)} data-testid="pick-contact">
          {c.name}
        </button>
      ))}
      {recentOnly.slice(0, 4).map((r) => (
        <button type="button" class="chip" key={r.address} title={`Sent to lately: ${r.address}`} onClick={() => onPick(r.address)} data-testid="pick-recent">
          {`${r.address.slice(0, 6)}…${r.address.slice(-4)}`}
        </button>
      ))}
    </div>
  )
}
