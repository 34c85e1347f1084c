// The background's lifecycle, in Chromium (a service worker, stopped through the DevTools protocol)
// and in Firefox (an event page, terminated from the chrome scope), from this one file:
//   - a tracked withdrawal across a suspension with no wallet page open: the tracker's alarm wakes
//     the background, which finds the withdrawal ready to prove and says so in a notification;
//   - the bench: eth_chainId's round trip through the extension, warm and from a suspended background
//     (median and p95 per browser, printed as "bench …" lines).
// (Suspended in the middle of an approval and woken by a page request: scenarios/dapps.test.ts; in
// the middle of an unlock session, woken by the popup, and the auto-lock alarm: scenarios/lock.test.ts.)
import { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { parseEther } from 'viem'
import type { Devnet } from '../../../devnet/index.ts'
import type { Flow } from '../../../src/flows/types.ts'
import { CHECK_EVERY_MS, type Overview } from '../../../src/bridge/service.ts'
import type { BridgeTokenOption } from '../../../src/bridge/tokens.ts'
import { e2eDevnet } from '../bridge-support.ts'
import { servePages, type PageServer } from '../support/server.ts'
import { eachBrowser, initializeWallet, sleep, uiCall, until, TEST_ADDRESS_0, type WalletDriver } from '../driver/index.ts'

let devnet: Devnet
let site: PageServer

before(async () => {
  devnet = await e2eDevnet()
  site = await servePages()
})
after(async () => {
  await site?.close()
  await devnet?.stop()
})

/** Closes every extension page: none may wake the background by talking to it. */
async function closeExtensionPages(d: WalletDriver): Promise<void> {
  for (const p of await d.pages()) if ((await p.href()).startsWith(d.extensionOrigin)) await p.close()
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]
  return { median: +at(0.5).toFixed(1), p95: +at(0.95).toFixed(1), n: s.length }
}

eachBrowser(
  (b) => {
    b.test('lifecycle: a tracked withdrawal across a background suspension; the alarm wakes it with no page open and it is found ready to prove', async (d) => {
      // no proposal until the background is suspended: the withdrawal waits for one
      devnet.proposer.pause()
      const page = await d.openExtension('popup.html')
      const tokens = await uiCall<BridgeTokenOption[]>(page, 'bridge.tokens', { l2ChainId: 901 })
      const eth = tokens.find((t) => t.symbol === 'ETH')
      assert.ok(eth, `ETH is offered on 901 (${tokens.map((t) => t.symbol).join(', ')})`)
      let flow = await uiCall<Flow>(page, 'flows.start', {
        kind: 'bridge',
        intent: { direction: 'withdraw', l2ChainId: 901, token: { symbol: eth.symbol, decimals: eth.decimals, l1: eth.l1 ?? null, l2: eth.l2 ?? null }, amount: String(parseEther('0.1')), from: TEST_ADDRESS_0 },
      })
      flow = await until(() => uiCall<Flow>(page, 'flows.get', { id: flow.id }), (f) => f.status === 'ready' || f.status === 'failed', 30_000, 'the withdrawal prepared')
      assert.equal(flow.status, 'ready', flow.error)
      await uiCall(page, 'flows.confirm', { id: flow.id, step: flow.current })
      flow = await until(() => uiCall<Flow>(page, 'flows.get', { id: flow.id }), (f) => !!f.trackedId || f.status === 'failed', 30_000, 'the withdrawal tracked')
      const id = flow.trackedId!
      assert.ok(id, flow.error)
      const item = await until(
        () => uiCall<Overview>(page, 'bridge.overview').then((o) => o.items.find((i) => i.id === id)!),
        (i) => i.status === 'waiting-proposal',
        30_000,
        'the withdrawal mined, waiting for a proposal',
      )
      const l2Block = (item as unknown as { item: { l2Block: number } }).item.l2Block

      // no wallet page from here; the background suspended while the withdrawal waits
      await closeExtensionPages(d)
      await d.suspendBackground()
      // The tracker's own alarm may wake it before the proposal (Chromium also wakes a stopped worker
      // for tabs.onRemoved: the tab the driver stops it from): that look finds no proposal. What
      // matters is the next one. While a withdrawal waits, the alarm is never more than CHECK_EVERY_MS
      // ahead (set again before every tick), so one alarm-driven look comes within that time after the
      // proposal; no page is opened until then, as a page would look itself.
      devnet.proposer.resume()
      await devnet.waitForProposal(901, BigInt(l2Block), 90_000)
      const proposedAt = Date.now()
      await until(() => d.backgroundRunning(), (v) => v, 90_000, 'the tracker alarm waking the background')
      await sleep(Math.max(3000, proposedAt + CHECK_EVERY_MS + 5000 - Date.now()))

      // what the alarm's check found: the item ready to prove, the user told (the item records the
      // notification it sent; headless Firefox closes a shown notification at once, so getAll() is empty there)
      const probe = await d.openExtension('popup.html')
      const found = (await uiCall<Overview>(probe, 'bridge.overview')).items.find((i) => i.id === id)!
      assert.equal(found.status, 'ready-to-prove', 'nothing lost across the suspension, and the alarm\'s check saw the proposal')
      assert.equal((found as unknown as { item: { notified?: { prove?: boolean } } }).item.notified?.prove, true, 'the user was told it can be proven')
      await probe.close()
    }, { timeout: 240_000 })

    b.test('bench: eth_chainId through the extension, warm and from a suspended background', async (d) => {
      const page = await d.openWeb(site.url)
      await page.waitForTrue('typeof window.ethereum?.request === "function"')
      const one = () => page.evaluate<number>(`(async () => { const t = performance.now(); await window.ethereum.request({ method: 'eth_chainId' }); return performance.now() - t })()`)
      for (let i = 0; i < 3; i++) await one()
      const warm: number[] = []
      for (let i = 0; i < 30; i++) warm.push(await one())
      const cold: number[] = []
      for (let i = 0; i < 8; i++) {
        // at once: the relay may still hold the old port; a read sent on it is asked again on the new one
        await d.suspendBackground()
        cold.push(await one())
      }
      const w = stats(warm)
      const c = stats(cold)
      console.log(`bench ${d.name} eth_chainId warm: median ${w.median} ms, p95 ${w.p95} ms (n=${w.n}); from a suspended background: median ${c.median} ms, p95 ${c.p95} ms (n=${c.n})`)
      assert.ok(c.median < 10_000, 'a suspended background answers within seconds')
      await page.close()
    }, { timeout: 120_000 })
  },
  { setup: (d) => initializeWallet(d) },
)
