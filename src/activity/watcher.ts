// Follows the wallet's own pending transactions until they settle: an alarm rings every
// WATCH_INTERVAL_MS while something is pending (and never otherwise); each ring reads, per chain
// in one JSON-RPC batch, the receipt (and the transaction itself, to tell "still in the pool"
// from "gone") of every pending hash, and the account's mined nonce count where a transaction
// without a receipt could have lost its nonce to another one. It records status, fee paid and
// block, notifies, and hands the settled ones on (the balance engine refreshes that chain for the
// accounts involved).
//
// Transactions sharing a nonce (a speed-up, a cancel, a site's own replacement) are one family:
// the one mined settles, every other one is marked 'replaced' by it. A transaction whose nonce was
// mined by a transaction this wallet did not record is 'replaced' too (by an unknown one). One the
// node has not known for DROP_AFTER_MS, with its nonce still unused, is 'dropped' (it can be sent again).
import type { Hex } from 'viem'
import { publicClientFor } from '../chains/rpc-client.ts'
import type { Network } from '../chains/types.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { receiptOrNull } from '../chains/receipt.ts'
import { sameFamily, type ActivityRecord, type ActivityStore } from './store.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export const ACTIVITY_ALARM = 'activity-watch'
export const WATCH_INTERVAL_MS = 15_000
/** A transaction no node has known for this long (its nonce still unused) is marked dropped. */
export const DROP_AFTER_MS = 5 * 60_000
const RECEIPT_TIMEOUT_MS = 8000

export interface WatcherDeps {
  wallet: Wallet
  activity: ActivityStore
  /** transactions that settled in a tick (confirmed, failed or dropped) */
  onSettled?: (settled: ActivityRecord[]) => Promise<void> | void
  intervalMs?: number
  /** tests: how long a transaction may be unknown to the node before it is marked dropped */
  dropAfterMs?: number
  /** tests: the client a chain is read with */
  client?: (n: Network) => RpcClient
}

export class ActivityWatcher {
  private ticking: Promise<ActivityRecord[]> | null = null

  constructor(private readonly deps: WatcherDeps) {
    deps.wallet.alarms.on(ACTIVITY_ALARM, async () => {
      await this.tick()
    })
    deps.activity.subscribe((r) => {
      if (r.status === 'pending') this.arm()
    })
  }

  private get interval(): number {
    return this.deps.intervalMs ?? WATCH_INTERVAL_MS
  }

  arm(): void {
    this.deps.wallet.platform.setAlarm(ACTIVITY_ALARM, this.deps.wallet.platform.now() + this.interval)
  }

  /** At background start: watch again what was pending before the worker stopped. */
  async start(): Promise<void> {
    if ((await this.pending()).length) this.arm()
    else this.deps.wallet.platform.clearAlarm(ACTIVITY_ALARM)
  }

  private async pending(): Promise<ActivityRecord[]> {
    return (await this.deps.activity.list()).filter((r) => r.status === 'pending')
  }

  /** One pass over everything pending; resolves the records that settled in it. */
  tick(): Promise<ActivityRecord[]> {
    this.ticking ??= this.pass().finally(() => {
      this.ticking = null
    })
    return this.ticking
  }

  /**
   * A receipt someone else already read (the flow engine following its step): the record settles at
   * once, as the next tick would settle it, and the rest of its family is marked replaced.
   */
  async settled(chainId: number, receipt: Receipt): Promise<void> {
    const r = (await this.deps.activity.list({ chainId })).find((x) => x.hash === receipt.transactionHash && x.status === 'pending')
    if (!r) return
    const network = await this.deps.wallet.networks.get(chainId)
    const updated = await this.settleOne(network?.name ?? `chain ${chainId}`, r, receipt)
    if (updated && this.deps.onSettled) await this.deps.onSettled([updated])
  }

  /** Records a receipt (or that the transaction was dropped) with its fee and block, and says so. */
  private async settleOne(networkName: string, r: ActivityRecord, receipt: Receipt | null): Promise<ActivityRecord | null> {
    const patch: Partial<ActivityRecord> = receipt
      ? { status: receipt.status === 'success' ? 'confirmed' : 'failed', feePaid: feeOf(receipt).toString(), blockNumber: Number(receipt.blockNumber) }
      : { status: 'dropped' }
    const updated = await this.deps.activity.update(r.chainId, r.hash, patch)
    if (!updated) return null
    if (receipt) await this.replaceFamily(updated)
    const verb = updated.status === 'confirmed' ? (updated.replacement?.kind === 'cancel' ? 'cancelled' : 'confirmed') : updated.status === 'failed' ? 'failed' : 'was dropped'
    const what = updated.replacement?.kind === 'cancel' ? updated.title.replace(/^Cancel: /, '') : r.title
    this.deps.wallet.platform.notify(`tx-${r.chainId}-${r.hash}`, `Transaction ${verb}`, `${what} on ${networkName}`)
    return updated
  }

