// EIP-5792 batches (wallet_sendCalls): what a site asked, checked; the record of each batch and its
// calls in storage.local (a site may ask for the status after a browser restart); and the runner
// that sends the calls of an approved batch one after another, each once the one before is mined,
// so the nonces are consecutive and a call that fails stops the rest. Atomic execution is not
// offered (wallet_getCapabilities says so). The runner resumes unfinished batches after a
// service-worker restart.
import { getAddress, isAddress, numberToHex, type Address, type Hex, type TransactionReceipt } from 'viem'
import { toErrorShape, WalletError } from '../errors.ts'
import type { KV } from '../storage/kv.ts'
import type { TxPipeline } from '../tx/pipeline.ts'
import { applyFeeChoice } from '../tx/fee-levels.ts'
import { Mutex } from '../util/mutex.ts'
import { address, chainIdParam, hexData, paramsArray, plainObject, quantity } from './params.ts'
import { RPC, rpcError } from './rpc-errors.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export const BATCHES_KEY = 'provider.batches'
/** Batches remembered (the oldest finished ones go first). */
export const MAX_BATCHES = 200
/** Calls in one batch at most. */
export const MAX_CALLS = 20
/** How long the runner waits for one call to be mined. */
export const RECEIPT_TIMEOUT_MS = 10 * 60_000

/** EIP-5792 status codes. */
export const BATCH_STATUS = { pending: 100, confirmed: 200, offchainFailure: 400, reverted: 500, partial: 600 } as const
export type BatchStatus = (typeof BATCH_STATUS)[keyof typeof BATCH_STATUS]

export interface CallsRequest {
  version: string
  /** the id the site chose, or null (the wallet makes one) */
  id: string | null
  from: Address | null
  chainId: number
  calls: { to: Address | null; value: bigint; data: Hex }[]
}

/** A receipt as EIP-5792 returns it. */
export interface CallReceipt {
  logs: { address: Address; data: Hex; topics: Hex[] }[]
  status: '0x1' | '0x0'
  blockHash: Hex
  blockNumber: Hex
  gasUsed: Hex
  transactionHash: Hex
}

export interface BatchCall {
  to: Address | null
  value: Hex
  data: Hex
  /** for the activity list */
  title: string
  status: 'queued' | 'sent' | 'success' | 'reverted' | 'failed'
  hash?: Hex
  receipt?: CallReceipt
  error?: string
}

export interface BatchRecord {
  id: string
  origin: string
  chainId: number
  from: Address
  version: string
  createdAt: number
  calls: BatchCall[]
  status: BatchStatus
  /** which call failed and why */
  error?: string
  /** the fee level the user chose in the window: each call gets that level of the market when it is sent (absent: as prepared) */
  feeLevel?: 'low' | 'aggressive'
}

/** wallet_sendCalls' one parameter (EIP-5792). */
export function callsParams(params: unknown): CallsRequest {
  const [p] = paramsArray(params, 'wallet_sendCalls', 1)
  const o = plainObject(p, 'the batch')
  const version = typeof o.version === 'string' ? o.version : ''
  if (!/^(1\.0|2\.0\.0)$/.test(version)) throw rpcError.invalidParams('version must be "2.0.0" (or "1.0").')
  if (o.atomicRequired === true) {
    throw new WalletError(RPC.atomicityNotSupported, 'Atomicity not supported: this wallet sends the calls one by one, in order (wallet_getCapabilities says atomic "unsupported").')
  }
  if (o.atomicRequired !== undefined && typeof o.atomicRequired !== 'boolean') throw rpcError.invalidParams('atomicRequired must be true or false.')
  requireOptional(o.capabilities, 'the batch')
  let id: string | null = null
  if (o.id !== undefined && o.id !== null) {
    if (typeof o.id !== 'string' || o.id.length === 0 || o.id.length > 256 || !/^[\x21-\x7e]+$/.test(o.id)) throw rpcError.invalidParams('id must be 1 to 256 printable characters.')
    id = o.id
  }
  const from = o.from === undefined || o.from === null ? null : address(o.from, 'from')
  const chainId = chainIdParam(o.chainId)
  if (!Array.isArray(o.calls) || o.calls.length === 0) throw rpcError.invalidParams('calls must hold at least one call.')
  if (o.calls.length > MAX_CALLS) throw new WalletError(RPC.batchTooLarge, `Batch too large: at most ${MAX_CALLS} calls in one batch.`)
  const calls = o.calls.map((c, i) => {
    const x = plainObject(c, `call ${i + 1}`)
    requireOptional(x.capabilities, `call ${i + 1}`)
    const to = x.to === undefined || x.to === null ? null : address(x.to, `call ${i + 1}: to`)
    const data = x.data === undefined || x.data === null ? '0x' : hexData(x.data, `call ${i + 1}: data`)
    if (to === null && data === '0x') throw rpcError.invalidParams(`call ${i + 1} has no "to": it must carry contract creation code in "data".`)
    return { to, value: x.value === undefined || x.value === null ? 0n : quantity(x.value, `call ${i + 1}: value`), data }
  })
  return { version, id, from, chainId, calls }
}

