// The wallet's own pending nonces, per account and chain. The node's pending count is the base; the
// wallet's own pending transactions it does not count yet (a load-balanced RPC whose next backend
// has not seen the one just sent) raise it, for a while, so two quick sends never take one nonce.
// Choosing a nonce, signing and recording the transaction happen under one lock per account and
// chain: the second of two sends confirmed together waits for the first to be recorded.
import type { Address } from 'viem'
import type { ActivityStore } from '../activity/store.ts'
import { sameAddress } from '../util/address.ts'
import { Mutex } from '../util/mutex.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

/** A transaction of the wallet the node does not count is trusted to exist for this long after it was sent. */
export const NONCE_LAG_MS = 120_000

export class NonceTracker {
  private readonly locks = new Map<string, Mutex>()

  constructor(
    private readonly activity: ActivityStore,
    private readonly now: () => number,
  ) {}

  /** Runs `fn` alone for this account on this chain (choose a nonce, sign, broadcast, record). */
  exclusive<T>(chainId: number, from: Address, fn: () => Promise<T>): Promise<T> {
    const key = `${chainId}:${from.toLowerCase()}`
    let m = this.locks.get(key)
    if (!m) this.locks.set(key, (m = new Mutex()))
    return m.run(fn)
  }

  /**
   * The account's next nonce on the chain: the node's pending count, past the wallet's own pending
   * transactions right above it that the node does not count yet (sent within NONCE_LAG_MS).
   */
  async next(client: Pick<RpcClient, 'getTransactionCount'>, chainId: number, from: Address): Promise<number> {
    const [counted, own] = await Promise.all([client.getTransactionCount({ address: from, blockTag: 'pending' }), this.activity.list({ chainId })])
    const recent = new Set(own.filter((r) => r.status === 'pending' && r.nonce !== undefined && sameAddress(r.from, from) && this.now() - r.createdAt < NONCE_LAG_MS).map((r) => r.nonce!))
    let next = counted
    while (recent.has(next)) next++
    return next
  }
}
