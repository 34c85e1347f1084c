// Deploys the L1 side of both rollups from the contracts-bedrock 0.17.3 artifacts, every contract a
// real one behind a bedrock Proxy where mainnet has one, in a fixed order from one deployer key:
// the same addresses on every fresh start.
//
// Phase A sends implementations and proxies (addresses are known as soon as they are sent); the L2s
// are set up meanwhile; phase B initializes everything, which needs the L2s' starting output roots.
import { encodeFunctionData, keccak256, pad, toHex, type Abi, type Address, type Hex } from 'viem'
import { bedrock, devnetContract } from '../lib/contracts.ts'
import type { Signer } from '../lib/tx.ts'
import { FAULT_GAME_BOND, GAME_TYPE, type Delays, type L1FeeParams } from './constants.ts'
import type { L2Anchor } from './l2.ts'

export type ValidityMode = 'oracle' | 'games'

export interface FaultGameSet {
  disputeGameFactory: Address
  anchorStateRegistry: Address
  delayedWETH: Address
  /** game type -> implementation registered in the factory */
  registered: Record<number, Address>
  /** game type -> the contracts-bedrock implementation behind a FaultGameV1Compat / FaultGameForwarder (types 0, 1, 8) */
  bedrockImpl: Record<number, Address>
}

export interface RollupL1 {
  chainId: number
  /** 'portal2': OptimismPortal2 3.10; 'legacy': OptimismPortal (output oracle); 'portal5': the devnet's OptimismPortal2 5.x double (contracts 'current') */
  portalKind: 'portal2' | 'legacy' | 'portal5'
  optimismPortal: Address
  systemConfig: Address
  l1StandardBridge: Address
  l1CrossDomainMessenger: Address
  games?: FaultGameSet
  initialRespectedGameType?: number
  l2OutputOracle?: Address
  sp1Verifier?: Address
  proposer: Address
  challenger: Address
}

export interface L1Deployment {
  superchainConfig: Address
  rollups: { fault: RollupL1; validity: RollupL1 }
  /** implementations, for reference */
  impls: Record<string, Address>
}

export interface L1DeployConfig {
  deployer: Signer
  guardian: Address
  batcher: Address
  proposer901: Address
  challenger901: Address
  proposer902: Address
  challenger902: Address
  delays: Delays
  fee: L1FeeParams
  validityMode: ValidityMode
  l2BlockTime: number
  proposalIntervalBlocks: number
}

export const ABSOLUTE_PRESTATE: Hex = `0x03${keccak256(toHex('devnet cannon absolute prestate')).slice(4)}`
export const MAX_GAME_DEPTH = 73n
export const SPLIT_DEPTH = 30n
export const OP_SUCCINCT_VKEY: Hex = keccak256(toHex('devnet op-succinct aggregation vkey'))
export const OP_SUCCINCT_RANGE_COMMITMENT: Hex = keccak256(toHex('devnet op-succinct range vkey commitment'))
export const OP_SUCCINCT_CONFIG_NAME: Hex = keccak256(toHex('opsuccinct_genesis'))