/** Capabilities the wallet does not have may be asked for only as optional (EIP-5792, 5700). */
function requireOptional(caps: unknown, where: string): void {
  if (caps === undefined || caps === null) return
  const o = plainObject(caps, `${where}: capabilities`)
  for (const [name, c] of Object.entries(o)) {
    const optional = !!c && typeof c === 'object' && (c as { optional?: unknown }).optional === true
    if (!optional) throw new WalletError(RPC.unsupportedCapability, `Unsupported non-optional capability "${name}" in ${where}: this wallet offers no capabilities beyond sending the calls in order.`)
  }
}

export function randomBatchId(): Hex {
  const b = new Uint8Array(32)
  crypto.getRandomValues(b)
  return `0x${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`
}

/** wallet_getCallsStatus' answer for a record. */
export function callsStatus(rec: BatchRecord) {
  return {
    version: rec.version === '1.0' ? '1.0' : '2.0.0',
    id: rec.id,
    chainId: numberToHex(rec.chainId),
    status: rec.status,
    atomic: false,
    receipts: rec.calls.filter((c) => c.receipt).map((c) => c.receipt!),
    ...(rec.error ? { capabilities: { error: rec.error } } : {}),
  }
}

export class BatchStore {
  private readonly mutex = new Mutex()
  constructor(private readonly kv: KV) {}

  async list(): Promise<BatchRecord[]> {
    const raw = await this.kv.get<unknown>(BATCHES_KEY)
    return Array.isArray(raw) ? (raw as BatchRecord[]).filter((b) => b && typeof b.id === 'string' && Array.isArray(b.calls)) : []
  }

  /** The origin's batch with this id, or undefined (another origin's batch is as unknown as none). */
  async get(origin: string, id: string): Promise<BatchRecord | undefined> {
    return (await this.list()).find((b) => b.origin === origin && b.id === id)
  }

  async byId(id: string): Promise<BatchRecord | undefined> {
    return (await this.list()).find((b) => b.id === id)
  }

  /** Adds a batch; 5720 when the origin already has one with this id. */
  add(rec: BatchRecord): Promise<void> {
    return this.mutex.run(async () => {
      const all = await this.list()
      if (all.some((b) => b.origin === rec.origin && b.id === rec.id)) throw new WalletError(RPC.duplicateBatchId, `Duplicate id: this site already sent a batch with id ${rec.id}.`)
      const next = [...all, rec]
      // forget the oldest finished batches first
      while (next.length > MAX_BATCHES) {
        const i = next.findIndex((b) => b.status !== BATCH_STATUS.pending)
        next.splice(i < 0 ? 0 : i, 1)
      }
      await this.kv.set({ [BATCHES_KEY]: next })
    })
  }

  update(id: string, patch: (b: BatchRecord) => void): Promise<BatchRecord | undefined> {
    return this.mutex.run(async () => {
      const all = await this.list()
      const b = all.find((x) => x.id === id)
      if (!b) return undefined
      patch(b)
      await this.kv.set({ [BATCHES_KEY]: all })
      return b
    })
  }

  /** The site was disconnected: its batches are forgotten (their transactions stay in the activity list). */
  forgetOrigin(origin: string): Promise<void> {
    return this.mutex.run(async () => {
      const all = await this.list()
      const kept = all.filter((b) => b.origin !== origin || b.status === BATCH_STATUS.pending)
      if (kept.length !== all.length) await this.kv.set({ [BATCHES_KEY]: kept })
    })
  }
}

export interface BatchRunnerDeps {
  store: BatchStore
  pipeline: TxPipeline
  /** tests: shorter waits */
  pollMs?: number
  receiptTimeoutMs?: number
}

/** Sends the calls of approved batches, one at a time, each once the one before is mined. */
export class BatchRunner {
  private readonly running = new Set<string>()
  constructor(private readonly deps: BatchRunnerDeps) {}

  /** Runs a batch (again) unless it is running already; resolves when it is done. */
  start(id: string): Promise<void> {
    if (this.running.has(id)) return Promise.resolve()
    this.running.add(id)
    return this.run(id)
      .catch((err) => console.error('batch failed', id, err))
      .finally(() => this.running.delete(id))
  }

  /** After a service-worker restart: every unfinished batch carries on. */
  async resume(): Promise<void> {
    for (const b of await this.deps.store.list()) if (b.status === BATCH_STATUS.pending) void this.start(b.id)
  }

