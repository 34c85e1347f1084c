// The popup in headless Chromium with the built extension: its first contentful paint, and the time
// until the cached balances (with icons and USD values) are on screen in an unlocked wallet; medians
// of several opens. Both are presentation times of a frame (paint timing and Element Timing: the
// token amounts and the USD total carry `elementtiming`). The cache is written the way the
// background writes it, so no RPC is involved. Beside them: when the popup's script starts (its boot
// step's mark), and a peer that no popup can beat on the same machine, measured in the same run: the
// popup's own HTML and stylesheet in a copy of the build, with a script that draws the same two
// figures at once (no wallet, no screens), so what Chromium itself takes to open an extension page,
// load its files and present a frame shows apart from what the wallet adds. A second peer draws the
// whole Home screen with no script: the popup's HTML with Home's markup as the wallet drew it in this
// run (same stylesheet, same balances) and a one-line script that only marks its start, so the cost of
// presenting that screen at all shows apart from what the wallet's script adds to it. Home is looked
// at once before the opens, as a user leaves it, so each open can show the picture of Home kept from
// the last one (src/wallet/home-snapshot.ts); how many did is printed, and the same figure for opens
// with no picture (the first open of a browser session). Last, the popup opened the way most real
// opens are: with the service worker stopped (every wallet page closed, the worker stopped as
// Chromium stops an idle one), and when the worker started for it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromeDist, launchWithExtension, type WalletBrowser } from '../test/e2e/support/browser.ts'
import { coldPopup, HOME_FIGURES, lookAtHome, PICTURE_SHOWN, SCRIPT_STARTS, walletWithHomeCache } from '../test/e2e/support/cold-popup.ts'
import { openPopup, paintedScript } from '../test/e2e/support/wallet.ts'
import { HOME_SNAPSHOT_KEY } from '../src/wallet/home-snapshot.ts'
import type { BenchResult } from './keyring.ts'

const FIRST_PAINT = `new Promise((resolve) => {
  const seen = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')
  if (seen) return resolve(seen.startTime)
  new PerformanceObserver((list) => {
    const e = list.getEntries().find((x) => x.name === 'first-contentful-paint')
    if (e) resolve(e.startTime)
  }).observe({ type: 'paint', buffered: true })
})`

const BALANCES_ON_SCREEN = paintedScript(HOME_FIGURES)

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
/** nearest-rank percentile (p95 of 21 opens is the 20th fastest) */
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)]