/** Phase A: implementations and proxies, in a fixed order. Nothing is initialized yet. */
export async function deployL1Contracts(cfg: L1DeployConfig): Promise<L1Deployment> {
  const d = cfg.deployer
  const proxy = (label: string) => d.deploy(bedrock('Proxy'), [d.address], `Proxy(${label})`)

  const impls: Record<string, Address> = {}
  impls.SuperchainConfig = await d.deploy(bedrock('SuperchainConfig'), [], 'SuperchainConfig')
  const superchainConfig = await proxy('SuperchainConfig')
  impls.SystemConfig = await d.deploy(bedrock('SystemConfig'), [], 'SystemConfig')
  impls.L1StandardBridge = await d.deploy(bedrock('L1StandardBridge'), [], 'L1StandardBridge')
  impls.L1CrossDomainMessenger = await d.deploy(bedrock('L1CrossDomainMessenger'), [], 'L1CrossDomainMessenger')
  impls.OptimismPortal2 = await d.deploy(
    bedrock('OptimismPortal2'),
    [BigInt(cfg.delays.proofMaturitySeconds), BigInt(cfg.delays.disputeGameFinalitySeconds)],
    'OptimismPortal2',
  )
  impls.OptimismPortal = await d.deploy(bedrock('OptimismPortal'), [], 'OptimismPortal')
  impls.DisputeGameFactory = await d.deploy(bedrock('DisputeGameFactory'), [], 'DisputeGameFactory')
  impls.DelayedWETH = await d.deploy(bedrock('DelayedWETH'), [3600n], 'DelayedWETH')
  impls.PreimageOracle = await d.deploy(bedrock('PreimageOracle'), [126_000n, 86_400n], 'PreimageOracle')
  impls.MIPS = await d.deploy(bedrock('MIPS'), [impls.PreimageOracle], 'MIPS')
  impls.OPSuccinctL2OutputOracle = await d.deploy(devnetContract('OPSuccinctL2OutputOracle'), [], 'OPSuccinctL2OutputOracle')
  impls.SP1MockVerifier = await d.deploy(devnetContract('SP1MockVerifier'), [], 'SP1MockVerifier')

  const rollupBase = async (chainId: number, portalKind: RollupL1['portalKind'], proposer: Address, challenger: Address): Promise<RollupL1> => ({
    chainId,
    portalKind,
    optimismPortal: await proxy(`OptimismPortal ${chainId}`),
    systemConfig: await proxy(`SystemConfig ${chainId}`),
    l1StandardBridge: await proxy(`L1StandardBridge ${chainId}`),
    l1CrossDomainMessenger: await proxy(`L1CrossDomainMessenger ${chainId}`),
    proposer,
    challenger,
  })

  // The fault-proof chain first, so its addresses do not depend on the validity chain's mode.
  const fault = await rollupBase(901, 'portal2', cfg.proposer901, cfg.challenger901)
  fault.games = await deployFaultGames(d, 901, impls, cfg.delays, cfg.proposer901, cfg.challenger901)
  fault.initialRespectedGameType = GAME_TYPE.PERMISSIONED_CANNON

  const validity = await rollupBase(902, cfg.validityMode === 'oracle' ? 'legacy' : 'portal2', cfg.proposer902, cfg.challenger902)
  validity.l2OutputOracle = await proxy('OPSuccinctL2OutputOracle 902')
  validity.sp1Verifier = impls.SP1MockVerifier
  if (cfg.validityMode === 'games') {
    validity.games = await deployFaultGames(d, 902, impls, cfg.delays, cfg.proposer902, cfg.challenger902)
    const opSuccinctGame = await d.deploy(devnetContract('OPSuccinctDisputeGame'), [validity.l2OutputOracle, '0x0000000000000000000000000000000000000000'], 'OPSuccinctDisputeGame 902')
    impls['OPSuccinctDisputeGame 902'] = opSuccinctGame
    validity.games.registered[GAME_TYPE.OP_SUCCINCT] = opSuccinctGame
    validity.initialRespectedGameType = GAME_TYPE.OP_SUCCINCT
  }
  return { superchainConfig, rollups: { fault, validity }, impls }
}

/** DisputeGameFactory, AnchorStateRegistry, DelayedWETH (proxied) and the bedrock games of types 0 and 1. */
async function deployFaultGames(
  d: Signer,
  chainId: number,
  impls: Record<string, Address>,
  delays: Delays,
  proposer: Address,
  challenger: Address,
): Promise<FaultGameSet> {
  const proxy = (label: string) => d.deploy(bedrock('Proxy'), [d.address], `Proxy(${label} ${chainId})`)
  const disputeGameFactory = await proxy('DisputeGameFactory')
  const anchorStateRegistry = await proxy('AnchorStateRegistry')
  const delayedWETH = await proxy('DelayedWETH')
  impls[`AnchorStateRegistry ${chainId}`] = await d.deploy(bedrock('AnchorStateRegistry'), [disputeGameFactory], `AnchorStateRegistry ${chainId}`)
  const common = [
    ABSOLUTE_PRESTATE,
    MAX_GAME_DEPTH,
    SPLIT_DEPTH,
    BigInt(delays.clockExtensionSeconds),
    BigInt(delays.gameClockSeconds),
    impls.MIPS,
    delayedWETH,
    anchorStateRegistry,
    BigInt(chainId),
  ] as const
  const permissioned = await d.deploy(bedrock('PermissionedDisputeGame'), [GAME_TYPE.PERMISSIONED_CANNON, ...common, proposer, challenger], `PermissionedDisputeGame ${chainId}`)
  const permissionless = await d.deploy(bedrock('FaultDisputeGame'), [GAME_TYPE.CANNON, ...common], `FaultDisputeGame ${chainId}`)
  impls[`PermissionedDisputeGame ${chainId}`] = permissioned
  impls[`FaultDisputeGame ${chainId}`] = permissionless
  const permissionedCompat = await d.deploy(devnetContract('FaultGameV1Compat'), [permissioned], `FaultGameV1Compat(PDG) ${chainId}`)
  const permissionlessCompat = await d.deploy(devnetContract('FaultGameV1Compat'), [permissionless], `FaultGameV1Compat(FDG) ${chainId}`)
  return {
    disputeGameFactory,
    anchorStateRegistry,
    delayedWETH,
    registered: { [GAME_TYPE.CANNON]: permissionlessCompat, [GAME_TYPE.PERMISSIONED_CANNON]: permissionedCompat },
    bedrockImpl: { [GAME_TYPE.CANNON]: permissionless, [GAME_TYPE.PERMISSIONED_CANNON]: permissioned },
  }
}

