// Bridge (popup): deposit to an L2 or withdraw to its L1 (BridgeForm), and below it every deposit
// and withdrawal still moving, with its next step and when, each opening its full page (timeline,
// prove / finalize). The tracker runs in the background on an alarm; this screen only asks it for
// a tick every few seconds while it is open.
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import { openApp } from '../../lib/open.ts'
import { useBridgeOverview } from '../../app/bridge/data.ts'
import { ItemRow } from '../../app/bridge/ItemRow.tsx'
import { BridgeForm } from './BridgeForm.tsx'

export function Bridge({ account, activeChainId }: { account: AccountInfo; activeChainId: number }) {
  const { overview, error, reload } = useBridgeOverview(5000)
  const mine = (overview?.items ?? []).filter((v) => v.item.account.toLowerCase() === account.address.toLowerCase())
  const moving = mine.filter((v) => !['finalized', 'credited', 'failed'].includes(v.status))
  return (
    <section class="bridge">
      <h1>Bridge</h1>
      <BridgeForm account={account} activeChainId={activeChainId} onSent={reload} />
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
