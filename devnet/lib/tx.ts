// Local signing and sending for the devnet's own keys. Transactions are signed here with explicit
// nonce, gas and fees and sent raw, so a deployment can be pipelined (no round trip per field, no
// wait per transaction) and contract addresses follow from (deployer, nonce) alone: deterministic.
import {
  createPublicClient,
  decodeAbiParameters,
  encodeDeployData,
  encodeFunctionData,
  getContractAddress,
  http,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
} from 'viem'
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts'
import type { CompiledContract } from './solidity.ts'

/**
 * A client of a devnet node. Its reads are never cached: viem otherwise answers getBlockNumber from
 * a number read up to one polling interval before, e.g. by a receipt wait that polled just before its
 * transaction was mined, so a head read after a transaction could predate it (a proposal that did
 * not cover a withdrawal just made, an anchor read as block 0 after the L2's setup).
 */
export function rpcClient(url: string): PublicClient {
  return createPublicClient({ transport: http(url, { batch: { wait: 0 }, retryCount: 0, timeout: 20_000 }), pollingInterval: 100, cacheTime: 0 })
}

export async function rpc<T = unknown>(client: PublicClient, method: string, params: unknown[] = []): Promise<T> {
  return (await client.request({ method: method as never, params: params as never })) as T
}

export interface SendRequest {
  to?: Address
  data?: Hex
  value?: bigint
  /** explicit gas limit; omitted = estimate (and refuse to send a transaction that would revert) */
  gas?: bigint
  /** a name for error messages */
  label?: string
}

export interface Sent {
  hash: Hex
  nonce: number
  label: string
}

/** One key on one chain, with a local nonce and a queue, so concurrent callers never collide. */
export class Signer {
  readonly account: PrivateKeyAccount
  private nonce: number | undefined
  private queue: Promise<unknown> = Promise.resolve()
  readonly sent: Sent[] = []

  constructor(
    readonly client: PublicClient,
    privateKey: Hex,
    readonly chainId: number,
    private readonly fees = { maxFeePerGas: 50_000_000_000n, maxPriorityFeePerGas: 1_000_000n },
  ) {
    this.account = privateKeyToAccount(privateKey)
  }

  get address(): Address {
    return this.account.address
  }

  /** Serializes f behind every earlier call on this signer. */
  private exclusive<T>(f: () => Promise<T>): Promise<T> {
    const run = this.queue.then(f, f)
    this.queue = run.catch(() => undefined)
    return run
  }

  private async nextNonce(): Promise<number> {
    if (this.nonce === undefined) {
      this.nonce = await this.client.getTransactionCount({ address: this.address, blockTag: 'pending' })
    }
    return this.nonce
  }

  send(req: SendRequest): Promise<Sent> {
    return this.exclusive(async () => {
      const nonce = await this.nextNonce()
      const gas =
        req.gas ??
        ((await this.client.estimateGas({ account: this.address, to: req.to, data: req.data, value: req.value })) * 12n) / 10n
      const serialized = await this.account.signTransaction({
        type: 'eip1559',
        chainId: this.chainId,
        nonce,
        to: req.to,
        data: req.data,
        value: req.value,
        gas,
        ...this.fees,
      })
      try {
        const hash = await rpc<Hex>(this.client, 'eth_sendRawTransaction', [serialized])
        this.nonce = nonce + 1
        const sent = { hash, nonce, label: req.label ?? `tx ${nonce}` }
        this.sent.push(sent)
        return sent
      } catch (e) {
        this.nonce = undefined // resync from the chain next time
        throw e
      }
    })
  }

  /** Predicts the address from the nonce, sends the creation transaction, does not wait. */
  async deploy(contract: CompiledContract, args: readonly unknown[] = [], label = 'deploy'): Promise<Address> {
    const data = args.length
      ? encodeDeployData({ abi: contract.abi, bytecode: contract.bytecode, args })
      : contract.bytecode
    const sent = await this.send({ data, gas: 15_000_000n, label })
    return getContractAddress({ from: this.address, nonce: BigInt(sent.nonce) })
  }

  /** Sends a contract call with a generous explicit gas limit, does not wait. */
  call(to: Address, abi: Abi, functionName: string, args: readonly unknown[] = [], opts: { value?: bigint; gas?: bigint; label?: string } = {}): Promise<Sent> {
    const data = encodeFunctionData({ abi, functionName, args } as never)
    return this.send({ to, data, value: opts.value, gas: opts.gas ?? 3_000_000n, label: opts.label ?? functionName })
  }

  /** Waits for every transaction sent so far and throws, naming it, if any failed. */
  async settle(): Promise<TransactionReceipt[]> {
    const pending = this.sent.splice(0)
    if (!pending.length) return []
    await this.client.waitForTransactionReceipt({ hash: pending[pending.length - 1]!.hash, pollingInterval: 20, timeout: 60_000 })
    const receipts = await Promise.all(
      pending.map((s) => this.client.waitForTransactionReceipt({ hash: s.hash, pollingInterval: 20, timeout: 60_000 })),
    )
    for (const [i, r] of receipts.entries()) {
      if (r.status !== 'success') {
        const why = await revertReason(this.client, r.transactionHash)
        throw new Error(`transaction "${pending[i]!.label}" (${r.transactionHash}) reverted on chain ${this.chainId}${why ? `: ${why}` : ''}`)
      }
    }
    return receipts
  }
}

/** The revert reason of a mined transaction, from anvil's call tracer (best effort, for error messages). */
export async function revertReason(client: PublicClient, hash: Hex): Promise<string | undefined> {
  try {
    const trace = await rpc<{ output?: Hex; error?: string; revertReason?: string }>(client, 'debug_traceTransaction', [hash, { tracer: 'callTracer' }])
    if (trace.revertReason) return trace.revertReason
    if (trace.output && trace.output.startsWith('0x08c379a0')) {
      const [reason] = decodeAbiParameters([{ type: 'string' }], `0x${trace.output.slice(10)}`)
      return reason
    }
    return trace.output && trace.output !== '0x' ? `${trace.error ?? 'reverted'} (${trace.output.slice(0, 10)})` : trace.error
  } catch {
    return undefined
  }
}