export interface InitializeInput {
  anchors: { fault: L2Anchor; validity: L2Anchor }
  /** ETH locked in each portal to back the L2's genesis balances */
  backing: { fault: bigint; validity: bigint }
}

/** Phase B: every initialize(), game registrations, the oracle's starting output, the portals' backing. */
export async function initializeL1(cfg: L1DeployConfig, dep: L1Deployment, input: InitializeInput): Promise<void> {
  const d = cfg.deployer
  const upgrade = (proxyAddr: Address, impl: Address, abi: Abi, fn: string, args: readonly unknown[], label: string) =>
    d.call(proxyAddr, bedrock('Proxy').abi, 'upgradeToAndCall', [impl, encodeFunctionData({ abi, functionName: fn, args } as never)], { label, gas: 5_000_000n })

  await upgrade(dep.superchainConfig, dep.impls.SuperchainConfig!, bedrock('SuperchainConfig').abi, 'initialize', [cfg.guardian, false], 'init SuperchainConfig')

  for (const which of ['fault', 'validity'] as const) {
    const r = dep.rollups[which]
    const anchor = input.anchors[which]
    const tag = `${r.chainId}`

    await upgrade(r.systemConfig, dep.impls.SystemConfig!, bedrock('SystemConfig').abi, 'initialize', [
      d.address,
      cfg.fee.baseFeeScalar,
      cfg.fee.blobBaseFeeScalar,
      pad(cfg.batcher),
      30_000_000n,
      cfg.batcher,
      {
        maxResourceLimit: 20_000_000,
        elasticityMultiplier: 10,
        baseFeeMaxChangeDenominator: 8,
        minimumBaseFee: 1_000_000_000,
        systemTxMaxGas: 1_000_000,
        maximumBaseFee: (1n << 128n) - 1n,
      },
      `0xff${'0'.repeat(34)}${r.chainId.toString(16).padStart(4, '0')}` as Address,
      {
        l1CrossDomainMessenger: r.l1CrossDomainMessenger,
        l1ERC721Bridge: '0x0000000000000000000000000000000000000000',
        l1StandardBridge: r.l1StandardBridge,
        disputeGameFactory: r.games?.disputeGameFactory ?? '0x0000000000000000000000000000000000000000',
        optimismPortal: r.optimismPortal,
        optimismMintableERC20Factory: '0x0000000000000000000000000000000000000000',
        gasPayingToken: '0x0000000000000000000000000000000000000000',
      },
    ], `init SystemConfig ${tag}`)
    await upgrade(r.l1CrossDomainMessenger, dep.impls.L1CrossDomainMessenger!, bedrock('L1CrossDomainMessenger').abi, 'initialize', [dep.superchainConfig, r.optimismPortal, r.systemConfig], `init L1CrossDomainMessenger ${tag}`)
    await upgrade(r.l1StandardBridge, dep.impls.L1StandardBridge!, bedrock('L1StandardBridge').abi, 'initialize', [r.l1CrossDomainMessenger, dep.superchainConfig, r.systemConfig], `init L1StandardBridge ${tag}`)

    if (r.games) {
      const g = r.games
      await upgrade(g.disputeGameFactory, dep.impls.DisputeGameFactory!, bedrock('DisputeGameFactory').abi, 'initialize', [d.address], `init DisputeGameFactory ${tag}`)
      const anchorRoot = { root: anchor.outputRoot, l2BlockNumber: anchor.blockNumber }
      await upgrade(g.anchorStateRegistry, dep.impls[`AnchorStateRegistry ${tag}`]!, bedrock('AnchorStateRegistry').abi, 'initialize', [
        [
          { gameType: GAME_TYPE.CANNON, outputRoot: anchorRoot },
          { gameType: GAME_TYPE.PERMISSIONED_CANNON, outputRoot: anchorRoot },
        ],
      ], `init AnchorStateRegistry ${tag}`)
      await upgrade(g.delayedWETH, dep.impls.DelayedWETH!, bedrock('DelayedWETH').abi, 'initialize', [d.address, dep.superchainConfig], `init DelayedWETH ${tag}`)
      const dgfAbi = bedrock('DisputeGameFactory').abi
      for (const [type, impl] of Object.entries(g.registered)) {
        await d.call(g.disputeGameFactory, dgfAbi, 'setImplementation', [Number(type), impl], { label: `setImplementation ${type} ${tag}` })
        const bond = Number(type) === GAME_TYPE.OP_SUCCINCT ? 0n : FAULT_GAME_BOND
        await d.call(g.disputeGameFactory, dgfAbi, 'setInitBond', [Number(type), bond], { label: `setInitBond ${type} ${tag}` })
      }
    }

    if (r.l2OutputOracle) {
      await upgrade(r.l2OutputOracle, dep.impls.OPSuccinctL2OutputOracle!, devnetContract('OPSuccinctL2OutputOracle').abi, 'initialize', [
        {
          challenger: r.challenger,
          proposer: r.proposer,
          owner: d.address,
          finalizationPeriodSeconds: BigInt(cfg.delays.finalizationPeriodSeconds),
          l2BlockTime: BigInt(cfg.l2BlockTime),
          aggregationVkey: OP_SUCCINCT_VKEY,
          rangeVkeyCommitment: OP_SUCCINCT_RANGE_COMMITMENT,
          rollupConfigHash: keccak256(toHex(`devnet rollup config ${r.chainId}`)),
          startingOutputRoot: anchor.outputRoot,
          startingBlockNumber: anchor.blockNumber,
          startingTimestamp: anchor.timestamp,
          submissionInterval: BigInt(cfg.proposalIntervalBlocks),
          verifier: r.sp1Verifier!,
          // a permissionless fallback that never triggers on a devnet
          fallbackTimeout: 10n * 365n * 24n * 3600n,
        },
      ], `init OPSuccinctL2OutputOracle ${tag}`)
      const oracleAbi = devnetContract('OPSuccinctL2OutputOracle').abi
      if (r.portalKind === 'legacy') {
        await d.call(r.l2OutputOracle, oracleAbi, 'setLegacyPortal', [r.optimismPortal], { label: `setLegacyPortal ${tag}` })
      }
      if (r.games?.registered[GAME_TYPE.OP_SUCCINCT]) {
        await d.call(r.l2OutputOracle, oracleAbi, 'setDisputeGameFactory', [r.games.disputeGameFactory], { label: `setDisputeGameFactory ${tag}` })
      }
    }

    if (r.portalKind === 'portal2') {
      await upgrade(r.optimismPortal, dep.impls.OptimismPortal2!, bedrock('OptimismPortal2').abi, 'initialize', [
        r.games!.disputeGameFactory,
        r.systemConfig,
        dep.superchainConfig,
        r.initialRespectedGameType!,
      ], `init OptimismPortal2 ${tag}`)
    } else {
      await upgrade(r.optimismPortal, dep.impls.OptimismPortal!, bedrock('OptimismPortal').abi, 'initialize', [
        r.l2OutputOracle!,
        r.systemConfig,
        dep.superchainConfig,
      ], `init OptimismPortal ${tag}`)
    }
    const backing = input.backing[which]
    if (backing > 0n) {
      await d.call(r.optimismPortal, bedrock('OptimismPortal2').abi, 'donateETH', [], { value: backing, label: `donateETH ${tag}` })
    }
  }
}
