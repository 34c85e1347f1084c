// The steps of a flow as a list: what each one is, and where it stands (to do, waiting for you,
// on its way, done, failed).
import type { Flow, FlowStep } from '../../src/flows/types.ts'

const STATUS: Record<FlowStep['status'], string> = {
  todo: 'to do',
  ready: 'ready to sign',
  sending: 'signing and sending…',
  mining: 'waiting to be mined…',
  done: '✓ done',
  skipped: 'not needed',
  failed: 'failed',
}

export function FlowSteps({ flow }: { flow: Flow }) {
  if (flow.steps.length < 2) return null
  return (
    <ol class="progress-list flow-steps" data-testid="flow-steps">
      {flow.steps.map((s, i) => (
        <li key={i} class={s.status === 'done' || s.status === 'skipped' ? 'done' : s.status === 'failed' ? 'failed' : i === flow.current ? 'pending' : ''} data-testid="flow-step" data-status={s.status}>
          {s.label}
          <span class="muted"> · {STATUS[s.status]}</span>
        </li>
      ))}
    </ol>
  )
}