  /** `winner` was mined: every other pending transaction of its nonce is replaced by it. */
  private async replaceFamily(winner: ActivityRecord): Promise<void> {
    if (winner.nonce === undefined) return
    const others = (await this.deps.activity.list({ chainId: winner.chainId })).filter((x) => x.hash !== winner.hash && (x.status === 'pending' || x.status === 'dropped') && sameFamily(x, winner))
    for (const o of others) await this.deps.activity.update(o.chainId, o.hash, { status: 'replaced', replacedBy: winner.hash })
  }

  private async pass(): Promise<ActivityRecord[]> {
    const pending = await this.pending()
    const byChain = new Map<number, ActivityRecord[]>()
    for (const r of pending) byChain.set(r.chainId, [...(byChain.get(r.chainId) ?? []), r])
    const settled: ActivityRecord[] = []
    const now = this.deps.wallet.platform.now()
    const dropAfter = this.deps.dropAfterMs ?? DROP_AFTER_MS
    await Promise.all(
      [...byChain].map(async ([chainId, records]) => {
        const network = await this.deps.wallet.networks.get(chainId)
        if (!network) return
        const client = this.deps.client?.(network) ?? publicClientFor(network, { timeoutMs: RECEIPT_TIMEOUT_MS })
        const seen = await Promise.all(records.map((r) => lookup(client, r.hash)))
        // mined ones first: their families are settled with them
        for (const [i, r] of records.entries()) {
          const s = seen[i]
          if (!s.receipt) continue
          const updated = await this.settleOne(network.name, r, s.receipt)
          if (updated) settled.push(updated)
        }
        const rest = records.filter((_, i) => !seen[i].receipt)
        const all = await this.deps.activity.list({ chainId })
        const current = new Map(all.map((x) => [x.hash, x]))
        // the mined nonce count of each account whose transaction the node no longer knows
        const known = (r: ActivityRecord) => seen[records.indexOf(r)].known
        const unknownFrom = [...new Set(rest.filter((r) => known(r) === false && r.nonce !== undefined).map((r) => r.from))]
        const counts = new Map(await Promise.all(unknownFrom.map(async (from) => [from, await client.getTransactionCount({ address: from, blockTag: 'latest' }).catch(() => null)] as const)))
        for (const r of rest) {
          if (current.get(r.hash)?.status !== 'pending') continue // replaced by a family member mined above
          // known itself, or superseded in the pool by a pending replacement the node knows: still on its way
          const onItsWay = known(r) === true || rest.some((x) => x !== r && sameFamily(x, r) && known(x) === true)
          if (onItsWay) {
            if (r.missingSince !== undefined) await this.deps.activity.update(r.chainId, r.hash, { missingSince: undefined })
            continue
          }
          if (known(r) === null) continue // the node did not answer: nothing to conclude
          // a mined member of its family from an earlier pass (or another part of the wallet)
          const winner = all.find((x) => x.hash !== r.hash && (x.status === 'confirmed' || x.status === 'failed') && sameFamily(x, r))
          if (winner) {
            await this.deps.activity.update(r.chainId, r.hash, { status: 'replaced', replacedBy: winner.hash })
            continue
          }
          const count = counts.get(r.from)
          if (r.nonce !== undefined && count !== undefined && count !== null && count > r.nonce) {
            // its nonce was mined by a transaction this wallet did not record (another wallet with the same key)
            await this.deps.activity.update(r.chainId, r.hash, { status: 'replaced' })
            continue
          }
          const since = r.nonce === undefined ? r.createdAt : (r.missingSince ?? now)
          if (now - since >= dropAfter) {
            const updated = await this.settleOne(network.name, r, null)
            if (updated) settled.push(updated)
          } else if (r.missingSince === undefined && r.nonce !== undefined) {
            await this.deps.activity.update(r.chainId, r.hash, { missingSince: now })
          }
        }
      }),
    )
    if ((await this.pending()).length) this.arm()
    else this.deps.wallet.platform.clearAlarm(ACTIVITY_ALARM)
    if (settled.length && this.deps.onSettled) await this.deps.onSettled(settled)
    return settled
  }
}

type Receipt = Awaited<ReturnType<RpcClient['getTransactionReceipt']>>

/** Receipt and transaction together (one batch); known: false when the node has neither, null when it did not answer. */
async function lookup(client: RpcClient, hash: Hex): Promise<{ receipt: Receipt | null; known: boolean | null }> {
  const [receipt, tx] = await Promise.all([
    receiptOrNull(client, hash).catch(() => undefined),
    client.getTransaction({ hash }).catch((err: Error) => (err.name === 'TransactionNotFoundError' ? null : undefined)),
  ])
  if (receipt) return { receipt, known: true }
  if (receipt === undefined || tx === undefined) return { receipt: null, known: null }
  return { receipt: null, known: tx !== null }
}

/** Execution fee, plus the L1 data fee when the node reports it (op-geth receipts carry l1Fee). */
function feeOf(r: Receipt): bigint {
  const l1 = (r as unknown as { l1Fee?: unknown }).l1Fee
  const l1Fee = typeof l1 === 'bigint' ? l1 : typeof l1 === 'string' && /^0x[0-9a-f]+$/i.test(l1) ? BigInt(l1) : 0n
  return r.gasUsed * r.effectiveGasPrice + l1Fee
}
