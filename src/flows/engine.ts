// The engine behind every multi-step flow: a kind (src/bridge/flow-kinds.ts, src/claim/flow-kind.ts)
// says what its steps are and how each is built; the engine stores the flow, prepares the current
// step through the transaction pipeline (with its fee), sends it when the user confirms it by id,
// follows its receipt, prepares the next step once it is mined, and resumes all of this after a
// service-worker restart. Nothing here waits on a screen: the UI only confirms and watches.
import type { Hex, TransactionReceipt } from 'viem'
import { WalletError, toErrorShape } from '../errors.ts'
import type { Quoted, TxPipeline } from '../tx/pipeline.ts'
import { applyFeeChoice, type FeeChoice } from '../tx/fee-levels.ts'
import type { PreparedTx } from '../tx/types.ts'
import { receiptOrNull } from '../chains/receipt.ts'
import { Mutex } from '../util/mutex.ts'
import { FlowStore, isFinishedFlow } from './store.ts'
import type { Flow, FlowKind, FlowStep } from './types.ts'

export const FLOW_ALARM = 'flows-watch'
/** how often mined-or-not is asked while a step is on its way (the alarm is the backup after a restart) */
export const WATCH_EVERY_MS = 1_000
export const ALARM_EVERY_MS = 30_000
/** a signed step no node knows after this long is taken as never sent */
export const LOST_AFTER_MS = 120_000

export interface FlowEngineDeps {
  store: FlowStore
  pipeline: TxPipeline
  now(): number
  /** the alarm that wakes a stopped worker to go on watching */
  setAlarm(name: string, when: number): void
  clearAlarm(name: string): void
  onAlarm(name: string, handler: () => Promise<void>): void
  /** a flow changed (the UI's subscription) */
  onChange?(flow: Flow): void
  /** a step's receipt was read (the activity list settles that transaction at once) */
  onReceipt?(chainId: number, receipt: TransactionReceipt): Promise<void>
  /**
   * The transactions sharing a step's nonce, itself included (a speed-up or a cancel of it sent from
   * the activity list): the step follows whichever is mined; a mined cancel sends the step back to the user.
   */
  family?(chainId: number, hash: Hex): Promise<{ hash: Hex; cancel: boolean }[]>
  newId?(): string
  watchEveryMs?: number
}

export class FlowEngine {
  private readonly kinds = new Map<string, FlowKind<any, any>>()
  private readonly locks = new Map<string, Mutex>()
  private timer: ReturnType<typeof setTimeout> | null = null
  private watching: Promise<void> | null = null

  constructor(private readonly deps: FlowEngineDeps) {
    deps.onAlarm(FLOW_ALARM, () => this.watch())
  }

  register(kind: FlowKind<any, any>): void {
    if (this.kinds.has(kind.kind)) throw new Error(`flow kind "${kind.kind}" registered twice`)
    this.kinds.set(kind.kind, kind)
  }

  private kindOf(flow: Pick<Flow, 'kind'>): FlowKind {
    const k = this.kinds.get(flow.kind)
    if (!k) throw new WalletError('UNKNOWN_FLOW_KIND', `This wallet has no flow of kind "${flow.kind}".`)
    return k
  }

  private lock(id: string): Mutex {
    let m = this.locks.get(id)
    if (!m) this.locks.set(id, (m = new Mutex()))
    return m
  }

  async get(id: string): Promise<Flow> {
    const f = await this.deps.store.get(id)
    if (!f) throw new WalletError('UNKNOWN_FLOW', 'This flow is not in the wallet any more. Start again.')
    return f
  }

  async list(filter: { open?: boolean } = {}): Promise<Flow[]> {
    const all = await this.deps.store.list()
    return filter.open ? all.filter((f) => !isFinishedFlow(f)) : all
  }

