// Which fee model a chain has, found by probing the chain itself, never by its chain id:
//   OP Stack  — code at the GasPriceOracle predeploy (L1 data fee); operator fee when the oracle
//               answers getOperatorFee (Isthmus and later; GasPriceOracle 1.3.0 does not have it)
//   Arbitrum  — the ArbSys precompile answers arbChainID() with the chain's id
//   otherwise — plain EIP-1559 (or legacy) execution fees
// One JSON-RPC batch per probe; the answer is cached per chain id + RPC URLs for a while, because
// a chain can gain the operator fee with a hard fork.
import { BaseError, encodeFunctionData, hexToBigInt, parseAbi, type Address } from 'viem'
import type { Network } from '../chains/types.ts'
import { GAS_PRICE_ORACLE } from '../chains/predeploys.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export type FeeModel = { kind: 'op'; operatorFee: boolean } | { kind: 'arbitrum' } | { kind: 'l1' }

export const ARB_SYS: Address = '0x0000000000000000000000000000000000000064'
export const PROBE_TTL_MS = 10 * 60_000

export const gasPriceOracleAbi = parseAbi([
  'function getL1Fee(bytes data) view returns (uint256)',
  'function getOperatorFee(uint256 gasUsed) view returns (uint256)',
])
const arbSysAbi = parseAbi(['function arbChainID() view returns (uint256)'])

type ProbeClient = Pick<RpcClient, 'getCode' | 'call'>

const cache = new Map<string, { at: number; model: Promise<FeeModel> }>()

export function feeModelOf(network: Pick<Network, 'chainId' | 'rpcUrls'>, client: ProbeClient, now = Date.now()): Promise<FeeModel> {
  const key = `${network.chainId}|${network.rpcUrls.join(',')}`
  const hit = cache.get(key)
  if (hit && now - hit.at < PROBE_TTL_MS) return hit.model
  const model = probeFeeModel(network.chainId, client)
  cache.set(key, { at: now, model })
  // a failed probe (RPC down) is not an answer: the next quote probes again
  model.catch(() => cache.get(key)?.model === model && cache.delete(key))
  return model
}

/** Forget cached probes (tests; a network whose RPC URLs changed gets a new key anyway). */
export function clearFeeModelCache(): void {
  cache.clear()
}

export async function probeFeeModel(chainId: number, client: ProbeClient): Promise<FeeModel> {
  const [code, operator, arbChainId] = await Promise.all([
    client.getCode({ address: GAS_PRICE_ORACLE }),
    answers(client, GAS_PRICE_ORACLE, encodeFunctionData({ abi: gasPriceOracleAbi, functionName: 'getOperatorFee', args: [0n] })),
    answers(client, ARB_SYS, encodeFunctionData({ abi: arbSysAbi, functionName: 'arbChainID' })),
  ])
  if (code && code !== '0x') return { kind: 'op', operatorFee: operator !== null }
  if (arbChainId !== null && hexToBigInt(arbChainId) === BigInt(chainId)) return { kind: 'arbitrum' }
  return { kind: 'l1' }
}

/** The 32-byte word a call returns, null when it reverts or returns nothing; RPC failures throw. */
async function answers(client: ProbeClient, to: Address, data: `0x${string}`): Promise<`0x${string}` | null> {
  try {
    const out = await client.call({ to, data })
    return out.data && out.data.length === 66 ? out.data : null
  } catch (err) {
    if (isTransportFailure(err)) throw err
    return null
  }
}

/** The RPC could not be reached or timed out (as opposed to a call that reverted). */
export function isTransportFailure(err: unknown): boolean {
  if (!(err instanceof BaseError)) return false
  return !!err.walk((e) => {
    const name = (e as Error).name
    return name === 'HttpRequestError' || name === 'TimeoutError' || name === 'WebSocketRequestError'
  })
}
