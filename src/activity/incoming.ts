// Tokens that came in: ERC-20 `Transfer(from, to = the account, value)` logs of the tokens the
// wallet knows on a chain, found with eth_getLogs in chunks (a range a node refuses is split in
// halves) and cached per account and chain with the block scanned up to, so the next look reads
// only the new blocks. The first look goes back a week (capped). Native ETH sent by others leaves no
// log and is not listed here (its balance still shows on Home).
import { getAddress, parseAbiItem, type Address, type Hex, type Log } from 'viem'
import type { Network } from '../chains/types.ts'
import type { KV } from '../storage/kv.ts'
import type { TokenDef } from '../tokens/types.ts'
import { Mutex } from '../util/mutex.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export const INCOMING_PREFIX = 'activity.in.'
export const incomingKey = (address: string) => `${INCOMING_PREFIX}${address.toLowerCase()}`

/** How far back the first look goes. */
export const INCOMING_LOOKBACK_S = 7 * 86400
const MAX_LOOKBACK_BLOCKS = 200_000n
const CHUNK_BLOCKS = 10_000n
const MIN_RANGE = 256n
/** Newest kept per account (older ones drop off). */
export const MAX_INCOMING = 200
/** Blocks whose time is read per look (others get a time from their distance to the head). */
const MAX_TIMESTAMPS = 25

const TRANSFER = parseAbiItem('event Transfer(address indexed from, address indexed to, uint256 value)')

export interface IncomingTransfer {
  chainId: number
  hash: Hex
  logIndex: number
  block: number
  /** ms since epoch (the block's time, or estimated from the block time when not read) */
  at: number
  token: Address
  tokenId: string
  symbol: string
  decimals: number
  from: Address
  to: Address
  /** base units, decimal string */
  value: string
}

export interface IncomingCache {
  v: 1
  /** chain id -> the last block looked at */
  scanned: Record<string, string>
  items: IncomingTransfer[]
}

export interface IncomingDeps {
  kv: KV
  client: (n: Network) => Pick<RpcClient, 'getBlockNumber' | 'getLogs' | 'getBlock'>
  now: () => number
}

export class IncomingScanner {
  private readonly mutex = new Mutex()
  private readonly listeners = new Set<(address: string) => void>()
  private readonly inflight = new Map<string, Promise<void>>()

  constructor(private readonly deps: IncomingDeps) {}

  subscribe(l: (address: string) => void): () => void {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  async cached(address: string): Promise<IncomingCache> {
    const raw = await this.deps.kv.get<IncomingCache>(incomingKey(address))
    return raw && raw.v === 1 && Array.isArray(raw.items) ? raw : { v: 1, scanned: {}, items: [] }
  }

  /** Looks at new blocks of every chain for `address`; one chain failing leaves the others. Returns the errors by chain. */
  async scan(address: Address, networks: Network[], registry: TokenDef[]): Promise<Record<number, string>> {
    const errors: Record<number, string> = {}
    await Promise.all(
      networks.map(async (n) => {
        const key = `${address.toLowerCase()}:${n.chainId}`
        let job = this.inflight.get(key)
        if (!job) {
          job = this.scanChain(address, n, registry).finally(() => this.inflight.delete(key))
          this.inflight.set(key, job)
        }
        await job.catch((err: Error) => {
          errors[n.chainId] = ((err as { shortMessage?: string }).shortMessage ?? err.message).split('\n')[0].slice(0, 160)
        })
      }),
    )
    return errors
  }

  private async scanChain(address: Address, n: Network, registry: TokenDef[]): Promise<void> {
    const tokens = registry.flatMap((t) => {
      const a = t.addresses[n.chainId]
      return a && a !== 'native' ? [{ token: t, address: getAddress(a) }] : []
    })
    if (!tokens.length) return
    const client = this.deps.client(n)
    const head = await client.getBlockNumber({ cacheTime: 0 })
    const before = await this.cached(address)
    const last = before.scanned[String(n.chainId)]
    const span = BigInt(Math.ceil(INCOMING_LOOKBACK_S / Math.max(n.blockTimeSeconds, 0.1)))
    let from = last !== undefined ? BigInt(last) + 1n : head > span ? head - (span < MAX_LOOKBACK_BLOCKS ? span : MAX_LOOKBACK_BLOCKS) : 0n
    if (from > head) return
    // a chain reset under the cache (the devnet restarted): look again from the window's start
    if (last !== undefined && BigInt(last) > head) from = head > span ? head - span : 0n

    const get = async (fromBlock: bigint, toBlock: bigint): Promise<Log[]> => {
      try {
        return (await client.getLogs({ address: tokens.map((t) => t.address), event: TRANSFER, args: { to: address } as never, fromBlock, toBlock })) as Log[]
      } catch (err) {
        if (toBlock - fromBlock < MIN_RANGE || /fetch failed|ECONNREFUSED|timed? ?out|Failed to fetch/i.test(String((err as Error).message))) throw err
        const mid = fromBlock + (toBlock - fromBlock) / 2n
        return [...(await get(fromBlock, mid)), ...(await get(mid + 1n, toBlock))]
      }
    }
    const logs: Log[] = []
    for (let start = from; start <= head; start += CHUNK_BLOCKS) {
      const end = start + CHUNK_BLOCKS - 1n < head ? start + CHUNK_BLOCKS - 1n : head
      logs.push(...(await get(start, end)))
    }

    // times: the newest blocks read, the rest estimated from the block time
    const now = this.deps.now()
    const blocks = [...new Set(logs.map((l) => l.blockNumber!))].sort((a, b) => Number(b - a)).slice(0, MAX_TIMESTAMPS)
    const times = new Map<bigint, number>()
    await Promise.all(
      blocks.map((b) =>
        client.getBlock({ blockNumber: b }).then(
          (blk) => void times.set(b, Number(blk.timestamp) * 1000),
          () => undefined,
        ),
      ),
    )
    const found: IncomingTransfer[] = logs.map((l) => {
      const t = tokens.find((x) => x.address.toLowerCase() === l.address.toLowerCase())!
      const args = (l as unknown as { args: { from: Address; to: Address; value: bigint } }).args
      return {
        chainId: n.chainId,
        hash: l.transactionHash!,
        logIndex: l.logIndex ?? 0,
        block: Number(l.blockNumber),
        at: times.get(l.blockNumber!) ?? now - Number(head - l.blockNumber!) * n.blockTimeSeconds * 1000,
        token: t.address,
        tokenId: t.token.id,
        symbol: t.token.symbol,
        decimals: t.token.decimals,
        from: getAddress(args.from),
        to: getAddress(args.to),
        value: args.value.toString(),
      }
    })

    await this.mutex.run(async () => {
      const cur = await this.cached(address)
      const keep = cur.items.filter((x) => !(x.chainId === n.chainId && (from <= BigInt(x.block) || (last !== undefined && BigInt(last) > head))))
      const items = [...found, ...keep].sort((a, b) => b.at - a.at || b.block - a.block).slice(0, MAX_INCOMING)
      await this.deps.kv.set({ [incomingKey(address)]: { v: 1, scanned: { ...cur.scanned, [String(n.chainId)]: head.toString() }, items } satisfies IncomingCache })
    })
    for (const l of [...this.listeners]) l(address.toLowerCase())
  }
}
