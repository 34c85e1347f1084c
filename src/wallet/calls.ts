// The wallet's own calls: 'app.*' (is the background up), 'wallet.*' (state, account, chain,
// networks) and 'settings.*' (the one writer of settings, Wallet.updateSettings).
import * as v from 'valibot'
import type { Network } from '../chains/types.ts'
import type { Handlers } from '../wire/messaging.ts'
import { address, call, chainId, int, none, type CallsOf } from '../wire/contract.ts'
import { MAX_AUTO_LOCK_MINUTES, MIN_AUTO_LOCK_MINUTES } from '../storage/settings.ts'
import type { Wallet, WalletState } from './wallet.ts'

export interface BackgroundInfo {
  version: string
  /** ms since epoch when this service-worker instance started: changes after a restart */
  startedAt: number
}

export const walletContracts = {
  'app.ping': call(none, { passive: true }).returns<BackgroundInfo>(),
  'wallet.state': call(none).returns<WalletState>(),
  'wallet.selectAccount': call(v.object({ address })).returns<WalletState>(),
  'wallet.networks': call(none).returns<Network[]>(),
  'wallet.switchChain': call(v.object({ chainId })).returns<WalletState>(),
  'settings.update': call(
    v.object({ autoLockMinutes: v.optional(int(MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES)), defaultWallet: v.optional(v.boolean()), showTestnets: v.optional(v.boolean()) }),
  ).returns<WalletState>(),
}
export type WalletCalls = CallsOf<typeof walletContracts>

export function walletHandlers(wallet: Wallet, info: () => BackgroundInfo): Handlers<WalletCalls> {
  const state = () => wallet.state()
  return {
    'app.ping': () => info(),
    'wallet.state': state,
    'wallet.selectAccount': async ({ address }) => {
      await wallet.selectAccount(address)
      return state()
    },
    'wallet.networks': () => wallet.networks.list(),
    'wallet.switchChain': async ({ chainId }) => {
      await wallet.switchChain(chainId)
      return state()
    },
    'settings.update': async (patch) => {
      await wallet.updateSettings({
        ...(patch.autoLockMinutes !== undefined ? { autoLockMinutes: patch.autoLockMinutes } : {}),
        ...(patch.defaultWallet !== undefined ? { defaultWallet: patch.defaultWallet } : {}),
        ...(patch.showTestnets !== undefined ? { showTestnets: patch.showTestnets } : {}),
      })
      return state()
    },
  }
}
