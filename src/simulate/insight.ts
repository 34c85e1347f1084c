// Everything the wallet can tell about a transaction before it is signed, gathered with as few round
// trips as it can: the call decoded from the shipped table, the simulation on the chain's own RPC
// (in parallel with the code of the addresses the call names), then one Multicall3 read of every
// token the result mentions (cached: symbols do not change). The warnings follow (./warnings.ts).
import { getAddress, isAddress, type Address, type Hex } from 'viem'
import type { Network } from '../chains/types.ts'
import { decodeCall } from '../tx/decode.ts'
import type { CallAction } from '../tx/types.ts'
import { sameAddress } from '../util/address.ts'
import { simulate, type SimRequest } from './simulate.ts'
import { metaOf, tokenInfo, type TokenInfo } from './tokens.ts'
import type { Simulation, TxInsight } from './types.ts'
import { editableApproval, txWarnings } from './warnings.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export interface InsightDeps {
  network: Network
  client: RpcClient
  /** the tokens the wallet knows on this chain (what the fallback simulation compares) */
  knownTokens: Address[]
  /** has this account sent to `to` on this chain before (from the wallet's activity) */
  interactedBefore(from: Address, to: Address): Promise<boolean>
  now(): number
  onRequest?: (method: string) => void
}

export interface InsightTx {
  chainId: number
  from: Address
  to: Address | null
  value: bigint
  data: Hex
  gas?: bigint
}

export async function txInsight(d: InsightDeps, tx: InsightTx): Promise<TxInsight> {
  const decoded = decodeCall(tx.data)
  const action = decoded?.action ?? null
  const named = namedAddresses(action, tx)
  const req: SimRequest = { from: tx.from, to: tx.to, value: tx.value, data: tx.data, ...(tx.gas ? { gas: tx.gas } : {}) }
  const candidates = [...d.knownTokens, ...(tx.to ? [tx.to] : []), ...actionTokens(action)]
  const codeOf = (a: Address) => {
    d.onRequest?.('eth_getCode')
    return d.client.getCode({ address: a }).then((c) => !!c && c !== '0x')
  }
  // the simulation, the code of every named address and what the target is: all at once
  const [simulation, codes, first] = await Promise.all([
    simulate(d.network, req, { candidates, ...(d.onRequest ? { onRequest: d.onRequest } : {}) }),
    Promise.all(named.map(async (a) => [a, await codeOf(a)] as const)),
    tx.to ? d.interactedBefore(tx.from, tx.to).then((x) => !x) : Promise.resolve(false),
  ])
  const hasCode = new Map(codes.map(([a, c]) => [a, c]))
  const sim = withDecodedEffects(simulation, action, tx)
  const mentioned = new Set<Address>()
  if (tx.to && hasCode.get(getAddress(tx.to))) mentioned.add(getAddress(tx.to))
  for (const c of sim.changes) if (c.token) mentioned.add(c.token)
  for (const a of sim.approvals) mentioned.add(a.token)
  for (const o of sim.operators) mentioned.add(o.collection)
  for (const n of sim.nfts) mentioned.add(n.collection)
  for (const t of actionTokens(action)) mentioned.add(t)
  const recipient = recipientOf(action, tx)
  if (recipient && hasCode.get(recipient)) mentioned.add(recipient)
  if (mentioned.size) d.onRequest?.('eth_call (token metadata)')
  const info: Record<string, TokenInfo> = mentioned.size ? await tokenInfo(d.client, tx.chainId, [...mentioned]) : {}
  const target = tx.to ? (info[getAddress(tx.to)] ?? null) : null
  const targetToken = target && target.kind !== 'unknown' ? metaOf(target) : null
  const recipientInfo = recipient && !sameAddress(recipient, tx.to ?? '0x') ? info[recipient] : undefined
  const eoas = named.filter((a) => hasCode.get(a) === false)
  const tokens = Object.fromEntries(Object.entries(info).filter(([, t]) => t.kind !== 'unknown').map(([k, t]) => [k, metaOf(t)]))
  const warnings = txWarnings({
    chainName: d.network.name,
    from: tx.from,
    to: tx.to,
    value: tx.value,
    data: tx.data,
    action,
    decoded: !!decoded,
    simulation: sim,
    target: targetToken,
    targetHasCode: tx.to ? hasCode.get(getAddress(tx.to)) === true : false,
    eoas,
    recipientToken: recipientInfo && recipientInfo.kind !== 'unknown' ? metaOf(recipientInfo) : null,
    firstInteraction: first,
    totalSupply: target?.totalSupply ? BigInt(target.totalSupply) : null,
  })
  return {
    chainId: tx.chainId,
    from: tx.from,
    to: tx.to,
    decoded,
    target: tx.to ? { code: hasCode.get(getAddress(tx.to)) === true, token: targetToken } : null,
    simulation: sim,
    tokens,
    eoas,
    warnings,
    editableApproval: editableApproval(action, tx.to, targetToken),
    at: d.now(),
  }
}

/** The addresses whose code matters: the target, the spender or operator, the recipient. */
function namedAddresses(a: CallAction | null, tx: InsightTx): Address[] {
  const out = new Set<Address>()
  if (tx.to) out.add(getAddress(tx.to))
  if (a?.kind === 'approve' || a?.kind === 'increaseAllowance' || a?.kind === 'permit2Approve') out.add(a.spender)
  if (a?.kind === 'setApprovalForAll') out.add(a.operator)
  const r = recipientOf(a, tx)
  if (r) out.add(r)
  return [...out]
}

function recipientOf(a: CallAction | null, tx: InsightTx): Address | null {
  if (tx.data === '0x') return tx.to ? getAddress(tx.to) : null
  if (a?.kind === 'transfer' || a?.kind === 'transferFrom' || a?.kind === 'nftTransfer') return a.to
  return null
}

function actionTokens(a: CallAction | null): Address[] {
  if (a?.kind === 'permit2Approve') return [a.token]
  if (a?.kind === 'swap') return a.tokens.filter((t) => isAddress(t))
  return []
}

/**
 * Without eth_simulateV1 the logs are not seen: what the call itself says it grants (an approve,
 * a Permit2 approve, an operator) is shown from its data, once the call is known not to revert.
 */
function withDecodedEffects(s: Simulation, a: CallAction | null, tx: InsightTx): Simulation {
  if (s.method === 'simulateV1' || s.status === 'reverted' || !a || !tx.to) return s
  const to = getAddress(tx.to)
  if (a.kind === 'approve') return { ...s, approvals: [{ token: to, spender: a.spender, amount: a.amount, standard: 'erc20' }] }
  if (a.kind === 'permit2Approve') return { ...s, approvals: [{ token: a.token, spender: a.spender, amount: a.amount, standard: 'permit2', via: to, expiration: a.expiration }] }
  if (a.kind === 'setApprovalForAll') return { ...s, operators: [{ collection: to, operator: a.operator, approved: a.approved }] }
  return s
}
