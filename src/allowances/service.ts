// The allowances page's background: every ERC-20 allowance, operator approval and Permit2
// allowance of an account on each chain shown on Home, found from the chain's logs (scanned once,
// then only new blocks: the scan's progress is stored) and valued now with one multicall per
// chain; and the revoke of one, prepared through the transaction pipeline with its fee (L1 data
// fee included on rollups). Chains are read in parallel; one that fails says so and blanks nothing.
import { encodeFunctionData, getAddress, type Address } from 'viem'
import { WalletError, toErrorShape } from '../errors.ts'
import type { Network } from '../chains/types.ts'
import type { KV } from '../storage/kv.ts'
import type { Quoted, TxPipeline } from '../tx/pipeline.ts'
import { ERC20_SELECTORS, ERC721_SELECTORS, PERMIT2_SELECTORS } from '../tx/selectors.ts'
import { Mutex } from '../util/mutex.ts'
import { readAllowances, type AllowanceRow } from './read.ts'
import { pairKey, scanApprovals, type FoundPair, type ScanOptions } from './scan.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export const ALLOWANCES_KEY = 'allowances.scan'

/** per `${chainId}:${owner}`: how far the logs were read, and every pair found so far */
export interface ScanMark {
  fromBlock: string
  scannedTo: string
  pairs: FoundPair[]
}

export interface ChainAllowances {
  chainId: number
  chainName: string
  rows: AllowanceRow[]
  error: string | null
  /** the blocks whose logs were read */
  fromBlock: string | null
  scannedTo: string | null
}

/** A first scan reads this many blocks back from the head (older approvals need an older start). */
export const LOOKBACK_BLOCKS = 2_000_000n

export interface AllowanceDeps {
  local: KV
  networks(): Promise<Network[]>
  chainIds(): Promise<number[]>
  client(n: Network): RpcClient
  pipeline: TxPipeline
  now(): number
  scan?: ScanOptions
}

export class AllowanceService {
  private readonly mutex = new Mutex()
  constructor(private readonly d: AllowanceDeps) {}

  private async marks(): Promise<Record<string, ScanMark>> {
    const raw = await this.d.local.get<Record<string, ScanMark>>(ALLOWANCES_KEY)
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}
  }

  async list(owner: Address, chainIds?: number[], onRequest?: (method: string) => void): Promise<ChainAllowances[]> {
    const networks = await this.d.networks()
    const ids = chainIds?.length ? chainIds : await this.d.chainIds()
    const targets = ids.map((id) => networks.find((n) => n.chainId === id)).filter((n): n is Network => !!n)
    return Promise.all(targets.map((n) => this.one(n, getAddress(owner), onRequest)))
  }

  private async one(n: Network, owner: Address, onRequest?: (method: string) => void): Promise<ChainAllowances> {
    const client = this.d.client(n)
    const key = `${n.chainId}:${owner}`
    try {
      onRequest?.('eth_blockNumber')
      const head = await client.getBlockNumber()
      const mark = (await this.marks())[key]
      const from = mark ? BigInt(mark.scannedTo) + 1n : head > LOOKBACK_BLOCKS ? head - LOOKBACK_BLOCKS : 0n
      const found = await scanApprovals(client, owner, from, head, { ...this.d.scan, ...(onRequest ? { onRequest } : {}) })
      const pairs = new Map((mark?.pairs ?? []).map((p) => [pairKey(p), p]))
      for (const p of found) pairs.set(pairKey(p), p)
      const next: ScanMark = { fromBlock: mark?.fromBlock ?? from.toString(), scannedTo: head.toString(), pairs: [...pairs.values()] }
      await this.mutex.run(async () => this.d.local.set({ [ALLOWANCES_KEY]: { ...(await this.marks()), [key]: next } }))
      if (next.pairs.length) onRequest?.('eth_call (multicall)')
      const rows = await readAllowances(client, n.chainId, owner, next.pairs, Math.floor(this.d.now() / 1000))
      return { chainId: n.chainId, chainName: n.name, rows, error: null, fromBlock: next.fromBlock, scannedTo: next.scannedTo }
    } catch (err) {
      return { chainId: n.chainId, chainName: n.name, rows: [], error: `${n.name} did not answer: ${toErrorShape(err).message.split('\n')[0]}`, fromBlock: null, scannedTo: null }
    }
  }

  /** The revoke transaction of one approval, prepared with its fee. */
  prepareRevoke(owner: Address, row: { chainId: number; kind: FoundPair['kind']; token: Address; spender: Address; via?: Address | undefined }): Promise<Quoted> {
    const to = row.kind === 'permit2' ? row.via : row.token
    if (!to) throw new WalletError('BAD_PARAMS', 'A Permit2 allowance needs the Permit2 contract that holds it.')
    const data =
      row.kind === 'erc20'
        ? encodeFunctionData({ abi: ERC20_SELECTORS, functionName: 'approve', args: [row.spender, 0n] })
        : row.kind === 'operator'
          ? encodeFunctionData({ abi: ERC721_SELECTORS, functionName: 'setApprovalForAll', args: [row.spender, false] })
          : encodeFunctionData({ abi: PERMIT2_SELECTORS, functionName: 'approve', args: [row.token, row.spender, 0n, 0] })
    return this.d.pipeline.prepareQuoted(row.chainId, { from: owner, to, value: 0n, data })
  }
}
