// Finding an account's bridging again from chain logs (after a reinstall, or on another computer):
//   withdrawals: MessagePassed on the L2 with sender = the account (ETH through the message
//     passer), and the L2StandardBridge's WithdrawalInitiated with from = the account (its
//     MessagePassed has the L2CrossDomainMessenger as sender, so it is read from the receipt);
//   deposits: TransactionDeposited on the L1 portal with from = the account (direct deposits),
//     and the L1StandardBridge's ETHDepositInitiated / ERC20DepositInitiated with from = the
//     account (their TransactionDeposited is from the aliased messenger: read from the receipt).
// Over a bounded lookback, in block ranges public nodes accept; the tracker then brings each item
// found to its current state (a long finalized withdrawal shows as finalized).
import { decodeEventLog, getAddress, type AbiEvent, type Address, type Hex, type Log } from 'viem'
import type { RpcClient } from '../chains/rpc-client.ts'
import { getL2TransactionHash, getWithdrawals, opaqueDataToDepositData } from 'viem/op-stack'
import { erc20Abi } from '../abi/erc20.ts'
import { l1StandardBridgeAbi, l2StandardBridgeAbi, messagePasserAbi, portalDepositAbi } from '../abi/op-bridge.ts'
import type { RollupInfo } from '../chains/types.ts'
import { L2_STANDARD_BRIDGE, L2_TO_L1_MESSAGE_PASSER } from '../chains/predeploys.ts'
import { isNetworkDown, readMany, value } from '../rollup/multicall.ts'
import { receiptOrNull } from './deposit-track.ts'
import { ETH_TOKEN, type BridgeToken, type DepositItem, type WithdrawalItem } from './types.ts'
import { LEGACY_ERC20_ETH } from './withdraw.ts'
import { messageOf } from './message.ts'
import { sameAddress } from '../util/address.ts'

export interface ScanOptions {
  /** how far back to look, seconds */
  lookbackSeconds: number
  /** blocks per eth_getLogs (public nodes refuse large ranges) */
  chunkBlocks?: number
  /** at most this many ranges per event (older history is left out) */
  maxChunks?: number
}

/**
 * Withdrawals finish within ~7 d (proof maturity) + 3.5 d on today's chains: at least three weeks,
 * and at least twice the chain's own proposal + proof + finality window (read from the chain:
 * withdrawalLookback), so an unfinished withdrawal is always found again.
 */
export const WITHDRAWAL_LOOKBACK_S = 21 * 86400

/** The lookback for one chain: twice its whole exit window (seconds, from its parameters), never under three weeks. */
export function withdrawalLookback(exitSeconds: number | null): number {
  return Math.max(WITHDRAWAL_LOOKBACK_S, exitSeconds ? 2 * exitSeconds : 0)
}

/** Enough ranges of `chunkBlocks` to cover `lookbackSeconds` on a chain with this block time. */
export function chunksFor(lookbackSeconds: number, blockTimeSeconds: number, chunkBlocks: number): number {
  return Math.ceil(lookbackSeconds / Math.max(blockTimeSeconds, 0.1) / chunkBlocks) + 1
}
/** Deposits arrive within minutes; a week covers a wallet that was away. */
export const DEPOSIT_LOOKBACK_S = 7 * 86400

const event = (abi: readonly unknown[], name: string) => (abi as AbiEvent[]).find((x) => x.type === 'event' && x.name === name)!

type Client = Pick<RpcClient, 'getBlockNumber' | 'getLogs' | 'getTransactionReceipt' | 'multicall'>

/** How many eth_getLogs of one scan are in flight at once (public nodes rate-limit bursts). */
const PARALLEL_RANGES = 3
/** Below this, a range a node refuses is not split further: the refusal is the answer. */
const MIN_RANGE = 500n

