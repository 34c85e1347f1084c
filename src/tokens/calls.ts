// The token settings page and the other screens' view of the registry ('tokens.*'): list, look a
// token up by address (metadata and its L1 pair read from the chain), add, remove, and the bridge pair.
import * as v from 'valibot'
import { getAddress } from 'viem'
import type { Handlers } from '../wire/messaging.ts'
import { address, call, chainId, none, type CallsOf } from '../wire/contract.ts'
import { WalletError } from '../errors.ts'
import type { BalanceService } from '../balances/service.ts'
import type { UserTokenStore } from './user-tokens.ts'
import { lookupToken, type TokenLookup } from './lookup.ts'
import { bridgePair, findToken } from './registry.ts'
import type { TokenDef, TokenPair } from './types.ts'

export const tokensContracts = {
  'tokens.list': call(none).returns<TokenDef[]>(),
  'tokens.lookup': call(v.object({ chainId, address })).returns<TokenLookup & { knownAs: string | null }>(),
  'tokens.add': call(v.object({ chainId, address })).returns<TokenDef[]>(),
  'tokens.remove': call(v.object({ chainId, address })).returns<TokenDef[]>(),
  'tokens.pair': call(v.object({ chainId, address: v.union([address, v.literal('native')]), otherChainId: chainId })).returns<TokenPair | null>(),
}
export type TokensCalls = CallsOf<typeof tokensContracts>

export function tokensHandlers(balances: BalanceService, userTokens: UserTokenStore, now: () => number): Handlers<TokensCalls> {
  const list = async () => (await balances.registry()).tokens
  const addr = (a: string) => getAddress(a)
  return {
    'tokens.list': list,
    'tokens.lookup': async ({ chainId, address }) => {
      const { networks, tokens } = await balances.registry()
      const network = networks.find((n) => n.chainId === Number(chainId))
      if (!network) throw new WalletError('UNKNOWN_CHAIN', `The wallet does not know chain ${chainId}.`)
      const info = await lookupToken(network, addr(address))
      return { ...info, knownAs: findToken(tokens, network.chainId, info.address)?.id ?? null }
    },
    'tokens.add': async ({ chainId, address }) => {
      const { networks, tokens } = await balances.registry()
      const network = networks.find((n) => n.chainId === Number(chainId))
      if (!network) throw new WalletError('UNKNOWN_CHAIN', `The wallet does not know chain ${chainId}.`)
      const a = addr(address)
      if (findToken(tokens, network.chainId, a)) throw new WalletError('KNOWN_TOKEN', `The wallet already shows this token on ${network.name}.`)
      const info = await lookupToken(network, a)
      await userTokens.add({ chainId: network.chainId, address: info.address, symbol: info.symbol, name: info.name, decimals: info.decimals, image: null, addedAt: now(), source: 'wallet', l1Token: info.l1Token })
      return list()
    },
    'tokens.remove': async ({ chainId, address }) => {
      await userTokens.remove(Number(chainId), addr(address))
      return list()
    },
    'tokens.pair': async ({ chainId, address, otherChainId }) => {
      const { networks, tokens } = await balances.registry()
      const a = address === 'native' ? 'native' : addr(address)
      return bridgePair(tokens, networks, { chainId: Number(chainId), address: a, otherChainId: Number(otherChainId) })
    },
  }
}
