// viem chain objects for a devnet manifest: what tests (and anyone scripting against the devnet)
// hand to viem and viem/op-stack actions. Platform-free: no node imports.
import { defineChain, type Address, type Chain } from 'viem'
import { chainConfig } from 'viem/op-stack'
import type { DevnetL2, DevnetManifest } from '../src/chains/devnet-manifest.ts'

const ether = { name: 'Ether', symbol: 'ETH', decimals: 18 } as const

export function devnetL1Chain(m: DevnetManifest) {
  return defineChain({
    id: m.l1.chainId,
    name: m.l1.name,
    nativeCurrency: ether,
    rpcUrls: { default: { http: [m.l1.rpcUrl] } },
    contracts: { multicall3: { address: m.l1.contracts.multicall3 } },
    testnet: true,
  })
}

/** An OP Stack chain config (fee formatters, predeploys) with the devnet's L1 contracts keyed by the L1 id. */
export function devnetL2Chain(m: DevnetManifest, chainId: number) {
  const l2 = m.l2s.find((c) => c.chainId === chainId)
  if (!l2) throw new Error(`chain ${chainId} is not in the devnet manifest`)
  const l1Id = m.l1.chainId
  const at = (address: Address | undefined) => (address ? { [l1Id]: { address } } : undefined)
  const c = l2.l1Contracts
  return defineChain({
    ...chainConfig,
    id: l2.chainId,
    name: l2.name,
    nativeCurrency: ether,
    rpcUrls: { default: { http: [l2.rpcUrl] } },
    blockTime: l2.blockTimeSeconds * 1000,
    sourceId: l1Id,
    testnet: true,
    contracts: {
      ...chainConfig.contracts,
      multicall3: { address: l2.l2Contracts.multicall3 },
      portal: at(c.optimismPortal)!,
      l1StandardBridge: at(c.l1StandardBridge)!,
      ...(c.disputeGameFactory ? { disputeGameFactory: at(c.disputeGameFactory)! } : {}),
      ...(c.l2OutputOracle ? { l2OutputOracle: at(c.l2OutputOracle)! } : {}),
    },
  })
}

export function devnetChains(m: DevnetManifest): { l1: Chain; l2s: Record<number, Chain>; manifestL2s: DevnetL2[] } {
  return {
    l1: devnetL1Chain(m),
    l2s: Object.fromEntries(m.l2s.map((l2) => [l2.chainId, devnetL2Chain(m, l2.chainId)])),
    manifestL2s: m.l2s,
  }
}
