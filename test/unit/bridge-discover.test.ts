// Rediscovery reads logs over a bounded lookback in block ranges public nodes accept: ranges of
// the configured size, a few at a time, newest first; a range the node refuses (too many results,
// range too large) is split in halves; a node that does not answer at all fails the scan at once
// (no storm of retries). The node is a stand-in here: these are its refusal rules, which the
// devnet's anvil does not have.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { AbiEvent } from 'viem'
import { scanLogs } from '../../src/bridge/discover.ts'

const ev = { type: 'event', name: 'MessagePassed', inputs: [] } as unknown as AbiEvent

function node(opts: { head: bigint; maxRange: bigint; down?: boolean }) {
  const calls: [bigint, bigint][] = []
  let inFlight = 0
  let maxInFlight = 0
  return {
    calls,
    get maxInFlight() {
      return maxInFlight
    },
    async getBlockNumber() {
      return opts.head
    },
    async getLogs({ fromBlock, toBlock }: { fromBlock: bigint; toBlock: bigint }) {
      calls.push([fromBlock, toBlock])
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      await new Promise((r) => setTimeout(r, 2))
      inFlight--
      if (opts.down) throw Object.assign(new Error('HTTP request failed.'), { name: 'HttpRequestError' })
      if (toBlock - fromBlock + 1n > opts.maxRange) throw Object.assign(new Error('query exceeds max block range'), { name: 'LimitExceededRpcError' })
      // one log every 1000 blocks
      const out = []
      for (let b = ((fromBlock + 999n) / 1000n) * 1000n; b <= toBlock; b += 1000n) out.push({ blockNumber: b })
      return out
    },
  }
}

test('the lookback is covered in ranges; refused ranges are split; every log is found once', async () => {
  const n = node({ head: 100_000n, maxRange: 3_000n })
  // 20,000 s of 2 s blocks = 10,000 blocks back, in ranges of 5,000 the node refuses
  const logs = await scanLogs(n as never, '0x4200000000000000000000000000000000000016', ev, {}, 2, { lookbackSeconds: 20_000, chunkBlocks: 5_000 })
  const blocks = logs.map((l) => Number(l.blockNumber)).sort((a, b) => a - b)
  assert.deepEqual(blocks, [90_000, 91_000, 92_000, 93_000, 94_000, 95_000, 96_000, 97_000, 98_000, 99_000, 100_000])
  assert.ok(n.calls.every(([a, b]) => a >= 90_000n && b <= 100_000n), 'never beyond the lookback')
  assert.ok(n.maxInFlight <= 3, `at most 3 requests at once (saw ${n.maxInFlight})`)
})

test('at most maxChunks ranges, newest first', async () => {
  const n = node({ head: 1_000_000n, maxRange: 1_000_000n })
  await scanLogs(n as never, '0x4200000000000000000000000000000000000016', ev, {}, 2, { lookbackSeconds: 30 * 86400, chunkBlocks: 50_000, maxChunks: 4 })
  assert.deepEqual(n.calls.map(([, b]) => b), [1_000_000n, 950_000n, 900_000n, 850_000n])
})

test('a node that does not answer fails the scan without splitting', async () => {
  const n = node({ head: 100_000n, maxRange: 1_000n, down: true })
  await assert.rejects(scanLogs(n as never, '0x4200000000000000000000000000000000000016', ev, {}, 2, { lookbackSeconds: 20_000, chunkBlocks: 5_000 }), /HTTP request failed/)
  assert.ok(n.calls.length <= 3, `one round of requests, no retries (saw ${n.calls.length})`)
})
