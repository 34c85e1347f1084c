// The bridge tracker's alarm (src/bridge/service.ts): a browser alarm set with a time rings once and
// is gone. A background stopped in the middle of the tick it started would then never wake again for
// the withdrawals it follows; so the handler sets the next alarm before the tick runs, and the tick's
// end replaces it with the real next one (or clears it when nothing moves).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Socket } from 'node:net'
import type { Hex } from 'viem'
import manifestJson from '../../devnet/manifest.json' with { type: 'json' }
import type { DevnetManifest } from '../../src/chains/devnet-manifest.ts'
import { devnetNetworks } from '../../src/chains/devnet.ts'
import { BridgeStore } from '../../src/bridge/store.ts'
import { BRIDGE_ALARM, CHECK_EVERY_MS } from '../../src/bridge/service.ts'
import { ETH_TOKEN, type WithdrawalItem } from '../../src/bridge/types.ts'
import { makeWallet } from '../support/wallet-harness.ts'

const A = '0x00000000000000000000000000000000000000aa'

test('the tracker alarm is set again before its tick: a background stopped mid-tick still wakes within a minute', async () => {
  // a node that accepts and never answers: the tick stays in flight
  const sockets = new Set<Socket>()
  const silent = createServer((s) => sockets.add(s))
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`
  const networks = devnetNetworks(manifestJson as unknown as DevnetManifest).map((n) => ({ ...n, rpcUrls: [url] }))
  const l2 = networks.find((n) => n.rollup)!
  const h = await makeWallet({ networks })
  try {
    const w: WithdrawalItem = {
      kind: 'withdrawal', id: `${l2.chainId}:0x${'1'.repeat(64)}`, l1ChainId: l2.rollup!.l1ChainId, l2ChainId: l2.chainId, account: A, to: A, token: ETH_TOKEN, amount: '1',
      createdAt: h.platform.now(), l2Hash: `0x${'1'.repeat(64)}` as Hex, status: 'initiating', message: undefined,
    }
    await new BridgeStore(h.local).add([w])
    h.platform.alarms.delete(BRIDGE_ALARM) // rung: the browser removed it
    const at = h.platform.now()
    let ticked = false
    const tick = h.wallet.alarms.dispatch(BRIDGE_ALARM).finally(() => (ticked = true))
    // until the node is asked (a fixed wait could end before that on a busy machine)
    for (const end = Date.now() + 10_000; sockets.size === 0 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20))
    assert.ok(sockets.size > 0, 'the node is asked')
    assert.ok(!ticked, 'the tick is in flight, waiting for the node')
    assert.equal(h.platform.alarms.get(BRIDGE_ALARM), at + CHECK_EVERY_MS, 'while the tick runs, the next alarm is already set')
    // the node goes away: the tick ends with the chain unreachable, the withdrawal still followed
    for (const s of sockets) s.destroy()
    silent.close()
    await tick
    const next = h.platform.alarms.get(BRIDGE_ALARM)
    assert.ok(next !== undefined && next <= h.platform.now() + CHECK_EVERY_MS, 'after the tick: looked at again within a minute')
  } finally {
    for (const s of sockets) s.destroy()
    silent.close()
  }
})

test('with nothing to follow, the tick clears the alarm it set', async () => {
  const h = await makeWallet({ networks: devnetNetworks(manifestJson as unknown as DevnetManifest) })
  await h.wallet.alarms.dispatch(BRIDGE_ALARM)
  assert.ok(!h.platform.alarms.has(BRIDGE_ALARM))
})