  private async run(id: string): Promise<void> {
    const { store, pipeline } = this.deps
    const rec = await store.byId(id)
    if (!rec || rec.status !== BATCH_STATUS.pending) return
    const network = await pipeline.network(rec.chainId)
    const client = pipeline.client(network)
    const n = rec.calls.length
    const finish = (status: BatchStatus, error?: string) =>
      store.update(id, (b) => {
        b.status = status
        if (error) b.error = error
      })
    for (let i = 0; i < n; i++) {
      const call = rec.calls[i]
      if (call.status === 'success') continue
      const doneBefore = rec.calls.slice(0, i).some((c) => c.status === 'success')
      const failed = async (error: string, status: 'failed' | 'reverted', receipt?: CallReceipt) => {
        await store.update(id, (b) => {
          b.calls[i].status = status
          b.calls[i].error = error
          if (receipt) b.calls[i].receipt = receipt
          for (const c of b.calls.slice(i + 1)) c.error = `not sent: call ${i + 1} ${status === 'reverted' ? 'reverted' : 'failed'}`
        })
        const code = status === 'reverted' ? (doneBefore ? BATCH_STATUS.partial : BATCH_STATUS.reverted) : doneBefore ? BATCH_STATUS.partial : BATCH_STATUS.offchainFailure
        await finish(code, `call ${i + 1} of ${n} ${status === 'reverted' ? 'reverted' : 'failed'}: ${error}`)
      }
      let hash = call.hash
      if (!hash) {
        try {
          // prepared now, with the calls before it mined: its gas estimate sees their effects
          const prepared = await pipeline.prepare(rec.chainId, { from: rec.from, to: call.to, value: BigInt(call.value), data: call.data })
          // the level chosen in the window, of the market at the time this call goes out
          const tx = rec.feeLevel ? applyFeeChoice(prepared, (await pipeline.market(rec.chainId)).levels[rec.feeLevel]) : prepared
          hash = await pipeline.send(tx, {
            title: call.title,
            origin: rec.origin,
            onSigned: async (h) => {
              await store.update(id, (b) => {
                b.calls[i].status = 'sent'
                b.calls[i].hash = h
              })
            },
          })
        } catch (err) {
          return failed(toErrorShape(err).message, 'failed')
        }
      }
      const mined = await this.waitForReceipt(client, rec.chainId, hash)
      if (!mined) return failed(`not mined within ${Math.round((this.deps.receiptTimeoutMs ?? RECEIPT_TIMEOUT_MS) / 60_000)} minutes`, 'failed')
      if (mined.cancelled) return failed('cancelled by the user before it was mined', 'failed')
      const receipt = mined.receipt
      const r = toCallReceipt(receipt)
      if (r.status !== '0x1') return failed(`reverted on chain in transaction ${hash}`, 'reverted', r)
      await store.update(id, (b) => {
        b.calls[i].status = 'success'
        b.calls[i].receipt = r
      })
      rec.calls[i].status = 'success'
    }
    await finish(BATCH_STATUS.confirmed)
  }

  /** The receipt of `hash`, or of the speed-up or cancel that took its nonce (sent from the activity list). */
  private async waitForReceipt(client: RpcClient, chainId: number, hash: Hex): Promise<{ receipt: TransactionReceipt; cancelled: boolean } | null> {
    const deadline = Date.now() + (this.deps.receiptTimeoutMs ?? RECEIPT_TIMEOUT_MS)
    const every = this.deps.pollMs ?? 500
    while (Date.now() < deadline) {
      const family = await this.deps.pipeline.activity.family(chainId, hash).catch(() => [])
      const candidates = family.length ? family.map((r) => ({ hash: r.hash, cancelled: r.replacement?.kind === 'cancel' })) : [{ hash, cancelled: false }]
      for (const c of candidates) {
        try {
          return { receipt: await client.getTransactionReceipt({ hash: c.hash }), cancelled: c.cancelled }
        } catch {
          // not mined yet (or the node hiccuped): look again
        }
      }
      await new Promise((r) => setTimeout(r, every))
    }
    return null
  }
}

export function toCallReceipt(r: TransactionReceipt): CallReceipt {
  return {
    logs: r.logs.map((l) => ({ address: l.address, data: l.data, topics: [...l.topics] as Hex[] })),
    status: r.status === 'success' ? '0x1' : '0x0',
    blockHash: r.blockHash,
    blockNumber: numberToHex(r.blockNumber),
    gasUsed: numberToHex(r.gasUsed),
    transactionHash: r.transactionHash,
  }
}

/** wallet_getCapabilities' parameters: [address?, chainIds?]. */
export function capabilitiesParams(params: unknown): { address: Address | null; chainIds: number[] | null } {
  const p = params === undefined ? [] : paramsArray(params, 'wallet_getCapabilities')
  const a = p[0]
  const addr = a === undefined || a === null ? null : typeof a === 'string' && isAddress(a, { strict: false }) ? getAddress(a) : address(a, 'the address')
  const ids = p[1] === undefined || p[1] === null ? null : Array.isArray(p[1]) ? p[1].map((c, i) => chainIdParam(c, `chainIds[${i}]`)) : null
  if (p[1] !== undefined && p[1] !== null && ids === null) throw rpcError.invalidParams('chainIds must be an array of 0x-hex chain ids.')
  return { address: addr, chainIds: ids }
}
