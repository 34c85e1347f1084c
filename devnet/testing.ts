// Helpers for code that drives a started devnet from node (tests, scripts): viem clients with the
// OP Stack actions, bound to the devnet's chains and one account.
import { createPublicClient, createWalletClient, http, type Account, type Chain } from 'viem'
import { publicActionsL1, publicActionsL2, walletActionsL1, walletActionsL2 } from 'viem/op-stack'
import type { DevnetManifest } from '../src/chains/devnet-manifest.ts'
import { devnetL1Chain, devnetL2Chain } from './viem-chains.ts'

export function l1Clients(m: DevnetManifest, account: Account) {
  const chain = devnetL1Chain(m)
  const transport = http(m.l1.rpcUrl, { timeout: 30_000 })
  return {
    chain,
    public: createPublicClient({ chain, transport, pollingInterval: 100, cacheTime: 0 }).extend(publicActionsL1()),
    wallet: createWalletClient({ chain, transport, account, pollingInterval: 100 }).extend(walletActionsL1()),
  }
}

export function l2Clients(m: DevnetManifest, chainId: number, account: Account) {
  const chain = devnetL2Chain(m, chainId)
  const transport = http(chain.rpcUrls.default.http[0], { timeout: 30_000 })
  return {
    chain: chain as Chain & typeof chain,
    public: createPublicClient({ chain, transport, pollingInterval: 100, cacheTime: 0 }).extend(publicActionsL2()),
    wallet: createWalletClient({ chain, transport, account, pollingInterval: 100 }).extend(walletActionsL2()),
  }
}
