// The transactions of a bridging flow as the screens drive them: build (what to sign next; the
// screen prepares it with its fee through 'tx.prepare'), send (through the keyring; a deposit or
// withdrawal is stored for tracking from the moment it is signed), and the prove / finalize
// steps of a tracked withdrawal. Every transaction is checked against the flow it claims to be.
import { getAddress, isAddress, type Address, type Hex } from 'viem'
import { erc20Abi } from '../abi/erc20.ts'
import type { PreparedTx } from '../approvals/types.ts'
import { WalletError } from '../errors.ts'
import { L2_STANDARD_BRIDGE, L2_TO_L1_MESSAGE_PASSER } from '../rollup/detect.ts'
import { signAndSend } from '../tx/send.ts'
import { erc20DepositTxs, ethDepositTxs, type FlowTx } from './deposit.ts'
import { finalizeTx } from './finalize.ts'
import { findProveTarget, proveTx } from './prove.ts'
import type { BridgeService } from './service.ts'
import type { BridgeToken, DepositItem, WithdrawalItem } from './types.ts'
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

/** A FlowTx as it crosses messaging (value as a decimal string). */
export type FlowTxJson = Omit<FlowTx, 'value'> & { value: string }
export const flowJson = (t: FlowTx): FlowTxJson => ({ ...t, value: t.value.toString() })

function parseIntent(i: BridgeIntent) {
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
  const t = i.token
  if (!t || typeof t.symbol !== 'string' || !Number.isInteger(t.decimals)) throw new WalletError('BAD_PARAMS', 'Choose what to bridge.')
  // only what a tracked item needs of the token (the screens' options carry more)
  const token: BridgeToken = { symbol: t.symbol, decimals: t.decimals, l1: t.l1 ? getAddress(t.l1) : null, l2: t.l2 ? getAddress(t.l2) : null }
  return { amount, from: getAddress(i.from), to: getAddress(to), token }
}

/** The transactions still to sign for this flow, in order (an ERC-20 deposit approves first when the allowance is short). */
export async function buildFlow(svc: BridgeService, intent: BridgeIntent): Promise<FlowTx[]> {
  const { amount, from, to, token: t } = parseIntent(intent)
  const l2 = await svc.wallet.networks.require(intent.l2ChainId)
  if (!l2.rollup) throw new WalletError('NOT_A_ROLLUP', `${l2.name} is not a rollup the wallet can bridge to.`)
  if (intent.direction === 'withdraw') {
    if (!t.l2) return [ethWithdrawalTx({ l2ChainId: l2.chainId, to, amount, l2Name: l2.name })]
    return [erc20WithdrawalTx({ l2ChainId: l2.chainId, l2Token: t.l2, to, amount, symbol: t.symbol, l2Name: l2.name })]
  }
  if (!t.l1) return ethDepositTxs(l2.rollup, { to, amount, l2Name: l2.name })
  if (!t.l2) throw new WalletError('NO_PAIR', `The wallet knows no ${t.symbol} on ${l2.name} to deposit to.`)
  const l1 = await svc.wallet.networks.require(l2.rollup.l1ChainId)
  const allowance = l2.rollup.l1StandardBridge
    ? await svc.client(l1).readContract({ address: t.l1, abi: erc20Abi, functionName: 'allowance', args: [from, l2.rollup.l1StandardBridge] })
    : 0n
  return erc20DepositTxs(l2.rollup, { l1Token: t.l1, l2Token: t.l2, to, amount, allowance, symbol: t.symbol, l2Name: l2.name })
}

