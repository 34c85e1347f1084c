// A dApp's eth_chainId round trip through the extension (page -> relay -> background -> page),
// warm and from a stopped service worker, in headless Chromium. Medians.
import { launchWithExtension } from '../test/e2e/support/browser.ts'
import { servePages } from '../test/e2e/support/server.ts'
import { stopServiceWorker } from '../test/e2e/support/wallet.ts'
import type { BenchResult } from './keyring.ts'

const ROUND_TRIP = `(async () => { const t0 = performance.now(); await window.ethereum.request({ method: 'eth_chainId' }); return performance.now() - t0 })()`

export async function benchProvider(warmRuns = 200, coldRuns = 9): Promise<BenchResult[]> {
  const site = await servePages()
  const wb = await launchWithExtension()
  try {
    const page = await wb.context.newPage()
    await page.goto(site.url)
    for (let i = 0; i < 20; i++) await page.evaluate(ROUND_TRIP)
    const warm: number[] = []
    for (let i = 0; i < warmRuns; i++) warm.push(Number(await page.evaluate(ROUND_TRIP)))
    const cold: number[] = []
    const ext = await wb.context.newPage()
    await ext.goto(`chrome-extension://${wb.extensionId}/popup.html`)
    for (let i = 0; i < coldRuns; i++) {
      await stopServiceWorker(wb, ext)
      cold.push(Number(await page.evaluate(ROUND_TRIP)))
    }
    return [
      { name: `eth_chainId round trip, warm, median of ${warmRuns} (p95 ${pct(warm, 0.95).toFixed(2)} ms)`, value: round(pct(warm, 0.5)), unit: 'ms', budget: 5 },
      { name: `eth_chainId round trip from a stopped service worker, median of ${coldRuns} (max ${Math.max(...cold).toFixed(1)} ms)`, value: round(pct(cold, 0.5)), unit: 'ms', budget: 100 },
    ]
  } finally {
    await wb.close()
    await site.close()
  }
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * p))]
}
const round = (x: number) => Math.round(x * 100) / 100
