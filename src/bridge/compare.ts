// The supported L2s side by side: how each proves withdrawals today, how long an exit takes and
// what the whole exit costs at today's gas prices (a representative L2 initiate, with no account
// involved, + L1 prove + L1 finalize), all read from chain now. A chain that does not answer gets
// its own row saying so; the others still show.
import type { Network } from '../chains/types.ts'
import { withdrawalExitCost } from '../rollup/bridge-cost.ts'
import { feeAmounts } from '../rollup/fees.ts'
import { describeProofSystem } from '../rollup/proof-system.ts'
import { exitDuration, formatDuration } from '../rollup/exit-time.ts'
import { representativeInitiate } from './cost.ts'
import type { BridgeContext } from './context.ts'
import { exitWords } from './exit-words.ts'

export interface CompareRow {
  l2ChainId: number
  name: string
  l1Name: string
  testnet: boolean
  ok: boolean
  error?: string
  /** "OptimismPortal2 3.10.0, permissioned fault proofs (game type 1)" */
  system?: string
  /** the same in plain words, and the details behind it (src/bridge/exit-words.ts) */
  plain?: string
  technical?: string
  /** seconds: wait for a proposal, then for finalization; their sum */
  proveWaitSeconds?: number | null
  finalizeWaitSeconds?: number | null
  totalSeconds?: number | null
  /** "about 3 d 12 h" */
  exitText?: string
  reason?: string
  /** the whole exit at today's prices, wei (decimal strings): L2 initiate (measured gas) + L1 prove + L1 finalize */
  cost?: { total: string; max: string; initiate: string; l1: string; gasSource: string } | null
  costError?: string
}

const TIMEOUT_MS = 15_000

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS))])
}

export async function compareRollups(ctx: BridgeContext, opts: { l1ChainIds?: number[] } = {}): Promise<CompareRow[]> {
  const networks = await ctx.networks()
  const rollups = networks.filter((n) => n.rollup && (!opts.l1ChainIds || opts.l1ChainIds.includes(n.rollup.l1ChainId)))
  return Promise.all(rollups.map((l2) => row(ctx, l2, networks.find((n) => n.chainId === l2.rollup!.l1ChainId))))
}

async function row(ctx: BridgeContext, l2: Network, l1: Network | undefined): Promise<CompareRow> {
  const base = { l2ChainId: l2.chainId, name: l2.name, l1Name: l1?.name ?? `chain ${l2.rollup!.l1ChainId}`, testnet: !!l2.testnet }
  if (!l1) return { ...base, ok: false, error: 'The wallet does not know its L1.' }
  try {
    const p = await withTimeout(ctx.params(l2), l1.name)
    const d = exitDuration(p)
    const out: CompareRow = {
      ...base,
      ok: true,
      system: describeProofSystem(p.system),
      ...exitWords(p),
      proveWaitSeconds: d.proveWaitSeconds,
      finalizeWaitSeconds: d.finalizeWaitSeconds,
      totalSeconds: d.totalSeconds,
      exitText: d.totalSeconds !== null ? `about ${formatDuration(d.totalSeconds)}` : 'not predictable',
      reason: d.reason,
    }
    try {
      const l2Client = ctx.client(l2)
      const cost = await withTimeout(
        representativeInitiate(l2, l2Client).then((initiate) => withdrawalExitCost({ l2, l2Client, initiate, l1, l1Client: ctx.client(l1), portal: l2.rollup!.portal, path: 'eth' })),
        `${l2.name} or ${l1.name}`,
      )
      // the initiate has no account behind it: its gas is the measured figure, not a prepared one
      const steps = cost.steps.map((s) => (s.step === 'initiate' ? { ...s, gasSource: 'measured' as const } : s))
      const initiate = steps.find((s) => s.step === 'initiate')!
      out.cost = {
        total: cost.total.toString(),
        max: cost.max.toString(),
        initiate: initiate.fee.total,
        l1: (cost.total - feeAmounts(initiate.fee).total).toString(),
        gasSource: steps.map((s) => `${s.step}: ${s.gasSource}`).join(', '),
      }
    } catch (err) {
      out.cost = null
      out.costError = (err as Error).message
    }
    return out
  } catch (err) {
    return { ...base, ok: false, error: (err as { shortMessage?: string; message?: string }).shortMessage ?? (err as Error).message }
  }
}
