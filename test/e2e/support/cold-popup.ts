// A popup opened the way most real opens are: every extension page closed and the service worker
// stopped (as Chromium stops an idle one), then the popup opened; for bench/popup.ts. Also the cached
// balances and prices Home shows, written as the background writes them (no RPC involved), Home
// looked at until its picture is kept for the next open (src/wallet/home-snapshot.ts), and the
// expressions a popup's figures are read with.
import type { Page } from 'playwright-core'
import { HOME_SNAPSHOT_KEY, type HomeSnapshot } from '../../../src/wallet/home-snapshot.ts'
import type { WalletBrowser } from './browser.ts'
import { until } from '../driver/base.ts'
import { initializeWallet, liveWorker, openPopup, paintedScript, stopServiceWorker, TEST_ADDRESS_0, uiCall } from './wallet.ts'

export const HOME_FIGURES = ['token-balance', 'portfolio-total']
/** the popup's boot step marks the start of its script (ui/popup/boot.ts) */
export const SCRIPT_STARTS = `performance.getEntriesByName('popup-script')[0]?.startTime ?? NaN`
/** 1 when the popup showed the picture of Home from the last open (ui/popup/snapshot.ts marks it), else 0 */
export const PICTURE_SHOWN = `performance.getEntriesByName('home-snapshot').length`

/** The picture of Home stored now, read in an extension page. */
export function storedPicture(page: Page): Promise<HomeSnapshot | null> {
  return page.evaluate(`chrome.storage.session.get('${HOME_SNAPSHOT_KEY}').then((r) => r['${HOME_SNAPSHOT_KEY}'] ?? null)`) as Promise<HomeSnapshot | null>
}

/** A popup on Home with its figures drawn, kept open until its picture is stored; the page is the caller's to close. */
export async function lookAtHome(wb: WalletBrowser): Promise<{ page: Page; snapshot: HomeSnapshot }> {
  const page = await openPopup(wb)
  await page.evaluate(paintedScript(HOME_FIGURES))
  const snapshot = await until(() => storedPicture(page), (s) => s !== null, 5_000, 'the picture of Home stored')
  return { page, snapshot: snapshot! }
}

/**
 * A new wallet whose Home has figures with no chain answering: a first refresh (which fails) and then
 * the cache written, so the popup shows the cache and does not refresh again at once. Both are done
 * from the popup's Settings, which asks for no refresh of its own: a refresh of Home's still running
 * when the cache is written would write its failure over it (the background is the only writer of
 * that entry in a real wallet, so its refreshes never overtake another write).
 */
export async function walletWithHomeCache(wb: WalletBrowser): Promise<void> {
  await initializeWallet(wb)
  const page = await openPopup(wb, '#/settings')
  await uiCall(page, 'balances.refresh', {}).catch(() => undefined)
  await page.close()
  await writeHomeCache(wb)
}

/** Balances of TEST_ADDRESS_0 on the devnet's three chains and an ETH/USD price, in the background's cache. */
export async function writeHomeCache(wb: WalletBrowser): Promise<void> {
  const page = await openPopup(wb, '#/settings')
  const worker = await liveWorker(wb.context, page)
  const now = Date.now()
  const amounts = { eth: '12345678900000000000', pha: '250000000000000000000', vpha: '1000000000000000000' }
  const chains = Object.fromEntries([900, 901, 902].map((id) => [String(id), { at: now, block: '100', amounts, error: null }]))
  const prices = { v: 1, prices: { '900:eth': { answer: '300000000000', decimals: 8, updatedAt: now, pair: 'ETH / USD', chainId: 900, feed: '0x00000000000000000000000000000000000FEED1', readAt: now } }, errors: {} }
  await worker.evaluate(`chrome.storage.local.set(${JSON.stringify({ [`balances.acct.${TEST_ADDRESS_0.toLowerCase()}`]: { v: 1, address: TEST_ADDRESS_0.toLowerCase(), chains }, prices })})`)
  await page.close()
}

export interface ColdOpen {
  page: Page
  /** ms from the popup's navigation: Home's amounts and USD total on screen (Element Timing) */
  balancesOnScreen: number
  /** ms from the popup's navigation: its script's first step (ui/popup/boot.ts) */
  scriptStartedAt: number
  /** ms from the popup's navigation: the worker's time origin (negative: it was running before) */
  workerStartedAt: number
}

/** Closes every extension page, stops the worker, waits, opens the popup; the page is the caller's to close. */
export async function coldPopup(wb: WalletBrowser): Promise<ColdOpen> {
  for (const p of wb.context.pages()) if (p.url().startsWith('chrome-extension://')) await p.close()
  // the tab the worker is stopped from stays open until the popup was measured: closing a tab is an
  // event the background listens to (tabs.onRemoved), which would start the worker again
  const blank = await wb.context.newPage()
  try {
    await stopServiceWorker(wb, blank)
    // nothing of the wallet's is open: nothing wakes it meanwhile
    await new Promise((r) => setTimeout(r, 1_000))
    const page = await openPopup(wb)
    const balancesOnScreen = Number(await page.evaluate(paintedScript(HOME_FIGURES)))
    const scriptStartedAt = Number(await page.evaluate(SCRIPT_STARTS))
    const worker = await liveWorker(wb.context, page)
    const workerStartedAt = Number(await worker.evaluate('performance.timeOrigin')) - Number(await page.evaluate('performance.timeOrigin'))
    return { page, balancesOnScreen, scriptStartedAt, workerStartedAt }
  } finally {
    await blank.close()
  }
}
