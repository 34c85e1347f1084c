// One tracked deposit or withdrawal in a list (popup and full page): what, from where to where, its
// status, a progress bar, and what happens next and when, or the action waiting for the user.
import type { ItemView } from '../../../src/bridge/view.ts'
import { Progress } from './Progress.tsx'
import { date, relative } from './format.ts'

export function ItemRow({ view, href, onOpen }: { view: ItemView; href?: string; onOpen?: () => void }) {
  const now = Date.now()
  const tone = view.action || view.reprove ? 'action' : view.status === 'failed' ? 'failed' : view.status === 'finalized' || view.status === 'credited' ? 'done' : 'moving'
  const body = (
    <>
      <div class="bridge-row-main">
        <strong class="bridge-row-title">{view.title}</strong>
        <span class={`status-pill ${tone}`} data-testid="bridge-status">
          {view.statusText}
        </span>
      </div>
      <div class="bridge-row-route muted">
        {view.fromChain} → {view.toChain}
      </div>
      <Progress value={view.progress} label={`${view.title}: ${view.statusText}`} />
      {view.reprove ? (
        <p class="bridge-row-next warn">{view.reprove}</p>
      ) : view.action ? (
        <p class="bridge-row-next accent" data-testid="bridge-next">
          {view.action === 'prove' ? 'Prove it now to start its waiting period' : 'Finalize it now to receive it'}
        </p>
      ) : view.next ? (
        <p class="bridge-row-next muted" data-testid="bridge-next">
          {view.next.at !== null ? `${view.kind === 'withdrawal' && view.status === 'proven' ? 'Ready to finalize' : 'Ready to prove'} ${relative(view.next.at, now)} (${date(view.next.at, now)})` : view.next.reason}
        </p>
      ) : null}
      {view.error && <p class="bridge-row-next error">{view.error}</p>}
    </>
  )
  if (href || onOpen) {
    return (
      <a class={`bridge-row ${tone}`} href={href ?? '#'} data-testid="bridge-item" data-status={view.status} onClick={onOpen ? (e) => (e.preventDefault(), onOpen()) : undefined}>
        {body}
      </a>
    )
  }
  return (
    <div class={`bridge-row ${tone}`} data-testid="bridge-item" data-status={view.status}>
      {body}
    </div>
  )
}
