// A multi-step flow the background owns (bridge deposit with its approval, withdrawal, prove,
// finalize, claim, Move PHA): started from an intent, stored, and handed to the UI with the next
// step already prepared with its fee. The UI confirms a step by id and watches; the flow survives
// the popup closing and the service worker restarting (stored in storage.local). Plain JSON.
import type { Address, Hex, TransactionReceipt } from 'viem'
import type { SendMeta } from '../tx/send.ts'
import type { FeeQuote, PreparedTx, TxRequest } from '../tx/types.ts'
import type { FeeChoice } from '../tx/fee-levels.ts'

export type StepStatus = 'todo' | 'ready' | 'sending' | 'mining' | 'done' | 'skipped' | 'failed'

export interface FlowStep {
  /** what the kind calls this step ('approve', 'deposit', 'withdraw', 'prove', 'finalize', 'claim') */
  role: string
  /** what the user sees: "Approve 40 PHA for the bridge" */
  label: string
  chainId: number
  /** the call as planned (the prepared transaction of the current step is in Flow.prepared) */
  call?: { to: Address; data: Hex; value: string }
  status: StepStatus
  hash?: Hex
  error?: string
}

export type FlowStatus =
  /** the current step is being prepared (nonce, gas, fee) */
  | 'preparing'
  /** the current step is prepared and waits for the user's confirmation */
  | 'ready'
  /** the current step is being signed and broadcast */
  | 'sending'
  /** the current step's transaction is on its way into a block */
  | 'mining'
  | 'done'
  | 'failed'
  | 'cancelled'

export interface Flow<I = unknown, S = unknown> {
  id: string
  kind: string
  intent: I
  /** the account that signs every step */
  from: Address
  createdAt: number
  updatedAt: number
  steps: FlowStep[]
  /** the step to confirm next (or being sent / mined); steps.length once done */
  current: number
  status: FlowStatus
  /** the current step's transaction exactly as it will be signed, with its fee (`base`: as prepared, before the user's fee choice) */
  prepared?: { tx: PreparedTx; fee: FeeQuote | null; feeError?: string; at: number; base?: PreparedTx }
  /** the fees (gas limit, nonce) the user chose for step `step` in its fee editor: applied whenever that step is prepared */
  fees?: { step: number; choice: FeeChoice }
  /** what the kind shows beside the steps (exit time, whole cost, what arrives where) */
  summary?: S
  /** the tracked bridge item this flow created, once signed */
  trackedId?: string
  /** why the flow stopped, or why the last try failed (the step can be confirmed again) */
  error?: string
}

/** A step as the kind builds it: the request the pipeline prepares (nonce, gas, fees filled in). */
export interface StepRequest extends TxRequest {
  chainId: number
}

/** What a kind of flow knows; the engine does the rest (storage, preparing, sending, watching, resuming). */
export interface FlowKind<I = unknown, S = unknown> {
  kind: string
  /** checks the intent and plans the steps known now (labels, chains), with the summary */
  plan(intent: I): Promise<{ from: Address; steps: Pick<FlowStep, 'role' | 'label' | 'chainId' | 'call'>[]; summary?: S }>
  /** the request of step `index` against the chain as it is now; null when the step is no longer needed (an allowance already there) */
  build(flow: Flow<I, S>, index: number): Promise<StepRequest | null>
  /** the summary again, with the current step prepared (fees at today's prices) */
  summarize?(flow: Flow<I, S>): Promise<S | undefined>
  /** right before signing: re-checks what may have changed since the step was prepared (throws to refuse) */
  beforeSend?(flow: Flow<I, S>, tx: PreparedTx): Promise<void>
  /** how the step is sent: its activity title, what to store once it is signed (a tracked item), and what to undo when it could not be sent */
  sendMeta(flow: Flow<I, S>, index: number, setTracked: (id: string) => void): Omit<SendMeta, 'origin'> & { onFailed?: (err: unknown) => Promise<void> }
  /** a step's receipt arrived (success or not): the kind's own records follow */
  onMined?(flow: Flow<I, S>, index: number, receipt: TransactionReceipt): Promise<void>
  /** after a step was sent: the kind's trackers look sooner */
  afterSend?(flow: Flow<I, S>, index: number, hash: Hex): void
}

/** What a screen shows of a flow: the stored flow as is (no secrets in it). */
export type FlowView<I = unknown, S = unknown> = Flow<I, S>
