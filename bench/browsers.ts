// eth_chainId through the extension in each browser, from the same dApp page, in one run: warm
// (the background running) and from a suspended background (Chromium: the service worker stopped;
// Firefox: the event page terminated, as its idle timeout does), median and p95 beside each other.
// Both browsers load the same build; the scenario drivers of test/e2e/driver do the browser parts.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDevnet } from '../devnet/index.ts'
import { launchDriver, type BrowserName } from '../test/e2e/driver/index.ts'
import { servePages } from '../test/e2e/support/server.ts'
import type { BenchResult } from './keyring.ts'
import { pct, round } from './provider.ts'

const chainIdTrip = `(async () => { const t0 = performance.now(); await window.ethereum.request({ method: 'eth_chainId' }); return performance.now() - t0 })()`

export async function benchBrowsers(warmRuns = 200, suspendedRuns = 9): Promise<BenchResult[]> {
  const devnet = await startDevnet({ ports: 'default', manifestPath: join(tmpdir(), `rw-bench-browsers-${process.pid}.json`), warn: () => {} })
  const site = await servePages()
  const rows: BenchResult[] = []
  try {
    for (const name of ['chromium', 'firefox'] as BrowserName[]) {
      const d = await launchDriver(name)
      try {
        const ext = await d.openExtension('popup.html')
        const page = await d.openWeb(site.url)
        await page.waitForTrue('!!window.ethereum', { what: 'the provider' })
        for (let i = 0; i < 20; i++) await page.evaluate(chainIdTrip)
        const warm: number[] = []
        for (let i = 0; i < warmRuns; i++) warm.push(Number(await page.evaluate(chainIdTrip)))
        const cold: number[] = []
        for (let i = 0; i < suspendedRuns; i++) {
          await d.suspendBackground()
          cold.push(Number(await page.evaluate(chainIdTrip)))
        }
        await ext.close()
        rows.push(
          { name: `${name}: eth_chainId round trip, warm, median of ${warm.length} (p95 ${pct(warm, 0.95).toFixed(2)} ms)`, value: round(pct(warm, 0.5)), unit: 'ms', budget: 5 },
          {
            name: `${name}: eth_chainId round trip from a suspended background, median of ${cold.length} (p95 ${pct(cold, 0.95).toFixed(1)} ms)`,
            value: round(pct(cold, 0.5)),
            unit: 'ms',
            budget: 250,
          },
        )
      } finally {
        await d.close()
      }
    }
    return rows
  } finally {
    await site.close()
    await devnet.stop()
  }
}
