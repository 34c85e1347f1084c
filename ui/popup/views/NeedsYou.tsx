// Withdrawals waiting for the user (ready to prove or to finalize), on Home: each opens its tracker.
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import { sameAddress } from '../../../src/util/address.ts'
import { openApp } from '../../lib/open.ts'
import { useBridgeOverview } from '../../app/bridge/data.ts'

export function NeedsYou({ account }: { account: AccountInfo }) {
  const { overview } = useBridgeOverview()
  const waiting = (overview?.items ?? []).filter((v) => sameAddress(v.item.account, account.address) && (v.action || v.reprove))
  if (!waiting.length) return null
  return (
    <ul class="needs-you" aria-label="Waiting for you" data-testid="needs-you">
      {waiting.map((v) => (
        <li key={v.id}>
          <button type="button" onClick={() => void openApp(`bridge/item/${encodeURIComponent(v.id)}`)} data-testid="needs-you-item">
            <span class="needs-dot" aria-hidden="true" />
            <span class="needs-text">
              <strong>{v.reprove ? 'Prove again' : v.action === 'prove' ? 'Ready to prove' : 'Ready to finalize'}</strong>
              <span class="muted">
                {v.title} · {v.fromChain} → {v.toChain}
              </span>
            </span>
            <span aria-hidden="true">›</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
