// The scenario-facing API: what a user does and sees, the same for every browser. Two drivers
// implement it: Playwright for Chromium (chromium.ts) and puppeteer-core over WebDriver BiDi for
// firefox-esr (firefox.ts). Scenarios (test/e2e/scenarios/*.test.ts) are written once against it.
//
// Selectors (resolved in the page by the same finder in both browsers, see finder.ts):
//   'tid=send-to'                    the element with data-testid="send-to"
//   'label=Password'                 the form control whose label (or aria-label) reads exactly that
//   'role=button name=Save'          a button / link / heading / radio / checkbox by its accessible name
//   'role=link name=/Create a new/'  … or by a regular expression over the name
//   'text=Saved.'                    the innermost element whose text contains that
//   anything else                    CSS
//   chained with ' >> ' (each part inside the previous one); ' >> nth=2' picks the third match.

export type BrowserName = 'chromium' | 'firefox'

export interface WaitOptions {
  timeout?: number
}

export interface UiPage {
  readonly browser: BrowserName
  /** location.href as the page itself sees it */
  href(): Promise<string>
  /** a web URL, or an extension page path ('popup.html#/send', 'app.html#/settings') */
  goto(urlOrPath: string): Promise<void>
  reload(): Promise<void>
  /** a string expression (a function would carry tsx helpers the page lacks); a promise is awaited */
  evaluate<T = unknown>(expression: string): Promise<T>
  /** waits until the expression is truthy (polled from node: an extension page's CSP refuses eval-based waits) */
  waitForTrue(expression: string, opts?: WaitOptions & { what?: string }): Promise<void>
  click(selector: string, opts?: WaitOptions): Promise<void>
  /** sets the value as typing does (input and change events) */
  fill(selector: string, value: string, opts?: WaitOptions): Promise<void>
  press(selector: string, key: 'Enter' | 'Escape' | 'Tab' | 'ArrowDown' | 'ArrowUp' | 'ArrowLeft' | 'ArrowRight', opts?: WaitOptions): Promise<void>
  check(selector: string, opts?: WaitOptions): Promise<void>
  select(selector: string, value: string, opts?: WaitOptions): Promise<void>
  /** chooses a file for an <input type=file> the way the browser's file picker does (Playwright's setInputFiles; BiDi input.setFiles) */
  setInputFile(selector: string, file: { name: string; mimeType: string; text: string }, opts?: WaitOptions): Promise<void>
  text(selector: string, opts?: WaitOptions): Promise<string>
  texts(selector: string): Promise<string[]>
  value(selector: string, opts?: WaitOptions): Promise<string>
  attr(selector: string, name: string, opts?: WaitOptions): Promise<string | null>
  count(selector: string): Promise<number>
  isEnabled(selector: string, opts?: WaitOptions): Promise<boolean>
  isVisible(selector: string): Promise<boolean>
  waitFor(selector: string, opts?: WaitOptions & { state?: 'visible' | 'attached' | 'detached' | 'hidden' }): Promise<void>
  setViewport(width: number, height: number): Promise<void>
  /** with SCREENS=1: .cache/screens/<browser>-<name>-<light|dark>.png (Firefox: the schemes it can emulate) */
  screenshot(name: string, opts?: { fullPage?: boolean }): Promise<void>
  isClosed(): boolean
  close(): Promise<void>
}

export interface WalletDriver {
  readonly name: BrowserName
  /** chrome-extension://<id> or moz-extension://<uuid> */
  readonly extensionOrigin: string
  /** an extension page in a new tab; default size is the popup's (360x600) for popup.html, 1000x820 otherwise */
  openExtension(path: string, opts?: { width?: number; height?: number }): Promise<UiPage>
  /** a web page (the test server) in a new tab */
  openWeb(url: string): Promise<UiPage>
  /** every open tab and window */
  pages(): Promise<UiPage[]>
  /** the first open page whose location matches (a page the extension opens itself: onboarding, approval) */
  waitForPage(match: RegExp | ((href: string) => boolean), opts?: WaitOptions & { exclude?: UiPage[] }): Promise<UiPage>
  /**
   * Stops the background the way the browser does when it idles. Chromium: the service worker is
   * stopped through the DevTools protocol. Firefox: the event page is terminated through WebDriver
   * BiDi in the browser's chrome scope (-remote-allow-system-access), Extension.terminateBackground().
   * Resolves once the browser reports it stopped.
   */
  suspendBackground(): Promise<void>
  /** is the background running right now (Chromium: a live service worker; Firefox: backgroundState) */
  backgroundRunning(): Promise<boolean>
  /**
   * Closes the browser and starts it again on the same profile, as a user quitting and reopening it:
   * the extension's storage is kept, its pages are gone (UiPages from before are closed). Firefox: the
   * temporary add-on is installed again, its storage kept (extensions.webextensions.keepStorageOnUninstall).
   */
  restart(): Promise<void>
  close(): Promise<void>
}
