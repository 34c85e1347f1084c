// The L1's block production. The L1 automines (a transaction is mined at once, with the wall-clock
// time), and this heartbeat mines an empty block whenever the chain has been idle for
// `blockTime` seconds, so L1 time visibly moves like mainnet's (and `latest`-based simulations
// never see a stale clock for long).
//
// anvil gives two blocks mined in the same second the same timestamp; Ethereum never does. The
// portal's `provenWithdrawal.timestamp > game.createdAt` check depends on that, so game creation goes
// through `holdSecond`: automine is paused, the creating transaction is mined, other transactions
// wait in the pool until the clock has left that second (at most a second), then automine resumes.
import { parseAbi, type PublicClient } from 'viem'
import { Lock } from '../lib/lock.ts'
import { rpc } from '../lib/tx.ts'
import { MULTICALL3 } from '../deploy/constants.ts'

const multicallAbi = parseAbi(['function getCurrentBlockTimestamp() view returns (uint256)'])

export class L1Clock {
  readonly lock = new Lock()
  private timer: NodeJS.Timeout | undefined
  private running = false

  constructor(
    private readonly l1: PublicClient,
    private readonly blockTime: number,
    private readonly warn: (line: string) => void,
  ) {}

  /** The timestamp the next L1 block would get (anvil evaluates `pending` calls at it). */
  async nextTimestamp(): Promise<bigint> {
    return this.l1.readContract({ address: MULTICALL3, abi: multicallAbi, functionName: 'getCurrentBlockTimestamp', blockTag: 'pending' })
  }

  start() {
    if (!this.blockTime) return
    this.running = true
    const beat = () => {
      if (!this.running) return
      this.timer = setTimeout(() => {
        this.lock
          .run(async () => {
            const [latest, next] = await Promise.all([this.l1.getBlock({ blockTag: 'latest' }), this.nextTimestamp()])
            if (next - latest.timestamp >= BigInt(this.blockTime)) await rpc(this.l1, 'evm_mine', [])
          })
          .catch((e: unknown) => this.warn(`l1 clock: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`))
          .finally(beat)
      }, 500)
    }
    beat()
  }

  async stop() {
    this.running = false
    if (this.timer) clearTimeout(this.timer)
    await this.lock.run(async () => undefined)
  }

  /**
   * Mines what `send` submits in a block of its own second: returns once later blocks are
   * guaranteed a later timestamp. `send` must only submit (not wait for receipts).
   */
  holdSecond<T>(send: () => Promise<T>): Promise<{ result: T; timestamp: bigint }> {
    return this.lock.run(async () => {
      await rpc(this.l1, 'evm_setAutomine', [false])
      try {
        const result = await send()
        await rpc(this.l1, 'evm_mine', [])
        const { timestamp } = await this.l1.getBlock({ blockTag: 'latest' })
        const deadline = Date.now() + 3000
        while ((await this.nextTimestamp()) <= timestamp && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
        return { result, timestamp }
      } finally {
        // Resuming automine mines whatever waited, at the new second.
        await rpc(this.l1, 'evm_setAutomine', [true])
      }
    })
  }
}
