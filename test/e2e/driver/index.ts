// The scenario layer's entry: launch a driver by browser name, run a file's scenarios once per
// browser (each test named "<browser>: …", each failure's message starting with "[<browser>]"), and
// the wallet helpers scenarios share (UI calls, a wallet set up without the onboarding UI, storage,
// the approval window).
//   E2E_BROWSERS=chromium (or firefox) limits a run to one browser; both by default.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ChromiumDriver } from './chromium.ts'
import { FirefoxDriver } from './firefox.ts'
import { named, sleep, until } from './base.ts'
import type { BrowserName, UiPage, WalletDriver } from './types.ts'

export type { BrowserName, UiPage, WalletDriver } from './types.ts'
export { until, sleep } from './base.ts'

export const ALL_BROWSERS: BrowserName[] = ['chromium', 'firefox']
export const BROWSERS: BrowserName[] = (process.env.E2E_BROWSERS?.split(',').map((s) => s.trim()) ?? ALL_BROWSERS).filter((b): b is BrowserName =>
  (ALL_BROWSERS as string[]).includes(b),
)

export const TEST_MNEMONIC = 'test test test test test test test test test test test junk'
export const TEST_ADDRESS_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
export const PASSWORD = 'correct horse battery staple'

export async function launchDriver(name: BrowserName): Promise<WalletDriver> {
  try {
    return name === 'chromium' ? await ChromiumDriver.launch() : await FirefoxDriver.launch()
  } catch (err) {
    throw named(name, err)
  }
}

export interface BrowserScope {
  readonly name: BrowserName
  /** the browser launched for this file (before the first test), shared by its tests */
  readonly driver: WalletDriver
  /** a browser of its own (a fresh profile), closed after the file */
  fresh(): Promise<WalletDriver>
  /** a test named "<browser>: <title>"; a failure's message names the browser */
  test(title: string, fn: (d: WalletDriver) => Promise<void>, opts?: { timeout?: number; skip?: string | boolean }): void
}

/**
 * Runs `body` once per browser, in a describe of its own. With `shared` (the default) one browser
 * is launched for the describe, and `setup` runs on it once (e.g. initialize the wallet);
 * `teardown` runs after the browser's turn (e.g. stop a devnet of its own).
 */
export function eachBrowser(
  body: (s: BrowserScope) => void,
  opts: { shared?: boolean; setup?: (d: WalletDriver) => Promise<void>; teardown?: () => Promise<void> } = {},
): void {
  for (const name of BROWSERS) {
    describe(name, () => {
      let shared: WalletDriver | undefined
      const extra: WalletDriver[] = []
      if (opts.shared !== false) {
        before(async () => {
          shared = await launchDriver(name)
          if (opts.setup) await opts.setup(shared).catch((e) => Promise.reject(named(name, e)))
        }, { timeout: 240_000 })
      }
      after(async () => {
        await shared?.close()
        await Promise.all(extra.map((d) => d.close()))
        await opts.teardown?.()
      })
      body({
        name,
        get driver() {
          if (!shared) throw named(name, new Error('no shared browser (launch failed, or eachBrowser with shared: false)'))
          return shared
        },
        async fresh() {
          const d = await launchDriver(name)
          extra.push(d)
          return d
        },
        test(title, fn, o = {}) {
          test(`${name}: ${title}`, { timeout: o.timeout, skip: o.skip }, async () => {
            try {
              await fn(shared as WalletDriver)
            } catch (err) {
              throw named(name, err)
            }
          })
        },
      })
    })
  }
}

/** A UI call to the background from an extension page, as the UI makes it. */
export async function uiCall<T = unknown>(page: UiPage, call: string, params: unknown = {}): Promise<T> {
  const reply = await page.evaluate<{ ok: true; result: T } | { ok: false; error: { code: string; message: string } }>(
    `chrome.runtime.sendMessage(${JSON.stringify({ channel: 'ui', call, params })})`,
  )
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code })
  return reply.result
}

