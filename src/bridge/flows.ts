// The transactions of a bridging flow: what to sign for an intent (a deposit approves first when the
// allowance is short), the tracked item each stores from its signature on, and the prove / finalize
// step of a tracked withdrawal against the chain as it is now. The flow kinds (./flow-kinds.ts) run
// them through the background's flow engine; nothing here sends.
import { getAddress, isAddress, type Address, type Hex } from 'viem'
import { erc20Abi } from '../abi/erc20.ts'
import { WalletError } from '../errors.ts'
import type { BridgeContext } from './context.ts'
import { erc20DepositTxs, ethDepositTxs, type FlowTx } from './deposit.ts'
import { finalizeTx } from './finalize.ts'
import { proveStep } from './prove.ts'
import { effectiveCadence } from '../rollup/exit-time.ts'
import type { BridgeItem, BridgeToken, DepositItem, WithdrawalItem } from './types.ts'
import { erc20WithdrawalTx, ethWithdrawalTx } from './withdraw.ts'

export type Direction = 'deposit' | 'withdraw'

export interface BridgeIntent {
  direction: Direction
  l2ChainId: number
  token: BridgeToken
  /** base units, decimal string */
  amount: string
  from: string
  /** receiver on the other side; the sender's own address when absent */
  to?: string
}

export function parseIntent(i: BridgeIntent): { amount: bigint; from: Address; to: Address; token: BridgeToken } {
  let amount: bigint
  try {
    amount = BigInt(i.amount)
  } catch {
    throw new WalletError('BAD_AMOUNT', 'The amount is not a whole number of base units.')
  }
  if (amount <= 0n) throw new WalletError('BAD_AMOUNT', 'Enter an amount above zero.')
  if (!isAddress(i.from, { strict: false })) throw new WalletError('BAD_ADDRESS', 'The sending account is not an address.')
  const to = i.to ? i.to : i.from
  if (!isAddress(to, { strict: false })) throw new WalletError('BAD_ADDRESS', 'The receiver is not an address (0x followed by 40 hex digits).')
  const token = i.token
  if (!token || typeof token.symbol !== 'string' || !Number.isInteger(token.decimals)) throw new WalletError('BAD_TOKEN', 'Choose a token to bridge.')
  return { amount, from: getAddress(i.from), to: getAddress(to), token }
}

/** The transactions still to sign for this intent, in order (an ERC-20 deposit approves first when the allowance is short). */
export async function buildFlow(ctx: BridgeContext, intent: BridgeIntent): Promise<FlowTx[]> {
  const { amount, to, token: t } = parseIntent(intent)
  const l2 = await ctx.network(intent.l2ChainId)
  if (!l2.rollup) throw new WalletError('NOT_A_ROLLUP', `${l2.name} is not a rollup the wallet can bridge to.`)
  if (intent.direction === 'withdraw') {
    if (!t.l2) return [ethWithdrawalTx({ l2ChainId: l2.chainId, to, amount, l2Name: l2.name })]
    return [erc20WithdrawalTx({ l2ChainId: l2.chainId, l2Token: t.l2, to, amount, symbol: t.symbol, decimals: t.decimals, l2Name: l2.name })]
  }
  if (!t.l1) return ethDepositTxs(l2.rollup, { to, amount, l2Name: l2.name })
  if (!t.l2) throw new WalletError('NO_PAIR', `The wallet knows no ${t.symbol} on ${l2.name} to deposit to.`)
  const allowance = await allowanceOf(ctx, intent)
  return erc20DepositTxs(l2.rollup, { l1Token: t.l1, l2Token: t.l2, to, amount, allowance, symbol: t.symbol, decimals: t.decimals, l2Name: l2.name })
}

/** The L1 bridge's allowance for an ERC-20 deposit (0 where the rollup has no known bridge). */
export async function allowanceOf(ctx: BridgeContext, intent: BridgeIntent): Promise<bigint> {
  const { from, token } = parseIntent(intent)
  const l2 = await ctx.network(intent.l2ChainId)
  const bridge = l2.rollup?.l1StandardBridge
  if (!token.l1 || !bridge) return 0n
  const l1 = await ctx.network(l2.rollup!.l1ChainId)
  return ctx.client(l1).readContract({ address: token.l1, abi: erc20Abi, functionName: 'allowance', args: [from, bridge] })
}

/** The tracked item a deposit or withdrawal becomes once signed (its L1 or L2 hash is its id). */
export async function trackedItem(ctx: BridgeContext, intent: BridgeIntent, hash: Hex): Promise<BridgeItem> {
  const { amount, from, to, token } = parseIntent(intent)
  const l2 = await ctx.network(intent.l2ChainId)
  const base = { id: `${l2.chainId}:${hash}`, l2ChainId: l2.chainId, l1ChainId: l2.rollup!.l1ChainId, account: from, to, token, amount: amount.toString(), createdAt: ctx.now() }
  return intent.direction === 'withdraw'
    ? ({ kind: 'withdrawal', ...base, l2Hash: hash, status: 'initiating' } satisfies WithdrawalItem)
    : ({ kind: 'deposit', ...base, l1Hash: hash, status: 'pending' } satisfies DepositItem)
}

export async function withdrawalOf(ctx: BridgeContext, id: string): Promise<WithdrawalItem> {
  const w = await ctx.store.get(id)
  if (!w || w.kind !== 'withdrawal') throw new WalletError('UNKNOWN_ITEM', 'The wallet does not track that withdrawal.')
  return w
}

/** The prove or finalize transaction of a tracked withdrawal, against the chain as it is now. */
export async function buildStep(ctx: BridgeContext, id: string, step: 'prove' | 'finalize'): Promise<FlowTx> {
  const w = await withdrawalOf(ctx, id)
  const l2 = await ctx.network(w.l2ChainId)
  const l1 = await ctx.network(w.l1ChainId)
  const params = await ctx.params(l2, { fresh: true })
  if (step === 'finalize') return finalizeTx(params.system, w)
  return proveStep(ctx.client(l1), ctx.client(l2), params.system, w, { ...(params.gamesValidAfter !== undefined ? { gamesValidAfter: params.gamesValidAfter } : {}), proposalEverySeconds: effectiveCadence(params)?.intervalSeconds ?? null })
}

/** From the prove (finalize) transaction's signature on, the withdrawal shows "proving" ("finalizing"). */
export async function markStepSigned(ctx: BridgeContext, id: string, step: 'prove' | 'finalize', submitter: Address, hash: Hex): Promise<void> {
  await ctx.store.update<WithdrawalItem>(id, (x) =>
    step === 'prove'
      ? { ...x, status: 'proving', proof: { ...x.proof, submitter, hash }, notified: { ...x.notified, prove: true }, error: undefined }
      : { ...x, status: 'finalizing', finalizeHash: hash, notified: { ...x.notified, finalize: true }, error: undefined },
  )
}
