// Tokens the user (or a dApp, through wallet_watchAsset) added by address, per chain.
import { getAddress, type Address } from 'viem'
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'
import { sameAddress } from '../util/address.ts'

export const USER_TOKENS_KEY = 'tokens.user'

export interface UserToken {
  chainId: number
  address: Address
  symbol: string
  name: string | null
  decimals: number
  image: string | null
  addedAt: number
  /** "wallet" or the dApp origin that suggested it */
  source: string
  /**
   * On an L2: the L1 token it is the standard-bridge representation of, as the token itself says
   * (OptimismMintableERC20 remoteToken() / l1Token(), bridge() = the L2StandardBridge); null when
   * it was checked and has none; absent when not checked yet (e.g. added by wallet_watchAsset).
   */
  l1Token?: Address | null
}

export class UserTokenStore {
  private readonly mutex = new Mutex()
  constructor(private readonly kv: KV) {}

  async list(chainId?: number): Promise<UserToken[]> {
    const raw = await this.kv.get<unknown>(USER_TOKENS_KEY)
    const all = Array.isArray(raw) ? (raw as UserToken[]).filter((t) => t && Number.isSafeInteger(t.chainId) && typeof t.address === 'string') : []
    return chainId === undefined ? all : all.filter((t) => t.chainId === chainId)
  }

  add(token: UserToken): Promise<void> {
    return this.mutex.run(async () => {
      const all = (await this.list()).filter((t) => !(t.chainId === token.chainId && sameAddress(t.address, token.address)))
      await this.kv.set({ [USER_TOKENS_KEY]: [...all, { ...token, address: getAddress(token.address) }] })
    })
  }

  /** Records what the token says about its L1 pair (see UserToken.l1Token). */
  setL1Token(chainId: number, address: string, l1Token: Address | null): Promise<void> {
    return this.mutex.run(async () => {
      const all = await this.list()
      const t = all.find((x) => x.chainId === chainId && sameAddress(x.address, address))
      if (!t) return
      t.l1Token = l1Token ? getAddress(l1Token) : null
      await this.kv.set({ [USER_TOKENS_KEY]: all })
    })
  }

  remove(chainId: number, address: string): Promise<void> {
    return this.mutex.run(async () => {
      const all = (await this.list()).filter((t) => !(t.chainId === chainId && sameAddress(t.address, address)))
      await this.kv.set({ [USER_TOKENS_KEY]: all })
    })
  }
}
