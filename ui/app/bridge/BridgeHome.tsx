// Everything the wallet tracks: withdrawals and deposits, newest first, each with its status and
// progress; rediscovery from chain logs (after a reinstall, or for activity from elsewhere).
import { useState } from 'preact/hooks'
import { Page } from '../Page.tsx'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { useBridgeOverview } from './data.ts'
import { ItemRow } from './ItemRow.tsx'

export function BridgeHome() {
  const { overview, error, reload } = useBridgeOverview()
  const [scan, setScan] = useState<{ busy: boolean; text: string | null }>({ busy: false, text: null })
  const discover = async () => {
    setScan({ busy: true, text: null })
    try {
      const r = await bg('bridge.discover', {}, { timeoutMs: 180_000 })
      const found = r.found ? `Found ${r.found} more deposit${r.found === 1 ? '' : 's'} or withdrawal${r.found === 1 ? '' : 's'}.` : 'Nothing new found.'
      setScan({ busy: false, text: r.errors.length ? `${found} Not searched: ${r.errors.join('; ')}` : found })
      reload()
    } catch (e) {
      setScan({ busy: false, text: asWalletError(e).message })
    }
  }
  const withdrawals = overview?.items.filter((v) => v.kind === 'withdrawal') ?? []
  const deposits = overview?.items.filter((v) => v.kind === 'deposit') ?? []
  return (
    <Page title="Bridge" wide>
      <p class="lead">Withdrawals move through a state proposal, a proof and a waiting period before they can be finalized on L1. The wallet follows each one and tells you when a step needs you.</p>
      <div class="actions">
        <a class="button" href="#/bridge/compare" data-testid="bridge-compare-link">
          Compare exit times and costs
        </a>
        <button type="button" onClick={() => void discover()} disabled={scan.busy} data-testid="bridge-discover">
          {scan.busy ? 'Searching the chains…' : 'Find past bridging'}
        </button>
      </div>
      {scan.text && (
        <p class="muted" role="status" data-testid="bridge-discover-result">
          {scan.text}
        </p>
      )}
      {error && !overview && <p class="warn">{error}</p>}
      {overview?.chains.filter((c) => !c.ok).map((c) => (
        <p class="warn" key={c.l2ChainId}>
          {c.name} is not answering ({c.error}); its items show what was last seen.
        </p>
      ))}
      <h2>Withdrawals</h2>
      {overview && !withdrawals.length && <p class="muted">No withdrawals.</p>}
      <div class="bridge-list" data-testid="bridge-withdrawals">
        {withdrawals.map((v) => (
          <ItemRow key={v.id} view={v} href={`#/bridge/item/${encodeURIComponent(v.id)}`} />
        ))}
      </div>
      <h2>Deposits</h2>
      {overview && !deposits.length && <p class="muted">No deposits.</p>}
      <div class="bridge-list" data-testid="bridge-deposits">
        {deposits.map((v) => (
          <ItemRow key={v.id} view={v} href={`#/bridge/item/${encodeURIComponent(v.id)}`} />
        ))}
      </div>
    </Page>
  )
}