export async function scanLogs(client: Client, address: Address, ev: AbiEvent, args: Record<string, unknown>, blockTimeSeconds: number, o: ScanOptions): Promise<Log[]> {
  const head = await client.getBlockNumber()
  const span = BigInt(Math.ceil(o.lookbackSeconds / Math.max(blockTimeSeconds, 0.1)))
  const chunk = BigInt(o.chunkBlocks ?? 10_000)
  const from = head > span ? head - span : 0n
  const ranges: [bigint, bigint][] = []
  for (let to = head; to >= from && ranges.length < (o.maxChunks ?? 100); to -= chunk) ranges.push([to - chunk + 1n > from ? to - chunk + 1n : from, to])
  // A node that refuses a range (too many results, range too large) gets its two halves instead.
  const get = async (fromBlock: bigint, toBlock: bigint): Promise<Log[]> => {
    try {
      return (await client.getLogs({ address, event: ev, args: args as never, fromBlock, toBlock })) as Log[]
    } catch (err) {
      if (isNetworkDown(err) || toBlock - fromBlock < MIN_RANGE) throw err
      const mid = fromBlock + (toBlock - fromBlock) / 2n
      return [...(await get(fromBlock, mid)), ...(await get(mid + 1n, toBlock))]
    }
  }
  const out: Log[][] = []
  for (let i = 0; i < ranges.length; i += PARALLEL_RANGES) {
    out.push(...(await Promise.all(ranges.slice(i, i + PARALLEL_RANGES).map(([a, b]) => get(a, b)))))
  }
  return out.flat()
}

/** Time of a block from how far back it is (saves one call per block; good to a few seconds). */
const approxMs = (nowMs: number, head: bigint, block: bigint | null, blockTime: number) => nowMs - Number(head - (block ?? head)) * blockTime * 1000

async function tokenInfo(client: Pick<RpcClient, 'multicall'>, tokens: Address[]): Promise<Map<string, { symbol: string; decimals: number }>> {
  const unique = [...new Set(tokens.map((t) => getAddress(t)))]
  const res = await readMany(client, unique.flatMap((t) => [{ address: t, abi: erc20Abi, functionName: 'symbol' }, { address: t, abi: erc20Abi, functionName: 'decimals' }]))
  return new Map(unique.map((t, i) => [t, { symbol: value<string>(res[2 * i]) ?? '?', decimals: Number(value<number>(res[2 * i + 1]) ?? 18) }]))
}

export async function discoverWithdrawals(l2: Client, net: { l2ChainId: number; l1ChainId: number; blockTimeSeconds: number }, account: Address, nowMs: number, o: ScanOptions = { lookbackSeconds: WITHDRAWAL_LOOKBACK_S }): Promise<WithdrawalItem[]> {
  const [direct, bridged, head] = await Promise.all([
    scanLogs(l2, L2_TO_L1_MESSAGE_PASSER, event(messagePasserAbi, 'MessagePassed'), { sender: account }, net.blockTimeSeconds, o),
    scanLogs(l2, L2_STANDARD_BRIDGE, event(l2StandardBridgeAbi, 'WithdrawalInitiated'), { from: account }, net.blockTimeSeconds, o),
    l2.getBlockNumber(),
  ])
  const items: WithdrawalItem[] = []
  const base = (hash: Hex, i: number, block: bigint | null) => ({
    kind: 'withdrawal' as const,
    id: i ? `${net.l2ChainId}:${hash}:${i}` : `${net.l2ChainId}:${hash}`,
    l2ChainId: net.l2ChainId,
    l1ChainId: net.l1ChainId,
    account: getAddress(account),
    l2Hash: hash,
    createdAt: approxMs(nowMs, head, block, net.blockTimeSeconds),
    status: 'waiting-proposal' as const,
    l2Block: Number(block ?? 0n),
    discovered: true,
  })
  // Direct ETH withdrawals: everything is in the log itself.
  const byTx = new Map<Hex, Log[]>()
  for (const l of direct) byTx.set(l.transactionHash!, [...(byTx.get(l.transactionHash!) ?? []), l])
  for (const [hash, logs] of byTx) {
    for (const m of getWithdrawals({ logs: logs as never })) {
      const i = items.filter((x) => x.l2Hash === hash).length
      items.push({ ...base(hash, i, logs[0].blockNumber), to: m.target, token: ETH_TOKEN, amount: m.value.toString(), message: messageOf(m) })
    }
  }
  // Standard-bridge withdrawals: token and amount from the bridge's event, the message from the receipt.
  const bridgeTxs = [...new Set(bridged.map((l) => l.transactionHash!))]
  const receipts = await Promise.all(bridgeTxs.map((h) => receiptOrNull(l2, h)))
  const erc20s = bridged.map((l) => (l as unknown as { args: { l2Token: Address } }).args.l2Token).filter((t) => !sameAddress(t, LEGACY_ERC20_ETH))
  const meta = erc20s.length ? await tokenInfo(l2, erc20s) : new Map()
  bridgeTxs.forEach((hash, k) => {
    const r = receipts[k]
    if (!r || r.status !== 'success') return
    const messages = getWithdrawals({ logs: r.logs as never })
    const events = bridged.filter((l) => l.transactionHash === hash) as unknown as { args: { l1Token: Address; l2Token: Address; to: Address; amount: bigint }; blockNumber: bigint }[]
    events.forEach((e, i) => {
      const m = messages[i]
      if (!m || items.some((x) => x.message?.withdrawalHash === m.withdrawalHash)) return
      const isEth = sameAddress(e.args.l2Token, LEGACY_ERC20_ETH)
      const info = isEth ? null : meta.get(getAddress(e.args.l2Token))
      const token: BridgeToken = isEth ? ETH_TOKEN : { symbol: info?.symbol ?? '?', decimals: info?.decimals ?? 18, l1: getAddress(e.args.l1Token), l2: getAddress(e.args.l2Token) }
      items.push({ ...base(hash, i, e.blockNumber), to: getAddress(e.args.to), token, amount: e.args.amount.toString(), message: messageOf(m) })
    })
  })
  return items
}

