// The approval window: one pending dApp request at a time (oldest first), the site's origin as the
// browser reported it, unlock first when needed, then approve or reject. Closing the window
// rejects what it was showing (the background sees the window go).
import { useCallback, useEffect, useState } from 'preact/hooks'
import { bg } from '../lib/background.ts'
import { asWalletError } from '../lib/errors.ts'
import { Alert } from '../components/Alert.tsx'
import type { PendingApproval } from '../../src/approvals/types.ts'
import type { WalletState } from '../../src/wallet/wallet.ts'
import { RequestView } from './RequestView.tsx'
import { UnlockStep } from './UnlockStep.tsx'
import { OriginHeader } from './OriginHeader.tsx'
import { SiteQueueBar } from './SiteQueueBar.tsx'
import { useQueueWatch } from './useQueueWatch.ts'
import { WalletStopped } from '../components/WalletStopped.tsx'

interface Current {
  approval: PendingApproval | null
  total: number
  fromSite?: number
  state: WalletState
}

export function ApprovalApp() {
  const [current, setCurrent] = useState<Current | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    try {
      const c = await bg('approvals.current', {})
      setCurrent(c)
      if (!c.approval) setTimeout(() => window.close(), 600)
    } catch (e) {
      setError(asWalletError(e).message)
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])
  // the request shown went away (answered elsewhere, or its page left): the next one, and why
  const notice = useQueueWatch(current?.approval?.id ?? null, current?.total ?? 0, load)

  const decide = async (approved: boolean, extra: { accounts?: string[]; approveAmount?: string; feeLevel?: string } = {}) => {
    if (!current?.approval) return
    setBusy(true)
    setError(null)
    try {
      const out = await bg('approvals.resolve', { id: current.approval.id, decision: approved ? ({ approved: true, ...extra } as never) : { approved: false } })
      if (approved && 'error' in out) setError(out.error.message)
      else await load()
    } catch (e) {
      setError(asWalletError(e).message)
      await load()
    } finally {
      setBusy(false)
    }
  }

  if (!current) return <main class="approval">{error ? <Alert>{error}</Alert> : <p class="muted">Loading…</p>}</main>
  const { approval, total, state } = current
  if (state.halted) return <main class="approval"><WalletStopped halt={state.halted} /></main>
  if (!approval) {
    return (
      <main class="approval">
        <h1>All done</h1>
        {notice ? <Alert tone="warn" testId="withdrawn">{notice}</Alert> : <p class="muted">Nothing is waiting for your approval.</p>}
      </main>
    )
  }
  return (
    <main class="approval" data-kind={approval.request.kind} data-approval-id={approval.id}>
      <OriginHeader origin={approval.requester.origin} position={total > 1 ? `Request 1 of ${total}` : 'Request'} />
      {notice && (
        <Alert tone="warn" testId="withdrawn">
          {notice}
        </Alert>
      )}
      {state.initialized && state.unlocked && <SiteQueueBar key={approval.id} origin={approval.requester.origin} fromSite={current.fromSite ?? 0} disabled={busy} onDone={load} />}
      {!state.initialized ? (
        <section>
          <h1>Set up your wallet first</h1>
          <p>This site wants to use your wallet, but there is no wallet yet. Create or import one, then try again on the site.</p>
          <button class="block" onClick={() => decide(false)}>
            Reject
          </button>
        </section>
      ) : !state.unlocked ? (
        <UnlockStep approval={approval} busy={busy} onUnlocked={load} onReject={() => decide(false)} />
      ) : (
        <RequestView key={approval.id} approval={approval} state={state} busy={busy} onDecide={decide} />
      )}
      {error && <Alert testId="approval-error">{error}</Alert>}
    </main>
  )
}
