// One deposit or withdrawal: its timeline (each step with the date it happened, or the date it is
// predicted to open and the reason for the wait), a progress bar, and the step waiting for the
// user (prove / finalize) with its fee.
import { Page } from '../Page.tsx'
import type { ItemView, StepView } from '../../../src/bridge/view.ts'
import { Callout } from '../../components/Alert.tsx'
import { CopyButton } from '../../components/CopyButton.tsx'
import { shortAddress } from '../../lib/format.ts'
import { useBridgeOverview } from './data.ts'
import { Progress } from './Progress.tsx'
import { StepAction } from './StepAction.tsx'
import { date, relative } from './format.ts'
import { formatDuration } from '../../../src/rollup/duration.ts'

const ICON: Record<StepView['state'], string> = { done: '✓', current: '•', upcoming: '', attention: '!' }

export function ItemPage({ id }: { id: string }) {
  const { overview, error, reload } = useBridgeOverview()
  const view = overview?.items.find((v) => v.id === id) ?? null
  if (!overview) return <Page title="Bridge">{error ? <p class="warn">{error}</p> : <p class="muted">Loading…</p>}</Page>
  if (!view) {
    return (
      <Page title="Not tracked">
        <p>The wallet does not track this item. <a href="#/bridge">All bridging</a></p>
      </Page>
    )
  }
  const now = Date.now()
  const timeText = view.totalMs !== null ? `${formatDuration(view.elapsedMs / 1000)} of about ${formatDuration(view.totalMs / 1000)}` : `${formatDuration(view.elapsedMs / 1000)} so far`
  const done = view.status === 'finalized' || view.status === 'credited'
  return (
    <Page title={view.title} wide>
      <p class="bridge-crumbs">
        <a href="#/bridge">← All bridging</a>
      </p>
      <div class="bridge-head">
        <p class="bridge-route-big">
          {view.fromChain} → {view.toChain}
        </p>
        <span class={`status-pill ${view.action || view.reprove ? 'action' : view.status === 'failed' ? 'failed' : view.progress >= 1 ? 'done' : 'moving'}`} data-testid="bridge-status">
          {view.statusText}
        </span>
      </div>
      <p class="bridge-eta" data-testid="bridge-eta">
        {done ? (
          view.eta !== null ? `Arrived on ${view.toChain} ${date(view.eta, now)}` : `Arrived on ${view.toChain}`
        ) : view.eta !== null ? (
          <>
            {view.amountText} arrives on {view.toChain} around <strong>{date(view.eta, now)}</strong> ({relative(view.eta, now)})
          </>
        ) : (
          `${view.amountText} arrives on ${view.toChain} once its proof windows have passed`
        )}
      </p>
      <Progress value={view.progress} label={timeText} />
      <p class="muted bridge-pct" data-testid="bridge-progress-time">
        {done ? `Took ${formatDuration(view.elapsedMs / 1000)}` : timeText}
        {view.next?.at ? ` · next step ${relative(view.next.at, now)}` : ''}
      </p>
      {view.reprove && (
        <Callout tone="warn" title="This withdrawal needs a new proof">
          <p data-testid="bridge-reprove">{view.reprove}</p>
        </Callout>
      )}
      {view.error && <p class="error" role="alert">{view.error}</p>}
      {view.action && (
        <StepAction id={view.id} step={view.action} l1Name={view.toChain} blockTimeSeconds={12} onSent={reload} key={`${view.id}:${view.action}:${view.reprove ?? ''}`} />
      )}
      <ol class="timeline" data-testid="bridge-timeline">
        {view.steps.map((s) => (
          <li key={s.key} class={`timeline-step ${s.state}`} data-step={s.key} data-state={s.state}>
            <span class="timeline-dot" aria-hidden="true">
              {ICON[s.state]}
            </span>
            <div class="timeline-body">
              <strong>{s.label}</strong>
              <span class="timeline-when" data-testid={`bridge-when-${s.key}`}>
                {whenText(s)}
              </span>
              {s.reason && <span class="timeline-reason muted" data-testid={`bridge-reason-${s.key}`}>{s.reason}</span>}
            </div>
          </li>
        ))}
      </ol>
      <Details view={view} />
    </Page>
  )
}

function whenText(s: StepView): string {
  if (s.at !== null) return s.predicted ? `expected ${date(s.at)} (${relative(s.at)})` : date(s.at)
  if (s.state === 'attention') return s.reason ? 'needs you' : 'ready now: it waits for you'
  if (s.state === 'done') return ''
  return s.state === 'current' ? 'in progress' : 'its date cannot be predicted yet'
}

function Details({ view }: { view: ItemView }) {
  const i = view.item
  const rows: [string, string | undefined][] =
    i.kind === 'withdrawal'
      ? [
          ['From account', i.account],
          ['To (on L1)', i.to],
          ['L2 transaction', i.l2Hash],
          ['Prove transaction', i.proof?.hash],
          ['Finalize transaction', i.finalizeHash],
          ['Withdrawal hash', i.message?.withdrawalHash],
        ]
      : [
          ['From account', i.account],
          ['To (on L2)', i.to],
          ['L1 transaction', i.l1Hash],
          ['L2 deposit transaction', i.l2Hash],
        ]
  return (
    <dl class="bridge-details">
      {rows
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd class="mono" title={v}>
              {shortAddress(v!)} <CopyButton text={v!} label="Copy" />
            </dd>
          </div>
        ))}
    </dl>
  )
}
