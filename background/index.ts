// The privileged context. Every listener is registered synchronously on the first run of this file
// (MV3: an event that woke a stopped service worker is delivered only to listeners registered in
// that first turn). Work that needs storage waits on `ready` inside the listeners.
import browser from 'webextension-polyfill'
import { createServer } from '../src/messaging.ts'
import type { PageCalls, UiCalls } from '../src/messages.ts'
import { classifySender } from '../src/sender.ts'
import { routeProviderRequest } from '../src/provider/router.ts'
import { KEYS, migrate, readSettings } from '../src/storage/schema.ts'
import { browserKV } from './storage.ts'

const startedAt = Date.now()
const local = browserKV('local')
const extensionOrigin = new URL(browser.runtime.getURL('/')).origin

const ready: Promise<void> = migrate(local).then(
  () => undefined,
  (err) => console.error('storage migration failed', err),
)

async function settings() {
  return readSettings(await local.get(KEYS.settings))
}

interface PageCtx {
  origin: string
  tabId: number
  frameId: number
}

const ui = createServer<UiCalls, null>('ui', {
  'app.ping': () => ({ version: browser.runtime.getManifest().version, startedAt }),
})

const page = createServer<PageCalls, PageCtx>('page', {
  'provider.request': (req, ctx) =>
    routeProviderRequest(req, {
      origin: ctx.origin,
      activeChainId: async () => (await settings()).activeChainId,
    }),
})

browser.runtime.onMessage.addListener((msg: unknown, sender: browser.Runtime.MessageSender) => {
  const isUi = ui.accepts(msg)
  const isPage = page.accepts(msg)
  if (!isUi && !isPage) return undefined
  const who = classifySender(sender, browser.runtime.id, extensionOrigin)
  if (isUi) {
    if (who.kind !== 'extension-page') return Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'Only the wallet itself may make this call.' } })
    return ready.then(() => ui.handle(msg, null))
  }
  if (who.kind !== 'content') {
    return Promise.resolve({ ok: true, result: { error: { code: 4100, message: `This page cannot use the wallet (${who.kind === 'rejected' ? who.reason : 'not a web page'}).` } } })
  }
  return ready.then(() => page.handle(msg, who))
})
