// The composition root: every service of the wallet built once, in dependency order, from storage,
// the browser's abilities (Platform) and the networks, with the one transaction pipeline and the one
// flow engine injected where they are needed. background/index.ts builds this once and wires browser
// events to it; tests build the same thing over MemoryKV and a test Platform.
import { ActivityStore } from './activity/store.ts'
import { ActivityWatcher } from './activity/watcher.ts'
import { IncomingScanner } from './activity/incoming.ts'
import { allowancesHandlers } from './allowances/calls.ts'
import { AllowanceService } from './allowances/service.ts'
import { balancesHandlers } from './balances/calls.ts'
import { BalanceService } from './balances/service.ts'
import { bridgeHandlers } from './bridge/calls.ts'
import { bridgeFlowKind, withdrawalStepKind } from './bridge/flow-kinds.ts'
import { BridgeService } from './bridge/service.ts'
import { PASSIVE_UI_CALLS, checkUiCall, type UiCalls } from './calls.ts'
import { networksHandlers } from './chains/calls.ts'
import type { DevnetManifest } from './chains/devnet-manifest.ts'
import { publicClientFor } from './chains/rpc-client.ts'
import type { Network } from './chains/types.ts'
import { claimHandlers } from './claim/calls.ts'
import { devnetClaimDeployment, MAINNET_CLAIM, type ClaimDeployment } from './claim/config.ts'
import { claimFlowKind } from './claim/flow-kind.ts'
import { ClaimService } from './claim/service.ts'
import { flowsHandlers } from './flows/calls.ts'
import { FlowEngine } from './flows/engine.ts'
import { FlowStore } from './flows/store.ts'
import { keyringHandlers } from './keyring/calls.ts'
import { namesHandlers } from './names/calls.ts'
import { NameService } from './names/service.ts'
import { providerHandlers } from './provider/calls.ts'
import { ProviderService } from './provider/service.ts'
import { devnetFeeds } from './prices/devnet.ts'
import { BUILTIN_FEEDS } from './prices/feeds.ts'
import { PriceService } from './prices/service.ts'
import { readFeeMarket } from './rollup/fee-market.ts'
import { rollupFeeQuote } from './rollup/fees.ts'
import { sendHandlers } from './send/calls.ts'
import { simulateHandlers } from './simulate/calls.ts'
import { SimulationService } from './simulate/service.ts'
import { guardedKV } from './storage/guard.ts'
import type { KV } from './storage/kv.ts'
import { checkStorage, isDeclared, migrateStorage } from './storage-map.ts'
import { BUILTIN_TOKENS } from './tokens/builtin.ts'
import { tokensHandlers } from './tokens/calls.ts'
import { devnetTokens } from './tokens/devnet.ts'
import { UserTokenStore } from './tokens/user-tokens.ts'
import { defineTopics } from './topics.ts'
import { TopicHub } from './topics/hub.ts'
import { txHandlers } from './tx/calls.ts'
import { typedHandlers } from './typed/calls.ts'
import { createTxPipeline } from './tx/pipeline.ts'
import type { FeeQuoter } from './tx/types.ts'
import { walletHandlers, type BackgroundInfo } from './wallet/calls.ts'
import type { Platform } from './wallet/platform.ts'
import { Wallet } from './wallet/wallet.ts'
import { guardHomeSnapshot } from './wallet/home-snapshot.ts'
import { createServer, type Handlers } from './wire/messaging.ts'

export interface CoreDeps {
  local: KV
  session: KV
  platform: Platform
  /** shipped networks (and the devnet's when built with it), first = default */
  networks: Network[]
  devnet?: DevnetManifest | null
  /** claim deployments (default: the devnet's, when there is one, and mainnet's) */
  claimDeployments?: ClaimDeployment[]
  /** the background's version and start time, for 'app.ping' */
  info?: () => BackgroundInfo
  /** tests: another fee model, shorter timeouts, fewer PBKDF2 iterations */
  quoteFee?: FeeQuoter
  kdfIterations?: number
  balanceTimeoutMs?: number
  watchIntervalMs?: number
  /** how long a transaction may be unknown to its node before it is marked dropped */
  dropAfterMs?: number
  backendTimeoutMs?: number
  client?: (n: Network) => ReturnType<typeof publicClientFor>
  /** testnets and the devnet in the network lists until the user chooses (builds for the devnet) */
  testnetsByDefault?: boolean
  bridgeScan?: ConstructorParameters<typeof BridgeService>[0]['scan']
  /** tests: how long documents have to come back after a restart */
  reconnectGraceMs?: number
}

