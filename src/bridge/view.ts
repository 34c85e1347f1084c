// What the screens show of a tracked item: its steps as a timeline with dates (done: when it
// happened; ahead: when it is predicted to open) and the reason for each wait, a progress bar, and
// the one action the user can take now. Chain times (L1 seconds) become this computer's time through
// the last clock sample of that L1 (the devnet warps chain time; a node's clock may drift).
import { formatUnits } from 'viem'
import { exitDuration, formatDuration } from '../rollup/exit-time.ts'
import type { RollupParams } from '../rollup/params.ts'
import type { BridgeItem, DepositItem, WithdrawalItem } from './types.ts'

export type StepState = 'done' | 'current' | 'upcoming' | 'attention'

export interface StepView {
  key: 'sent' | 'proposal' | 'prove' | 'wait' | 'finalize' | 'l1' | 'l2'
  label: string
  state: StepState
  /** local ms: when it happened (done) or is predicted to open; null when unknown */
  at: number | null
  predicted: boolean
  reason?: string
}

export interface ItemView {
  id: string
  kind: BridgeItem['kind']
  /** "Withdraw 0.5 ETH" */
  title: string
  amountText: string
  fromChain: string
  toChain: string
  status: BridgeItem['status']
  statusText: string
  steps: StepView[]
  /** 0..1 */
  progress: number
  /** local ms: when the money is predicted to arrive (or arrived); null when it cannot be predicted */
  eta: number | null
  /** the time since it was sent, and the whole predicted time (ms); total null when unpredictable */
  elapsedMs: number
  totalMs: number | null
  action: 'prove' | 'finalize' | null
  /** the next thing that happens by itself, and when */
  next: { at: number | null; reason: string } | null
  reprove?: string
  error?: string
  item: BridgeItem
}

/** One clock sample of an L1: its block time and this computer's time when it was read. */
export interface ClockSample {
  l1: number
  local: number
}

export function toLocal(seconds: number | null | undefined, clock: ClockSample | undefined): number | null {
  if (seconds === null || seconds === undefined) return null
  return clock ? clock.local + (seconds - clock.l1) * 1000 : seconds * 1000
}

function toChain(ms: number, clock: ClockSample | undefined): number {
  return clock ? clock.l1 + (ms - clock.local) / 1000 : ms / 1000
}

export function amountText(item: BridgeItem): string {
  const full = formatUnits(BigInt(item.amount), item.token.decimals)
  const [i, f = ''] = full.split('.')
  const frac = f.slice(0, 6).replace(/0+$/, '')
  return `${frac ? `${i}.${frac}` : i} ${item.token.symbol}`
}

const W_STATUS: Record<WithdrawalItem['status'], string> = {
  initiating: 'Sent, waiting for the L2 to include it',
  'waiting-proposal': 'Waiting for a state proposal',
  'ready-to-prove': 'Ready to prove',
  proving: 'Proving…',
  proven: 'Proven, in its challenge window',
  'ready-to-finalize': 'Ready to finalize',
  finalizing: 'Finalizing…',
  finalized: 'Finalized',
  failed: 'Failed',
}

const D_STATUS: Record<DepositItem['status'], string> = {
  pending: 'Sent, waiting for L1',
  'waiting-l2': 'On L1, waiting for the L2',
  credited: 'Arrived',
  failed: 'Failed',
}

