// The popup's picture of Home (src/wallet/home-snapshot.ts, ui/popup/snapshot.ts) in Chromium with
// the built extension; no devnet (the balances and the price are the cache the background keeps).
// Home, once looked at, is kept as data in storage.session without ids, test ids or the site's row;
// the next popup (opened with the service worker stopped, as most are) paints it before the live Home
// and then leaves the live Home alone on screen; its times are worded again when shown; a stored
// picture that names a script, an event handler or a javascript: link builds none of them; a locked
// wallet has no picture left and shows Unlock.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { HOME_SNAPSHOT_KEY, type SnapshotNode } from '../../src/wallet/home-snapshot.ts'
import { launchWithExtension, type WalletBrowser } from './support/browser.ts'
import { coldPopup, lookAtHome, storedPicture as stored, walletWithHomeCache } from './support/cold-popup.ts'
import { until } from './send-support.ts'
import { openPopup, uiCall } from './support/wallet.ts'

let wb: WalletBrowser

before(async () => {
  wb = await launchWithExtension()
  await walletWithHomeCache(wb)
})

after(async () => {
  await wb?.close()
})


const nodes = (n: SnapshotNode): Exclude<SnapshotNode, string>[] => (typeof n === 'string' ? [] : [n, ...(n.slice(2) as SnapshotNode[]).flatMap(nodes)])

test('Home is kept as data for the next popup: no ids, no test ids, not the site row; the next popup paints it first, then shows the live Home alone', async () => {
  const { page, snapshot } = await lookAtHome(wb)
  await page.close()
  const all = nodes(snapshot.tree)
  assert.ok(all.length > 50, `the whole screen is kept (${all.length} elements)`)
  assert.deepEqual(all.filter(([, a]) => 'id' in a || 'data-testid' in a || 'tabindex' in a), [], 'no id-like attribute')
  assert.equal(all.filter(([, a]) => /site-chain/.test(a.class ?? '')).length, 0, "the current tab's site row is not kept")
  assert.ok(all.some(([tag, a]) => tag === 'strong' && a.elementtiming === 'portfolio-total'), 'the USD total is in it')
  assert.ok(all.some(([, a]) => 'data-ago' in a), 'its times are kept as moments')

  // opened as most real opens are, with the service worker stopped: the live Home then needs the
  // worker started and cannot come before the picture (with the worker running, it sometimes does,
  // and then the popup rightly shows no picture at all)
  const { page: next } = await coldPopup(wb)
  const timeline = (await next.evaluate(`new Promise((resolve) => new PerformanceObserver((l) => resolve(l.getEntries().filter((e) => e.identifier === 'token-balance').map((e) => ({ t: e.renderTime, live: !!e.element && !!e.element.closest('#root') })))).observe({ type: 'element', buffered: true }))`)) as { t: number; live: boolean }[]
  assert.equal(await next.evaluate(`performance.getEntriesByName('home-snapshot').length`), 1, 'the picture was shown')
  assert.equal(timeline[0]?.live, false, `the first amounts painted are the picture's: ${JSON.stringify(timeline)}`)
  // then the live Home, alone
  await until(() => next.evaluate(`!document.querySelector('.home-snapshot') && !document.getElementById('root').hidden`), (v) => v === true, 5_000, 'the picture gives way')
  await next.getByTestId('home').waitFor({ state: 'visible' })
  assert.ok(timeline.some((e) => !e.live) && (await next.locator('.home-snapshot').count()) === 0)
  const live = (await next.evaluate(`new Promise((resolve) => new PerformanceObserver((l) => resolve(l.getEntries().filter((e) => e.identifier === 'token-balance' && e.element?.closest('#root')).length)).observe({ type: 'element', buffered: true }))`)) as number
  assert.ok(live > 0, 'the live amounts were painted too')
  await next.close()
})

