// Bridge (popup): deposit to an L2 or withdraw to its L1 (BridgeForm), a bridging flow left half
// way (an approval mined while the popup was closed) offered to continue, and below it every
// deposit and withdrawal still moving, each opening its full page (timeline, prove / finalize).
// The tracker and the flows run in the background; this screen follows them through topics.
import { useState } from 'preact/hooks'
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import { openApp } from '../../lib/open.ts'
import { useTopic } from '../../lib/topic.ts'
import { useBridgeOverview } from '../../app/bridge/data.ts'
import { ItemRow } from '../../app/bridge/ItemRow.tsx'
import { BridgeForm } from './BridgeForm.tsx'
import { sameAddress } from '../../../src/util/address.ts'

export function Bridge({ account, activeChainId, showTestnets }: { account: AccountInfo; activeChainId: number; showTestnets: boolean }) {
  const { overview, error, reload } = useBridgeOverview()
  const flows = useTopic('flows', null)
  const [resume, setResume] = useState<string | null>(null)
  const mine = (overview?.items ?? []).filter((v) => sameAddress(v.item.account, account.address))
  const moving = mine.filter((v) => !['finalized', 'credited', 'failed'].includes(v.status))
  // a deposit behind its approval, not signed to the end yet
  const halfway = (flows.value ?? []).filter((f) => f.kind === 'bridge' && sameAddress(f.from, account.address) && !f.trackedId && f.current > 0 && ['ready', 'preparing', 'mining'].includes(f.status) && f.id !== resume)
  return (
    <section class="bridge">
      <h1>Bridge</h1>
      {halfway.map((f) => (
        <div class="card bridge-resume" key={f.id} data-testid="bridge-resume">
          <p>
            <strong>{f.steps[f.steps.length - 1].label}</strong>: step {Math.min(f.current, f.steps.length - 1) + 1} of {f.steps.length} {f.status === 'ready' ? 'is ready to sign.' : 'is on its way.'}
          </p>
          <button type="button" class="primary small" data-testid="bridge-resume-open" onClick={() => setResume(f.id)}>
            Continue
          </button>
        </div>
      ))}
      <BridgeForm account={account} activeChainId={activeChainId} showTestnets={showTestnets} resume={resume} onSent={reload} />
      <div class="bridge-inflight">
        <div class="bridge-inflight-head">
          <h2>In flight</h2>
          <button type="button" class="link" data-testid="bridge-open-all" onClick={() => void openApp('bridge')}>
            All bridging and exit times
          </button>
        </div>
        {error && !overview && <p class="warn">{error}</p>}
        {overview && !moving.length && <p class="muted" data-testid="bridge-none">Nothing in flight.</p>}
        <div class="bridge-list" data-testid="bridge-inflight">
          {moving.map((v) => (
            <ItemRow key={v.id} view={v} onOpen={() => void openApp(`bridge/item/${encodeURIComponent(v.id)}`)} />
          ))}
        </div>
      </div>
    </section>
  )
}
