// Per-origin permissions (EIP-2255). Today the only capability is eth_accounts, restricted to the
// accounts the user picked for that origin. Stored in storage.local, keyed by origin.
import { getAddress, type Address } from 'viem'
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'
import { sameAddress } from '../util/address.ts'
import { rpcError } from './rpc-errors.ts'

export const PERMISSIONS_KEY = 'permissions'

export interface OriginGrant {
  accounts: Address[]
  /** ms since epoch */
  date: number
}

/** EIP-2255 permission object as dApps receive it. */
export interface Eip2255Permission {
  invoker: string
  parentCapability: 'eth_accounts'
  caveats: { type: 'restrictReturnedAccounts'; value: Address[] }[]
  date: number
}

export class PermissionStore {
  private readonly mutex = new Mutex()
  constructor(private readonly kv: KV) {}

  async all(): Promise<Record<string, OriginGrant>> {
    const raw = await this.kv.get<unknown>(PERMISSIONS_KEY)
    const out: Record<string, OriginGrant> = {}
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out
    for (const [origin, g] of Object.entries(raw as Record<string, unknown>)) {
      const grant = g as Partial<OriginGrant>
      if (!Array.isArray(grant?.accounts)) continue
      const accounts = grant.accounts.filter((a): a is Address => typeof a === 'string' && /^0x[0-9a-fA-F]{40}$/.test(a)).map((a) => getAddress(a))
      if (accounts.length) out[origin] = { accounts, date: typeof grant.date === 'number' ? grant.date : 0 }
    }
    return out
  }

  async get(origin: string): Promise<OriginGrant | undefined> {
    const all = await this.all()
    return Object.prototype.hasOwnProperty.call(all, origin) ? all[origin] : undefined
  }

  grant(origin: string, accounts: Address[], date: number): Promise<OriginGrant> {
    return this.mutex.run(async () => {
      const all = await this.all()
      const grant = { accounts: [...new Set(accounts.map((a) => getAddress(a)))], date }
      await this.kv.set({ [PERMISSIONS_KEY]: { ...all, [origin]: grant } })
      return grant
    })
  }

  revoke(origin: string): Promise<boolean> {
    return this.mutex.run(async () => {
      const all = await this.all()
      if (!Object.prototype.hasOwnProperty.call(all, origin)) return false
      delete all[origin]
      await this.kv.set({ [PERMISSIONS_KEY]: all })
      return true
    })
  }

  /** The one permission check: `address` is an account `origin` was granted; else 4100 with a sentence. */
  async require(origin: string, address: Address): Promise<void> {
    const grant = await this.get(origin)
    if (!grant || !grant.accounts.some((a) => sameAddress(a, address))) {
      throw rpcError.unauthorized(`The account ${address} is not connected to ${origin}. Call eth_requestAccounts first.`)
    }
  }

  /** Drops an account from every grant (it was removed or hidden). */
  forgetAccount(address: string): Promise<void> {
    return this.mutex.run(async () => {
      const all = await this.all()
      for (const [origin, g] of Object.entries(all)) {
        g.accounts = g.accounts.filter((a) => !sameAddress(a, address))
        if (!g.accounts.length) delete all[origin]
      }
      await this.kv.set({ [PERMISSIONS_KEY]: all })
    })
  }
}

export function toEip2255(origin: string, grant: OriginGrant): Eip2255Permission {
  return {
    invoker: origin,
    parentCapability: 'eth_accounts',
    caveats: [{ type: 'restrictReturnedAccounts', value: grant.accounts }],
    date: grant.date,
  }
}