test('the picture words its times again when shown, is inert and hidden from assistive technology, builds no script, handler or javascript: link, and gives way to the live screen if that never comes', async () => {
  const { page, snapshot } = await lookAtHome(wb)
  const twoHoursAgo = Date.now() - 2 * 3_600_000
  const planted: SnapshotNode = ['div', { class: 'planted' }, ['script', {}, 'window.__planted = 1'], ['img', { src: 'icons/16.png', onerror: 'window.__planted = 2' }], ['a', { href: 'javascript:window.__planted=3', class: 'planted-link' }, 'x']]
  const aged = JSON.parse(JSON.stringify(snapshot.tree, (k, v) => (k === 'data-ago' ? String(twoHoursAgo) : v))) as SnapshotNode
  ;(aged as unknown[]).push(planted)
  await page.evaluate(`chrome.storage.session.set({ '${HOME_SNAPSHOT_KEY}': ${JSON.stringify({ ...snapshot, tree: aged })} })`)
  // the first script run again in this popup, whose live screen is settled: the picture shows and
  // nothing takes it over but the give-up timer
  await page.evaluate(`(() => { globalThis.__rwHomeSnapshot = undefined; const s = document.createElement('script'); s.src = 'popup-snapshot.js'; document.head.append(s) })()`)
  const shown = page.locator('.home-snapshot')
  await shown.waitFor({ state: 'attached', timeout: 5_000 })
  const seen = (await page.evaluate(`(() => { const s = document.querySelector('.home-snapshot'); return { inert: s.inert, hidden: s.getAttribute('aria-hidden'), rootHidden: document.getElementById('root').hidden, ago: [...s.querySelectorAll('[data-ago]')].map((e) => e.textContent), scripts: s.querySelectorAll('script').length, handlers: [...s.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length, link: s.querySelector('.planted-link')?.getAttribute('href') ?? null, planted: globalThis.__planted ?? null } })()`)) as Record<string, unknown>
  assert.equal(seen.inert, true)
  assert.equal(seen.hidden, 'true')
  assert.equal(seen.rootHidden, true, 'the live root waits behind it')
  assert.ok((seen.ago as string[]).length >= 1 && (seen.ago as string[]).every((t) => t === '2 h ago'), JSON.stringify(seen.ago))
  assert.deepEqual([seen.scripts, seen.handlers, seen.link, seen.planted], [0, 0, null, null], 'nothing that runs or loads code is built')
  // nothing takes over in this page: after the give-up time the live screen shows as it is
  await shown.waitFor({ state: 'detached', timeout: 6_000 })
  assert.equal(await page.evaluate(`document.getElementById('root').hidden`), false)
  await page.close()
})

test('a locked wallet leaves no picture, and a picture left over (written while locked) never stands in for Unlock', async () => {
  const { page, snapshot } = await lookAtHome(wb)
  await uiCall(page, 'keyring.lock')
  await until(() => stored(page), (s) => s === null, 5_000, 'the picture removed at the lock')
  await page.close()

  const locked = await openPopup(wb)
  await locked.getByTestId('unlock').waitFor({ state: 'visible' })
  assert.equal(await locked.evaluate(`performance.getEntriesByName('home-snapshot').length`), 0, 'no picture to show')
  // one written behind the wallet's back: the popup may show it until the state comes, never after
  await locked.evaluate(`chrome.storage.session.set({ '${HOME_SNAPSHOT_KEY}': ${JSON.stringify(snapshot)} })`)
  await locked.close()
  const again = await openPopup(wb)
  await again.getByTestId('unlock').waitFor({ state: 'visible' })
  // if it was shown at all, it went as soon as the state came, not at the 3 s give-up
  const shownFor = (await again.evaluate(`(() => { const m = performance.getEntriesByName('home-snapshot')[0]; return m ? performance.now() - m.startTime : 0 })()`)) as number
  assert.ok(shownFor < 2_500, `the picture stood in for Unlock ${Math.round(shownFor)} ms`)
  assert.equal(await again.locator('.home-snapshot').count(), 0)
  assert.equal(await again.evaluate(`document.getElementById('root').hidden`), false)
  await again.close()
})