  /** Plans the flow, stores it, and prepares its first step with its fee. */
  async start(kindName: string, intent: unknown): Promise<Flow> {
    const kind = this.kindOf({ kind: kindName })
    // the same intent already open (a screen opened again, a second click): that flow, not a second one
    const same = (await this.list({ open: true })).find((f) => f.kind === kindName && JSON.stringify(f.intent) === JSON.stringify(intent))
    if (same) return this.lock(same.id).run(async () => {
      const f = await this.get(same.id)
      return f.status === 'ready' ? this.prepareCurrent(f) : f
    })
    const plan = await kind.plan(intent)
    if (!plan.steps.length) throw new WalletError('NOTHING_TO_DO', 'There is nothing to sign for this.')
    const now = this.deps.now()
    const flow: Flow = {
      id: this.deps.newId?.() ?? crypto.randomUUID(),
      kind: kindName,
      intent,
      from: plan.from,
      createdAt: now,
      updatedAt: now,
      steps: plan.steps.map((s) => ({ ...s, status: 'todo' })),
      current: 0,
      status: 'preparing',
      ...(plan.summary !== undefined ? { summary: plan.summary } : {}),
    }
    await this.deps.store.put(flow)
    return this.lock(flow.id).run(() => this.prepareCurrent(flow))
  }

  /**
   * Prepares the current step: built against the chain now (a step no longer needed is skipped),
   * nonce, gas and fee filled in. A failure leaves the flow at that step with the reason, to retry.
   */
  private async prepareCurrent(flow: Flow, note?: string): Promise<Flow> {
    const kind = this.kindOf(flow)
    let f: Flow = { ...flow, status: 'preparing' }
    delete f.prepared
    delete f.error
    if (note) f.error = note
    try {
      for (;;) {
        if (f.current >= f.steps.length) {
          f = { ...f, status: 'done' }
          break
        }
        const req = await kind.build(f, f.current)
        if (req === null) {
          f = { ...f, steps: setStep(f.steps, f.current, { status: 'skipped' }), current: f.current + 1 }
          continue
        }
        const { chainId, ...rest } = req
        let quoted: Quoted & { base?: PreparedTx } = await this.deps.pipeline.prepareQuoted(chainId, rest)
        // the fees the user chose for this step stay chosen (a step prepared again after a failed send, a restart)
        if (f.fees && f.fees.step === f.current) {
          const chosen = chosenTx(quoted.tx, f.fees.choice)
          if (chosen) quoted = { tx: chosen, base: quoted.tx, ...(await this.deps.pipeline.quoteOrError(chosen)) }
          else delete f.fees
        } else delete f.fees
        f = { ...f, status: 'ready', steps: setStep(f.steps, f.current, { status: 'ready' }), prepared: { ...quoted, at: this.deps.now() } }
        const summary = kind.summarize ? await kind.summarize(f).catch(() => f.summary) : f.summary
        if (summary !== undefined) f.summary = summary
        break
      }
    } catch (err) {
      f = { ...f, status: 'ready', error: toErrorShape(err).message }
      delete f.prepared
    }
    return this.save(f)
  }

  /** The fee (and the summary's prices) of the current step again, at today's prices; no-op unless the flow waits for the user. */
  requote(id: string): Promise<Flow> {
    return this.lock(id).run(async () => {
      const f = await this.get(id)
      if (f.status !== 'ready') return f
      if (!f.prepared) return this.prepareCurrent(f)
      const q = await this.deps.pipeline.quoteOrError(f.prepared.tx)
      const next: Flow = { ...f, prepared: { ...f.prepared, fee: q.fee ?? f.prepared.fee, ...(q.feeError ? { feeError: q.feeError } : {}), at: q.fee ? this.deps.now() : f.prepared.at } }
      if (!q.feeError) delete next.prepared!.feeError
      const kind = this.kindOf(f)
      if (kind.summarize) {
        const s = await kind.summarize(next).catch(() => undefined)
        if (s !== undefined) next.summary = s
      }
      return this.save(next)
    })
  }

  /**
   * The user chose the fees (gas limit, nonce) of step `index` in its fee editor: the step's
   * transaction is the prepared one with that choice, quoted again, and is what `confirm` signs.
   * An empty choice goes back to the fees as prepared.
   */
  setFees(id: string, index: number, choice: FeeChoice): Promise<Flow> {
    return this.lock(id).run(async () => {
      const f = await this.get(id)
      if (f.current !== index) throw new WalletError('STALE_STEP', 'This step was already confirmed or is not the next one. The screen shows where the flow is now.')
      if (f.status !== 'ready' || !f.prepared) throw new WalletError('STEP_NOT_READY', 'This step is not waiting for its confirmation; its fees cannot change now.')
      const base = f.prepared.base ?? f.prepared.tx
      const tx = applyFeeChoice(base, choice)
      const q = await this.deps.pipeline.quoteOrError(tx)
      const next: Flow = { ...f, fees: { step: index, choice }, prepared: { tx, base, fee: q.fee, ...(q.feeError ? { feeError: q.feeError } : {}), at: this.deps.now() } }
      const kind = this.kindOf(f)
      if (kind.summarize) {
        const sum = await kind.summarize(next).catch(() => undefined)
        if (sum !== undefined) next.summary = sum
      }
      return this.save(next)
    })
  }

