// The wallet's own transactions, newest first, with their status as last seen on chain.
import type { Address, Hex } from 'viem'
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'
import { sameAddress } from '../util/address.ts'

export const ACTIVITY_KEY = 'activity'
export const MAX_ACTIVITY = 500

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
  status: 'pending' | 'confirmed' | 'failed' | 'dropped'
  /** fee actually paid, wei decimal string, once confirmed */
  feePaid?: string
  blockNumber?: number
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
      all[i] = { ...all[i], ...patch }
      await this.kv.set({ [ACTIVITY_KEY]: all })
      this.emit(all[i])
      return all[i]
    })
  }
}
