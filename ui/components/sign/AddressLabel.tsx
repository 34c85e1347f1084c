// An address as people check it: its name when the wallet has one (an account of theirs, the address
// book, ENS), then the address in groups of four that wrap between groups, never inside one.
import type { KnownName } from '../../../src/names/service.ts'

const SOURCE: Record<KnownName['source'], string> = { account: 'your account', book: 'address book', ens: 'ENS' }

export function AddressGroups({ address, short }: { address: string; short?: boolean }) {
  if (short) return <span class="addr-hex mono">{`${address.slice(0, 6)}…${address.slice(-4)}`}</span>
  const groups = ['0x', ...(address.slice(2).match(/.{1,4}/g) ?? [])]
  return (
    <span class="addr-hex addr-grouped mono" aria-label={address}>
      {groups.map((g, i) => (
        <span key={i} class="addr-group">
          {g}
        </span>
      ))}
    </span>
  )
}

export function AddressLabel({ address, name, short, testId }: { address: string; name: KnownName | null; short?: boolean; testId?: string }) {
  return (
    <span class="addr-label" title={address} data-testid={testId}>
      {name && (
        <span class="addr-name" data-testid={testId ? `${testId}-name` : undefined}>
          {name.name} <small class="muted">· {SOURCE[name.source]}</small>
        </span>
      )}
      <AddressGroups address={address} short={!!short} />
    </span>
  )
}

/** One line, inside a sentence: the name when there is one, and the short address. */
export function AddressInline({ address, name }: { address: string; name: KnownName | null }) {
  return (
    <span class="addr-inline" title={address}>
      {name && <strong>{name.name} </strong>}
      <span class="mono muted">{`${address.slice(0, 6)}…${address.slice(-4)}`}</span>
    </span>
  )
}