  /** The user confirmed step `index`: its prepared transaction is checked again, signed and sent. */
  confirm(id: string, index: number): Promise<Flow> {
    return this.lock(id).run(async () => {
      let f = await this.get(id)
      if (isFinishedFlow(f)) throw new WalletError('FLOW_FINISHED', 'This flow is finished; nothing more to sign.')
      if (f.current !== index) throw new WalletError('STALE_STEP', 'This step was already confirmed or is not the next one. The screen shows where the flow is now.')
      if (f.status !== 'ready' || !f.prepared) {
        throw new WalletError('STEP_NOT_READY', f.status === 'mining' || f.status === 'sending' ? 'This step is already on its way.' : `This step is not ready to sign: ${f.error ?? 'it is still being prepared'}.`)
      }
      const kind = this.kindOf(f)
      const tx = f.prepared.tx
      await kind.beforeSend?.(f, tx)
      f = await this.save({ ...f, status: 'sending', steps: setStep(f.steps, index, { status: 'sending' }) })
      let tracked: string | undefined
      const meta = kind.sendMeta(f, index, (tid) => (tracked = tid))
      let hash: Hex
      try {
        hash = await this.deps.pipeline.send(tx, {
          ...meta,
          origin: 'wallet',
          onSigned: async (h) => {
            await meta.onSigned?.(h)
            // from its signature on, the step is followed: a worker stopped now resumes by this hash
            f = await this.save({ ...f, status: 'mining', steps: setStep(f.steps, index, { status: 'mining', hash: h }), ...(tracked ? { trackedId: tracked } : {}) })
          },
        })
      } catch (err) {
        await meta.onFailed?.(err).catch((e) => console.error(`flow ${id}: undoing a send that failed`, e))
        // not sent: the step can be confirmed again, prepared afresh (the nonce or the fee may have moved)
        const failed: Flow = { ...f, status: 'ready', steps: setStep(f.steps, index, { status: 'ready', hash: undefined }), error: `Not sent: ${toErrorShape(err).message}` }
        delete failed.trackedId
        await this.save(failed)
        throw err
      }
      f = await this.save({ ...f, status: 'mining', steps: setStep(f.steps, index, { status: 'mining', hash }), ...(tracked ? { trackedId: tracked } : {}) })
      kind.afterSend?.(f, index, hash)
      this.arm()
      return f
    })
  }

  /** Drops a flow that is not on its way; a step already sent cannot be called back. */
  cancel(id: string): Promise<Flow> {
    return this.lock(id).run(async () => {
      const f = await this.get(id)
      if (f.status === 'sending' || f.status === 'mining') throw new WalletError('FLOW_BUSY', 'A transaction of this flow is on its way; it cannot be called back. The flow stops after it.')
      if (isFinishedFlow(f)) return f
      return this.save({ ...f, status: 'cancelled' })
    })
  }

  /** At background start: flows that were on their way are followed again; one cut off while preparing is prepared again. */
  async resume(): Promise<void> {
    const open = await this.list({ open: true })
    for (const f of open) {
      if (f.status === 'preparing') await this.lock(f.id).run(async () => this.prepareCurrent(await this.get(f.id)))
      else if (f.status === 'sending') {
        // stopped between the confirmation and the signature: nothing was signed
        await this.lock(f.id).run(async () => this.prepareCurrent({ ...(await this.get(f.id)), steps: setStep(f.steps, f.current, { status: 'ready' }) }))
      }
    }
    if (open.some((f) => f.status === 'mining')) await this.watch()
  }

