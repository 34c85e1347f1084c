// Names instead of hex: the user's own accounts, the address book, and ENS primary names on the L1
// (through its universal resolver), for every screen that shows an address; ENS names typed in
// Send resolved to addresses; recent recipients from the wallet's own activity.
import { getAddress, type Address } from 'viem'
import { WalletError } from '../errors.ts'
import type { ActivityStore } from '../activity/store.ts'
import type { Network } from '../chains/types.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { sameAddress } from '../util/address.ts'
import { AddressBook, type Contact } from './book.ts'
import { normalizeName, primaryName, resolveName } from './ens.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export type NameSource = 'account' | 'book' | 'ens'

export interface KnownName {
  name: string
  source: NameSource
}

export interface Resolved {
  name: string
  address: Address
  /** the L1 whose ENS answered */
  chainId: number
  chainName: string
}

export interface Recent {
  address: Address
  /** the last time this account sent to it, ms */
  at: number
  chainId: number
}

/** a primary name read is kept this long (names change rarely; the window asks every block) */
export const ENS_CACHE_MS = 10 * 60_000
const ENS_TIMEOUT_MS = 6_000

export interface NameDeps {
  wallet: Wallet
  activity: ActivityStore
  client(network: Network): RpcClient
  now(): number
}

export class NameService {
  readonly book: AddressBook
  private readonly reverse = new Map<string, { name: string | null; at: number }>()

  constructor(private readonly d: NameDeps) {
    this.book = new AddressBook(d.wallet.local)
  }

  /** The network whose ENS serves `chainId`: the chain itself, or its L1, or any network with a resolver. */
  async ensNetwork(chainId?: number): Promise<Network | null> {
    const all = await this.d.wallet.networks.list()
    const has = (n: Network | undefined) => !!n?.contracts?.ensUniversalResolver
    const chain = chainId === undefined ? undefined : all.find((n) => n.chainId === chainId)
    if (has(chain)) return chain!
    const l1 = chain?.rollup ? all.find((n) => n.chainId === chain.rollup!.l1ChainId) : undefined
    if (has(l1)) return l1!
    // a chain of another family (or none given): the active family's L1 first, then any
    const active = await this.d.wallet.activeNetwork().catch(() => undefined)
    const activeL1 = active?.rollup ? all.find((n) => n.chainId === active.rollup!.l1ChainId) : active
    if (has(activeL1)) return activeL1!
    return all.find(has) ?? null
  }

  async resolve(text: string, chainId?: number): Promise<Resolved> {
    const n = normalizeName(text)
    if (!n.ok) throw new WalletError('BAD_NAME', n.error)
    const net = await this.ensNetwork(chainId)
    if (!net) throw new WalletError('NO_ENS', 'No network the wallet knows has ENS: names cannot be looked up.')
    let address: Address | null
    try {
      address = await withTimeout(resolveName(this.d.client(net), n.name), ENS_TIMEOUT_MS)
    } catch {
      throw new WalletError('ENS_DOWN', `${net.name} did not answer the name lookup; try again, or paste the address.`)
    }
    if (!address) throw new WalletError('NO_SUCH_NAME', `${n.name} has no address on ${net.name}'s ENS.`)
    return { name: n.name, address: getAddress(address), chainId: net.chainId, chainName: net.name }
  }

  /** Names for addresses: the user's own accounts, the address book, then ENS primary names. */
  async lookup(addresses: string[], chainId?: number): Promise<Record<string, KnownName>> {
    const unique = [...new Set(addresses.map((a) => getAddress(a)))].slice(0, 50)
    const [state, book] = await Promise.all([this.d.wallet.state(), this.book.list()])
    const out: Record<string, KnownName> = {}
    const ask: Address[] = []
    for (const a of unique) {
      const own = state.accounts.find((x) => sameAddress(x.address, a))
      const contact = book.find((c) => sameAddress(c.address, a))
      if (contact) out[a] = { name: contact.name, source: 'book' }
      else if (own) out[a] = { name: own.name, source: 'account' }
      else ask.push(a)
    }
    if (!ask.length) return out
    const net = await this.ensNetwork(chainId)
    if (!net) return out
    const client = this.d.client(net)
    const now = this.d.now()
    await Promise.all(
      ask.map(async (a) => {
        const key = `${net.chainId}:${a}`
        let hit = this.reverse.get(key)
        if (!hit || now - hit.at > ENS_CACHE_MS) {
          // no answer is no name this time, not an error on screen
          const name = await withTimeout(primaryName(client, a), ENS_TIMEOUT_MS).catch(() => undefined)
          if (name === undefined) return
          hit = { name, at: now }
          this.reverse.set(key, hit)
        }
        if (hit.name) out[a] = { name: hit.name, source: 'ens' }
      }),
    )
    return out
  }

  /** Where this account sent lately (its own sends from the wallet), newest first. */
  async recents(from: string, limit = 5): Promise<Recent[]> {
    const seen = new Set<string>()
    const out: Recent[] = []
    for (const r of await this.d.activity.list({ from })) {
      const to = r.recipient ?? (r.origin === 'wallet' && r.value !== '0' ? r.to : null)
      if (!to || sameAddress(to, from) || seen.has(to.toLowerCase())) continue
      seen.add(to.toLowerCase())
      out.push({ address: getAddress(to), at: r.createdAt, chainId: r.chainId })
      if (out.length >= limit) break
    }
    return out
  }

  contacts(): Promise<Contact[]> {
    return this.book.list()
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms)
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    )
  })
}
