// The bridge's flows, run by the background's flow engine (src/flows/engine.ts):
//   'bridge'          a deposit (an ERC-20 approves first when the allowance is short) or a withdrawal,
//                     with the exit time and the whole cost as its summary; the deposit or withdrawal
//                     is tracked from its signature on;
//   'bridge.prove'    the prove step of a tracked withdrawal, built against the chain as it is then;
//   'bridge.finalize' its finalize step.
import { formatUnits, getAddress, type Address, type Hex } from 'viem'
import { erc20Abi } from '../abi/erc20.ts'
import type { Network } from '../chains/types.ts'
import { WalletError, toErrorShape } from '../errors.ts'
import type { Flow, FlowKind, FlowStep } from '../flows/types.ts'
import { effectiveCadence, exitDuration, formatDuration } from '../rollup/exit-time.ts'
import { describeProofSystem } from '../rollup/proof-system.ts'
import type { BridgeContext } from './context.ts'
import { exitWords } from './exit-words.ts'
import { flowCost, type BridgeCostView } from './cost.ts'
import type { FlowTx } from './deposit.ts'
import { allowanceOf, buildFlow, buildStep, markStepSigned, parseIntent, trackedItem, withdrawalOf, type BridgeIntent } from './flows.ts'
import type { WithdrawalItem } from './types.ts'

export interface ExitInfo {
  /** "About 3 d 12 h: …" */
  text: string
  totalSeconds: number | null
  proveWaitSeconds: number | null
  finalizeWaitSeconds: number | null
  system: string
  /** "Withdrawals take about 7 d 12 h: a permissioned proposer posts a state …" */
  plain?: string
  /** contract versions and game type, for a "technical details" disclosure */
  technical?: string
}

export interface BridgeSummary {
  /** withdrawals: today's exit time read from the chain */
  exit: ExitInfo | null
  /** the rest of the flow at today's prices */
  cost: BridgeCostView | null
  costError?: string
  /** what arrives where */
  receive: { amount: string; symbol: string; decimals: number; chainId: number; chainName: string; to: Address }
}

export interface StepIntent {
  /** the tracked withdrawal */
  id: string
}

const toStep = (t: FlowTx): Pick<FlowStep, 'role' | 'label' | 'chainId' | 'call'> => ({ role: t.role, label: t.label, chainId: t.chainId, call: { to: t.to, data: t.data, value: t.value.toString() } })
const fromStep = (s: FlowStep): FlowTx => ({ role: s.role as FlowTx['role'], label: s.label, chainId: s.chainId, to: s.call!.to, data: s.call!.data, value: BigInt(s.call!.value) })
const request = (t: FlowTx, from: Address) => ({ chainId: t.chainId, from, to: t.to, data: t.data, value: t.value })

