// The privileged context: builds the wallet once (src/core.ts) and wires browser events to it.
// Every listener is registered synchronously on the first run of this file (MV3: an event that woke
// a stopped service worker is delivered only to listeners registered in that first turn); work that
// needs storage waits on core.ready inside the listeners.
import browser from 'webextension-polyfill'
import { BUILTIN_NETWORKS } from '../src/chains/builtin.ts'
import { devnetNetworks } from '../src/chains/devnet.ts'
import { createCore } from '../src/core.ts'
import { classifySender } from '../src/provider/sender.ts'
import { browserKV } from './storage.ts'
import { browserPlatform } from './platform.ts'
import { serveTopics } from './topics.ts'

const startedAt = Date.now()
const extensionOrigin = new URL(browser.runtime.getURL('/')).origin

const core = createCore({
  local: browserKV('local'),
  session: browserKV('session'),
  platform: browserPlatform,
  // the local devnet first: it is the embedded default
  networks: [...devnetNetworks(__DEVNET_MANIFEST__), ...BUILTIN_NETWORKS],
  devnet: __DEVNET_MANIFEST__,
  // a build for the local devnet shows testnets and the devnet until the user chooses
  testnetsByDefault: !!__DEVNET_MANIFEST__,
  info: () => ({ version: browser.runtime.getManifest().version, startedAt }),
})
const ready = core.ready.catch((err) => console.error('wallet start failed', err))

browser.runtime.onMessage.addListener((msg: unknown, sender: browser.Runtime.MessageSender) => {
  const isUi = core.ui.accepts(msg)
  const isPage = core.page.accepts(msg)
  if (!isUi && !isPage) return undefined
  const who = classifySender(sender, browser.runtime.id, extensionOrigin)
  if (isUi) {
    if (who.kind !== 'extension-page') return Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'Only the wallet itself may make this call.' } })
    return ready.then(() => core.handleUi(msg))
  }
  if (who.kind !== 'content') {
    return Promise.resolve({ ok: true, result: { error: { code: 4100, message: `This page cannot use the wallet (${who.kind === 'rejected' ? who.reason : 'not a web page'}).` } } })
  }
  return ready.then(() => core.page.handle(msg, who))
})

// the wallet's pages follow state over a port (topics); only extension pages may connect
browser.runtime.onConnect.addListener((port) => {
  const who = classifySender(port.sender ?? {}, browser.runtime.id, extensionOrigin)
  if (who.kind !== 'extension-page') return port.disconnect()
  serveTopics(port, core.hub, ready)
})

// A new install opens the onboarding page, as users of other wallets expect.
browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason !== 'install') return
  void ready.then(async () => {
    if (!(await core.wallet.state()).initialized) await browser.tabs.create({ url: browser.runtime.getURL('app.html#/welcome') })
  })
})

browser.windows.onRemoved.addListener((windowId) => {
  void ready.then(() => core.provider.onWindowRemoved(windowId))
})

browser.tabs.onRemoved.addListener((tabId) => {
  void ready.then(() => core.provider.onFrameGone(tabId))
})

browser.alarms.onAlarm.addListener((alarm) => {
  void ready.then(() => core.wallet.alarms.dispatch(alarm.name)).catch((err) => console.error(`alarm ${alarm.name} failed`, err))
})
