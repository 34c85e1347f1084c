// Step 2 of the claim: which parachain (Phala or Khala) and what the account can claim there, as
// the claim service reports it (free PHA, staked vPHA and what that stake is worth in PHA), and
// whether the claimer already paid it. A network without a claim service address asks for one.
import { useEffect, useId, useRef, useState } from 'preact/hooks'
import type { ClaimDeployment, ClaimNetwork } from '../../../src/claim/config.ts'
import type { UiCalls } from '../../../src/calls.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError, type WalletError } from '../../lib/errors.ts'
import { formatAmount } from '../../lib/amount.ts'
import { Alert, Callout } from '../../components/Alert.tsx'
import { approxPha } from './format.ts'

export type EligibilityView = UiCalls['claim.eligibility']['result']

const NETWORKS: { id: ClaimNetwork; label: string; note: string }[] = [
  { id: 'phala', label: 'Phala', note: 'Free PHA on Ethereum, staked PHA as vPHA on Phala L2' },
  { id: 'khala', label: 'Khala', note: 'Free PHA and staked vPHA, both on Ethereum' },
]

export function Eligibility(p: {
  deployment: ClaimDeployment
  network: ClaimNetwork
  account: string
  /** changes when the page wants a fresh read (after a claim) */
  generation: number
  onNetwork: (n: ClaimNetwork) => void
  onDeploymentChanged: (d: ClaimDeployment) => void
  onLoaded: (e: EligibilityView | null) => void
}) {
  const [result, setResult] = useState<{ data: EligibilityView } | { error: WalletError } | null>(null)
  const backend = p.deployment.backends[p.network]
  const inputs = `${p.deployment.id}|${backend}|${p.network}|${p.account}`
  const shown = useRef('')

  useEffect(() => {
    let live = true
    // A new account or network clears the figures; a fresh read of the same ones keeps them meanwhile.
    if (shown.current !== inputs) {
      shown.current = inputs
      setResult(null)
      p.onLoaded(null)
    }
    if (!backend) return
    bg('claim.eligibility', { deployment: p.deployment.id, network: p.network, account: p.account }, { timeoutMs: 30_000 }).then(
      (data) => {
        if (!live) return
        setResult({ data })
        p.onLoaded(data)
      },
      (err) => live && setResult({ error: asWalletError(err) }),
    )
    return () => {
      live = false
    }
  }, [inputs, p.generation])

  return (
    <section class="claim-step" aria-labelledby="claim-step-eligibility">
      <h2 id="claim-step-eligibility">2. What you can claim</h2>
      <fieldset class="radio-cards">
        <legend class="sr-only">Parachain</legend>
        {NETWORKS.map((n) => (
          <label class="radio-card" key={n.id}>
            <input type="radio" name="claim-network" checked={p.network === n.id} onChange={() => p.onNetwork(n.id)} data-testid={`claim-network-${n.id}`} />
            <span>
              <strong>{n.label}</strong>
              <span class="muted">{n.note}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {!backend ? (
        <BackendForm deployment={p.deployment} network={p.network} onSaved={p.onDeploymentChanged} />
      ) : !result ? (
        <p class="muted" aria-live="polite">
          Asking the claim service…
        </p>
      ) : 'error' in result ? (
        <Alert testId="eligibility-error">
          <p>{result.error.message}</p>
        </Alert>
      ) : (
        <EligibilityCard e={result.data} />
      )}
    </section>
  )
}

function EligibilityCard({ e }: { e: EligibilityView }) {
  const nothing = e.free === '0' && e.staked === '0'
  return (
    <div class="eligibility" data-testid="eligibility">
      <dl class="claim-figures">
        <div>
          <dt>Free PHA</dt>
          <dd data-testid="eligibility-free">{formatAmount(e.free, 18, 'PHA')}</dd>
        </div>
        <div>
          <dt>Staked</dt>
          <dd data-testid="eligibility-staked">{formatAmount(e.staked, 18, 'vPHA')}</dd>
          {e.staked !== '0' && (
            <dd class="muted small-print" data-testid="eligibility-staked-value">
              {e.stakedValue === null ? 'value unknown' : `${approxPha(e.stakedValue)} today`}
            </dd>
          )}
        </div>
        <div>
          <dt>Status</dt>
          <dd data-testid="eligibility-status" class={e.claimed ? 'ok' : undefined}>
            {e.claimed === null ? 'Unknown' : e.claimed ? '✓ Claimed' : nothing ? 'Nothing to claim' : 'Not claimed yet'}
          </dd>
        </div>
      </dl>
      {e.chainError && (
        <Callout title="Ethereum could not be read.">
          <p>{e.chainError}</p>
        </Callout>
      )}
      {nothing && (
        <Callout tone="info" title="Nothing to claim here.">
          <p>This account held no PHA on this parachain when it stopped. Check that you picked the right account, or try the other network.</p>
        </Callout>
      )}
    </div>
  )
}

function BackendForm({ deployment, network, onSaved }: { deployment: ClaimDeployment; network: ClaimNetwork; onSaved: (d: ClaimDeployment) => void }) {
  const id = useId()
  const [url, setUrl] = useState('')
  const [error, setError] = useState<string | null>(null)
  const label = network === 'khala' ? 'Khala' : 'Phala'
  return (
    <form
      class="card"
      data-testid="claim-backend-form"
      onSubmit={async (e) => {
        e.preventDefault()
        setError(null)
        try {
          onSaved(await bg('claim.setBackend', { deployment: deployment.id, network, url }))
        } catch (err) {
          setError(asWalletError(err).message)
        }
      }}
    >
      <Callout title={`Set the ${label} claim service address.`}>
        <p>
          The claim service confirms your balance and approves the claim. This wallet does not ship its address for {deployment.name}: use the one Phala publishes for its
          migration app.
        </p>
      </Callout>
      <label for={id}>Claim service address</label>
      <div class="inline-row">
        <input id={id} type="url" class="mono" placeholder="https://…" value={url} onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit" class="primary" disabled={!url.trim()}>
          Save
        </button>
      </div>
      {error && (
        <Alert>
          <p>{error}</p>
        </Alert>
      )}
    </form>
  )
}
