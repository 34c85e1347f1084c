// Helpers shared by the send and fee e2e files (send.test.ts, fees-approval.test.ts).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { root } from './support/browser.ts'

export const SCREENS = join(root, '.cache', 'screens')

/** Saves a light and a dark screenshot of the page under .cache/screens/. */
export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENS, { recursive: true })
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({ path: join(SCREENS, `${name}-${scheme}.png`), fullPage })
  }
  await page.emulateMedia({ colorScheme: null })
}

/** Polls `read` until `ok` holds (the extension's CSP refuses page.waitForFunction strings). */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = await read()
    if (ok(v)) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`)
    await new Promise((r) => setTimeout(r, 150))
  }
}
