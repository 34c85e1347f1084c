// The privileged context: builds the wallet once (src/core.ts) and wires browser events to it.
// Every listener is registered synchronously on the first run of this file (MV3: an event that woke
// a stopped service worker is delivered only to listeners registered in that first turn); work that
// needs storage waits on core.ready inside the listeners.
import browser from 'webextension-polyfill'
import { BUILTIN_NETWORKS } from '../src/chains/builtin.ts'
import { devnetNetworks } from '../src/chains/devnet.ts'
import { createCore } from '../src/core.ts'
import { classifySender } from '../src/provider/sender.ts'
import { browserKV, cachedLocalKV } from './storage.ts'
import { browserPlatform } from './platform.ts'
import { serveTopics } from './topics.ts'
import { servePagePort } from './pages.ts'
import { PAGE_PORT } from '../src/wire/page.ts'

const startedAt = Date.now()
const extensionOrigin = new URL(browser.runtime.getURL('/')).origin

const core = createCore({
  local: cachedLocalKV(),
  session: browserKV('session'),
  platform: browserPlatform,
  // the local devnet first when the build has it (npm start, --dev, --devnet): it is then the default
  networks: [...devnetNetworks(__DEVNET_MANIFEST__), ...BUILTIN_NETWORKS],
  devnet: __DEVNET_MANIFEST__,
  // a build for the local devnet shows testnets and the devnet until the user chooses
  testnetsByDefault: !!__DEVNET_MANIFEST__,
  info: () => ({ version: browser.runtime.getManifest().version, startedAt }),
})
const ready = core.ready.catch((err) => console.error('wallet start failed', err))

// the wallet's own pages call the background by message; pages of the web never do (they have a port)
browser.runtime.onMessage.addListener((msg: unknown, sender: browser.Runtime.MessageSender) => {
  if (!core.ui.accepts(msg)) return undefined
  const who = classifySender(sender, browser.runtime.id, extensionOrigin)
  if (who.kind !== 'extension-page') return Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'Only the wallet itself may make this call.' } })
  return ready.then(() => core.handleUi(msg))
})

// ports: the wallet's pages follow state (topics); each web document has its own (its relay's)
browser.runtime.onConnect.addListener((port) => {
  const who = classifySender(port.sender ?? {}, browser.runtime.id, extensionOrigin)
  if (port.name === PAGE_PORT) return servePagePort(port, who, core, ready)
  if (who.kind !== 'extension-page') return port.disconnect()
  serveTopics(port, core.hub, ready, (topic) => core.topicRefused(topic))
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
  // a stopped wallet (failed migration) runs nothing that could write to its storage
  void ready.then(() => (core.wallet.halted() ? undefined : core.wallet.alarms.dispatch(alarm.name))).catch((err) => console.error(`alarm ${alarm.name} failed`, err))
})