  private arm(): void {
    this.deps.setAlarm(FLOW_ALARM, this.deps.now() + ALARM_EVERY_MS)
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = null
      void this.watch()
    }, this.deps.watchEveryMs ?? WATCH_EVERY_MS)
    // in node (tests) a pending look does not keep the process alive; a browser has no unref
    ;(this.timer as { unref?: () => void }).unref?.()
  }

  /** One look at every step on its way: mined, the next step is prepared; reverted, the flow stops with the reason. */
  watch(): Promise<void> {
    this.watching ??= this.watchOnce().finally(() => {
      this.watching = null
    })
    return this.watching
  }

  private async watchOnce(): Promise<void> {
    const mining = (await this.list({ open: true })).filter((f) => f.status === 'mining')
    await Promise.all(mining.map((f) => this.follow(f.id).catch((err) => console.error(`flow ${f.id}: watching failed`, err))))
    const still = (await this.list({ open: true })).some((f) => f.status === 'mining')
    if (still) this.arm()
    else this.deps.clearAlarm(FLOW_ALARM)
  }

  private follow(id: string): Promise<void> {
    return this.lock(id).run(async () => {
      let f = await this.get(id)
      if (f.status !== 'mining') return
      const step = f.steps[f.current]
      if (!step?.hash) return
      const network = await this.deps.pipeline.network(step.chainId)
      const client = this.deps.pipeline.client(network)
      // the step's transaction and whatever took its nonce (a speed-up, a cancel): the one mined counts
      const family = (await this.deps.family?.(step.chainId, step.hash).catch(() => null)) ?? []
      const candidates = family.some((c) => c.hash === step.hash) ? family : [{ hash: step.hash, cancel: false }, ...family]
      const receipts = await Promise.all(candidates.map((c) => receiptOrNull(client, c.hash).catch(() => null)))
      const mined = receipts.findIndex((r) => r !== null)
      if (mined < 0) {
        // signed but never broadcast (the worker stopped in between): after a while, the step is prepared again
        const known = await Promise.all(
          candidates.map((c) =>
            client.getTransaction({ hash: c.hash }).then(
              () => true,
              (err: Error) => (err.name === 'TransactionNotFoundError' ? false : true),
            ),
          ),
        )
        if (!known.some(Boolean) && this.deps.now() - f.updatedAt > LOST_AFTER_MS) {
          await this.prepareCurrent({ ...f, steps: setStep(f.steps, f.current, { status: 'ready', hash: undefined }) }, 'The last transaction never reached the network; confirm the step again.')
        }
        return
      }
      const receipt = receipts[mined]!
      const winner = candidates[mined]
      const kind = this.kindOf(f)
      await this.deps.onReceipt?.(step.chainId, receipt).catch((err) => console.error(`flow ${id}: settling its activity`, err))
      if (winner.hash !== step.hash) {
        if (winner.cancel) {
          // the user cancelled the step's transaction from the activity list: nothing of it happened
          await this.prepareCurrent({ ...f, steps: setStep(f.steps, f.current, { status: 'ready', hash: undefined }) }, `You cancelled “${step.label}”: nothing was done. Confirm the step again to send it, or cancel the flow.`)
          return
        }
        // sped up: the step is the replacement from now on
        f = await this.save({ ...f, steps: setStep(f.steps, f.current, { hash: winner.hash }) })
      }
      await kind.onMined?.(f, f.current, receipt).catch((err) => console.error(`flow ${id}: after the receipt`, err))
      if (receipt.status !== 'success') {
        await this.save({ ...f, status: 'failed', steps: setStep(f.steps, f.current, { status: 'failed', error: 'Reverted on chain.' }), error: `“${step.label}” failed on chain (it reverted); nothing after it was sent.` })
        return
      }
      await this.prepareCurrent({ ...f, steps: setStep(f.steps, f.current, { status: 'done' }), current: f.current + 1 })
    })
  }

  private async save(f: Flow): Promise<Flow> {
    const stored = await this.deps.store.put(f)
    this.deps.onChange?.(stored)
    return stored
  }
}

/** The prepared transaction with the user's choice, or null when the choice no longer applies (a fee field of the other type). */
function chosenTx(tx: PreparedTx, choice: FeeChoice): PreparedTx | null {
  try {
    return applyFeeChoice(tx, choice)
  } catch {
    return null
  }
}

function setStep(steps: FlowStep[], index: number, patch: Partial<FlowStep>): FlowStep[] {
  return steps.map((s, i) => {
    if (i !== index) return s
    const next = { ...s, ...patch }
    for (const k of Object.keys(patch) as (keyof FlowStep)[]) if (patch[k] === undefined) delete next[k]
    return next
  })
}