/** A wallet without the onboarding UI (for scenarios about something else). */
export async function initializeWallet(d: WalletDriver, opts: { mnemonic?: string; password?: string } = {}): Promise<void> {
  const page = await d.openExtension('popup.html')
  await uiCall(page, 'keyring.initialize', { mnemonic: opts.mnemonic ?? TEST_MNEMONIC, password: opts.password ?? PASSWORD })
  await page.close()
}

/** storage.local and storage.session as the extension sees them (read from an extension page). */
export async function readAllStorage(page: UiPage): Promise<{ local: Record<string, unknown>; session: Record<string, unknown> }> {
  return page.evaluate(`Promise.all([chrome.storage.local.get(null), chrome.storage.session.get(null)]).then(([local, session]) => ({ local, session }))`)
}

/** app.ping's startedAt: a new value means a new background. */
export const startedAt = async (page: UiPage) => (await uiCall<{ startedAt: number }>(page, 'app.ping')).startedAt

/**
 * The approval window as a scenario meets it: the next window showing a request not handled yet
 * (after an answer the old window may still be closing, or show the next request), and "run this
 * dApp call, approve it in the window, give me what the dApp got".
 */
export function approvals(d: WalletDriver) {
  const handled = new Set<string>()
  const shown = async (p: UiPage) => {
    if (!(await p.href()).includes('/approval.html')) return null
    return (await Promise.race([
      p.evaluate<string | null>('document.querySelector("main[data-approval-id]")?.dataset.approvalId ?? null').catch(() => null),
      sleep(500).then(() => null),
    ])) as string | null
  }

  async function next(timeoutMs = 20_000): Promise<UiPage> {
    const end = Date.now() + timeoutMs
    while (Date.now() < end) {
      for (const p of await d.pages()) {
        const id = await shown(p)
        if (id && !handled.has(id)) {
          handled.add(id)
          return p
        }
      }
      await sleep(100)
    }
    throw named(d.name, new Error('no approval window appeared'))
  }

  async function anyOpen(): Promise<boolean> {
    for (const p of await d.pages()) {
      const id = await shown(p)
      if (id && !handled.has(id)) return true
    }
    return false
  }

  /** Runs a dApp call that needs the user, approves it in the window, returns what the dApp got. */
  async function approved<T>(page: UiPage, expression: string, expectOrigin: string, beforeApprove?: (window: UiPage) => Promise<void>): Promise<T> {
    const result = page.evaluate<T>(expression)
    result.catch(() => undefined)
    const ap = await next()
    assert.equal(await ap.text('tid=origin'), expectOrigin, 'the window shows the origin the browser reported')
    if (beforeApprove) await beforeApprove(ap)
    await clickApprove(ap)
    return result
  }

  return { next, anyOpen, approved }
}

/** Clicks Approve; the window may close itself while the click finishes (it did get the click). */
export async function clickApprove(ap: UiPage): Promise<void> {
  await ap.click('tid=approve').catch((err) => {
    if (!ap.isClosed()) throw err
  })
}

/** Runs `page.evaluate(expression)` without waiting: the page keeps its promise in window[name]. */
export async function startInPage(page: UiPage, name: string, expression: string): Promise<void> {
  await page.evaluate(`void (window[${JSON.stringify(name)}] = Promise.resolve().then(() => ${expression}).then((v) => ({ ok: true, v }), (e) => ({ ok: false, code: e?.code ?? e?.cause?.code, message: String(e?.message ?? e) })))`)
}

export { until as poll }

/**
 * Rejects whatever an approval window still shows (after a failed test: the next request would
 * queue behind it and the failure would cascade). Harmless when none is open.
 */
export async function rejectOpenApprovals(d: WalletDriver): Promise<void> {
  for (const p of await d.pages()) {
    if (!(await p.href()).includes('/approval.html')) continue
    for (let i = 0; i < 5 && !p.isClosed() && (await p.count('[data-testid="reject"]').catch(() => 0)) > 0; i++) {
      await p.click('tid=reject', { timeout: 2000 }).catch(() => undefined)
      await sleep(300)
    }
  }
}
