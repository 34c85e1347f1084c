// What the wallet's pages follow without polling: each topic's value, pushed by the background at
// once when a page subscribes and again whenever it changes (over a runtime port: background/topics.ts
// on the background side, ui/lib/topic.ts on the pages' side).
//
//   wallet            WalletState: lock state, accounts, selected account, active chain, settings
//   balances/<addr>   the account's cached balances with the meta and the chains shown on Home
//   activity          the wallet's own transactions
//   incoming/<addr>   tokens that came in to the account (Transfer logs, cached)
//   bridge            the tracked deposits and withdrawals (the tracker ticks while it is watched)
//   flow/<id>         one flow (its step's fee is re-quoted every block while it is watched)
//   flows             the open flows and the recently finished ones (the popup offers to continue one)
//   site/<tabId>      the site in a tab: its own chain (or the wallet's it follows) and whether it is connected
//   prices            USD prices from on-chain feeds (read again each minute while a screen shows fiat)
//   approvals         the approval queue in the order the window shows it, and requests withdrawn lately
//                     (their page navigated or closed): the window moves on, or says why
//
// Only background/ and ui/ import this file.
import type { ActivityRecord, ActivityStore } from './activity/store.ts'
import type { ActivityWatcher } from './activity/watcher.ts'
import type { IncomingCache, IncomingScanner } from './activity/incoming.ts'
import type { AccountBalances, BalanceFilter, BalanceMeta } from './balances/cache.ts'
import type { BalanceService } from './balances/service.ts'
import type { BridgeService, Overview } from './bridge/service.ts'
import type { FlowEngine } from './flows/engine.ts'
import { PRICE_TTL_MS, type PriceBook, type PriceService } from './prices/service.ts'
import type { Flow } from './flows/types.ts'
import type { TopicHub } from './topics/hub.ts'
import type { Wallet, WalletState } from './wallet/wallet.ts'
import type { ApprovalsView, ProviderService, SiteView } from './provider/service.ts'

export interface PortfolioView {
  meta: BalanceMeta | null
  balances: AccountBalances | null
  filter: BalanceFilter | null
  activeChainId: number
}

export interface UiTopics {
  wallet: { key: null; value: WalletState }
  balances: { key: string; value: PortfolioView }
  activity: { key: null; value: ActivityRecord[] }
  incoming: { key: string; value: IncomingCache }
  bridge: { key: null; value: Overview }
  flow: { key: string; value: Flow }
  flows: { key: null; value: Flow[] }
  site: { key: string; value: SiteView | null }
  prices: { key: null; value: PriceBook }
  approvals: { key: null; value: ApprovalsView }
}

export type TopicName = keyof UiTopics

/** While the bridge screens are open the tracker looks this often (it also runs on its alarm). */
export const BRIDGE_WATCH_MS = 4_000

export interface TopicDeps {
  wallet: Wallet
  activity: ActivityStore
  /** looks for receipts of pending transactions every block while a screen follows 'activity' */
  watcher?: ActivityWatcher
  incoming: IncomingScanner
  balances: BalanceService
  bridge: BridgeService
  flows: FlowEngine
  /** the dApp side: the site in a tab */
  provider: ProviderService
  prices: PriceService
  /** the block time (s) of a chain, to re-quote a flow once per block */
  blockTimeSeconds(chainId: number): Promise<number>
}

/** Defines every topic on the hub and wires each source of change to it. */
export function defineTopics(hub: TopicHub, d: TopicDeps): void {
  hub.define<WalletState>('wallet', { read: () => d.wallet.state() })
  d.wallet.onChange(() => {
    hub.publish('wallet')
    hub.publish('balances')
  })

  hub.define<PortfolioView>('balances', {
    read: async (key) => {
      const [meta, filter, settings, balances] = await Promise.all([d.balances.cache.meta(), d.balances.cache.filter(), d.wallet.settings(), key ? d.balances.cache.account(key) : null])
      return { meta, filter, balances, activeChainId: settings.activeChainId }
    },
  })
  d.balances.cache.subscribe((address) => hub.publish('balances', address ?? undefined))

  hub.define<ActivityRecord[]>('activity', {
    read: () => d.activity.list(),
    // while a screen shows activity, a pending transaction is looked for every block of its chain
    // (the alarm's 15 s is for when nothing is open): "Pending" turns "Confirmed" as it happens
    watch: () => {
      let live = true
      let timer: ReturnType<typeof setTimeout> | undefined
      const tick = async () => {
        if (!live) return
        let every = 15_000
        try {
          const pending = (await d.activity.list()).filter((r) => r.status === 'pending')
          if (pending.length && d.watcher) {
            const times = await Promise.all([...new Set(pending.map((r) => r.chainId))].map((id) => d.blockTimeSeconds(id).catch(() => 12)))
            every = Math.max(1000, Math.min(...times) * 1000)
            await d.watcher.tick()
          }
        } catch {
          // the next tick tries again
        }
        if (live) timer = setTimeout(() => void tick(), every)
      }
      timer = setTimeout(() => void tick(), 500)
      return () => {
        live = false
        clearTimeout(timer)
      }
    },
  })
  d.activity.subscribe(() => hub.publish('activity'))

  hub.define<IncomingCache>('incoming', { read: (key) => d.incoming.cached(String(key)) })
  d.incoming.subscribe((address) => hub.publish('incoming', address))

  hub.define<Overview>('bridge', {
    read: () => d.bridge.overview(),
    watch: () => {
      let live = true
      const tick = async () => {
        if (!live) return
        await d.bridge.check().catch(() => undefined)
        if (live) timer = setTimeout(() => void tick(), BRIDGE_WATCH_MS)
      }
      let timer = setTimeout(() => void tick(), 0)
      return () => {
        live = false
        clearTimeout(timer)
      }
    },
  })
  d.bridge.store.subscribe(() => hub.publish('bridge'))

  hub.define<Flow[]>('flows', { read: () => d.flows.list() })

  hub.define<SiteView | null>('site', { read: (tabId) => d.provider.siteForTab(Number(tabId)) })
  d.provider.onSiteChange(() => hub.publish('site'))
  hub.define<PriceBook>('prices', {
    read: () => d.prices.book(),
    // the cached book is pushed at once; the first read waits a moment, so a screen's other data
    // (the balances on Home) is not queued behind it
    watch: () => {
      const tick = () => void d.prices.refresh().catch(() => undefined)
      const first = setTimeout(tick, 1_000)
      const timer = setInterval(tick, PRICE_TTL_MS)
      return () => {
        clearTimeout(first)
        clearInterval(timer)
      }
    },
  })
  d.prices.subscribe(() => hub.publish('prices'))

  hub.define<ApprovalsView>('approvals', { read: () => d.provider.approvalsView() })
  d.provider.onApprovalsChange(() => hub.publish('approvals'))

  hub.define<Flow>('flow', {
    read: (id) => d.flows.get(String(id)),
    watch: (id) => {
      let live = true
      let timer: ReturnType<typeof setTimeout> | undefined
      const tick = async () => {
        if (!live) return
        let every = 12_000
        try {
          const f = await d.flows.get(String(id))
          const step = f.steps[f.current]
          if (step) every = Math.max(1, await d.blockTimeSeconds(step.chainId)) * 1000
          if (f.status === 'ready') await d.flows.requote(f.id)
        } catch {
          // a flow that is gone: its subscribers get the error from read()
        }
        if (live) timer = setTimeout(() => void tick(), every)
      }
      timer = setTimeout(() => void tick(), 2_000)
      return () => {
        live = false
        clearTimeout(timer)
      }
    },
  })
}
