// Builds the devnet manifest (src/chains/devnet-manifest.ts) from what was deployed. Every value
// depends only on the options (ports, delays, mode), never on timing, so a fresh devnet on the
// default ports reproduces devnet/manifest.json byte for byte.
import type { Address } from 'viem'
import type { DevnetL2, DevnetManifest, DevnetRollupL1Contracts } from '../src/chains/devnet-manifest.ts'
import { CURRENT_ROLE_INDEX, ROLE_INDEX, userAccounts, deriveAccount } from './lib/accounts.ts'
import { ETH_USD_FEED, L1_CHAIN_ID, MULTICALL3, type ContractsShape, type Delays } from './deploy/constants.ts'
import type { L1Deployment, RollupL1 } from './deploy/l1.ts'

export interface ManifestInput {
  mnemonic: string
  urls: { l1: string; l2: Record<number, string> }
  deployment: L1Deployment
  delays: Delays
  l2BlockTime: number
  proposalIntervalBlocks: number
  /** default 'legacy' (adds nothing to the manifest, which stays byte-identical) */
  contracts?: ContractsShape
}

function rollupContracts(r: RollupL1, superchainConfig: Address): DevnetRollupL1Contracts {
  const c: DevnetRollupL1Contracts = {
    optimismPortal: r.optimismPortal,
    systemConfig: r.systemConfig,
    superchainConfig,
    l1StandardBridge: r.l1StandardBridge,
    l1CrossDomainMessenger: r.l1CrossDomainMessenger,
  }
  if (r.games) {
    c.disputeGameFactory = r.games.disputeGameFactory
    c.anchorStateRegistry = r.games.anchorStateRegistry
    c.gameImplementation = r.games.registered[r.initialRespectedGameType!]
    c.gameImplementations = Object.fromEntries(Object.entries(r.games.registered).map(([t, a]) => [String(t), a]))
    c.delayedWETH = r.games.delayedWETH
  }
  if (r.l2OutputOracle) c.l2OutputOracle = r.l2OutputOracle
  if (r.l2OutputOracle && r.sp1Verifier) c.sp1Verifier = r.sp1Verifier
  return c
}

export function buildManifest(input: ManifestInput): DevnetManifest {
  const { deployment: dep, delays } = input
  const proposalIntervalSeconds = input.proposalIntervalBlocks * input.l2BlockTime
  const fault = dep.rollups.fault
  const validity = dep.rollups.validity
  const validityGames = validity.portalKind !== 'legacy'
  const current = input.contracts === 'current'
  // The 'current' contracts' own delays (type 42's windows, type 621's finalization delays).
  const currentDelays: Record<string, number> = current
    ? {
        challengeWindowSeconds: delays.challengeWindowSeconds,
        proveWindowSeconds: delays.proveWindowSeconds,
        aggregateFastSeconds: delays.aggregateFastSeconds,
        aggregateSlowSeconds: delays.aggregateSlowSeconds,
      }
    : {}

  const l2s: DevnetL2[] = [
    {
      chainId: fault.chainId,
      name: 'Devnet OP 901 (fault proofs)',
      rpcUrl: input.urls.l2[fault.chainId]!,
      shape: 'fault-proof',
      proofSystem: 'permissioned-games',
      blockTimeSeconds: input.l2BlockTime,
      l1Contracts: rollupContracts(fault, dep.superchainConfig),
      l2Contracts: { multicall3: MULTICALL3 },
      delays: {
        gameClockSeconds: delays.gameClockSeconds,
        clockExtensionSeconds: delays.clockExtensionSeconds,
        proofMaturitySeconds: delays.proofMaturitySeconds,
        disputeGameFinalitySeconds: delays.disputeGameFinalitySeconds,
        proposalIntervalSeconds,
        ...currentDelays,
      },
      ...(current ? { contracts: 'current' as const } : {}),
    },
    {
      chainId: validity.chainId,
      name: 'Devnet OP 902 (validity proofs)',
      rpcUrl: input.urls.l2[validity.chainId]!,
      shape: 'validity',
      proofSystem: validityGames ? 'opsuccinct-games' : 'opsuccinct-oracle',
      blockTimeSeconds: input.l2BlockTime,
      l1Contracts: rollupContracts(validity, dep.superchainConfig),
      l2Contracts: { multicall3: MULTICALL3 },
      delays: validityGames
        ? {
            proofMaturitySeconds: delays.proofMaturitySeconds,
            disputeGameFinalitySeconds: delays.disputeGameFinalitySeconds,
            // the clock of PermissionedDisputeGames, if the chain is switched to type 1
            gameClockSeconds: delays.gameClockSeconds,
            proposalIntervalSeconds,
            ...currentDelays,
          }
        : {
            finalizationPeriodSeconds: delays.finalizationPeriodSeconds,
            proposalIntervalSeconds,
          },
      ...(current ? { contracts: 'current' as const } : {}),
    },
  ]

  return {
    version: 1,
    mnemonic: input.mnemonic,
    accounts: userAccounts(input.mnemonic).map((a) => ({ index: a.index, address: a.address, privateKey: a.privateKey })),
    serviceAccounts: Object.entries({ ...ROLE_INDEX, ...(current ? CURRENT_ROLE_INDEX : {}) }).map(([role, index]) => ({ role, index, address: deriveAccount(index, input.mnemonic).address })),
    l1: {
      chainId: L1_CHAIN_ID,
      name: 'Devnet L1',
      rpcUrl: input.urls.l1,
      contracts: { multicall3: MULTICALL3, ethUsdFeed: ETH_USD_FEED },
      implementations: { ...dep.impls },
    },
    l2s,
  }
}
