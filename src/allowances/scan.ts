// Finding every spender an account ever approved on a chain, from the chain's own logs: ERC-20
// Approval, ApprovalForAll (ERC-721 / ERC-1155 operators) and Permit2's Approval / Permit, all with
// the account as the first indexed topic, in one eth_getLogs per block range (any contract: a
// token the wallet does not know is found too). Ranges a node refuses are split in halves; a node
// that does not answer fails the scan at once. The caller keeps how far it got and scans only new
// blocks next time.
import { getAddress, pad, type Address, type Hex } from 'viem'
import { isNetworkDown } from '../rollup/multicall.ts'
import { TOPICS } from '../simulate/logs.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export interface FoundPair {
  kind: 'erc20' | 'operator' | 'permit2'
  /** the ERC-20 token, the NFT collection, or (Permit2) the token inside Permit2 */
  token: Address
  spender: Address
  /** Permit2: the contract holding the allowance */
  via?: Address
}

export interface ScanOptions {
  /** blocks per eth_getLogs (nodes refuse large ranges; a refused range is halved) */
  chunkBlocks?: bigint
  /** ranges in flight at once */
  parallel?: number
  onRequest?: (method: string) => void
}

export const DEFAULT_CHUNK = 50_000n
/** below this a refused range is not split further: the refusal is the answer */
const MIN_RANGE = 16n

interface RawLog {
  address: Address
  topics: Hex[]
}

type Client = Pick<RpcClient, 'request'>

export async function scanApprovals(client: Client, owner: Address, fromBlock: bigint, toBlock: bigint, o: ScanOptions = {}): Promise<FoundPair[]> {
  if (toBlock < fromBlock) return []
  // the range size the node accepts, learnt as it goes: a refused range is halved, and so are the ranges after it
  let size = o.chunkBlocks ?? DEFAULT_CHUNK
  const topics = [[TOPICS.approval, TOPICS.approvalForAll, TOPICS.permit2Approval, TOPICS.permit2Permit], pad(owner).toLowerCase()]
  const get = async (a: bigint, b: bigint): Promise<RawLog[]> => {
    try {
      o.onRequest?.('eth_getLogs')
      return (await client.request({ method: 'eth_getLogs', params: [{ fromBlock: `0x${a.toString(16)}`, toBlock: `0x${b.toString(16)}`, topics }] } as never)) as RawLog[]
    } catch (err) {
      if (isNetworkDown(err) || b - a < MIN_RANGE) throw err
      const mid = a + (b - a) / 2n
      if (mid - a + 1n < size) size = mid - a + 1n
      return [...(await get(a, mid)), ...(await get(mid + 1n, b))]
    }
  }
  const logs: RawLog[] = []
  const parallel = o.parallel ?? 3
  for (let a = fromBlock; a <= toBlock; ) {
    const batch: [bigint, bigint][] = []
    for (let i = 0; i < parallel && a <= toBlock; i++) {
      const b = a + size - 1n > toBlock ? toBlock : a + size - 1n
      batch.push([a, b])
      a = b + 1n
    }
    for (const part of await Promise.all(batch.map(([x, y]) => get(x, y)))) logs.push(...part)
  }
  return pairsOf(logs)
}

const topicAddress = (t: Hex | undefined) => getAddress(`0x${(t ?? '').slice(26)}`)

export function pairsOf(logs: RawLog[]): FoundPair[] {
  const out = new Map<string, FoundPair>()
  for (const l of logs) {
    const [t0, , t2, t3] = l.topics
    let p: FoundPair | null = null
    if (t0 === TOPICS.approval && l.topics.length === 3) p = { kind: 'erc20', token: getAddress(l.address), spender: topicAddress(t2) }
    else if (t0 === TOPICS.approvalForAll && l.topics.length === 3) p = { kind: 'operator', token: getAddress(l.address), spender: topicAddress(t2) }
    else if ((t0 === TOPICS.permit2Approval || t0 === TOPICS.permit2Permit) && l.topics.length === 4) p = { kind: 'permit2', token: topicAddress(t2), spender: topicAddress(t3), via: getAddress(l.address) }
    if (p) out.set(pairKey(p), p)
  }
  return [...out.values()]
}

export const pairKey = (p: FoundPair) => `${p.kind}:${p.token}:${p.spender}:${p.via ?? ''}`
