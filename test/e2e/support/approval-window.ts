// The approval window as a test meets it: the next window showing a request not handled yet (after
// an answer the old window may still be closing, or show the next request), and "run this dApp call,
// approve it in the window, give me what the dApp got".
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import type { WalletBrowser } from './browser.ts'
import { until } from '../driver/base.ts'

export function approvalWindows(wb: WalletBrowser) {
  const handled = new Set<string>()
  const shown = (p: Page) =>
    Promise.race([p.evaluate('document.querySelector("main[data-approval-id]")?.dataset.approvalId ?? null').catch(() => null), new Promise<null>((r) => setTimeout(() => r(null), 300))]) as Promise<string | null>

  /** The approval window once it shows a request not handled yet. */
  async function next(timeoutMs = 20_000): Promise<Page> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      for (const p of wb.context.pages()) {
        if (p.isClosed() || !p.url().includes('/approval.html')) continue
        const id = await shown(p)
        if (id && !handled.has(id)) {
          handled.add(id)
          return p
        }
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error('no approval window appeared')
  }

  /** Is an approval window showing a request not handled yet, right now? */
  async function anyOpen(): Promise<boolean> {
    for (const p of wb.context.pages()) {
      if (p.isClosed() || !p.url().includes('/approval.html')) continue
      const id = await shown(p)
      if (id && !handled.has(id)) return true
    }
    return false
  }

  /** Runs a dApp call that needs the user, approves it in the window, returns what the dApp got. */
  async function approved<T>(page: Page, expression: string, expectOrigin: string, before?: (window: Page) => Promise<void>): Promise<T> {
    const result = page.evaluate(expression) as Promise<T>
    result.catch(() => undefined)
    const ap = await next()
    assert.equal(await ap.getByTestId('origin').innerText(), expectOrigin, 'the window shows the origin the browser reported')
    if (before) await before(ap)
    await clickApprove(ap)
    return result
  }

  return { next, anyOpen, approved }
}

/**
 * Clicks Approve. The window closes itself once the answer is given (nothing else waiting), which
 * can land while the click is still finishing: a window closed by then did get the click.
 */
export async function clickApprove(ap: Page): Promise<void> {
  await ap
    .getByTestId('approve')
    .click()
    .catch((err) => {
      if (!ap.isClosed()) throw err
    })
}

/** The approval window once it shows a request of `kind` (main[data-kind]), whether handled before or not. */
export function approvalWindowShowing(wb: WalletBrowser, kind: string): Promise<Page> {
  return until(
    async () => {
      for (const p of wb.context.pages()) {
        if (p.isClosed() || !p.url().includes('/approval.html')) continue
        const k = await p.locator('main[data-kind]').getAttribute('data-kind', { timeout: 300 }).catch(() => null)
        if (k === kind) return p
      }
      return null
    },
    (p) => p !== null,
    20_000,
    `an approval window showing ${kind}`,
  ) as Promise<Page>
}

/**
 * The viem test dApp (viem-dapp.html on `siteUrl`) open in a new tab, connected, on `chainId`: the
 * connection and the switch each approved in the window (a chain the site has not used asks first).
 */
export async function viemDappOn(wb: WalletBrowser, siteUrl: string, chainId: number): Promise<Page> {
  const page = await wb.context.newPage()
  await page.goto(`${siteUrl}viem-dapp.html`)
  await page.waitForFunction('!!window.dapp')
  const connected = page.evaluate('dapp.connect()')
  await (await approvalWindowShowing(wb, 'connect')).getByTestId('approve').click()
  await connected
  const switched = page.evaluate(`dapp.switchChain(${chainId})`)
  await (await approvalWindowShowing(wb, 'switchChain')).getByTestId('approve').click()
  await switched
  return page
}