/** Signs and sends one transaction of the flow; a deposit or withdrawal is tracked from its signature on. */
export async function sendFlowTx(svc: BridgeService, tx: PreparedTx, intent: BridgeIntent, title: string): Promise<{ hash: Hex; id: string | null }> {
  const { amount, from, to, token } = parseIntent(intent)
  if (getAddress(tx.from) !== from) throw new WalletError('BAD_PARAMS', 'The transaction is not from the flow’s account.')
  const l2 = await svc.wallet.networks.require(intent.l2ChainId)
  if (!l2.rollup) throw new WalletError('NOT_A_ROLLUP', `${l2.name} is not a rollup.`)
  const target = tx.to ? getAddress(tx.to) : null
  const now = svc.wallet.platform.now()
  const base = { l2ChainId: l2.chainId, l1ChainId: l2.rollup.l1ChainId, account: from, to, token, amount: amount.toString(), createdAt: now }
  let id: string | null = null
  let onSigned: ((hash: Hex) => Promise<void>) | undefined
  if (intent.direction === 'withdraw') {
    if (tx.chainId !== l2.chainId || (target !== L2_TO_L1_MESSAGE_PASSER && target !== getAddress(L2_STANDARD_BRIDGE))) throw new WalletError('BAD_PARAMS', 'This is not a withdrawal transaction of that L2.')
    onSigned = async (hash) => {
      id = `${l2.chainId}:${hash}`
      const item: WithdrawalItem = { kind: 'withdrawal', id, ...base, l2Hash: hash, status: 'initiating' }
      await svc.store.add([item], { replace: true })
    }
  } else {
    if (tx.chainId !== l2.rollup.l1ChainId) throw new WalletError('BAD_PARAMS', 'A deposit is sent on the L1.')
    const isApprove = token.l1 !== null && target === getAddress(token.l1)
    const isDeposit = target === getAddress(l2.rollup.portal) || (l2.rollup.l1StandardBridge !== undefined && target === getAddress(l2.rollup.l1StandardBridge))
    if (!isApprove && !isDeposit) throw new WalletError('BAD_PARAMS', 'This is not a deposit transaction of that L2.')
    if (isDeposit) {
      onSigned = async (hash) => {
        id = `${l2.chainId}:${hash}`
        const item: DepositItem = { kind: 'deposit', id, ...base, l1Hash: hash, status: 'pending' }
        await svc.store.add([item], { replace: true })
      }
    }
  }
  try {
    const hash = await signAndSend(svc.wallet, svc.activity, tx, { title, origin: 'wallet', ...(onSigned ? { onSigned } : {}) })
    svc.schedule(svc.wallet.platform.now() + 5000)
    return { hash, id }
  } catch (err) {
    const stored: string | null = id
    if (stored) await svc.store.update(stored, (x) => ({ ...x, status: 'failed', error: `Not sent: ${(err as Error).message}` }) as typeof x)
    throw err
  }
}

async function withdrawalOf(svc: BridgeService, id: string): Promise<WithdrawalItem> {
  const w = await svc.store.get(id)
  if (!w || w.kind !== 'withdrawal') throw new WalletError('UNKNOWN_ITEM', 'The wallet does not track that withdrawal.')
  return w
}

/** The prove or finalize transaction of a tracked withdrawal, against the chain as it is now. */
export async function buildStep(svc: BridgeService, id: string, step: 'prove' | 'finalize'): Promise<FlowTx> {
  const w = await withdrawalOf(svc, id)
  const l2 = await svc.wallet.networks.require(w.l2ChainId)
  const l1 = await svc.wallet.networks.require(w.l1ChainId)
  const params = await svc.tracker.paramsFor(l2, { fresh: true })
  if (step === 'finalize') return finalizeTx(params.system, w)
  if (w.l2Block === undefined || !w.message) throw new WalletError('NOT_READY', 'The withdrawal is not mined on L2 yet.')
  const target = await findProveTarget(svc.client(l1), params.system, w.l2Block, params.gamesValidAfter)
  if (!target) throw new WalletError('NOT_READY', 'No state proposal covers this withdrawal yet: the wallet will tell you when one does.')
  return proveTx(svc.client(l2), params.system, w, target)
}

/** Sends a prove or finalize transaction; the withdrawal shows "proving" / "finalizing" from its signature on. */
export async function sendStep(svc: BridgeService, id: string, step: 'prove' | 'finalize', tx: PreparedTx): Promise<{ hash: Hex }> {
  const w = await withdrawalOf(svc, id)
  const l2 = await svc.wallet.networks.require(w.l2ChainId)
  if (tx.chainId !== w.l1ChainId || !tx.to || getAddress(tx.to) !== getAddress(l2.rollup!.portal)) throw new WalletError('BAD_PARAMS', `A ${step} transaction goes to the L1 portal.`)
  const submitter: Address = getAddress(tx.from)
  const before = w
  const onSigned = async (hash: Hex) => {
    await svc.store.update<WithdrawalItem>(id, (x) =>
      step === 'prove' ? { ...x, status: 'proving', proof: { ...x.proof, submitter, hash }, notified: { ...x.notified, prove: true } } : { ...x, status: 'finalizing', finalizeHash: hash, notified: { ...x.notified, finalize: true } },
    )
  }
  try {
    const hash = await signAndSend(svc.wallet, svc.activity, tx, { title: step === 'prove' ? `Prove withdrawal of ${w.token.symbol}` : `Finalize withdrawal of ${w.token.symbol}`, origin: 'wallet', onSigned })
    svc.schedule(svc.wallet.platform.now() + 5000)
    return { hash }
  } catch (err) {
    await svc.store.update<WithdrawalItem>(id, () => ({ ...before, error: `Not sent: ${(err as Error).message}` }))
    throw err
  }
}
