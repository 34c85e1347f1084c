// The privileged context: wires browser events to the Wallet (src/wallet). Every listener is
// registered synchronously on the first run of this file (MV3: an event that woke a stopped
// service worker is delivered only to listeners registered in that first turn); work that needs
// storage waits on wallet.start() inside the listeners.
import browser from 'webextension-polyfill'
import { createServer } from '../src/messaging.ts'
import type { PageCalls, UiCalls } from '../src/messages.ts'
import { classifySender } from '../src/sender.ts'
import { ProviderService } from '../src/provider/service.ts'
import { providerUiHandlers } from '../src/provider/ui-api.ts'
import { txUiHandlers } from '../src/tx/ui-api.ts'
import { sendUiHandlers } from '../src/send/ui-api.ts'
import { createPortfolio } from '../src/balances/portfolio.ts'
import { ClaimService } from '../src/claim/service.ts'
import { claimUiHandlers } from '../src/claim/ui-api.ts'
import { devnetClaimDeployment, MAINNET_CLAIM } from '../src/claim/config.ts'
import { BridgeService } from '../src/bridge/service.ts'
import { bridgeUiHandlers } from '../src/bridge/ui-api.ts'
import { BUILTIN_NETWORKS } from '../src/chains/builtin.ts'
import { devnetNetworks } from '../src/chains/devnet.ts'
import { Wallet } from '../src/wallet/wallet.ts'
import { PASSIVE_UI_CALLS, uiHandlers } from '../src/wallet/ui-api.ts'
import { browserKV } from './storage.ts'
import { browserPlatform } from './platform.ts'

const startedAt = Date.now()
const extensionOrigin = new URL(browser.runtime.getURL('/')).origin

const wallet = new Wallet({
  local: browserKV('local'),
  session: browserKV('session'),
  platform: browserPlatform,
  // the local devnet first: it is the embedded default
  networks: [...devnetNetworks(__DEVNET_MANIFEST__), ...BUILTIN_NETWORKS],
})
const provider = new ProviderService({ wallet })
const portfolio = createPortfolio(provider, __DEVNET_MANIFEST__)
// the tracker's alarm handler is registered here, in the first turn, like every listener
const bridge = new BridgeService({
  wallet,
  activity: provider.activity,
  registry: async () => (await portfolio.balances.registry()).tokens,
  onArrived: async (arrivals) => {
    await Promise.all(arrivals.map((a) => portfolio.balances.refreshAccountsOn(a.chainId, [a.address])))
  },
})
const claims = new ClaimService({ wallet, provider, bridge, deployments: [devnetClaimDeployment(__DEVNET_MANIFEST__), MAINNET_CLAIM].filter((d) => d !== null) })
const ready = wallet
  .start()
  .then(() => provider.restore())
  .then(() => portfolio.start())
  .then(() => bridge.start())
  .catch((err) => console.error('wallet start failed', err))

interface PageCtx {
  origin: string
  tabId: number
  frameId: number
}

const ui = createServer<UiCalls, null>('ui', {
  ...uiHandlers(wallet, () => ({ version: browser.runtime.getManifest().version, startedAt })),
  ...providerUiHandlers(provider),
  ...txUiHandlers(provider),
  ...sendUiHandlers(provider),
  ...portfolio.uiHandlers,
  ...claimUiHandlers(wallet, claims),
  ...bridgeUiHandlers(bridge),
})

const page = createServer<PageCalls, PageCtx>('page', {
  'provider.request': (req, ctx) => provider.request(req, ctx),
})

browser.runtime.onMessage.addListener((msg: unknown, sender: browser.Runtime.MessageSender) => {
  const isUi = ui.accepts(msg)
  const isPage = page.accepts(msg)
  if (!isUi && !isPage) return undefined
  const who = classifySender(sender, browser.runtime.id, extensionOrigin)
  if (isUi) {
    if (who.kind !== 'extension-page') return Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'Only the wallet itself may make this call.' } })
    return ready.then(async () => {
      if (!PASSIVE_UI_CALLS.has(msg.call)) await wallet.touch().catch(() => undefined)
      return ui.handle(msg, null)
    })
  }
  if (who.kind !== 'content') {
    return Promise.resolve({ ok: true, result: { error: { code: 4100, message: `This page cannot use the wallet (${who.kind === 'rejected' ? who.reason : 'not a web page'}).` } } })
  }
  return ready.then(() => page.handle(msg, who))
})

// A new install opens the onboarding page, as users of other wallets expect.
browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason !== 'install') return
  void ready.then(async () => {
    if (!(await wallet.state()).initialized) await browser.tabs.create({ url: browser.runtime.getURL('app.html#/welcome') })
  })
})

browser.windows.onRemoved.addListener((windowId) => {
  void ready.then(() => provider.onWindowRemoved(windowId))
})

browser.tabs.onRemoved.addListener((tabId) => {
  void ready.then(() => provider.onFrameGone(tabId))
})

browser.alarms.onAlarm.addListener((alarm) => {
  void ready.then(() => wallet.alarms.dispatch(alarm.name)).catch((err) => console.error(`alarm ${alarm.name} failed`, err))
})
