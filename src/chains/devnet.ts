// Turns the devnet manifest into the wallet's "Local devnet" networks.
import type { DevnetManifest } from './devnet-manifest.ts'
import { ETH, type Network } from './types.ts'

export function devnetNetworks(m: DevnetManifest | null | undefined): Network[] {
  if (!m) return []
  const l1: Network = {
    chainId: m.l1.chainId,
    name: m.l1.name,
    nativeCurrency: ETH,
    rpcUrls: [m.l1.rpcUrl],
    blockTimeSeconds: 12,
    testnet: true,
    source: 'devnet',
    ...(m.l1.contracts.ensUniversalResolver ? { contracts: { ensUniversalResolver: m.l1.contracts.ensUniversalResolver } } : {}),
  }
  const l2s = m.l2s.map<Network>((l2) => ({
    chainId: l2.chainId,
    name: l2.name,
    nativeCurrency: ETH,
    rpcUrls: [l2.rpcUrl],
    blockTimeSeconds: l2.blockTimeSeconds,
    testnet: true,
    source: 'devnet',
    rollup: {
      stack: 'op',
      l1ChainId: m.l1.chainId,
      portal: l2.l1Contracts.optimismPortal,
      l1StandardBridge: l2.l1Contracts.l1StandardBridge,
      systemConfig: l2.l1Contracts.systemConfig,
      ...(l2.l1Contracts.disputeGameFactory ? { disputeGameFactory: l2.l1Contracts.disputeGameFactory } : {}),
      ...(l2.l1Contracts.l2OutputOracle ? { l2OutputOracle: l2.l1Contracts.l2OutputOracle } : {}),
    },
  }))
  return [l1, ...l2s]
}
