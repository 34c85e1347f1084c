// The Chromium driver: Playwright over the DevTools protocol, with the extension loaded unpacked
// (support/browser.ts). The background is a service worker, stopped through the DevTools protocol.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ElementHandle, Page } from 'playwright-core'
import { launchWithExtension, type WalletBrowser } from '../support/browser.ts'
import { stopServiceWorker } from '../support/wallet.ts'
import { BasePage, named, sleep } from './base.ts'
import { withTarget } from './finder.ts'
import type { UiPage, WaitOptions, WalletDriver } from './types.ts'

class ChromiumPage extends BasePage {
  readonly browser = 'chromium' as const
  constructor(
    readonly page: Page,
    private readonly origin: string,
  ) {
    super()
  }
  async href(): Promise<string> {
    return this.page.isClosed() ? '' : this.page.url()
  }
  async goto(urlOrPath: string): Promise<void> {
    await this.page.goto(/^[a-z-]+:/.test(urlOrPath) ? urlOrPath : `${this.origin}/${urlOrPath}`)
  }
  async reload(): Promise<void> {
    await this.page.reload()
  }
  async evaluate<T>(expression: string): Promise<T> {
    return (await this.page.evaluate(expression)) as T
  }
  async setViewport(width: number, height: number): Promise<void> {
    await this.page.setViewportSize({ width, height })
  }
  async setInputFile(selector: string, file: { name: string; mimeType: string; text: string }, opts?: WaitOptions): Promise<void> {
    await this.waitFor(selector, { state: 'attached', timeout: opts?.timeout })
    const handle = await this.page.evaluateHandle(withTarget(selector, 'return el'))
    const el = handle.asElement() as ElementHandle<HTMLInputElement> | null
    if (!el) throw named('chromium', new Error(`no element matches ${selector}`))
    await el.setInputFiles({ name: file.name, mimeType: file.mimeType, buffer: Buffer.from(file.text) })
    await handle.dispose()
  }
  isClosed(): boolean {
    return this.page.isClosed()
  }
  async close(): Promise<void> {
    await this.page.close().catch(() => undefined)
  }
  protected async keyboardPress(key: string): Promise<void> {
    await this.page.keyboard.press(key)
  }
  protected async shoot(path: string, fullPage: boolean): Promise<void> {
    await this.page.screenshot({ path, fullPage })
  }
  protected async colorScheme(scheme: 'light' | 'dark' | null): Promise<boolean> {
    await this.page.emulateMedia({ colorScheme: scheme })
    return true
  }
}

export class ChromiumDriver implements WalletDriver {
  readonly name = 'chromium' as const
  readonly extensionOrigin: string
  private readonly wrapped = new WeakMap<Page, ChromiumPage>()
  private constructor(
    public wb: WalletBrowser,
    private readonly profile: string,
  ) {
    this.extensionOrigin = `chrome-extension://${wb.extensionId}`
  }
  /** the profile is the driver's: kept across restart(), removed on close() */
  static async launch(): Promise<ChromiumDriver> {
    const profile = mkdtempSync(join(tmpdir(), 'rw-chromium-'))
    try {
      return new ChromiumDriver(await launchWithExtension({ userDataDir: profile, keepProfile: true }), profile)
    } catch (err) {
      rmSync(profile, { recursive: true, force: true })
      throw err
    }
  }
  async restart(): Promise<void> {
    await this.wb.close()
    const wb = await launchWithExtension({ userDataDir: this.profile, keepProfile: true })
    if (wb.extensionId !== this.wb.extensionId) throw named('chromium', new Error(`the extension came back as ${wb.extensionId}, not ${this.wb.extensionId}`))
    this.wb = wb
  }
  private wrap(page: Page): ChromiumPage {
    let p = this.wrapped.get(page)
    if (!p) this.wrapped.set(page, (p = new ChromiumPage(page, this.extensionOrigin)))
    return p
  }
  async openExtension(path: string, opts: { width?: number; height?: number } = {}): Promise<UiPage> {
    const page = await this.wb.context.newPage()
    const popup = path.startsWith('popup.html')
    await page.setViewportSize({ width: opts.width ?? (popup ? 360 : 1000), height: opts.height ?? (popup ? 600 : 820) })
    await page.goto(`${this.extensionOrigin}/${path}`)
    return this.wrap(page)
  }
  async openWeb(url: string): Promise<UiPage> {
    const page = await this.wb.context.newPage()
    await page.goto(url)
    return this.wrap(page)
  }
  async pages(): Promise<UiPage[]> {
    return this.wb.context.pages().filter((p) => !p.isClosed()).map((p) => this.wrap(p))
  }
  async waitForPage(match: RegExp | ((href: string) => boolean), opts: WaitOptions & { exclude?: UiPage[] } = {}): Promise<UiPage> {
    const test = typeof match === 'function' ? match : (h: string) => match.test(h)
    const end = Date.now() + (opts.timeout ?? 15_000)
    while (Date.now() < end) {
      for (const p of await this.pages()) {
        if (opts.exclude?.includes(p)) continue
        if (test(await p.href())) return p
      }
      await sleep(100)
    }
    throw named('chromium', new Error(`no page matching ${match}`))
  }
  async suspendBackground(): Promise<void> {
    const page = await this.wb.context.newPage()
    try {
      await stopServiceWorker(this.wb, page)
    } finally {
      await page.close()
    }
  }
  /** The service worker's running status as the DevTools protocol reports it (asking does not wake it). */
  async backgroundRunning(): Promise<boolean> {
    const page = await this.wb.context.newPage()
    const cdp = await this.wb.context.newCDPSession(page)
    try {
      const statuses: string[] = []
      const reported = new Promise<void>((resolve) => {
        cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
          const mine = e.versions.filter((v) => v.scriptURL.startsWith(this.extensionOrigin))
          if (!mine.length) return
          statuses.splice(0, statuses.length, ...mine.map((v) => v.runningStatus))
          resolve()
        })
      })
      await cdp.send('ServiceWorker.enable')
      await Promise.race([reported, sleep(2000)])
      return statuses.some((s) => s === 'running' || s === 'starting')
    } finally {
      await cdp.detach().catch(() => undefined)
      await page.close()
    }
  }
  async close(): Promise<void> {
    await this.wb.close()
    rmSync(this.profile, { recursive: true, force: true })
  }
}
