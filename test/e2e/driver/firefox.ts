// The Firefox driver: puppeteer-core over WebDriver BiDi (firefox-esr), the extension installed as
// a temporary add-on (support/firefox.ts). Firefox runs the background as an event page.
//
// Two things BiDi does not do for content, done in the browser's chrome scope instead (Firefox
// started with -remote-allow-system-access, BiDi's browsingContext.getTree with moz:scope "chrome",
// script.evaluate in browser.xhtml):
//   - opening an extension page: BiDi refuses to navigate to moz-extension:// URLs, so the tab is
//     added by gBrowser.addTab with the system principal, then found by its location;
//   - suspending the background: Extension.terminateBackground(), what the idle timeout
//     (extensions.background.idle.timeout) does after 30 s, at once; backgroundState says when it is done.
// Extension pages show as about:blank to BiDi: a page's location is read in the page.
import type { Browser, ElementHandle, Page } from 'puppeteer-core'
import { FIREFOX_EXTENSION_ID, FIREFOX_EXTENSION_UUID, launchFirefoxWithExtension } from '../support/firefox.ts'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BasePage, named, sleep } from './base.ts'
import { withTarget } from './finder.ts'
import type { UiPage, WaitOptions, WalletDriver } from './types.ts'

const ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`

let uploads: string | undefined
function uploadDir(): string {
  if (!uploads) {
    const dir = (uploads = mkdtempSync(join(tmpdir(), 'rw-upload-')))
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  }
  return uploads
}

class FirefoxPage extends BasePage {
  readonly browser = 'firefox' as const
  constructor(
    readonly page: Page,
    private readonly chrome: <T>(expression: string) => Promise<T>,
  ) {
    super()
  }
  async href(): Promise<string> {
    if (this.page.isClosed()) return ''
    return (await Promise.race([this.page.evaluate('location.href').catch(() => ''), sleep(1000).then(() => '')])) as string
  }
  async goto(urlOrPath: string): Promise<void> {
    const url = /^[a-z-]+:/.test(urlOrPath) ? urlOrPath : `${ORIGIN}/${urlOrPath}`
    if (!url.startsWith('moz-extension:')) {
      await this.page.goto(url)
      return
    }
    // from an extension page only (BiDi cannot navigate there): the page navigates itself
    const from = await this.href()
    if (!from.startsWith(ORIGIN)) throw named('firefox', new Error(`cannot open ${url} from ${from || 'a blank page'}: open it with openExtension()`))
    const sameDocument = from.split('#')[0] === url.split('#')[0] && url.includes('#')
    await this.evaluate(`void (window.__rwOld = !${sameDocument}, location.href = ${JSON.stringify(url)})`).catch(() => undefined)
    await this.waitForTrue(`location.href === ${JSON.stringify(url)} && !window.__rwOld && document.readyState === 'complete'`, { what: `navigation to ${url}` })
  }
  async reload(): Promise<void> {
    await this.evaluate(`void (window.__rwOld = true, setTimeout(() => location.reload(), 0))`)
    await this.waitForTrue(`!window.__rwOld && document.readyState === 'complete'`, { what: 'reload' })
  }
  async evaluate<T>(expression: string): Promise<T> {
    return (await this.page.evaluate(expression)) as T
  }
  async setViewport(width: number, height: number): Promise<void> {
    await this.page.setViewport({ width, height })
  }
  /** BiDi's input.setFiles takes paths: the file is written to a directory of this process, removed at exit (the page reads the file after the call) */
  async setInputFile(selector: string, file: { name: string; mimeType: string; text: string }, opts?: WaitOptions): Promise<void> {
    await this.waitFor(selector, { state: 'attached', timeout: opts?.timeout })
    const dir = mkdtempSync(join(uploadDir(), 'f-')) // the file keeps its own name
    const path = join(dir, file.name)
    writeFileSync(path, file.text)
    const handle = await this.page.evaluateHandle(withTarget(selector, 'return el'))
    const el = handle.asElement() as ElementHandle<HTMLInputElement> | null
    if (!el) throw named('firefox', new Error(`no element matches ${selector}`))
    await el.uploadFile(path)
    await handle.dispose()
  }
  isClosed(): boolean {
    return this.page.isClosed()
  }
  async close(): Promise<void> {
    await this.page.close().catch(() => undefined)
  }
  protected async keyboardPress(key: string): Promise<void> {
    await this.page.keyboard.press(key as never)
  }
  protected async shoot(path: string, fullPage: boolean): Promise<void> {
    await this.page.screenshot({ path, fullPage })
  }
  /** BiDi has no media emulation here: the content colour-scheme preference, set in the chrome scope (0 dark, 1 light, 2 the browser's) */
  protected async colorScheme(scheme: 'light' | 'dark' | null): Promise<boolean> {
    const value = scheme === 'dark' ? 0 : scheme === 'light' ? 1 : 2
    await this.chrome(`Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${value})`)
    if (scheme) await this.waitForTrue(`matchMedia('(prefers-color-scheme: ${scheme})').matches`, { timeout: 3000 })
    return true
  }
}

export class FirefoxDriver implements WalletDriver {
  readonly name = 'firefox' as const
  readonly extensionOrigin = ORIGIN
  private readonly wrapped = new WeakMap<Page, FirefoxPage>()
  private constructor(
    public browser: Browser,
    private shutdown: () => Promise<void>,
    private readonly profile: string,
  ) {}

  /** the profile is the driver's (kept across restart(), removed on close()); the add-on's storage outlives its reinstall */
  private static start(profile: string) {
    return launchFirefoxWithExtension({
      args: ['-remote-allow-system-access'],
      profile,
      prefs: { 'extensions.webextensions.keepStorageOnUninstall': true, 'extensions.webextensions.keepUuidOnUninstall': true },
    })
  }

  static async launch(): Promise<FirefoxDriver> {
    const profile = mkdtempSync(join(tmpdir(), 'rw-firefox-'))
    try {
      const ff = await FirefoxDriver.start(profile)
      return new FirefoxDriver(ff.browser, ff.close, profile)
    } catch (err) {
      rmSync(profile, { recursive: true, force: true })
      throw err
    }
  }

  async restart(): Promise<void> {
    await this.shutdown()
    const ff = await FirefoxDriver.start(this.profile)
    this.browser = ff.browser
    this.shutdown = ff.close
  }

  /** Evaluates in the browser window's chrome scope; the expression's value must be JSON. */
  async chrome<T>(expression: string): Promise<T> {
    const conn = (this.browser as unknown as { connection: { send(m: string, p: unknown): Promise<{ result: any }> } }).connection
    const tree = await conn.send('browsingContext.getTree', { 'moz:scope': 'chrome' })
    const win = (tree.result.contexts as { context: string; url: string }[]).find((c) => c.url === 'chrome://browser/content/browser.xhtml')
    if (!win) throw named('firefox', new Error('no browser window in the chrome scope'))
    const r = await conn.send('script.evaluate', {
      expression: `Promise.resolve((async () => (${expression}))()).then((v) => JSON.stringify(v ?? null))`,
      target: { context: win.context },
      awaitPromise: true,
    })
    if (r.result.type !== 'success') throw named('firefox', new Error(`chrome scope: ${JSON.stringify(r.result.exceptionDetails?.text ?? r.result)}`))
    return JSON.parse(r.result.result.value) as T
  }

  private wrap(page: Page): FirefoxPage {
    let p = this.wrapped.get(page)
    if (!p) this.wrapped.set(page, (p = new FirefoxPage(page, (e) => this.chrome(e))))
    return p
  }

  async openExtension(path: string, opts: { width?: number; height?: number } = {}): Promise<UiPage> {
    const url = `${ORIGIN}/${path}`
    const before = new Set(await this.browser.pages())
    await this.chrome(`(() => {
      // a normal window, never an approval popup (it may be closing: a tab added there dies with it)
      const normal = [...Services.wm.getEnumerator('navigator:browser')].filter((w) => !w.closed && !/toolbar/.test(w.document.documentElement.getAttribute('chromehidden') || ''))
      const win = normal.at(-1) ?? Services.wm.getMostRecentWindow('navigator:browser')
      win.gBrowser.selectedTab = win.gBrowser.addTab(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() })
      return true
    })()`)
    const end = Date.now() + 15_000
    while (Date.now() < end) {
      for (const page of await this.browser.pages()) {
        if (before.has(page)) continue
        const p = this.wrap(page)
        if ((await p.href()).split('#')[0] === url.split('#')[0]) {
          const popup = path.startsWith('popup.html')
          await p.setViewport(opts.width ?? (popup ? 360 : 1000), opts.height ?? (popup ? 600 : 820))
          await p.waitForTrue(`document.readyState === 'complete'`)
          return p
        }
      }
      await sleep(100)
    }
    throw named('firefox', new Error(`the tab for ${url} did not open`))
  }

  async openWeb(url: string): Promise<UiPage> {
    const page = await this.browser.newPage()
    await page.goto(url)
    return this.wrap(page)
  }

  async pages(): Promise<UiPage[]> {
    return (await this.browser.pages()).filter((p) => !p.isClosed()).map((p) => this.wrap(p))
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
    throw named('firefox', new Error(`no page matching ${match}`))
  }

  private readonly ext = `ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs').ExtensionParent.GlobalManager.getExtension(${JSON.stringify(FIREFOX_EXTENSION_ID)})`

  /**
   * Stops the event page as Firefox's idle timer does. Firefox declines while a listener's promise is
   * pending (it resets the idle timer and forgets those promises, so its next try succeeds), and
   * declines while the page is still starting; so this asks again, as the idle timer would, until the
   * state is "stopped" (10 s at most).
   */
  async suspendBackground(): Promise<void> {
    const end = Date.now() + 10_000
    let state = ''
    while (Date.now() < end) {
      state = await this.chrome<string>(`(async () => {
        const ext = ${this.ext}
        await ext.terminateBackground({ ignoreDevToolsAttached: true })
        return ext.backgroundState
      })()`)
      if (state === 'stopped') return
      await sleep(200)
    }
    throw named('firefox', new Error(`the event page did not stop in 10 s (state: ${state})`))
  }

  async backgroundRunning(): Promise<boolean> {
    return (await this.chrome<string>(`${this.ext}.backgroundState`)) === 'running'
  }

  async close(): Promise<void> {
    await this.shutdown()
    rmSync(this.profile, { recursive: true, force: true })
  }
}