export async function discoverDeposits(l1: Client, rollup: RollupInfo & { l2ChainId: number; l1BlockTimeSeconds: number }, account: Address, nowMs: number, o: ScanOptions = { lookbackSeconds: DEPOSIT_LOOKBACK_S }): Promise<DepositItem[]> {
  const bt = rollup.l1BlockTimeSeconds
  const bridge = rollup.l1StandardBridge
  const [direct, ethBridged, erc20Bridged, head] = await Promise.all([
    scanLogs(l1, rollup.portal, event(portalDepositAbi, 'TransactionDeposited'), { from: account }, bt, o),
    bridge ? scanLogs(l1, bridge, event(l1StandardBridgeAbi, 'ETHDepositInitiated'), { from: account }, bt, o) : [],
    bridge ? scanLogs(l1, bridge, event(l1StandardBridgeAbi, 'ERC20DepositInitiated'), { from: account }, bt, o) : [],
    l1.getBlockNumber(),
  ])
  const items: DepositItem[] = []
  const base = (hash: Hex, block: bigint | null, l2Hash: Hex) => ({
    kind: 'deposit' as const,
    id: `${rollup.l2ChainId}:${hash}`,
    l1ChainId: rollup.l1ChainId,
    l2ChainId: rollup.l2ChainId,
    account: getAddress(account),
    l1Hash: hash,
    createdAt: approxMs(nowMs, head, block, bt),
    status: 'waiting-l2' as const,
    l1Block: Number(block ?? 0n),
    l2Hash,
    discovered: true,
  })
  for (const l of direct as unknown as (Log & { args: { from: Address; to: Address; opaqueData: Hex } })[]) {
    const d = opaqueDataToDepositData(l.args.opaqueData)
    items.push({ ...base(l.transactionHash!, l.blockNumber, getL2TransactionHash({ log: l as never })), to: getAddress(l.args.to), token: ETH_TOKEN, amount: d.mint.toString() })
  }
  const bridged = [...ethBridged, ...erc20Bridged] as unknown as (Log & { args: { l1Token?: Address; l2Token?: Address; to: Address; amount: bigint } })[]
  const txs = [...new Set(bridged.map((l) => l.transactionHash!))].filter((h) => !items.some((x) => x.l1Hash === h))
  const receipts = await Promise.all(txs.map((h) => receiptOrNull(l1, h)))
  const tokens = bridged.flatMap((l) => (l.args.l1Token ? [l.args.l1Token] : []))
  const meta = tokens.length ? await tokenInfo(l1, tokens) : new Map()
  txs.forEach((hash, k) => {
    const r = receipts[k]
    if (!r || r.status !== 'success') return
    const deposited = r.logs.filter((x) => sameAddress(x.address, rollup.portal))
    const e = bridged.find((l) => l.transactionHash === hash)!
    const log = deposited[0]
    if (!log) return
    const args = decodeEventLog({ abi: portalDepositAbi, eventName: 'TransactionDeposited', topics: log.topics as never, data: log.data }).args
    const l2Hash = getL2TransactionHash({ log: { ...log, args } as never })
    const info = e.args.l1Token ? meta.get(getAddress(e.args.l1Token)) : null
    const token: BridgeToken = e.args.l1Token ? { symbol: info?.symbol ?? '?', decimals: info?.decimals ?? 18, l1: getAddress(e.args.l1Token), l2: getAddress(e.args.l2Token!) } : ETH_TOKEN
    items.push({ ...base(hash, e.blockNumber, l2Hash), to: getAddress(e.args.to), token, amount: e.args.amount.toString() })
  })
  return items
}
