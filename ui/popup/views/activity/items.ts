// The Activity list's items: what the wallet sent (its own transactions, with their status) and
// tokens that came in (Transfer logs to the account), newest first, as one list.
import type { ActivityRecord } from '../../../../src/activity/store.ts'
import type { IncomingTransfer } from '../../../../src/activity/incoming.ts'
import { sameAddress } from '../../../../src/util/address.ts'

export type ActivityItem = { kind: 'sent'; id: string; at: number; rec: ActivityRecord } | { kind: 'in'; id: string; at: number; tr: IncomingTransfer }

export function activityItems(address: string, sent: ActivityRecord[] | null, incoming: IncomingTransfer[] | null): ActivityItem[] {
  const mine = (sent ?? []).filter((r) => sameAddress(r.from, address))
  const own = new Set(mine.map((r) => r.hash.toLowerCase()))
  const items: ActivityItem[] = [
    ...mine.map((rec): ActivityItem => ({ kind: 'sent', id: `s:${rec.chainId}:${rec.hash}`, at: rec.createdAt, rec })),
    // a transfer to itself is already listed as sent
    ...(incoming ?? []).filter((tr) => !own.has(tr.hash.toLowerCase())).map((tr): ActivityItem => ({ kind: 'in', id: `i:${tr.chainId}:${tr.hash}:${tr.logIndex}`, at: tr.at, tr })),
  ]
  return items.sort((a, b) => b.at - a.at)
}
