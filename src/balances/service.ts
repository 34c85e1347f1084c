// The balance engine as the background runs it: for one account, every chosen chain is read in
// parallel, one HTTP request per chain (src/balances/read.ts), and each chain's outcome goes into
// the cache as soon as it lands, so a slow or dead chain delays and blanks nothing else: it keeps
// its last good figures, marked stale. Chains and tokens come from the wallet's networks and the
// token registry; the meta the popup needs to draw the cache is written alongside.
import { getAddress, type Address } from 'viem'
import { WalletError } from '../errors.ts'
import { shortName } from '../chains/family.ts'
import type { Network } from '../chains/types.ts'
import { buildRegistry, tokensOn } from '../tokens/registry.ts'
import type { TokenDef } from '../tokens/types.ts'
import type { UserTokenStore } from '../tokens/user-tokens.ts'
import { lookupToken } from '../tokens/lookup.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { BalanceCache, type AccountBalances, type BalanceMeta } from './cache.ts'
import { BALANCE_TIMEOUT_MS, readChainBalances } from './read.ts'
import { defaultChainIds } from './view.ts'
import { sameAddress } from '../util/address.ts'

export interface BalanceDeps {
  wallet: Wallet
  userTokens: UserTokenStore
  /** shipped + devnet tokens */
  tokens: TokenDef[]
  timeoutMs?: number
}

export class BalanceService {
  readonly cache: BalanceCache
  private readonly inflight = new Map<string, Promise<void>>()
  /** chains seen without Multicall3 (this worker's lifetime): read them by JSON-RPC batch */
  private readonly noMulticall = new Set<number>()

  constructor(private readonly deps: BalanceDeps) {
    this.cache = new BalanceCache(deps.wallet.local)
  }

  /** Networks and the token registry as they are now. */
  async registry(): Promise<{ networks: Network[]; tokens: TokenDef[] }> {
    const networks = await this.deps.wallet.networks.list()
    return { networks, tokens: buildRegistry(networks, this.deps.tokens, await this.deps.userTokens.list()) }
  }

  metaOf(networks: Network[], tokens: TokenDef[]): BalanceMeta {
    return {
      v: 1,
      chains: networks.map((n) => ({
        chainId: n.chainId,
        name: n.name,
        shortName: shortName(n.name),
        l1ChainId: n.rollup?.l1ChainId ?? null,
        testnet: !!n.testnet,
        explorerUrl: n.explorerUrl ?? null,
      })),
      tokens: tokens.map((t) => ({ id: t.id, symbol: t.symbol, name: t.name, decimals: t.decimals, chains: Object.keys(t.addresses).map(Number) })),
    }
  }

  /** The chains the home screen shows: the user's choice, else the active chain's family. */
  async chosenChainIds(networks?: Network[]): Promise<number[]> {
    const f = await this.cache.filter()
    const list = networks ?? (await this.deps.wallet.networks.list())
    const known = new Set(list.map((n) => n.chainId))
    const chosen = f?.chainIds.filter((id) => known.has(id)) ?? []
    if (chosen.length) return chosen
    const meta = this.metaOf(list, [])
    return defaultChainIds(meta, (await this.deps.wallet.settings()).activeChainId)
  }

  /**
   * Reads `address` (default: the selected account) on `chainIds` (default: the chosen chains),
   * all chains at once; resolves when every chain has answered, failed or timed out.
   */
  async refresh(p: { address?: string; chainIds?: number[] } = {}): Promise<AccountBalances> {
    const address = await this.accountOrSelected(p.address)
    const { networks, tokens } = await this.registry()
    await this.cache.setMeta(this.metaOf(networks, tokens))
    const ids = p.chainIds?.length ? p.chainIds : await this.chosenChainIds(networks)
    const targets = ids.map((id) => networks.find((n) => n.chainId === id)).filter((n): n is Network => !!n)
    await Promise.all(targets.map((n) => this.refreshChain(address, n, tokens)))
    void this.pairUncheckedTokens().catch(() => undefined)
    return this.cache.account(address)
  }

  /** One chain for some accounts (a transaction of theirs confirmed there). */
  async refreshAccountsOn(chainId: number, addresses: string[]): Promise<void> {
    const { networks, tokens } = await this.registry()
    const n = networks.find((x) => x.chainId === chainId)
    if (!n) return
    const own = (await this.deps.wallet.keyring.status()).accounts.map((a) => a.address)
    const mine = own.filter((a) => addresses.some((x) => sameAddress(x, a)))
    await Promise.all(mine.map((a) => this.refreshChain(getAddress(a), n, tokens)))
  }

  private refreshChain(address: Address, network: Network, registry: TokenDef[]): Promise<void> {
    // a refresh of the same account and chain already on its way answers this one too
    const key = `${address.toLowerCase()}:${network.chainId}`
    const running = this.inflight.get(key)
    if (running) return running
    const job = this.readInto(address, network, registry).finally(() => this.inflight.delete(key))
    this.inflight.set(key, job)
    return job
  }

  private async readInto(address: Address, network: Network, registry: TokenDef[]): Promise<void> {
    const entries = tokensOn(registry, network.chainId)
    const now = () => this.deps.wallet.platform.now()
    try {
      const multicall = !this.noMulticall.has(network.chainId)
      const got = await readChainBalances(network, address, entries.map((e) => e.address), { timeoutMs: this.deps.timeoutMs ?? BALANCE_TIMEOUT_MS, multicall })
      if (got.via === 'batch') this.noMulticall.add(network.chainId)
      const amounts: Record<string, bigint> = {}
      entries.forEach((e, i) => {
        const a = got.amounts[i]
        if (a !== null) amounts[e.token.id] = a
      })
      await this.cache.update(address, network.chainId, { ok: true, at: now(), block: got.block, amounts })
    } catch (err) {
      await this.cache.update(address, network.chainId, { ok: false, at: now(), message: (err as Error).message })
    }
  }

  /** Tokens a dApp suggested (wallet_watchAsset) have not said their L1 pair yet: ask them once. */
  async pairUncheckedTokens(): Promise<void> {
    const unchecked = (await this.deps.userTokens.list()).filter((t) => t.l1Token === undefined)
    if (!unchecked.length) return
    const networks = await this.deps.wallet.networks.list()
    await Promise.all(
      unchecked.map(async (t) => {
        const n = networks.find((x) => x.chainId === t.chainId)
        if (!n) return
        if (!n.rollup) return this.deps.userTokens.setL1Token(t.chainId, t.address, null)
        try {
          const info = await lookupToken(n, t.address)
          await this.deps.userTokens.setL1Token(t.chainId, t.address, info.l1Token)
        } catch (err) {
          // not a token there: nothing to pair; an RPC that did not answer: ask again next time
          if ((err as { code?: unknown }).code === 'NOT_A_TOKEN') await this.deps.userTokens.setL1Token(t.chainId, t.address, null)
        }
      }),
    )
  }

  /** `address` (one of the wallet's accounts), or the selected account. */
  async accountOrSelected(address?: string): Promise<Address> {
    if (address) return this.deps.wallet.ownAccount(address)
    const selected = await this.deps.wallet.selectedAccount()
    if (!selected) throw new WalletError('UNKNOWN_ACCOUNT', 'The wallet has no account yet.')
    return selected
  }
}
