// The relayer: the part of an OP Stack node that derives deposits. Every TransactionDeposited log
// of a portal on L1 becomes a deposit transaction (type 0x7e) on that portal's L2, built exactly as
// the spec (and viem's getL2TransactionHash) builds it: user-deposit source hash from (L1 block hash,
// log index), `from` as emitted (already aliased by the portal for contract callers), mint = the
// ETH locked on L1, value, gas limit, creation flag and data from the opaque data.
// It does not touch L2 state any other way: an anvil_set* call on an L2 rewrites the state of the
// block that is latest at that moment, after which eth_getProof of that block no longer matches its
// stateRoot. (So L1Block's number/timestamp/hash stay at the L1 head seen at setup.)
import { parseAbiItem, type Address, type Hex, type PublicClient } from 'viem'
import { getSourceHash, opaqueDataToDepositData, serializeTransaction } from 'viem/op-stack'
import { keccak256 } from 'viem'
import { rpc } from '../lib/tx.ts'

const transactionDeposited = parseAbiItem(
  'event TransactionDeposited(address indexed from, address indexed to, uint256 indexed version, bytes opaqueData)',
)

export interface RelayerL2 {
  chainId: number
  client: PublicClient
  portal: Address
}

interface QueuedDeposit {
  from: Address
  raw: Hex
  hash: Hex
  label: string
  attempts: number
}

interface ChainState {
  l2: RelayerL2
  queue: QueuedDeposit[]
  /** sender -> hash of its deposit waiting to be mined (anvil's pool holds one deposit per sender) */
  inFlight: Map<Address, Hex>
}

export class Relayer {
  private readonly chains = new Map<string, ChainState>()
  private nextL1Block = 0n
  private timer: NodeJS.Timeout | undefined
  private running = false
  private paused = false
  private current: Promise<void> = Promise.resolve()
  private readonly seen = new Set<Hex>()

  constructor(
    private readonly l1: PublicClient,
    l2s: RelayerL2[],
    private readonly pollMs: number,
    private readonly log: (line: string) => void,
  ) {
    for (const l2 of l2s) this.chains.set(l2.portal.toLowerCase(), { l2, queue: [], inFlight: new Map() })
  }

  start() {
    this.running = true
    this.schedule(0)
  }

  async stop() {
    this.running = false
    if (this.timer) clearTimeout(this.timer)
    await this.current
  }

  pause() {
    this.paused = true
  }

  resume() {
    this.paused = false
  }

  /** Relays every deposit up to the current L1 head and resolves once all are mined on their L2s. */
  async flush(timeoutMs = 60_000): Promise<void> {
    // never viem's cached head: a deposit mined within the cache window would be left out
    const target = await this.l1.getBlockNumber({ cacheTime: 0 })
    const deadline = Date.now() + timeoutMs
    for (;;) {
      await this.tickOnce(true)
      const idle = [...this.chains.values()].every((c) => c.queue.length === 0 && c.inFlight.size === 0)
      if (this.nextL1Block > target && idle) return
      if (Date.now() > deadline) throw new Error('relayer: deposits not relayed in time')
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  private schedule(ms: number) {
    if (!this.running) return
    this.timer = setTimeout(() => {
      this.tickOnce().finally(() => this.schedule(this.pollMs))
    }, ms)
  }

  /** One pass, never overlapping another. `force` runs it even while paused. */
  private tickOnce(force = false): Promise<void> {
    const run = this.current.then(() => (this.paused && !force ? undefined : this.tick())).catch((e: unknown) => {
      this.log(`relayer: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`)
    })
    this.current = run
    return run
  }

  private async tick() {
    const head = { number: await this.l1.getBlockNumber({ cacheTime: 0 }) }
    if (head.number >= this.nextL1Block) {
      const logs = await this.l1.getLogs({
        address: [...this.chains.values()].map((c) => c.l2.portal),
        event: transactionDeposited,
        fromBlock: this.nextL1Block,
        toBlock: head.number,
      })
      for (const log of logs) this.enqueue(log)
      this.nextL1Block = head.number + 1n
    }
    await Promise.all([...this.chains.values()].map((c) => this.drain(c)))
  }

  private enqueue(log: {
    address: Address
    blockHash: Hex | null
    logIndex: number | null
    args: { from?: Address; to?: Address; version?: bigint; opaqueData?: Hex }
  }) {
    const chain = this.chains.get(log.address.toLowerCase())
    if (!chain || !log.blockHash || log.logIndex === null) return
    const { from, to, version, opaqueData } = log.args
    if (!from || !to || version === undefined || !opaqueData) return
    if (version !== 0n) {
      this.log(`relayer: skipping deposit with unknown version ${version}`)
      return
    }
    const sourceHash = getSourceHash({ domain: 'userDeposit', l1BlockHash: log.blockHash, l1LogIndex: log.logIndex })
    if (this.seen.has(sourceHash)) return
    this.seen.add(sourceHash)
    const { mint, value, gas, isCreation, data } = opaqueDataToDepositData(opaqueData)
    const raw = serializeTransaction({
      type: 'deposit',
      sourceHash,
      from,
      to: isCreation ? undefined : to,
      mint,
      value,
      gas,
      isSystemTx: false,
      data,
    })
    chain.queue.push({ from, raw, hash: keccak256(raw), label: `deposit ${sourceHash.slice(0, 10)} from ${from}`, attempts: 0 })
  }

  /** Submits queued deposits in L1 order; a sender with a deposit still in the pool blocks the queue. */
  private async drain(c: ChainState) {
    for (const [sender, hash] of [...c.inFlight]) {
      const receipt = await rpc<unknown>(c.l2.client, 'eth_getTransactionReceipt', [hash])
      if (receipt) c.inFlight.delete(sender)
    }
    while (c.queue.length) {
      const next = c.queue[0]!
      if (c.inFlight.has(next.from)) return
      try {
        await rpc(c.l2.client, 'eth_sendRawTransaction', [next.raw])
        c.inFlight.set(next.from, next.hash)
        c.queue.shift()
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e)
        if (/already (known|imported)|known transaction/i.test(message)) {
          c.inFlight.set(next.from, next.hash)
          c.queue.shift()
          continue
        }
        // A user transaction of the same sender in the pool blocks the deposit until it is mined.
        if (/underpriced|nonce/i.test(message) && ++next.attempts < 600) return
        this.log(`relayer: dropping ${next.label} on ${c.l2.chainId}: ${message.split('\n')[0]}`)
        c.queue.shift()
      }
    }
  }
}
