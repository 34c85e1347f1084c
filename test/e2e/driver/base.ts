// What both drivers share: every element operation is one expression evaluated in the page with the
// same finder (finder.ts), polled from node until it holds, so a scenario sees the same behaviour in
// both browsers. A driver supplies the few primitives that differ (evaluate, keyboard, navigation,
// viewport, screenshots).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { root } from '../support/browser.ts'
import { withAll, withTarget } from './finder.ts'
import type { BrowserName, UiPage, WaitOptions } from './types.ts'

export const SCREENS_DIR = join(root, '.cache', 'screens')
export const DEFAULT_TIMEOUT = 15_000

type Step<T> = { ok: true; v: T } | { ok: false; why: string }

/** An error that names the browser, so a failure in one browser says which. */
export function named(browser: BrowserName, err: unknown): Error {
  const e = err instanceof Error ? err : new Error(String(err))
  if (e.message.startsWith(`[${browser}]`)) return e
  const old = e.message
  const stack = e.stack // read first: V8 formats the stack lazily, with the message of that moment
  e.message = `[${browser}] ${old}`
  // the stack was written with the old message, and it is what a test report prints
  if (stack) e.stack = stack.includes(old) ? stack.replace(old, e.message) : `[${browser}] ${stack}`
  return e
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export abstract class BasePage implements UiPage {
  abstract readonly browser: BrowserName
  abstract href(): Promise<string>
  abstract goto(urlOrPath: string): Promise<void>
  abstract reload(): Promise<void>
  abstract evaluate<T = unknown>(expression: string): Promise<T>
  abstract setViewport(width: number, height: number): Promise<void>
  abstract setInputFile(selector: string, file: { name: string; mimeType: string; text: string }, opts?: WaitOptions): Promise<void>
  abstract isClosed(): boolean
  abstract close(): Promise<void>
  protected abstract keyboardPress(key: string): Promise<void>
  protected abstract shoot(path: string, fullPage: boolean): Promise<void>
  /** false when the browser cannot emulate the scheme */
  protected abstract colorScheme(scheme: 'light' | 'dark' | null): Promise<boolean>

  /** Polls an expression that answers { ok, v } or { ok: false, why } until ok. */
  protected async poll<T>(expression: string, what: string, timeout = DEFAULT_TIMEOUT): Promise<T> {
    const end = Date.now() + timeout
    let why = 'not tried'
    for (;;) {
      let step: Step<T>
      try {
        step = await this.evaluate<Step<T>>(expression)
      } catch (err) {
        // a page navigating or reloading has no context for a moment
        step = { ok: false, why: (err as Error).message.split('\n')[0] }
      }
      if (step?.ok) return step.v
      why = step?.why ?? 'no answer'
      if (Date.now() > end) throw named(this.browser, new Error(`timed out after ${timeout} ms: ${what} (${why})`))
      await sleep(100)
    }
  }

  async waitForTrue(expression: string, opts: WaitOptions & { what?: string } = {}): Promise<void> {
    await this.poll(`Promise.resolve(${expression}).then((v) => v ? { ok: true, v: true } : { ok: false, why: 'false' }, (e) => ({ ok: false, why: String(e) }))`, opts.what ?? expression, opts.timeout)
  }

  private ready(selector: string, body: string, what: string, opts: WaitOptions = {}, needEnabled = true): Promise<any> {
    const gate = `if (!el) return { ok: false, why: 'no element matches' }
      if (!f.visible(el)) return { ok: false, why: 'not visible' }
      ${needEnabled ? `if (el.disabled || el.getAttribute('aria-disabled') === 'true') return { ok: false, why: 'disabled' }` : ''}`
    return this.poll(withTarget(selector, `${gate}\n${body}`), `${what} ${selector}`, opts.timeout)
  }

  async click(selector: string, opts?: WaitOptions): Promise<void> {
    await this.ready(selector, `el.scrollIntoView({ block: 'center' }); if (el.focus) el.focus(); el.click(); return { ok: true, v: null }`, 'click', opts)
  }

  async fill(selector: string, value: string, opts?: WaitOptions): Promise<void> {
    await this.ready(
      selector,
      `if (el.readOnly) return { ok: false, why: 'read-only' }
      el.focus()
      const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : el.tagName === 'SELECT' ? HTMLSelectElement.prototype : HTMLInputElement.prototype
      Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, ${JSON.stringify(value)})
      el.dispatchEvent(new Event('input', { bubbles: true }))
      el.dispatchEvent(new Event('change', { bubbles: true }))
      return { ok: true, v: null }`,
      'fill',
      opts,
    )
  }

  async select(selector: string, value: string, opts?: WaitOptions): Promise<void> {
    await this.ready(
      selector,
      `if (!Array.from(el.options || []).some((o) => o.value === ${JSON.stringify(value)})) return { ok: false, why: 'no such option yet' }
      el.value = ${JSON.stringify(value)}
      el.dispatchEvent(new Event('input', { bubbles: true }))
      el.dispatchEvent(new Event('change', { bubbles: true }))
      return { ok: true, v: null }`,
      'select',
      opts,
    )
  }

  async check(selector: string, opts?: WaitOptions): Promise<void> {
    await this.ready(selector, `if (!el.checked) el.click(); return el.checked ? { ok: true, v: null } : { ok: false, why: 'did not check' }`, 'check', opts)
  }

  async press(selector: string, key: string, opts?: WaitOptions): Promise<void> {
    await this.ready(selector, `el.focus(); return document.activeElement === el ? { ok: true, v: null } : { ok: false, why: 'cannot focus' }`, 'focus', opts, false)
    await this.keyboardPress(key)
  }

  async text(selector: string, opts?: WaitOptions): Promise<string> {
    return this.poll(withTarget(selector, `if (!el) return { ok: false, why: 'no element matches' }; return { ok: true, v: f.text(el) }`), `text of ${selector}`, opts?.timeout)
  }

  async texts(selector: string): Promise<string[]> {
    return this.evaluate(withAll(selector, `return all.map((el) => f.text(el))`))
  }

  async value(selector: string, opts?: WaitOptions): Promise<string> {
    return this.poll(withTarget(selector, `if (!el) return { ok: false, why: 'no element matches' }; return { ok: true, v: el.value }`), `value of ${selector}`, opts?.timeout)
  }

  async attr(selector: string, name: string, opts?: WaitOptions): Promise<string | null> {
    return this.poll(withTarget(selector, `if (!el) return { ok: false, why: 'no element matches' }; return { ok: true, v: el.getAttribute(${JSON.stringify(name)}) }`), `attribute ${name} of ${selector}`, opts?.timeout)
  }

  async count(selector: string): Promise<number> {
    return this.evaluate(withAll(selector, `return all.length`))
  }

  async isEnabled(selector: string, opts?: WaitOptions): Promise<boolean> {
    return this.poll(withTarget(selector, `if (!el) return { ok: false, why: 'no element matches' }; return { ok: true, v: !(el.disabled || el.getAttribute('aria-disabled') === 'true') }`), `enabled state of ${selector}`, opts?.timeout)
  }

  async isVisible(selector: string): Promise<boolean> {
    return this.evaluate(withTarget(selector, `return !!el && f.visible(el)`))
  }

  async waitFor(selector: string, opts: WaitOptions & { state?: 'visible' | 'attached' | 'detached' | 'hidden' } = {}): Promise<void> {
    const state = opts.state ?? 'visible'
    const cond = {
      visible: `el && f.visible(el)`,
      attached: `!!el`,
      detached: `!el`,
      hidden: `!el || !f.visible(el)`,
    }[state]
    await this.poll(withTarget(selector, `return (${cond}) ? { ok: true, v: null } : { ok: false, why: ${JSON.stringify(`not ${state}`)} }`), `${selector} to be ${state}`, opts.timeout)
  }

  async screenshot(name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
    if (!process.env.SCREENS) return
    mkdirSync(SCREENS_DIR, { recursive: true })
    for (const scheme of ['light', 'dark'] as const) {
      if (!(await this.colorScheme(scheme))) {
        if (scheme === 'dark') continue
      }
      await this.shoot(join(SCREENS_DIR, `${this.browser}-${name}-${scheme}.png`), opts.fullPage ?? false)
    }
    await this.colorScheme(null)
  }
}

/** Polls `read` until `ok` holds. */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = await read()
    if (ok(v)) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`)
    await sleep(150)
  }
}
