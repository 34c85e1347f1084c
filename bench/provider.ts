// A dApp's round trips through the extension (page -> relay -> background -> page), in headless
// Chromium against the devnet: eth_chainId (answered by the wallet), eth_blockNumber (passed to the
// site's chain's node) and a filter poll (eth_getFilterChanges, on a node that keeps filters and on
// one that does not, where the wallet emulates it), warm, median and p95; and eth_chainId from a
// stopped service worker. The devnet runs on its default ports (the built wallet's networks).
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDevnet } from '../devnet/index.ts'
import { launchWithExtension } from '../test/e2e/support/browser.ts'
import { servePages } from '../test/e2e/support/server.ts'
import { stopServiceWorker, uiCall } from '../test/e2e/support/wallet.ts'
import { noFilterProxy } from '../test/support/no-filter-proxy.ts'
import type { BenchResult } from './keyring.ts'

const roundTrip = (method: string, params = '[]') =>
  `(async () => { const t0 = performance.now(); await window.ethereum.request({ method: ${JSON.stringify(method)}, params: ${params} }); return performance.now() - t0 })()`

export async function benchProvider(warmRuns = 200, coldRuns = 9): Promise<BenchResult[]> {
  const devnet = await startDevnet({ ports: 'default', manifestPath: join(tmpdir(), `rw-bench-provider-${process.pid}.json`), warn: () => {} })
  const proxy = await noFilterProxy(devnet.manifest.l2s.find((l) => l.chainId === 902)!.rpcUrl)
  const site = await servePages()
  const other = await servePages()
  const wb = await launchWithExtension()
  try {
    const ext = await wb.context.newPage()
    await ext.goto(`chrome-extension://${wb.extensionId}/popup.html`)
    const page = await wb.context.newPage()
    await page.goto(site.url)
    const warm = async (expr: string) => {
      for (let i = 0; i < 20; i++) await page.evaluate(expr)
      const xs: number[] = []
      for (let i = 0; i < warmRuns; i++) xs.push(Number(await page.evaluate(expr)))
      return xs
    }
    const chainId = await warm(roundTrip('eth_chainId'))
    const blockNumber = await warm(roundTrip('eth_blockNumber'))
    const nodeFilter = String(await page.evaluate(`window.ethereum.request({ method: 'eth_newBlockFilter', params: [] })`))
    const nodePoll = await warm(roundTrip('eth_getFilterChanges', JSON.stringify([nodeFilter])))

    // a site on 902, whose node keeps no filters: the wallet emulates them
    await uiCall(ext, 'networks.setRpcUrls', { chainId: 902, urls: [proxy.url] })
    const emulatedPage = await wb.context.newPage()
    await emulatedPage.goto(other.url)
    await emulatedPage.evaluate(`window.ethereum.request({ method: 'eth_chainId' })`)
    await uiCall(ext, 'sites.setChain', { origin: other.origin, chainId: 902 })
    const emulatedFilter = String(await emulatedPage.evaluate(`window.ethereum.request({ method: 'eth_newBlockFilter', params: [] })`))
    const emulated: number[] = []
    const pollExpr = roundTrip('eth_getFilterChanges', JSON.stringify([emulatedFilter]))
    for (let i = 0; i < 20; i++) await emulatedPage.evaluate(pollExpr)
    for (let i = 0; i < warmRuns; i++) emulated.push(Number(await emulatedPage.evaluate(pollExpr)))

    const cold: number[] = []
    for (let i = 0; i < coldRuns; i++) {
      await stopServiceWorker(wb, ext)
      cold.push(Number(await page.evaluate(roundTrip('eth_chainId'))))
    }
    const row = (name: string, xs: number[], budget: number): BenchResult => ({
      name: `${name}, warm, median of ${xs.length} (p95 ${pct(xs, 0.95).toFixed(2)} ms)`,
      value: round(pct(xs, 0.5)),
      unit: 'ms',
      budget,
    })
    return [
      row('eth_chainId round trip', chainId, 5),
      row('eth_blockNumber round trip (to the node)', blockNumber, 15),
      row('filter poll round trip, node filter', nodePoll, 15),
      row('filter poll round trip, emulated filter', emulated, 25),
      { name: `eth_chainId round trip from a stopped service worker, median of ${coldRuns} (max ${Math.max(...cold).toFixed(1)} ms)`, value: round(pct(cold, 0.5)), unit: 'ms', budget: 100 },
    ]
  } finally {
    await wb.close()
    await site.close()
    await other.close()
    await proxy.close()
    await devnet.stop()
  }
}

export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * p))]
}
export const round = (x: number) => Math.round(x * 100) / 100