/** UI calls that still answer while the wallet is stopped (a failed migration): what the stop screen needs. */
const WHILE_HALTED = new Set(['app.ping', 'wallet.state', 'approvals.current'])
/** Topics served while stopped: the state (the stop screen); the others' watchers refresh and write. */
const TOPICS_WHILE_HALTED = new Set(['wallet'])

export type Core = ReturnType<typeof createCore>

export function createCore(deps: CoreDeps) {
  // every module gets storage that refuses keys the storage map does not declare
  const local = guardedKV(deps.local, 'local', (k) => isDeclared('local', k))
  const session = guardedKV(deps.session, 'session', (k) => isDeclared('session', k))
  const client = deps.client ?? ((n: Network) => publicClientFor(n))
  const quoteFee = deps.quoteFee ?? rollupFeeQuote

  const wallet = new Wallet({
    local,
    session,
    platform: deps.platform,
    networks: deps.networks,
    migrate: migrateStorage,
    checkStorage,
    testnetsByDefault: !!deps.testnetsByDefault,
    ...(deps.kdfIterations ? { kdfIterations: deps.kdfIterations } : {}),
  })
  // the popup's picture of Home goes with the state it shows (a lock, another account)
  guardHomeSnapshot(wallet, session)
  const activity = new ActivityStore(local)
  const userTokens = new UserTokenStore(local)
  const prices = new PriceService({ kv: local, networks: () => wallet.networks.list(), feeds: [...BUILTIN_FEEDS, ...devnetFeeds(deps.devnet)], now: () => deps.platform.now() })
  const pipeline = createTxPipeline({
    network: (id) => wallet.networks.require(id),
    client,
    signer: (address) => wallet.keyring.getSigner(address),
    quoteFee,
    feeMarket: readFeeMarket,
    activity,
    now: () => deps.platform.now(),
  })
  const provider = new ProviderService({ wallet, pipeline, userTokens, ...(deps.reconnectGraceMs !== undefined ? { reconnectGraceMs: deps.reconnectGraceMs } : {}) })
  const balances = new BalanceService({ wallet, userTokens, tokens: [...BUILTIN_TOKENS, ...devnetTokens(deps.devnet)], ...(deps.balanceTimeoutMs ? { timeoutMs: deps.balanceTimeoutMs } : {}) })
  const incoming = new IncomingScanner({ kv: local, client: (n) => client(n), now: () => deps.platform.now() })
  const watcher = new ActivityWatcher({
    wallet,
    activity,
    ...(deps.watchIntervalMs ? { intervalMs: deps.watchIntervalMs } : {}),
    ...(deps.dropAfterMs ? { dropAfterMs: deps.dropAfterMs } : {}),
    // what settled changed balances on its chain: the sender's, and the recipient's if it is ours
    onSettled: async (settled) => {
      const byChain = new Map<number, string[]>()
      for (const r of settled) byChain.set(r.chainId, [...(byChain.get(r.chainId) ?? []), r.from, ...(r.to ? [r.to] : [])])
      await Promise.all([...byChain].map(([chainId, addresses]) => balances.refreshAccountsOn(chainId, addresses)))
    },
  })
  // the tracker's alarm handler is registered here, in the first turn, like every listener
  const bridge = new BridgeService({
    wallet,
    client,
    registry: async () => (await balances.registry()).tokens,
    ...(deps.bridgeScan ? { scan: deps.bridgeScan } : {}),
  })
  // a transaction replaced by a mined speed-up or cancel: the bridge item it belongs to follows the one mined
  activity.subscribe((r) => {
    if (r.status !== 'replaced' || !r.replacedBy) return
    const by = r.replacedBy
    void activity
      .get(r.chainId, by)
      .then((winner) => bridge.followReplaced({ chainId: r.chainId, hash: r.hash, by, cancelled: winner?.replacement?.kind === 'cancel' }))
      .catch((err) => console.error('bridge: following a replaced transaction', err))
  })
  bridge.onArrival(async (arrivals) => {
    await Promise.all(arrivals.map((a) => balances.refreshAccountsOn(a.chainId, [a.address])))
  })
  const claimDeployments = deps.claimDeployments ?? [devnetClaimDeployment(deps.devnet ?? null), MAINNET_CLAIM].filter((d): d is ClaimDeployment => d !== null)
  const claims = new ClaimService({ wallet, pipeline, bridge, deployments: claimDeployments, ...(deps.backendTimeoutMs ? { backendTimeoutMs: deps.backendTimeoutMs } : {}) })

  // know what you sign: simulation, typed data, names, allowances (all on the user's own RPCs)
  const knownTokens = async (chainId: number) =>
    (await balances.registry()).tokens.map((t) => t.addresses[chainId]).filter((a): a is `0x${string}` => !!a && a !== 'native')
  const simulation = new SimulationService({ network: (id) => wallet.networks.require(id), client, knownTokens, activity, now: () => deps.platform.now() })
  const names = new NameService({ wallet, activity, client, now: () => deps.platform.now() })
  const allowances = new AllowanceService({
    local,
    networks: () => wallet.networks.list(),
    chainIds: () => balances.chosenChainIds(),
    client,
    pipeline,
    now: () => deps.platform.now(),
  })

  const hub = new TopicHub()
  const flows = new FlowEngine({
    store: new FlowStore(local, () => deps.platform.now()),
    pipeline,
    now: () => deps.platform.now(),
    setAlarm: (name, when) => deps.platform.setAlarm(name, when),
    clearAlarm: (name) => deps.platform.clearAlarm(name),
    onAlarm: (name, handler) => wallet.alarms.on(name, handler),
    onChange: (f) => {
      hub.publish('flow', f.id)
      hub.publish('flows')
    },
    onReceipt: (chainId, receipt) => watcher.settled(chainId, receipt),
    family: async (chainId, hash) => (await activity.family(chainId, hash)).map((r) => ({ hash: r.hash, cancel: r.replacement?.kind === 'cancel' })),
  })
  flows.register(bridgeFlowKind(bridge))
  flows.register(withdrawalStepKind(bridge, 'prove'))
  flows.register(withdrawalStepKind(bridge, 'finalize'))
  flows.register(claimFlowKind(claims))
  defineTopics(hub, { wallet, activity, balances, bridge, flows, provider, watcher, incoming, prices, blockTimeSeconds: async (id) => (await wallet.networks.require(id)).blockTimeSeconds })

  const info = deps.info ?? (() => ({ version: 'test', startedAt: 0 }))
  const handlers: Handlers<UiCalls> = {
    ...walletHandlers(wallet, info),
    ...keyringHandlers(wallet),
    ...providerHandlers(provider),
    ...txHandlers(wallet, pipeline, provider),
    ...sendHandlers(wallet, pipeline, quoteFee),
    ...balancesHandlers(balances, watcher, incoming),
    ...tokensHandlers(balances, userTokens, () => deps.platform.now()),
    ...networksHandlers(wallet, { rpcChanged: (chainId) => provider.filters.dropChain(chainId) }),
    ...bridgeHandlers(bridge),
    ...claimHandlers(wallet, claims),
    ...flowsHandlers(flows),
    ...simulateHandlers(simulation),
    ...typedHandlers({
      pending: () => provider.approvals.list(),
      activeChainId: async () => (await wallet.activeNetwork()).chainId,
      network: (id) => wallet.networks.require(id),
      client,
      now: () => deps.platform.now(),
    }),
    ...namesHandlers(names, () => deps.platform.now()),
    ...allowancesHandlers(wallet, allowances),
  }
  const ui = createServer<UiCalls, null>('ui', handlers, { check: checkUiCall })

  /**
   * Storage migrations, the session, approvals left from before a restart, watchers started (nothing
   * after a failed migration). Flows are picked up after it, not inside it: following a receipt or
   * preparing a step asks the chain, and a node that hangs (10 s a read) would keep every page waiting.
   */
  const ready = wallet
    .start()
    .then(async () => {
      if (wallet.halted()) throw Object.assign(new Error(wallet.halted()!.message), { code: wallet.halted()!.code })
    })
    .then(() => provider.restore())
    .then(() => watcher.start())
    .then(() => bridge.start())
  void ready.then(
    () => flows.resume().catch((err) => console.error('flows did not resume', err)),
    () => undefined,
  )

  return {
    wallet,
    activity,
    incoming,
    userTokens,
    pipeline,
    provider,
    balances,
    prices,
    watcher,
    bridge,
    claims,
    flows,
    simulation,
    names,
    allowances,
    hub,
    ui,
    ready,
    /** A topic's error while the wallet is stopped (a failed migration), else null: its watchers would read chains and write storage. */
    topicRefused(topic: string): { code: string; message: string } | null {
      const halted = wallet.halted()
      return halted && !TOPICS_WHILE_HALTED.has(topic) ? { code: halted.code, message: halted.message } : null
    },
    /** a UI call: user activity (pushes the auto-lock out) unless the call is passive; while stopped, only what the stop screen needs */
    async handleUi(msg: { call: string }) {
      const halted = wallet.halted()
      if (halted && !WHILE_HALTED.has(msg.call)) return { ok: false as const, error: { code: halted.code, message: halted.message } }
      if (!halted && !PASSIVE_UI_CALLS.has(msg.call)) await wallet.touch().catch(() => undefined)
      return ui.handle(msg, null)
    },
  }
}
