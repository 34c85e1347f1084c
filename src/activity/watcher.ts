// Follows the wallet's own pending transactions until they settle: an alarm rings every
// WATCH_INTERVAL_MS while something is pending (and never otherwise); each ring reads, per chain
// in one JSON-RPC batch, the receipt (and the transaction itself, to tell "still in the pool"
// from "gone") of every pending hash, records status, fee paid and block, notifies, and hands
// the settled ones on (the balance engine refreshes that chain for the accounts involved).
import type { Hex, PublicClient } from 'viem'
import { publicClientFor } from '../chains/rpc-client.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { receiptOrNull } from '../chains/receipt.ts'
import type { ActivityRecord, ActivityStore } from './store.ts'

export const ACTIVITY_ALARM = 'activity-watch'
export const WATCH_INTERVAL_MS = 15_000
/** A transaction no node knows for this long after it was sent is marked dropped. */
export const DROP_AFTER_MS = 30 * 60_000
const RECEIPT_TIMEOUT_MS = 8000

export interface WatcherDeps {
  wallet: Wallet
  activity: ActivityStore
  /** transactions that settled in a tick (confirmed, failed or dropped) */
  onSettled?: (settled: ActivityRecord[]) => Promise<void> | void
  intervalMs?: number
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
   * once, as the next tick would settle it.
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
    const verb = updated.status === 'confirmed' ? 'confirmed' : updated.status === 'failed' ? 'failed' : 'was dropped'
    this.deps.wallet.platform.notify(`tx-${r.chainId}-${r.hash}`, `Transaction ${verb}`, `${r.title} on ${networkName}`)
    return updated
  }

  private async pass(): Promise<ActivityRecord[]> {
    const pending = await this.pending()
    const byChain = new Map<number, ActivityRecord[]>()
    for (const r of pending) byChain.set(r.chainId, [...(byChain.get(r.chainId) ?? []), r])
    const settled: ActivityRecord[] = []
    await Promise.all(
      [...byChain].map(async ([chainId, records]) => {
        const network = await this.deps.wallet.networks.get(chainId)
        if (!network) return
        const client = publicClientFor(network, { timeoutMs: RECEIPT_TIMEOUT_MS })
        const seen = await Promise.all(records.map((r) => lookup(client, r.hash)))
        for (const [i, r] of records.entries()) {
          const s = seen[i]
          const updated = s.receipt
            ? await this.settleOne(network.name, r, s.receipt)
            : s.known === false && this.deps.wallet.platform.now() - r.createdAt > DROP_AFTER_MS
              ? await this.settleOne(network.name, r, null)
              : null
          if (updated) settled.push(updated)
        }
      }),
    )
    if ((await this.pending()).length) this.arm()
    else this.deps.wallet.platform.clearAlarm(ACTIVITY_ALARM)
    if (settled.length && this.deps.onSettled) await this.deps.onSettled(settled)
    return settled
  }
}

type Receipt = Awaited<ReturnType<PublicClient['getTransactionReceipt']>>

/** Receipt and transaction together (one batch); known: false when the node has neither, null when it did not answer. */
async function lookup(client: PublicClient, hash: Hex): Promise<{ receipt: Receipt | null; known: boolean | null }> {
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
