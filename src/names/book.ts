// The address book: names the user gave to addresses (add, rename, remove), in storage.local. Shown
// wherever the wallet shows an address (send, approvals, activity) and offered in Send.
import { getAddress, isAddress, type Address } from 'viem'
import { WalletError } from '../errors.ts'
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'
import { sameAddress } from '../util/address.ts'

export const ADDRESS_BOOK_KEY = 'names.book'
export const MAX_CONTACTS = 500
export const MAX_NAME = 40

export interface Contact {
  address: Address
  name: string
  addedAt: number
}

export function checkContactName(name: string): string {
  const n = name.replace(/\s+/g, ' ').trim()
  if (!n) throw new WalletError('BAD_NAME', 'Give the address a name.')
  if (n.length > MAX_NAME) throw new WalletError('BAD_NAME', `A name has at most ${MAX_NAME} characters.`)
  // control, invisible and direction-changing characters would make two names look alike
  if (/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/.test(n)) throw new WalletError('BAD_NAME', 'A name cannot contain invisible or direction-changing characters.')
  return n
}

export class AddressBook {
  private readonly mutex = new Mutex()
  constructor(private readonly kv: KV) {}

  async list(): Promise<Contact[]> {
    const raw = await this.kv.get<unknown>(ADDRESS_BOOK_KEY)
    const all = Array.isArray(raw) ? (raw as Contact[]).filter((c) => c && typeof c.name === 'string' && typeof c.address === 'string' && isAddress(c.address, { strict: false })) : []
    return all.sort((a, b) => a.name.localeCompare(b.name))
  }

  async get(address: string): Promise<Contact | undefined> {
    return (await this.list()).find((c) => sameAddress(c.address, address))
  }

  /** Adds a contact, or renames the one with this address. */
  put(address: string, name: string, now: number): Promise<Contact[]> {
    return this.mutex.run(async () => {
      if (!isAddress(address, { strict: false })) throw new WalletError('BAD_ADDRESS', 'That is not an address (0x followed by 40 hex digits).')
      const clean = checkContactName(name)
      const all = await this.list()
      const existing = all.find((c) => sameAddress(c.address, address))
      const clash = all.find((c) => c.name.toLowerCase() === clean.toLowerCase() && !sameAddress(c.address, address))
      if (clash) throw new WalletError('NAME_TAKEN', `“${clash.name}” is already the name of ${clash.address}.`)
      if (!existing && all.length >= MAX_CONTACTS) throw new WalletError('BOOK_FULL', `The address book holds at most ${MAX_CONTACTS} addresses.`)
      const next = existing ? all.map((c) => (c === existing ? { ...c, name: clean } : c)) : [...all, { address: getAddress(address), name: clean, addedAt: now }]
      await this.kv.set({ [ADDRESS_BOOK_KEY]: next })
      return this.list()
    })
  }

  remove(address: string): Promise<Contact[]> {
    return this.mutex.run(async () => {
      const all = await this.list()
      await this.kv.set({ [ADDRESS_BOOK_KEY]: all.filter((c) => !sameAddress(c.address, address)) })
      return this.list()
    })
  }
}
