// Simulating a transaction on the chain's own RPC (no backend, nothing sent anywhere the user did
// not choose), the best way the node allows:
//   1. eth_simulateV1 with traceTransfers: every log, native ETH moves included, read as what
//      happens to the account (./logs.ts);
//   2. where the node lacks it: one eth_call with a state override that sets a probe's code on the
//      user's address (./SimulationProbe.sol): the probe makes the call as the user between two
//      readings of their ETH and token balances (the tokens the wallet knows on the chain and those
//      the call names);
//   3. where the node refuses state overrides too: a plain eth_call, which tells only whether it
//      reverts, and the result says so plainly.
// What a node supports is remembered for the worker's lifetime (per chain and RPC list), so the
// re-simulation at every block costs one request. The first simulation on a node asks both ways in
// one HTTP request (a JSON-RPC batch), so a node without eth_simulateV1 costs no second round trip.
import { decodeFunctionResult, encodeFunctionData, getAddress, numberToHex, type Address, type Hex } from 'viem'
import { WalletError } from '../errors.ts'
import { rpcBatch, rpcCall, type BatchOutcome } from '../chains/rpc-raw.ts'
import type { Network } from '../chains/types.ts'
import { effectsFor, type RawLog } from './logs.ts'
import { PROBE_CODE, probeAbi } from './probe.ts'
import { cleanMessage, revertReason } from './revert.ts'
import type { Simulation, SimulationMethod } from './types.ts'

export interface SimRequest {
  from: Address
  to: Address | null
  value: bigint
  data: Hex
  gas?: bigint
}

export interface SimOptions {
  /** tokens whose balances the fallback reads before and after (the simulateV1 path sees every token) */
  candidates: Address[]
  timeoutMs?: number
  /** counts RPC requests (bench) */
  onRequest?: (method: string) => void
}

export const SIM_TIMEOUT_MS = 8_000
/** the most tokens the fallback probe reads (each is a balanceOf before and after) */
export const MAX_PROBE_TOKENS = 60

const capability = new Map<string, SimulationMethod>()
const keyOf = (n: Network) => `${n.chainId}|${n.rpcUrls.join(',')}`

/** Forgets what nodes were found to support (tests; a user changing RPC URLs gets a new key anyway). */
export function forgetCapabilities(): void {
  capability.clear()
}

export async function simulate(network: Network, req: SimRequest, opts: SimOptions): Promise<Simulation> {
  const key = keyOf(network)
  const known = capability.get(key)
  const rpcOpts = { timeoutMs: opts.timeoutMs ?? SIM_TIMEOUT_MS, chainName: network.name }
  const call = (method: string, params: unknown[]) => {
    opts.onRequest?.(method)
    return rpcCall(network.rpcUrls, method, params, rpcOpts)
  }
  const probe = probeRequest(req, opts.candidates)
  // a node not met yet: both ways in one request; each answer is then read as if asked alone
  let first: BatchOutcome[] | null = null
  if (!known && probe) {
    opts.onRequest?.('eth_simulateV1 + eth_call (one batch)')
    // null: the node refuses batches, and is asked one way at a time; no answer at all is thrown (4901)
    first = await rpcBatch(network.rpcUrls, [{ method: 'eth_simulateV1', params: v1Params(req) }, { method: 'eth_call', params: probe.params }], rpcOpts)
  }
  const answer = (i: number, method: string, params: unknown[]) => (first ? settled(first[i]!) : call(method, params))
  if (!known || known === 'simulateV1') {
    try {
      const out = readV1(await answer(0, 'eth_simulateV1', v1Params(req)), req)
      capability.set(key, 'simulateV1')
      return out
    } catch (err) {
      if (isUnreachable(err)) throw err
      // the node does not have it (or refused this form of it): the fallback, remembered when the node said so clearly
      if (isUnsupported(err)) capability.set(key, 'callOverrides')
      else if (known === 'simulateV1') throw err
    }
  }
  if (capability.get(key) !== 'none') {
    try {
      const out = probe ? readProbe(await answer(1, 'eth_call', probe.params), probe.tokens) : null
      if (out) {
        capability.set(key, 'callOverrides')
        return out
      }
    } catch (err) {
      if (isUnreachable(err)) throw err
    }
    capability.set(key, 'none')
  }
  return plainCall(call, req)
}

const settled = async (o: BatchOutcome): Promise<unknown> => {
  if (!o.ok) throw o.error
  return o.result
}

type Call = (method: string, params: unknown[]) => Promise<unknown>

function txObject(req: SimRequest, withGas = true) {
  return {
    from: req.from,
    ...(req.to ? { to: req.to } : {}),
    value: numberToHex(req.value),
    data: req.data,
    ...(withGas && req.gas ? { gas: numberToHex(req.gas) } : {}),
  }
}

interface SimulatedCall {
  status?: Hex
  returnData?: Hex
  gasUsed?: Hex
  logs?: RawLog[]
  error?: { code?: number; message?: string; data?: unknown }
}