/** POPUP_OPENS=n opens per figure (default 21, enough for a p95 that is not the single worst open) */
export async function benchPopupPaint(opens = Number(process.env.POPUP_OPENS) || 21): Promise<BenchResult[]> {
  const coldOpens = Number(process.env.POPUP_COLD_OPENS) || 11
  const { paints, paintsUnlocked, onScreen, scriptStarts, pictures, noPicture, homeMarkup, cold } = await popupPaintSamples(opens, undefined, coldOpens)
  const floor = await floorSamples(opens, homeMarkup)
  const range = (xs: number[]) => `min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}`
  const figures: [string, number[]][] = [
    ['popup first contentful paint (new wallet)', paints],
    ['popup first contentful paint (unlocked, Home)', paintsUnlocked],
    ['cached balances with icons and USD on screen', onScreen],
  ]
  return [
    ...figures.flatMap(([what, xs]) => [
      { name: `${what}, median of ${opens} opens (${range(xs)})`, value: Math.round(median(xs)), unit: 'ms', budget: 150 },
      { name: `${what}, p95 of ${opens} opens`, value: Math.round(percentile(xs, 0.95)), unit: 'ms', budget: Infinity },
    ]),
    { name: `  of which opens that showed the picture of Home kept from the last open (count)`, value: pictures, unit: `of ${opens}`, budget: Infinity },
    { name: `  the same with no picture kept (the first open of a browser session), median of ${noPicture.length} opens (${range(noPicture)})`, value: Math.round(median(noPicture)), unit: 'ms', budget: Infinity },
    { name: `  of which before the popup's script starts (Chromium: the page, its HTML, script and stylesheet), median`, value: Math.round(median(scriptStarts)), unit: 'ms', budget: Infinity },
    { name: `  from the main script's start to the balances on screen (the wallet's part; less than the paint's own cost when the picture, shown by the first script, was there before it), median`, value: Math.round(median(onScreen.map((t, i) => t - scriptStarts[i]!))), unit: 'ms', budget: Infinity },
    { name: `peer, same run: the popup's HTML and stylesheet with a script that draws the two figures at once (no wallet), on screen, median of ${opens} opens (${range(floor.onScreen)})`, value: Math.round(median(floor.onScreen)), unit: 'ms', budget: Infinity },
    { name: `  of which before its script starts, median`, value: Math.round(median(floor.scriptStarts)), unit: 'ms', budget: Infinity },
    { name: `  of which from its script's start to the two figures on screen, median`, value: Math.round(median(floor.onScreen.map((t, i) => t - floor.scriptStarts[i]!))), unit: 'ms', budget: Infinity },
    { name: `static Home, same run: the popup's HTML with Home's markup as the wallet drew it and no script, balances on screen, median of ${opens} opens (${range(floor.home.onScreen)})`, value: Math.round(median(floor.home.onScreen)), unit: 'ms', budget: Infinity },
    { name: `  of which before its (one-line) script starts, median`, value: Math.round(median(floor.home.scriptStarts)), unit: 'ms', budget: Infinity },
    {
      name: `popup opened with the service worker stopped (every wallet page closed first, as after 30 s idle): cached balances on screen, median of ${coldOpens} opens (${range(cold.onScreen)})`,
      value: Math.round(median(cold.onScreen)),
      unit: 'ms',
      budget: Infinity,
    },
    { name: `  of which: when the worker started, ms after the popup's navigation, median`, value: Math.round(median(cold.workerStarts)), unit: 'ms', budget: Infinity },
    { name: `  of which before the popup's script starts (its page loads while the worker starts), median`, value: Math.round(median(cold.scriptStarts)), unit: 'ms', budget: Infinity },
  ]
}

/**
 * The peers, in a copy of the build: floor.html, the popup's HTML and stylesheet with a script that
 * only draws the two figures; home.html, the popup's HTML with `homeMarkup` (Home as the wallet drew
 * it) in place of its shell and a script that only marks its start.
 */
