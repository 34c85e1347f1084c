// The wallet's own transactions, newest first, with their status as last seen on chain. A pending
// transaction keeps what it was signed with (nonce, gas, fees, data) so it can be sped up, cancelled
// or sent again; transactions sharing an account, a chain and a nonce are one "family": at most one
// of them is ever mined, the others end 'replaced'.
import type { Address, Hex } from 'viem'
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'
import { sameAddress } from '../util/address.ts'

export const ACTIVITY_KEY = 'activity'
export const MAX_ACTIVITY = 500

export type ActivityStatus = 'pending' | 'confirmed' | 'failed' | 'dropped' | 'replaced'

/** What a transaction was signed with besides from / to / value (numbers as 0x-hex), kept while it may still be replaced. */
export interface SignedFields {
  type: 'eip1559' | 'legacy'
  gas: Hex
  data: Hex
  maxFeePerGas?: Hex
  maxPriorityFeePerGas?: Hex
  gasPrice?: Hex
}

/** Why a transaction took the nonce of another: the user sped it up, cancelled it, sent a dropped one again, or a transaction was sent with a nonce set by a site or the user. */
export type ReplacementKind = 'speedUp' | 'cancel' | 'resend' | 'custom'

export interface ActivityRecord {
  hash: Hex
  chainId: number
  from: Address
  to: Address | null
  /** who receives what it sends when that is not `to` (an ERC-20 transfer's recipient), or the native recipient */
  recipient?: Address
  /** wei, decimal string */
  value: string
  /** a short human description: "Send 0.1 ETH", "Approve PHA", "Deposit to Phala L2", or the method */
  title: string
  /** dApp origin, or "wallet" for the wallet's own screens */
  origin: string
  createdAt: number
  status: ActivityStatus
  /** fee actually paid, wei decimal string, once confirmed */
  feePaid?: string
  blockNumber?: number
  /** the nonce it was signed with (records from before the wallet kept it have none) */
  nonce?: number
  /** what it was signed with, while it is pending or dropped (dropped once it settles, to keep storage small) */
  signed?: SignedFields
  /** this transaction took the nonce of `of` */
  replacement?: { of: Hex; kind: ReplacementKind }
  /** replaced: the transaction of the same nonce that was mined (absent when it was not sent from this wallet); dropped: the one it was sent again as */
  replacedBy?: Hex
  /** ms since epoch when the node was first seen not knowing it (cleared when it knows it again) */
  missingSince?: number
}

export class ActivityStore {
  private readonly mutex = new Mutex()
  private readonly listeners = new Set<(r: ActivityRecord) => void>()
  constructor(private readonly kv: KV) {}

  /** Called with each record added or updated (the watcher arms its alarm on new pending ones). */
  subscribe(listener: (r: ActivityRecord) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(r: ActivityRecord): void {
    for (const l of [...this.listeners]) {
      try {
        l(r)
      } catch (err) {
        console.error('activity listener failed', err)
      }
    }
  }

  async list(filter: { from?: string; chainId?: number } = {}): Promise<ActivityRecord[]> {
    const raw = await this.kv.get<unknown>(ACTIVITY_KEY)
    const all = Array.isArray(raw) ? (raw as ActivityRecord[]).filter((r) => r && typeof r.hash === 'string') : []
    return all.filter((r) => (!filter.from || sameAddress(r.from, filter.from)) && (!filter.chainId || r.chainId === filter.chainId))
  }

  async get(chainId: number, hash: Hex): Promise<ActivityRecord | null> {
    return (await this.list({ chainId })).find((r) => r.hash === hash) ?? null
  }

  /**
   * The records sharing `hash`'s account, chain and nonce (itself included), oldest first: the
   * transaction and every replacement of it. Just itself when its nonce is not known.
   */
  async family(chainId: number, hash: Hex): Promise<ActivityRecord[]> {
    const all = await this.list({ chainId })
    const me = all.find((r) => r.hash === hash)
    if (!me) return []
    if (me.nonce === undefined) return [me]
    return all.filter((r) => sameFamily(r, me)).sort((a, b) => a.createdAt - b.createdAt)
  }

  add(record: ActivityRecord): Promise<void> {
    return this.mutex.run(async () => {
      const all = (await this.list()).filter((r) => !(r.hash === record.hash && r.chainId === record.chainId))
      await this.kv.set({ [ACTIVITY_KEY]: [record, ...all].slice(0, MAX_ACTIVITY) })
      this.emit(record)
    })
  }

  update(chainId: number, hash: Hex, patch: Partial<ActivityRecord>): Promise<ActivityRecord | null> {
    return this.mutex.run(async () => {
      const all = await this.list()
      const i = all.findIndex((r) => r.hash === hash && r.chainId === chainId)
      if (i < 0) return null
      const next: ActivityRecord = { ...all[i], ...patch }
      for (const k of Object.keys(patch) as (keyof ActivityRecord)[]) if (patch[k] === undefined) delete next[k]
      // a settled transaction cannot be sent again: what it was signed with is no longer needed
      if (next.status === 'confirmed' || next.status === 'failed' || next.status === 'replaced') delete next.signed
      if (next.status !== 'pending') delete next.missingSince
      all[i] = next
      await this.kv.set({ [ACTIVITY_KEY]: all })
      this.emit(next)
      return next
    })
  }
}

/** Same account, chain and nonce. */
export function sameFamily(a: Pick<ActivityRecord, 'chainId' | 'from' | 'nonce'>, b: Pick<ActivityRecord, 'chainId' | 'from' | 'nonce'>): boolean {
  return a.nonce !== undefined && a.nonce === b.nonce && a.chainId === b.chainId && sameAddress(a.from, b.from)
}