const v1Params = (req: SimRequest): unknown[] => [{ blockStateCalls: [{ calls: [txObject(req)] }], traceTransfers: true, validation: false }, 'latest']

function readV1(answer: unknown, req: SimRequest): Simulation {
  const blocks = answer as { number?: Hex; calls?: SimulatedCall[] }[]
  const block = Array.isArray(blocks) ? blocks[0] : undefined
  const c = block?.calls?.[0]
  if (!c) throw new WalletError(-32602, 'eth_simulateV1 answered without the call.')
  const ok = c.status === '0x1'
  const effects = ok ? effectsFor(req.from, c.logs ?? []) : { changes: [], approvals: [], operators: [], nfts: [] }
  const data = typeof c.error?.data === 'string' ? (c.error.data as Hex) : c.returnData
  return {
    method: 'simulateV1',
    note: 'Simulated on this network’s RPC (eth_simulateV1): every token and ETH move is seen.',
    status: ok ? 'success' : 'reverted',
    ...(ok ? {} : { revert: { reason: revertReason(data, c.error?.message), ...(data && data !== '0x' ? { data } : {}) } }),
    ...(c.gasUsed ? { gasUsed: BigInt(c.gasUsed).toString() } : {}),
    ...effects,
    ...(block?.number ? { blockNumber: BigInt(block.number).toString() } : {}),
  }
}

/** the probe's eth_call: its code set on the user's address as a state override (none for a contract creation) */
function probeRequest(req: SimRequest, candidates: Address[]): { params: unknown[]; tokens: Address[] } | null {
  if (!req.to) return null // a contract creation: nothing to call through the probe
  const tokens = [...new Set(candidates.map((a) => getAddress(a)))].filter((a) => a !== getAddress(req.from)).slice(0, MAX_PROBE_TOKENS)
  const data = encodeFunctionData({ abi: probeAbi, functionName: 'probe', args: [req.to, req.value, req.data, tokens] })
  // the probe's code lives on the user's address inside this call only; the call's own sender does not matter
  return { params: [{ to: req.from, data, ...(req.gas ? { gas: numberToHex(req.gas * 2n + 200_000n) } : {}) }, 'latest', { [req.from]: { code: PROBE_CODE } }], tokens }
}

function readProbe(answer: unknown, tokens: Address[]): Simulation | null {
  let ok: boolean, ret: Hex, before: readonly bigint[], after: readonly bigint[]
  try {
    ;[ok, ret, before, after] = decodeFunctionResult({ abi: probeAbi, functionName: 'probe', data: answer as Hex })
  } catch {
    // the node ignored the override (the address has no code there): no answer from the probe
    return null
  }
  if (before.length !== tokens.length + 1 || after.length !== tokens.length + 1) return null
  const changes = [null, ...tokens]
    .map((token, i) => ({ token, delta: (after[i]! - before[i]!).toString() }))
    .filter((c) => c.delta !== '0')
  return {
    method: 'callOverrides',
    note: `Simulated with eth_call and a state override (this RPC has no eth_simulateV1): ETH and ${tokens.length} token${tokens.length === 1 ? '' : 's'} the wallet knows here were compared before and after; other tokens and NFT moves are not seen.`,
    status: ok ? 'success' : 'reverted',
    ...(ok ? {} : { revert: { reason: revertReason(ret), ...(ret !== '0x' ? { data: ret } : {}) } }),
    changes: ok ? changes : [],
    approvals: [],
    operators: [],
    nfts: [],
  }
}

async function plainCall(call: Call, req: SimRequest): Promise<Simulation> {
  const note = 'This network’s RPC can simulate neither way (no eth_simulateV1, no eth_call state overrides): balance changes cannot be shown. It was only checked whether the call reverts.'
  try {
    await call('eth_call', [txObject(req), 'latest'])
    return { method: 'none', note, status: 'success', changes: [], approvals: [], operators: [], nfts: [] }
  } catch (err) {
    if (isUnreachable(err)) throw err
    const e = err as WalletError
    const data = typeof e.data === 'string' && /^0x[0-9a-fA-F]*$/.test(e.data) ? (e.data as Hex) : typeof (e.data as { data?: unknown })?.data === 'string' ? ((e.data as { data: Hex }).data) : undefined
    if (!data && !/revert/i.test(e.message)) return { method: 'none', note, status: 'unknown', changes: [], approvals: [], operators: [], nfts: [] }
    return { method: 'none', note, status: 'reverted', revert: { reason: revertReason(data, cleanMessage(e.message)), ...(data && data !== '0x' ? { data } : {}) }, changes: [], approvals: [], operators: [], nfts: [] }
  }
}

/** No answer at all (rpcCall's 4901): the simulation is stale, not unsupported. */
function isUnreachable(err: unknown): boolean {
  return (err as { code?: unknown })?.code === 4901
}

/** The node said it does not have this method, or not in this form. */
function isUnsupported(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown }
  if (e?.code === -32601 || e?.code === -32602 || e?.code === -32004) return true
  return typeof e?.message === 'string' && /not found|not supported|unsupported|does not exist|not available|unknown method|disabled|not implemented/i.test(e.message)
}
