// The contracts the devnet deploys: the published OP Stack artifacts (loaded from node_modules at
// deploy time, never copied) and the devnet's own Solidity in devnet/contracts (compiled with solc-js,
// cached by devnet/lib/solidity.ts).
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bedrockArtifact, compileSolidityDir, type CompiledContract } from './solidity.ts'

const contractsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'contracts')

/** Names of the contracts-bedrock 0.17.3 artifacts the devnet uses. */
export type BedrockName =
  | 'Proxy'
  | 'SuperchainConfig'
  | 'SystemConfig'
  | 'OptimismPortal'
  | 'OptimismPortal2'
  | 'L1StandardBridge'
  | 'L1CrossDomainMessenger'
  | 'DisputeGameFactory'
  | 'AnchorStateRegistry'
  | 'DelayedWETH'
  | 'PreimageOracle'
  | 'MIPS'
  | 'PermissionedDisputeGame'
  | 'FaultDisputeGame'
  | 'L2ToL1MessagePasser'
  | 'L2CrossDomainMessenger'
  | 'L2StandardBridge'
  | 'GasPriceOracle'
  | 'L1Block'
  | 'OptimismMintableERC20Factory'
  | 'OptimismMintableERC20'

export type OwnName =
  | 'Multicall3'
  | 'FaultGameV1Compat'
  | 'OPSuccinctL2OutputOracle'
  | 'OPSuccinctDisputeGame'
  | 'SP1MockVerifier'
  | 'DevToken'
  | 'OptimismPortal2V5'
  | 'AnchorStateRegistryV3'
  | 'FaultGameForwarder'
  | 'OPSuccinctFaultDisputeGame'
  | 'AggregateVerifier'
  | 'AggregateProofMockVerifier'
  | 'DevPriceFeed'

const bedrockCache = new Map<string, CompiledContract>()
export function bedrock(name: BedrockName): CompiledContract {
  let c = bedrockCache.get(name)
  if (!c) bedrockCache.set(name, (c = bedrockArtifact(name)))
  return c
}

/** The devnet's own contracts, compiled once per process (and cached on disk across runs). */
export function devnetContract(name: OwnName): CompiledContract {
  const c = compileSolidityDir(contractsDir)[name]
  if (!c) throw new Error(`devnet contract ${name} not found in devnet/contracts`)
  return c
}