export function withdrawalView(w: WithdrawalItem, names: { l1: string; l2: string }, clock: ClockSample | undefined, params: RollupParams | undefined, nowMs: number): ItemView {
  const order = ['initiating', 'waiting-proposal', 'ready-to-prove', 'proving', 'proven', 'ready-to-finalize', 'finalizing', 'finalized']
  const rank = order.indexOf(w.status)
  const st = (doneFrom: number, currentFrom: number): StepState => (rank >= doneFrom ? 'done' : rank >= currentFrom ? 'current' : 'upcoming')
  const exit = params ? exitDuration(params) : null
  // Every step gets a date from the start, each chained on the one before: before the tracker has
  // an ETA of its own (the withdrawal is still being included), the proposal is predicted from the
  // cadence counted from when it was sent; finalization from the proposal (or now, once it can be
  // proven and is not yet) plus today's finalization wait.
  const proveEta = toLocal(w.eta?.prove?.at, clock) ?? (rank < 2 && exit?.proveWaitSeconds != null ? w.createdAt + exit.proveWaitSeconds * 1000 : null)
  const finalizeEta = toLocal(w.eta?.finalize?.at, clock)
  const proofFrom = rank >= 2 && rank < 4 ? Math.max(nowMs, proveEta ?? nowMs) : proveEta
  const finalizeGuess = finalizeEta ?? (proofFrom !== null && exit?.finalizeWaitSeconds != null ? proofFrom + exit.finalizeWaitSeconds * 1000 : null)

  const steps: StepView[] = [
    { key: 'sent', label: `Withdrawal sent on ${names.l2}`, state: w.status === 'failed' ? 'attention' : st(1, 0), at: w.createdAt, predicted: false },
    {
      key: 'proposal',
      label: 'A state proposal covers it',
      state: st(2, 1),
      at: rank >= 2 ? toLocal(w.opened?.prove, clock) : proveEta,
      predicted: rank < 2,
      ...(rank < 2 && w.eta?.prove ? { reason: capitalize(w.eta.prove.reason) } : {}),
    },
    {
      key: 'prove',
      label: `Prove on ${names.l1}`,
      state: w.reprove ? 'attention' : st(4, 2),
      at: w.proof?.provenAt && !w.reprove ? toLocal(w.proof.provenAt, clock) : rank >= 2 ? null : proveEta,
      ...(rank < 2 ? { reason: 'One click on the L1, as soon as the proposal is there' } : {}),
      predicted: !(w.proof?.provenAt && !w.reprove),
      ...(w.reprove ? { reason: 'The proof it had no longer counts: prove it again.' } : {}),
    },
    {
      key: 'wait',
      label: params?.system.kind === 'output-oracle' ? 'Finalization period' : 'Proof maturity and dispute window',
      state: st(5, 4),
      at: rank >= 5 ? toLocal(w.opened?.finalize, clock) : finalizeGuess,
      predicted: rank < 5,
      ...(rank === 4 && w.eta?.finalize ? { reason: capitalize(w.eta.finalize.reason) } : rank < 4 && exit?.finalizeWaitSeconds != null ? { reason: `About ${formatDuration(exit.finalizeWaitSeconds)} once proven` } : {}),
    },
    { key: 'finalize', label: `Finalize on ${names.l1}: ${amountText(w)} arrives`, state: st(7, 5), at: rank >= 7 ? toLocal(w.finalizedAt, clock) : rank >= 5 ? null : finalizeGuess, predicted: rank < 7 },
  ]
  for (const s of steps) if (s.state === 'current' && (s.key === 'prove' || s.key === 'finalize')) s.state = 'attention'
  // Past chain times go through today's clock sample; if the chain's clock jumped meanwhile (the
  // devnet's warp, a node resyncing) they could read out of order: keep the done steps in order.
  let last = 0
  for (const s of steps) {
    if (s.predicted || s.at === null) continue
    s.at = Math.max(s.at, last)
    last = s.at
  }

  let progress = 0
  if (w.status === 'finalized') progress = 1
  else if (w.status !== 'failed') {
    const start = toChain(w.createdAt, clock)
    const end = finalizeGuess !== null ? toChain(finalizeGuess, clock) : null
    const now = toChain(nowMs, clock)
    const byTime = end !== null && end > start ? (now - start) / (end - start) : 0
    const floor = [0, 0.02, 0.1, 0.1, 0.12, 0.95, 0.97][rank] ?? 0
    progress = Math.min(rank >= 5 ? 0.99 : 0.94, Math.max(floor, byTime))
  }
  const arrived = w.status === 'finalized' ? toLocal(w.finalizedAt, clock) : null
  const eta = arrived ?? finalizeGuess
  const action = w.status === 'ready-to-prove' ? 'prove' : w.status === 'ready-to-finalize' ? 'finalize' : null
  const next =
    w.status === 'waiting-proposal'
      ? { at: proveEta, reason: w.eta?.prove?.reason ?? '' }
      : w.status === 'proven'
        ? { at: finalizeEta, reason: w.eta?.finalize?.reason ?? '' }
        : null
  return {
    id: w.id,
    kind: 'withdrawal',
    title: `Withdraw ${amountText(w)}`,
    amountText: amountText(w),
    fromChain: names.l2,
    toChain: names.l1,
    status: w.status,
    statusText: w.reprove ? 'Needs a new proof' : W_STATUS[w.status],
    steps,
    progress,
    eta,
    elapsedMs: Math.max(0, (arrived ?? nowMs) - w.createdAt),
    totalMs: eta !== null ? Math.max(0, eta - w.createdAt) : null,
    action,
    next,
    ...(w.reprove ? { reprove: w.reprove } : {}),
    ...(w.error ? { error: w.error } : {}),
    item: w,
  }
}

export function depositView(d: DepositItem, names: { l1: string; l2: string }): ItemView {
  const rank = ['pending', 'waiting-l2', 'credited'].indexOf(d.status)
  const st = (done: number): StepState => (d.status === 'failed' ? 'attention' : rank >= done ? 'done' : rank === done - 1 ? 'current' : 'upcoming')
  const steps: StepView[] = [
    { key: 'sent', label: `Deposit sent on ${names.l1}`, state: 'done', at: d.createdAt, predicted: false },
    { key: 'l1', label: `Mined on ${names.l1}`, state: st(1), at: null, predicted: rank < 1 },
    {
      key: 'l2',
      label: `Credited on ${names.l2}`,
      state: st(2),
      at: d.creditedAt ?? null,
      predicted: rank < 2,
      ...(d.status === 'waiting-l2' ? { reason: `${names.l2} includes deposits a few L1 blocks after they are mined` } : {}),
    },
  ]
  return {
    id: d.id,
    kind: 'deposit',
    title: `Deposit ${amountText(d)}`,
    amountText: amountText(d),
    fromChain: names.l1,
    toChain: names.l2,
    status: d.status,
    statusText: D_STATUS[d.status],
    steps,
    progress: d.status === 'credited' ? 1 : d.status === 'waiting-l2' ? 0.6 : d.status === 'pending' ? 0.2 : 0,
    eta: d.creditedAt ?? null,
    elapsedMs: Math.max(0, (d.creditedAt ?? Date.now()) - d.createdAt),
    totalMs: d.creditedAt ? d.creditedAt - d.createdAt : null,
    action: null,
    next: d.status === 'waiting-l2' ? { at: null, reason: steps[2].reason ?? '' } : null,
    ...(d.error ? { error: d.error } : {}),
    item: d,
  }
}

const capitalize = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s)