export async function floorSamples(opens: number, homeMarkup: string): Promise<{ onScreen: number[]; scriptStarts: number[]; home: { onScreen: number[]; scriptStarts: number[] } }> {
  const dir = mkdtempSync(join(tmpdir(), 'rw-floor-'))
  cpSync(chromeDist, dir, { recursive: true })
  const popupHtml = readFileSync(join(dir, 'popup.html'), 'utf8')
  if (!popupHtml.includes('src="popup.js"')) throw new Error('popup.html no longer loads popup.js: the floor page needs updating')
  // no wallet in the peers: not the picture's script either
  const html = popupHtml.replace(/<script async src="popup-snapshot\.js"><\/script>\n?/, '')
  if (html === popupHtml) throw new Error("popup.html no longer loads the picture's script as it did: the floor page needs updating")
  writeFileSync(join(dir, 'floor.html'), html.replace('src="popup.js"', 'src="floor.js"'))
  const home = html.replace('src="popup.js"', 'src="mark.js"').replace(/<div id="root">[\s\S]*<\/div>(\s*<\/body>)/, (_, end: string) => `<div id="root">${homeMarkup}</div>${end}`)
  if (!home.includes('elementtiming="token-balance"')) throw new Error('popup.html has no root element to put Home in: the static Home peer needs updating')
  writeFileSync(join(dir, 'home.html'), home)
  writeFileSync(join(dir, 'mark.js'), `performance.mark('popup-script')\n`)
  writeFileSync(
    join(dir, 'floor.js'),
    `performance.mark('popup-script'); for (const [id, text] of [['token-balance', '12.3457 ETH'], ['portfolio-total', '$111,111.09']]) { const e = document.createElement('strong'); e.setAttribute('elementtiming', id); e.textContent = text; document.getElementById('main').append(e) }\n`,
  )
  const wb = await launchWithExtension({ extensionDir: dir })
  try {
    const [onScreen, scriptStarts] = await openEach(wb, 'floor.html', opens, [BALANCES_ON_SCREEN, SCRIPT_STARTS], { warm: true })
    const [homeOnScreen, homeScriptStarts] = await openEach(wb, 'home.html', opens, [BALANCES_ON_SCREEN, SCRIPT_STARTS], { warm: true })
    return { onScreen: onScreen!, scriptStarts: scriptStarts!, home: { onScreen: homeOnScreen!, scriptStarts: homeScriptStarts! } }
  } finally {
    await wb.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Each open's figures (ms from the navigation's start), for the table above or an A/B comparison; Home's markup as drawn, for the static peer. */
export async function popupPaintSamples(
  opens: number,
  extensionDir?: string,
  coldOpens = 0,
): Promise<{ paints: number[]; paintsUnlocked: number[]; onScreen: number[]; scriptStarts: number[]; pictures: number; noPicture: number[]; homeMarkup: string; cold: { onScreen: number[]; workerStarts: number[]; scriptStarts: number[] } }> {
  const wb = await launchWithExtension({ extensionDir })
  try {
    const [paints] = await openEach(wb, 'popup.html', opens, [FIRST_PAINT], { warm: true })

    // an unlocked wallet with balances and prices in the cache, as the background leaves them
    await walletWithHomeCache(wb)
    // Home looked at once, as a user leaves it: its picture is kept for the next open
    await (await lookAtHome(wb)).page.close()
    const [paintsUnlocked, onScreen, scriptStarts, pictureShown] = await openEach(wb, 'popup.html', opens, [FIRST_PAINT, BALANCES_ON_SCREEN, SCRIPT_STARTS, PICTURE_SHOWN])
    const pictures = pictureShown!.reduce((a, b) => a + b, 0)
    // with no picture: removed before each open (the popup that opens keeps a new one only if it stays open)
    const [noPicture] = await openEach(wb, 'popup.html', Math.ceil(opens / 2), [BALANCES_ON_SCREEN], { before: () => wb.worker.evaluate(`chrome.storage.session.remove('${HOME_SNAPSHOT_KEY}')`) })
    // the live Home as drawn (its picture stored again, so the cold opens below have one)
    const looked = await lookAtHome(wb)
    const homeMarkup = String(await looked.page.evaluate(`document.getElementById('root').innerHTML`))
    await looked.page.close()
    // last: a cold open closes every extension page and stops the worker
    const cold = { onScreen: [] as number[], workerStarts: [] as number[], scriptStarts: [] as number[] }
    for (let i = 0; i < coldOpens; i++) {
      const open = await coldPopup(wb)
      cold.onScreen.push(open.balancesOnScreen)
      cold.workerStarts.push(open.workerStartedAt)
      cold.scriptStarts.push(open.scriptStartedAt)
      await open.page.close()
    }
    return { paints: paints!, paintsUnlocked: paintsUnlocked!, onScreen: onScreen!, scriptStarts: scriptStarts!, pictures, noPicture: noPicture!, homeMarkup, cold }
  } finally {
    await wb.close()
  }
}

/**
 * Opens an extension page `opens` times in a new 360×600 tab and reads each expression once per
 * open (strings, not functions: tsx would wrap a function with helpers the page does not have);
 * `warm` opens it once first, unread; `before` runs before each open. One list of figures per expression.
 */
async function openEach(wb: WalletBrowser, path: string, opens: number, reads: string[], opts: { warm?: boolean; before?: () => Promise<unknown> } = {}): Promise<number[][]> {
  const open = () => openPopup(wb, '', path)
  if (opts.warm) await (await open()).close()
  const out = reads.map((): number[] => [])
  for (let i = 0; i < opens; i++) {
    await opts.before?.()
    const page = await open()
    for (const [j, expr] of reads.entries()) out[j]!.push(Number(await page.evaluate(expr)))
    await page.close()
  }
  return out
}
