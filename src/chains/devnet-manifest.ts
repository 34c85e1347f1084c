// The devnet manifest: what `npm run devnet` (devnet/) deployed and where, as the wallet and the
// tests read it. The devnet writes it; the wallet embeds it as its "Local devnet" networks.
import type { Address, Hex } from 'viem'

export interface DevnetAccount {
  index: number
  address: Address
  privateKey: Hex
}

/** Addresses on L1 of one rollup's contracts. Which ones exist depends on the proof shape. */
export interface DevnetRollupL1Contracts {
  optimismPortal: Address
  systemConfig: Address
  superchainConfig: Address
  l1StandardBridge: Address
  l1CrossDomainMessenger: Address
  /** fault-proof shape (and validity shape when it runs as OptimismPortal2 + type-6 games) */
  disputeGameFactory?: Address
  anchorStateRegistry?: Address
  /** the game implementation registered for the respected game type */
  gameImplementation?: Address
  /** every game type registered in the factory (decimal type -> implementation), e.g. a type the
   *  chain can switch to; the respected one is the portal's respectedGameType() */
  gameImplementations?: Record<string, Address>
  /** holds the bonds of fault games */
  delayedWETH?: Address
  /** validity shape when it runs as legacy OptimismPortal + OP Succinct output oracle (v3 ABI) */
  l2OutputOracle?: Address
  /** the (mock) SP1 verifier behind the OP Succinct oracle */
  sp1Verifier?: Address
}

export interface DevnetL2 {
  chainId: number
  name: string
  rpcUrl: string
  /** 'fault-proof': OptimismPortal2 + PermissionedDisputeGame (type 1).
   *  'validity': OP Succinct, either output oracle behind the legacy portal or type-6 games. */
  shape: 'fault-proof' | 'validity'
  proofSystem: 'permissioned-games' | 'opsuccinct-oracle' | 'opsuccinct-games'
  blockTimeSeconds: number
  l1Contracts: DevnetRollupL1Contracts
  /** Contracts on the L2 itself (predeploys are at their 0x4200… addresses and not repeated here). */
  l2Contracts: { multicall3: Address; pha?: Address; vpha?: Address }
  /** Delays the devnet configured, in seconds (what the wallet must discover on chain by itself). */
  delays: Record<string, number>
  /** Which L1 contracts run: absent or 'legacy' = OptimismPortal2 3.10 (contracts-bedrock 0.17.3);
   *  'current' = OptimismPortal2 5.x + AnchorStateRegistry 3.x (`l1Contracts.anchorStateRegistry`),
   *  as the chains run today. */
  contracts?: 'legacy' | 'current'
}

export interface DevnetSubstrateAccount {
  name: string
  /** secret URI: mnemonic with optional //hard/soft derivation path */
  suri: string
  ss58: string
  publicKey: Hex
  h160: Address
  network: 'phala' | 'khala'
  free: string
  staked: string
}

/** A key the devnet's own services use (never one of `accounts`). Derived from `mnemonic` at `index`. */
export interface DevnetServiceAccount {
  role: string
  index: number
  address: Address
}

export interface DevnetManifest {
  version: 1
  mnemonic: string
  accounts: DevnetAccount[]
  /** the devnet's service roles (deployer, guardian, proposers, ...), at mnemonic indices 100+ */
  serviceAccounts?: DevnetServiceAccount[]
  l1: {
    chainId: number
    name: string
    rpcUrl: string
    contracts: {
      multicall3: Address
      pha?: Address
      vpha?: Address
      phalaClaimer?: Address
      khalaClaimer?: Address
      /** a USD price feed with Chainlink's AggregatorV3Interface (devnet/contracts/DevPriceFeed.sol) */
      ethUsdFeed?: Address
      /** ENS (devnet/ens): the registry, its public resolver, the reverse registrar, and the
       *  universal resolver viem's getEnsAddress / getEnsName call */
      ensRegistry?: Address
      ensPublicResolver?: Address
      ensReverseRegistrar?: Address
      ensUniversalResolver?: Address
    }
    /** ENS names registered on the L1 (name -> address), each with its primary name set */
    ensNames?: Record<string, Address>
    /** implementation contracts behind the proxies above, and the games' VM (name -> address), for debugging */
    implementations?: Record<string, Address>
  }
  l2s: DevnetL2[]
  /** urls: the API base per parachain network (`${url}/phala`, `${url}/khala`) */
  claimBackend?: { url: string; signer: Address; urls: { phala?: string; khala?: string } }
  substrateAccounts?: DevnetSubstrateAccount[]
}
