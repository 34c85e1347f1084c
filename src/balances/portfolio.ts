// The balance engine, the token registry and the activity watcher, built and wired together for
// the background (one construction, one start, one set of UI handlers).
import type { DevnetManifest } from '../chains/devnet-manifest.ts'
import { networksUiHandlers } from '../chains/ui-api.ts'
import { ActivityWatcher } from '../activity/watcher.ts'
import type { ProviderService } from '../provider/service.ts'
import { BUILTIN_TOKENS } from '../tokens/builtin.ts'
import { devnetTokens } from '../tokens/devnet.ts'
import { tokensUiHandlers } from '../tokens/ui-api.ts'
import { BalanceService } from './service.ts'
import { balancesUiHandlers } from './ui-api.ts'

export function createPortfolio(provider: ProviderService, devnet: DevnetManifest | null | undefined, opts: { timeoutMs?: number; watchIntervalMs?: number } = {}) {
  const wallet = provider.wallet
  const balances = new BalanceService({ wallet, userTokens: provider.tokens, tokens: [...BUILTIN_TOKENS, ...devnetTokens(devnet)], ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) })
  const watcher = new ActivityWatcher({
    wallet,
    activity: provider.activity,
    ...(opts.watchIntervalMs ? { intervalMs: opts.watchIntervalMs } : {}),
    // what settled changed balances on its chain: the sender's, and the recipient's if it is ours
    onSettled: async (settled) => {
      const byChain = new Map<number, string[]>()
      for (const r of settled) byChain.set(r.chainId, [...(byChain.get(r.chainId) ?? []), r.from, ...(r.to ? [r.to] : [])])
      await Promise.all([...byChain].map(([chainId, addresses]) => balances.refreshAccountsOn(chainId, addresses)))
    },
  })
  return {
    balances,
    watcher,
    start: () => watcher.start(),
    uiHandlers: {
      ...balancesUiHandlers(balances, watcher),
      ...tokensUiHandlers(balances, provider.tokens, () => wallet.platform.now()),
      ...networksUiHandlers(wallet),
    },
  }
}

export type Portfolio = ReturnType<typeof createPortfolio>
