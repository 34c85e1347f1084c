// The popup's first paint in headless Chromium with the built extension: median of several opens.
import { launchWithExtension } from '../test/e2e/support/browser.ts'
import type { BenchResult } from './keyring.ts'

const FIRST_PAINT = `new Promise((resolve) => {
  const seen = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')
  if (seen) return resolve(seen.startTime)
  new PerformanceObserver((list) => {
    const e = list.getEntries().find((x) => x.name === 'first-contentful-paint')
    if (e) resolve(e.startTime)
  }).observe({ type: 'paint', buffered: true })
})`

export async function benchPopupPaint(opens = 9): Promise<BenchResult[]> {
  const wb = await launchWithExtension()
  try {
    const url = `chrome-extension://${wb.extensionId}/popup.html`
    const warm = await wb.context.newPage()
    await warm.goto(url)
    await warm.close()
    const paints: number[] = []
    for (let i = 0; i < opens; i++) {
      const page = await wb.context.newPage()
      await page.setViewportSize({ width: 360, height: 600 })
      await page.goto(url)
      // A string, not a function: tsx would wrap a function with helpers the page does not have.
      const fp = Number(await page.evaluate(FIRST_PAINT))
      paints.push(fp)
      await page.close()
    }
    paints.sort((a, b) => a - b)
    const median = paints[Math.floor(paints.length / 2)]
    return [{ name: `popup first contentful paint, median of ${opens} opens (min ${paints[0].toFixed(0)}, max ${paints[paints.length - 1].toFixed(0)})`, value: Math.round(median), unit: 'ms', budget: 150 }]
  } finally {
    await wb.close()
  }
}
