// The background restarts (the browser stopped its service worker) while a flow's transaction is
// being mined, or a flow's step was being prepared, and the chain's RPC node hangs: it accepts the
// connection and never answers. The wallet's pages are still answered at once (the lock state, an
// unlock, the cached balances): the flows are picked up in the background, not before the wallet
// serves anything. A real local HTTP server that never responds stands for the node.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ETH, type Network } from '../../src/chains/types.ts'
import { FLOWS_KEY } from '../../src/flows/store.ts'
import { makeWallet, TEST_PASSWORD } from '../support/wallet-harness.ts'

const A0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const A1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const HASH = `0x${'ab'.repeat(32)}` as const
/** far below the RPC timeout (10 s) a hanging node costs each read */
const AT_ONCE_MS = 2_000

async function hangingNode(): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let requests = 0
  const server = createServer((req) => {
    requests++
    req.resume()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    requests: () => requests,
    close: () =>
      new Promise((r) => {
        server.close(() => r())
        server.closeAllConnections()
      }),
  }
}

const flow = (id: string, status: 'mining' | 'preparing', now: number) => ({
  id,
  kind: 'bridge',
  intent: { direction: 'deposit', l2ChainId: 901, from: A0, to: A0, token: 'eth', amount: '1' },
  from: A0,
  createdAt: now,
  updatedAt: now,
  steps: [{ role: 'deposit', label: 'Deposit 1 ETH', chainId: 900, call: { to: A1, data: '0x', value: '1' }, status: status === 'mining' ? 'mining' : 'ready', ...(status === 'mining' ? { hash: HASH } : {}) }],
  current: 0,
  status,
})

for (const status of ['mining', 'preparing'] as const) {
  test(`a restart with a flow ${status === 'mining' ? 'being mined' : 'being prepared'} and the node hanging: the wallet answers at once, the flow is picked up meanwhile`, async () => {
    const node = await hangingNode()
    try {
      const network = { chainId: 900, name: 'Hanging L1', nativeCurrency: ETH, rpcUrls: [node.url], blockTimeSeconds: 12, source: 'builtin' } as Network
      const h = await makeWallet({ networks: [network], devnet: null, watchIntervalMs: 3_600_000 })
      await h.local.set({ [FLOWS_KEY]: [flow('f1', status, h.platform.now())] })
      await h.call('keyring.lock', {})

      const t0 = Date.now()
      const again = await h.restart()
      const state = await again.call('wallet.state', {})
      assert.equal(state.unlocked, false)
      await again.call('keyring.unlock', { password: TEST_PASSWORD })
      const flows = await again.call('flows.list', { open: true })
      const took = Date.now() - t0
      assert.ok(took < AT_ONCE_MS, `the restarted wallet answered its pages after ${took} ms`)
      assert.deepEqual(
        flows.map((f) => f.id),
        ['f1'],
        'the open flow is still listed',
      )
      // picked up meanwhile: its receipt (or its step's fee) is being asked of the node
      const deadline = Date.now() + AT_ONCE_MS
      while (node.requests() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      assert.ok(node.requests() > 0, 'the flow was not picked up after the restart')
    } finally {
      await node.close()
    }
  })
}
