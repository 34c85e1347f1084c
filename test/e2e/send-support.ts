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

/** Polls `read` until `ok` holds (the extension's CSP refuses page.waitForFunction strings): the drivers' one. */
export { until } from './driver/base.ts'
