// Fills in what a dApp (or the send screen) left out: nonce, gas limit, fees and type, against the
// chain's own RPC, and returns the transaction exactly as it will be signed.
import { numberToHex, type Hex } from 'viem'
import { WalletError } from '../errors.ts'
import type { PreparedTx, TxRequest } from './types.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

/**
 * Headroom over the estimate when the wallet estimates a call itself: a contract's gas can change
 * between the estimate and inclusion (a new block's timestamp written to storage, another
 * transaction touching the same state), and a transaction that runs out of gas still pays its fee.
 * The fee quote's likely figure keeps the estimate (`gasEstimate`); the most it can cost uses the limit.
 */
export const GAS_LIMIT_HEADROOM_PERCENT = 20n
const PLAIN_TRANSFER_GAS = 21_000n

/** `data.reason` of the error prepare throws when the chain says the call reverts */
export const WILL_REVERT = 'WILL_REVERT'

function isRevert(err: unknown): boolean {
  let c: unknown = err
  for (let i = 0; i < 8 && c; i++) {
    const e = c as { name?: string; details?: unknown; message?: unknown }
    if (e.name === 'ExecutionRevertedError' || e.name === 'ContractFunctionRevertedError') return true
    if (typeof e.details === 'string' && /revert/i.test(e.details)) return true
    c = (c as { cause?: unknown }).cause
  }
  return false
}

/**
 * The gas limit to sign for an estimate: exact for a plain transfer, with headroom for anything else
 * (GAS_LIMIT_HEADROOM_PERCENT, or more where a caller knows the estimate runs short, as the portal's
 * gas metering does), never above the block's limit. The one headroom rule of the wallet.
 */
export function gasLimitFor(estimate: bigint, data: Hex, blockGasLimit: bigint, headroomPercent: bigint = GAS_LIMIT_HEADROOM_PERCENT): bigint {
  if (estimate === PLAIN_TRANSFER_GAS && (data === '0x' || data === '0x0')) return estimate
  const limit = (estimate * (100n + headroomPercent)) / 100n
  return limit > blockGasLimit && blockGasLimit >= estimate ? blockGasLimit : limit
}

/**
 * `nextNonce`: the account's next nonce as the wallet tracks it (./nonces.ts); the node's pending
 * count without it. A nonce the request sets is kept (and signed as set).
 */
export async function prepareTx(client: RpcClient, chainId: number, req: TxRequest, opts: { nextNonce?: () => Promise<number> } = {}): Promise<PreparedTx> {
  const base = { account: req.from, to: req.to ?? undefined, value: req.value ?? 0n, data: req.data ?? '0x' } as const
  const [nonce, block] = await Promise.all([
    req.nonce ?? (opts.nextNonce ? opts.nextNonce() : client.getTransactionCount({ address: req.from, blockTag: 'pending' })),
    client.getBlock({ blockTag: 'latest' }),
  ])
  const wantsLegacy = req.type === 'legacy' || (req.gasPrice !== undefined && req.maxFeePerGas === undefined) || block.baseFeePerGas == null
  let gas = req.gas
  let gasEstimate: bigint | undefined
  if (gas === undefined) {
    try {
      gasEstimate = await client.estimateGas(base)
      const headroom = req.headroomPercent === undefined ? GAS_LIMIT_HEADROOM_PERCENT : BigInt(Math.min(100, Math.max(0, Math.round(req.headroomPercent))))
      gas = gasLimitFor(gasEstimate, base.data, block.gasLimit, headroom)
      if (gas === gasEstimate) gasEstimate = undefined
    } catch (err) {
      const e = err as { shortMessage?: string; message?: string }
      // a revert is the chain's answer (the approval window still shows it, with its reason); anything else is not
      throw new WalletError(-32603, `This transaction would fail: ${e.shortMessage ?? e.message ?? 'gas estimation failed'}`, isRevert(err) ? { reason: WILL_REVERT } : undefined)
    }
  }
  const common = {
    chainId,
    from: req.from,
    to: req.to ?? null,
    value: numberToHex(req.value ?? 0n),
    data: req.data ?? '0x',
    nonce,
    ...(req.nonce !== undefined ? { keepNonce: true as const } : {}),
    gas: numberToHex(gas),
    ...(gasEstimate !== undefined ? { gasEstimate: numberToHex(gasEstimate) } : {}),
  } as const
  if (wantsLegacy) {
    const gasPrice = req.gasPrice ?? (await client.getGasPrice())
    return { ...common, type: 'legacy', gasPrice: numberToHex(gasPrice) }
  }
  let maxFeePerGas = req.maxFeePerGas
  let maxPriorityFeePerGas = req.maxPriorityFeePerGas
  if (maxFeePerGas === undefined || maxPriorityFeePerGas === undefined) {
    const est = await client.estimateFeesPerGas({ type: 'eip1559', chain: null })
    maxPriorityFeePerGas ??= est.maxPriorityFeePerGas
    maxFeePerGas ??= est.maxFeePerGas
    if (maxFeePerGas < maxPriorityFeePerGas) maxFeePerGas = maxPriorityFeePerGas + (block.baseFeePerGas ?? 0n)
  }
  return { ...common, type: 'eip1559', maxFeePerGas: numberToHex(maxFeePerGas), maxPriorityFeePerGas: numberToHex(maxPriorityFeePerGas) }
}

/** The viem transaction object the signer takes. */
export function toViemTx(tx: PreparedTx) {
  const common = {
    chainId: tx.chainId,
    to: tx.to ?? undefined,
    value: BigInt(tx.value),
    data: tx.data,
    nonce: tx.nonce,
    gas: BigInt(tx.gas),
  }
  return tx.type === 'legacy'
    ? { ...common, type: 'legacy' as const, gasPrice: BigInt(tx.gasPrice ?? '0x0') }
    : { ...common, type: 'eip1559' as const, maxFeePerGas: BigInt(tx.maxFeePerGas ?? '0x0'), maxPriorityFeePerGas: BigInt(tx.maxPriorityFeePerGas ?? '0x0') }
}
