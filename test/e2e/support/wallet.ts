// Helpers for e2e tests that need a wallet: pages of the extension, the background's UI calls
// from an extension page, storage as the service worker sees it, and stopping the service worker
// through the DevTools protocol.
import type { BrowserContext, Page, Worker } from 'playwright-core'
import type { WalletBrowser } from './browser.ts'

export const TEST_MNEMONIC = 'test test test test test test test test test test test junk'
export const TEST_ADDRESS_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'

export function extensionUrl(wb: WalletBrowser, page: string): string {
  return `chrome-extension://${wb.extensionId}/${page}`
}

/** The popup (or another page at its size, `file`) as a tab of the popup's size (an action popup cannot be opened headless). */
export async function openPopup(wb: WalletBrowser, hash = '', file = 'popup.html'): Promise<Page> {
  const page = await wb.context.newPage()
  await page.setViewportSize({ width: 360, height: 600 })
  await page.goto(extensionUrl(wb, `${file}${hash}`))
  return page
}

/**
 * A UI call to the background from an extension page, as the ui makes it. The expression is a
 * string: tsx would wrap a function with helpers the page does not have.
 */
export async function uiCall<T = unknown>(page: Page, call: string, params: unknown = {}): Promise<T> {
  const reply = (await page.evaluate(`chrome.runtime.sendMessage(${JSON.stringify({ channel: 'ui', call, params })})`)) as
    | { ok: true; result: T }
    | { ok: false; error: { code: string; message: string } }
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code })
  return reply.result
}

/** A wallet without going through the onboarding UI (for tests about something else). */
export async function initializeWallet(wb: WalletBrowser, opts: { mnemonic?: string; password?: string } = {}): Promise<void> {
  const page = await wb.context.newPage()
  await page.goto(extensionUrl(wb, 'popup.html'))
  await uiCall(page, 'keyring.initialize', { mnemonic: opts.mnemonic ?? TEST_MNEMONIC, password: opts.password ?? 'correct horse battery staple' })
  await page.close()
}

/** The extension's service worker that is running now (after a restart the old Worker is gone). */
export async function liveWorker(context: BrowserContext, page: Page): Promise<Worker> {
  // Waking it: any message does.
  await page.evaluate(`chrome.runtime.sendMessage({ channel: 'ui', call: 'app.ping', params: {} })`)
  for (let i = 0; i < 50; i++) {
    for (const w of context.serviceWorkers()) {
      try {
        await w.evaluate('1')
        return w
      } catch {
        // a worker that has stopped
      }
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('no live service worker')
}

/** Everything in storage.local and storage.session, read in the service worker. */
export async function readAllStorage(worker: Worker): Promise<{ local: Record<string, unknown>; session: Record<string, unknown> }> {
  return (await worker.evaluate(`Promise.all([chrome.storage.local.get(null), chrome.storage.session.get(null)]).then(([local, session]) => ({ local, session }))`)) as {
    local: Record<string, unknown>
    session: Record<string, unknown>
  }
}

/**
 * Stops the extension's service worker the way the browser does when it idles, through the
 * DevTools protocol (ServiceWorker domain on a page session: a persistent context has no browser
 * session in Playwright). Resolves once the protocol reports it stopped.
 */
export async function stopServiceWorker(wb: WalletBrowser, page: Page): Promise<void> {
  const cdp = await wb.context.newCDPSession(page)
  const scope = `chrome-extension://${wb.extensionId}/`
  type Version = { scriptURL: string; runningStatus: string }
  let status = ''
  const stopped = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service worker did not stop (last status: ${status || 'unknown'})`)), 15_000)
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: Version[] }) => {
      const mine = e.versions.filter((v) => v.scriptURL.startsWith(scope))
      if (!mine.length) return
      status = mine.map((v) => v.runningStatus).join(',')
      if (mine.every((v) => v.runningStatus === 'stopped')) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
  try {
    await cdp.send('ServiceWorker.enable')
    await cdp.send('ServiceWorker.stopAllWorkers')
    await stopped
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}

/**
 * A page script (a string: tsx would wrap a function with helpers the page does not have) that
 * resolves with the time, in ms from the page's navigation, at which every one of `identifiers` was
 * first painted, from the Element Timing API: the presentation time of the frame that drew the
 * element (`elementtiming` attributes on Home's token amounts and USD total), the same clock as
 * first-contentful-paint. Chromium only. Rejects, naming what was not painted, after `timeoutMs`.
 */
export function paintedScript(identifiers: string[], timeoutMs = 15_000): string {
  return `new Promise((resolve, reject) => {
    const want = ${JSON.stringify(identifiers)}
    const first = new Map()
    setTimeout(() => reject(new Error('not painted within ${timeoutMs} ms: ' + want.filter((w) => !first.has(w)).join(', '))), ${timeoutMs})
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (want.includes(e.identifier) && !first.has(e.identifier)) first.set(e.identifier, e.renderTime || e.loadTime)
      if (want.every((w) => first.has(w))) resolve(Math.max(...first.values()))
    }).observe({ type: 'element', buffered: true })
  })`
}