export function bridgeFlowKind(ctx: BridgeContext): FlowKind<BridgeIntent, BridgeSummary> {
  const exitOf = async (l2ChainId: number): Promise<ExitInfo> => {
    try {
      const net = await ctx.network(l2ChainId)
      let p = await ctx.params(net)
      // parameters kept from before the chain had two proposals: read again rather than tell someone
      // about to sign that the time cannot be predicted when it now can
      if (!effectiveCadence(p)) p = await ctx.params(net, { fresh: true })
      const d = exitDuration(p)
      return { ...d, text: d.totalSeconds !== null ? `About ${formatDuration(d.totalSeconds)}: ${d.reason}` : d.reason, system: describeProofSystem(p.system), ...exitWords(p) }
    } catch (err) {
      return { text: `The exit time could not be read: ${toErrorShape(err).message}`, totalSeconds: null, proveWaitSeconds: null, finalizeWaitSeconds: null, system: '' }
    }
  }
  return {
    kind: 'bridge',
    async plan(intent) {
      const { from, to, amount, token } = parseIntent(intent)
      const txs = await buildFlow(ctx, intent)
      const l2 = await ctx.network(intent.l2ChainId)
      const source = await ctx.network(intent.direction === 'deposit' ? l2.rollup!.l1ChainId : l2.chainId)
      const arrival = await ctx.network(intent.direction === 'deposit' ? l2.chainId : l2.rollup!.l1ChainId)
      const held = await balanceOn(ctx, source, intent.direction === 'deposit' ? token.l1 : token.l2, from)
      if (amount > held) {
        throw new WalletError('INSUFFICIENT_FUNDS', `This account has ${formatUnits(held, token.decimals)} ${token.symbol} on ${source.name}, less than the ${formatUnits(amount, token.decimals)} ${token.symbol} to move.`)
      }
      return {
        from,
        steps: txs.map(toStep),
        summary: {
          exit: intent.direction === 'withdraw' ? await exitOf(l2.chainId) : null,
          cost: null,
          receive: { amount: amount.toString(), symbol: token.symbol, decimals: token.decimals, chainId: arrival.chainId, chainName: arrival.name, to },
        },
      }
    },
    async build(flow, index) {
      const step = flow.steps[index]
      // an approval mined elsewhere (or left from before) makes the approve step unnecessary
      if (step.role === 'approve' && (await allowanceOf(ctx, flow.intent)) >= BigInt(flow.intent.amount)) return null
      return request(fromStep(step), flow.from)
    },
    async summarize(flow) {
      const base = flow.summary!
      if (!flow.prepared) return base
      try {
        return { ...base, cost: await flowCost(ctx, flow.intent, flow.steps.map(fromStep), flow.current, flow.prepared.tx), costError: undefined }
      } catch (err) {
        return { ...base, costError: toErrorShape(err).message }
      }
    },
    sendMeta(flow, index, setTracked) {
      const step = flow.steps[index]
      if (step.role === 'approve') return { title: step.label }
      let stored: string | null = null
      return {
        title: step.label,
        onSigned: async (hash: Hex) => {
          const item = await trackedItem(ctx, flow.intent, hash)
          await ctx.store.add([item], { replace: true })
          stored = item.id
          setTracked(item.id)
        },
        onFailed: async (err: unknown) => {
          if (stored) await ctx.store.update(stored, (x) => ({ ...x, status: 'failed', error: `Not sent: ${toErrorShape(err).message}` }) as typeof x)
        },
      }
    },
    afterSend() {
      ctx.schedule(ctx.now() + 5000)
    },
  }
}

/** Prove or finalize a tracked withdrawal: one step, built when the flow starts (the proposal to prove against, the storage proof). */
export function withdrawalStepKind(ctx: BridgeContext, step: 'prove' | 'finalize'): FlowKind<StepIntent, undefined> {
  return {
    kind: `bridge.${step}`,
    async plan(intent) {
      const w = await withdrawalOf(ctx, intent.id)
      // a state the tracker has not caught up with yet is checked by the chain itself when the step is built
      const ready = step === 'prove' ? ['waiting-proposal', 'ready-to-prove'] : ['proven', 'ready-to-finalize']
      if (!ready.includes(w.status) && !(step === 'prove' && w.reprove)) {
        throw new WalletError('NOT_READY', step === 'prove' ? 'This withdrawal cannot be proven now.' : 'This withdrawal cannot be finalized yet.')
      }
      const tx = await buildStep(ctx, intent.id, step)
      return { from: getAddress(w.account), steps: [toStep(tx)] }
    },
    async build(flow) {
      // built again against the chain now (a newer proposal, the proof's submitter)
      return request(await buildStep(ctx, flow.intent.id, step), flow.from)
    },
    sendMeta(flow, index) {
      let before: WithdrawalItem | undefined
      return {
        title: flow.steps[index].label,
        onSigned: async (hash: Hex) => {
          before = await withdrawalOf(ctx, flow.intent.id)
          await markStepSigned(ctx, flow.intent.id, step, flow.from, hash)
        },
        onFailed: async (err: unknown) => {
          if (before) await ctx.store.update<WithdrawalItem>(flow.intent.id, () => ({ ...before!, error: `Not sent: ${toErrorShape(err).message}` }))
        },
      }
    },
    afterSend() {
      ctx.schedule(ctx.now() + 5000)
    },
  }
}

export type BridgeFlow = Flow<BridgeIntent, BridgeSummary>

async function balanceOn(ctx: BridgeContext, n: Network, token: Address | null, owner: Address): Promise<bigint> {
  const client = ctx.client(n)
  return token ? client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] }) : client.getBalance({ address: owner })
}
