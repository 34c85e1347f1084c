// ENS on an L1 that has a universal resolver (network.contracts.ensUniversalResolver: mainnet's, the
// devnet's own): a name typed in Send resolved to its address, and an address's primary name
// (reverse record, checked forward by the resolver). Names are normalized here for the common case
// (letters, digits, hyphens, underscores; lowercased); other characters are refused with a sentence
// rather than guessed at, since full UTS-46 normalization would double the background's size.
import type { Address } from 'viem'
import type { RpcClient } from '../chains/rpc-client.ts'

export type NameCheck = { ok: true; name: string } | { ok: false; error: string }

/** Does the text look like a name rather than an address? ("alice.eth", "pay.alice.eth") */
export function looksLikeName(text: string): boolean {
  const t = text.trim()
  return t.includes('.') && !/^0x[0-9a-fA-F]*$/.test(t)
}

export function normalizeName(text: string): NameCheck {
  const t = text.trim().toLowerCase()
  if (!t.includes('.')) return { ok: false, error: 'A name has a dot in it, like alice.eth.' }
  const labels = t.split('.')
  if (labels.some((l) => !l)) return { ok: false, error: 'A name cannot have an empty part (two dots in a row, or a dot at either end).' }
  if (t.length > 253) return { ok: false, error: 'That name is too long.' }
  if (!labels.every((l) => /^[a-z0-9_-]+$/.test(l))) return { ok: false, error: 'Only names with letters a–z, digits, hyphens and underscores can be looked up here.' }
  if (labels.some((l) => l.startsWith('-') || l.endsWith('-') || /^..--/.test(l))) return { ok: false, error: 'That is not a valid name: a part starts or ends with a hyphen.' }
  return { ok: true, name: t }
}

export async function resolveName(client: RpcClient, name: string): Promise<Address | null> {
  return client.getEnsAddress({ name })
}

export async function primaryName(client: RpcClient, address: Address): Promise<string | null> {
  return client.getEnsName({ address })
}
