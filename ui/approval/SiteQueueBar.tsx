// When one site has several requests waiting (a page asking again and again), one click rejects all
// of them; the site then waits before it may ask again.
import { useState } from 'preact/hooks'
import { bg } from '../lib/background.ts'
import { siteOf } from '../../src/util/origin.ts'

export function SiteQueueBar({ origin, fromSite, disabled, onDone }: { origin: string; fromSite: number; disabled: boolean; onDone: () => Promise<void> }) {
  const [busy, setBusy] = useState(false)
  if (fromSite < 2) return null
  const site = siteOf(origin)
  return (
    <div class="site-queue" data-testid="site-queue">
      <span>
        {site} has {fromSite} requests waiting.
      </span>
      <button
        class="ghost small"
        data-testid="reject-site"
        disabled={disabled || busy}
        onClick={async () => {
          setBusy(true)
          try {
            await bg('approvals.rejectSite', { site })
          } finally {
            setBusy(false)
            await onDone()
          }
        }}
      >
        Reject all {fromSite}
      </button>
    </div>
  )
}
