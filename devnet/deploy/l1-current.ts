// The L1 side of both rollups in the shape the OP Stack chains run today (contracts 'current'):
// the devnet's OptimismPortal2 5.x and AnchorStateRegistry 3.x doubles (devnet/contracts) behind
// bedrock Proxies, with the published contracts-bedrock 0.17.3 SuperchainConfig, SystemConfig,
// bridges, messengers, DisputeGameFactory, DelayedWETH, MIPS and the 1.2.0 fault games where they
// still fit. Same two phases and the same determinism as deploy/l1.ts (which it leaves untouched):
// one deployer key, a fixed order, the fault-proof chain first.
//
// Game types registered on both chains: 0 and 8 (real FaultDisputeGame 1.2.0, permissionless),
// 1 (real PermissionedDisputeGame 1.2.0) — each behind a FaultGameForwarder — 42 (OP Succinct Lite
// double) and 621 (AggregateVerifier double); on 902 also 6 (OPSuccinctDisputeGame, via the oracle).
import { encodeFunctionData, keccak256, toHex, pad, type Abi, type Address } from 'viem'
import { bedrock, devnetContract } from '../lib/contracts.ts'
import type { Signer } from '../lib/tx.ts'
import { FAULT_GAME_BOND, GAME_TYPE, LITE_CHALLENGER_BOND } from './constants.ts'
import {
  ABSOLUTE_PRESTATE,
  MAX_GAME_DEPTH,
  OP_SUCCINCT_RANGE_COMMITMENT,
  OP_SUCCINCT_VKEY,
  SPLIT_DEPTH,
  type FaultGameSet,
  type InitializeInput,
  type L1DeployConfig,
  type L1Deployment,
  type RollupL1,
} from './l1.ts'

const ZERO: Address = '0x0000000000000000000000000000000000000000'
const KONA_PRESTATE = `0x03${keccak256(toHex('devnet kona absolute prestate')).slice(4)}` as const

/** Phase A: implementations and proxies, in a fixed order. Nothing is initialized yet. */
export async function deployL1ContractsCurrent(cfg: L1DeployConfig): Promise<L1Deployment> {
  const d = cfg.deployer
  const proxy = (label: string) => d.deploy(bedrock('Proxy'), [d.address], `Proxy(${label})`)

  const impls: Record<string, Address> = {}
  impls.SuperchainConfig = await d.deploy(bedrock('SuperchainConfig'), [], 'SuperchainConfig')
  const superchainConfig = await proxy('SuperchainConfig')
  impls.SystemConfig = await d.deploy(bedrock('SystemConfig'), [], 'SystemConfig')
  impls.L1StandardBridge = await d.deploy(bedrock('L1StandardBridge'), [], 'L1StandardBridge')
  impls.L1CrossDomainMessenger = await d.deploy(bedrock('L1CrossDomainMessenger'), [], 'L1CrossDomainMessenger')
  impls.OptimismPortal2V5 = await d.deploy(devnetContract('OptimismPortal2V5'), [BigInt(cfg.delays.proofMaturitySeconds)], 'OptimismPortal2V5')
  impls.AnchorStateRegistryV3 = await d.deploy(devnetContract('AnchorStateRegistryV3'), [BigInt(cfg.delays.disputeGameFinalitySeconds)], 'AnchorStateRegistryV3')
  impls.DisputeGameFactory = await d.deploy(bedrock('DisputeGameFactory'), [], 'DisputeGameFactory')
  impls.DelayedWETH = await d.deploy(bedrock('DelayedWETH'), [3600n], 'DelayedWETH')
  impls.PreimageOracle = await d.deploy(bedrock('PreimageOracle'), [126_000n, 86_400n], 'PreimageOracle')
  impls.MIPS = await d.deploy(bedrock('MIPS'), [impls.PreimageOracle], 'MIPS')
  impls.OPSuccinctL2OutputOracle = await d.deploy(devnetContract('OPSuccinctL2OutputOracle'), [], 'OPSuccinctL2OutputOracle')
  impls.SP1MockVerifier = await d.deploy(devnetContract('SP1MockVerifier'), [], 'SP1MockVerifier')
  impls.AggregateProofMockVerifier = await d.deploy(devnetContract('AggregateProofMockVerifier'), [], 'AggregateProofMockVerifier')

  const rollupBase = async (chainId: number, proposer: Address, challenger: Address): Promise<RollupL1> => ({
    chainId,
    portalKind: 'portal5',
    optimismPortal: await proxy(`OptimismPortal ${chainId}`),
    systemConfig: await proxy(`SystemConfig ${chainId}`),
    l1StandardBridge: await proxy(`L1StandardBridge ${chainId}`),
    l1CrossDomainMessenger: await proxy(`L1CrossDomainMessenger ${chainId}`),
    proposer,
    challenger,
  })

  const fault = await rollupBase(901, cfg.proposer901, cfg.challenger901)
  fault.sp1Verifier = impls.SP1MockVerifier
  fault.games = await deployGames(d, 901, impls, cfg, cfg.proposer901, cfg.challenger901)
  fault.initialRespectedGameType = GAME_TYPE.PERMISSIONED_CANNON

  const validity = await rollupBase(902, cfg.proposer902, cfg.challenger902)
  validity.l2OutputOracle = await proxy('OPSuccinctL2OutputOracle 902')
  validity.sp1Verifier = impls.SP1MockVerifier
  validity.games = await deployGames(d, 902, impls, cfg, cfg.proposer902, cfg.challenger902)
  const opSuccinctGame = await d.deploy(devnetContract('OPSuccinctDisputeGame'), [validity.l2OutputOracle, validity.games.anchorStateRegistry], 'OPSuccinctDisputeGame 902')
  impls['OPSuccinctDisputeGame 902'] = opSuccinctGame
  validity.games.registered[GAME_TYPE.OP_SUCCINCT] = opSuccinctGame
  validity.initialRespectedGameType = GAME_TYPE.OP_SUCCINCT
  return { superchainConfig, rollups: { fault, validity }, impls }
}

/** DisputeGameFactory, AnchorStateRegistry, DelayedWETH (proxied) and every game type of the chain. */
async function deployGames(d: Signer, chainId: number, impls: Record<string, Address>, cfg: L1DeployConfig, proposer: Address, challenger: Address): Promise<FaultGameSet> {
  const proxy = (label: string) => d.deploy(bedrock('Proxy'), [d.address], `Proxy(${label} ${chainId})`)
  const disputeGameFactory = await proxy('DisputeGameFactory')
  const anchorStateRegistry = await proxy('AnchorStateRegistry')
  const delayedWETH = await proxy('DelayedWETH')
  const { delays } = cfg
  const common = (prestate: `0x${string}`) =>
    [prestate, MAX_GAME_DEPTH, SPLIT_DEPTH, BigInt(delays.clockExtensionSeconds), BigInt(delays.gameClockSeconds), impls.MIPS, delayedWETH, anchorStateRegistry, BigInt(chainId)] as const
  const permissioned = await d.deploy(bedrock('PermissionedDisputeGame'), [GAME_TYPE.PERMISSIONED_CANNON, ...common(ABSOLUTE_PRESTATE), proposer, challenger], `PermissionedDisputeGame ${chainId}`)
  const cannon = await d.deploy(bedrock('FaultDisputeGame'), [GAME_TYPE.CANNON, ...common(ABSOLUTE_PRESTATE)], `FaultDisputeGame ${chainId}`)
  const kona = await d.deploy(bedrock('FaultDisputeGame'), [GAME_TYPE.CANNON_KONA, ...common(KONA_PRESTATE)], `FaultDisputeGame(kona) ${chainId}`)
  impls[`PermissionedDisputeGame ${chainId}`] = permissioned
  impls[`FaultDisputeGame ${chainId}`] = cannon
  impls[`FaultDisputeGame(kona) ${chainId}`] = kona
  const forwarder = (impl: Address, type: number, label: string) => d.deploy(devnetContract('FaultGameForwarder'), [impl, anchorStateRegistry, type], `FaultGameForwarder(${label}) ${chainId}`)
  const fwdPermissioned = await forwarder(permissioned, GAME_TYPE.PERMISSIONED_CANNON, 'PDG')
  const fwdCannon = await forwarder(cannon, GAME_TYPE.CANNON, 'FDG')
  const fwdKona = await forwarder(kona, GAME_TYPE.CANNON_KONA, 'FDG kona')
  const lite = await d.deploy(
    devnetContract('OPSuccinctFaultDisputeGame'),
    [
      BigInt(delays.challengeWindowSeconds),
      BigInt(delays.proveWindowSeconds),
      disputeGameFactory,
      impls.SP1MockVerifier,
      keccak256(toHex(`devnet rollup config ${chainId}`)),
      OP_SUCCINCT_VKEY,
      OP_SUCCINCT_RANGE_COMMITMENT,
      LITE_CHALLENGER_BOND,
      anchorStateRegistry,
    ],
    `OPSuccinctFaultDisputeGame ${chainId}`,
  )
  const aggregate = await d.deploy(
    devnetContract('AggregateVerifier'),
    [
      {
        gameType: GAME_TYPE.AGGREGATE_VERIFIER,
        anchorStateRegistry,
        disputeGameFactory,
        teeVerifier: impls.AggregateProofMockVerifier,
        zkVerifier: impls.AggregateProofMockVerifier,
        teeImageHash: keccak256(toHex('devnet tee image')),
        zkRangeHash: keccak256(toHex('devnet zk range program')),
        zkAggregateHash: keccak256(toHex('devnet zk aggregate program')),
        configHash: keccak256(toHex(`devnet rollup config ${chainId}`)),
        l2ChainId: BigInt(chainId),
        blockInterval: BigInt(cfg.proposalIntervalBlocks),
        intermediateBlockInterval: BigInt(cfg.proposalIntervalBlocks),
        fastFinalizationDelay: BigInt(delays.aggregateFastSeconds),
        slowFinalizationDelay: BigInt(delays.aggregateSlowSeconds),
      },
    ],
    `AggregateVerifier ${chainId}`,
  )
  impls[`OPSuccinctFaultDisputeGame ${chainId}`] = lite
  impls[`AggregateVerifier ${chainId}`] = aggregate
  return {
    disputeGameFactory,
    anchorStateRegistry,
    delayedWETH,
    registered: {
      [GAME_TYPE.CANNON]: fwdCannon,
      [GAME_TYPE.PERMISSIONED_CANNON]: fwdPermissioned,
      [GAME_TYPE.CANNON_KONA]: fwdKona,
      [GAME_TYPE.OP_SUCCINCT_LITE]: lite,
      [GAME_TYPE.AGGREGATE_VERIFIER]: aggregate,
    },
    bedrockImpl: { [GAME_TYPE.CANNON]: cannon, [GAME_TYPE.PERMISSIONED_CANNON]: permissioned, [GAME_TYPE.CANNON_KONA]: kona },
  }
}

/** Phase B: every initialize(), game registrations, the oracle's starting output, the portals' backing. */
export async function initializeL1Current(cfg: L1DeployConfig, dep: L1Deployment, input: InitializeInput): Promise<void> {
  const d = cfg.deployer
  const upgrade = (proxyAddr: Address, impl: Address, abi: Abi, fn: string, args: readonly unknown[], label: string) =>
    d.call(proxyAddr, bedrock('Proxy').abi, 'upgradeToAndCall', [impl, encodeFunctionData({ abi, functionName: fn, args } as never)], { label, gas: 5_000_000n })

  await upgrade(dep.superchainConfig, dep.impls.SuperchainConfig!, bedrock('SuperchainConfig').abi, 'initialize', [cfg.guardian, false], 'init SuperchainConfig')

  for (const which of ['fault', 'validity'] as const) {
    const r = dep.rollups[which]
    const g = r.games!
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
        l1ERC721Bridge: ZERO,
        l1StandardBridge: r.l1StandardBridge,
        disputeGameFactory: g.disputeGameFactory,
        optimismPortal: r.optimismPortal,
        optimismMintableERC20Factory: ZERO,
        gasPayingToken: ZERO,
      },
    ], `init SystemConfig ${tag}`)
    await upgrade(r.l1CrossDomainMessenger, dep.impls.L1CrossDomainMessenger!, bedrock('L1CrossDomainMessenger').abi, 'initialize', [dep.superchainConfig, r.optimismPortal, r.systemConfig], `init L1CrossDomainMessenger ${tag}`)
    await upgrade(r.l1StandardBridge, dep.impls.L1StandardBridge!, bedrock('L1StandardBridge').abi, 'initialize', [r.l1CrossDomainMessenger, dep.superchainConfig, r.systemConfig], `init L1StandardBridge ${tag}`)

    await upgrade(g.disputeGameFactory, dep.impls.DisputeGameFactory!, bedrock('DisputeGameFactory').abi, 'initialize', [d.address], `init DisputeGameFactory ${tag}`)
    await upgrade(g.anchorStateRegistry, dep.impls.AnchorStateRegistryV3!, devnetContract('AnchorStateRegistryV3').abi, 'initialize', [
      r.systemConfig,
      dep.superchainConfig,
      g.disputeGameFactory,
      { root: anchor.outputRoot, l2SequenceNumber: anchor.blockNumber },
      r.initialRespectedGameType!,
    ], `init AnchorStateRegistry ${tag}`)
    await upgrade(g.delayedWETH, dep.impls.DelayedWETH!, bedrock('DelayedWETH').abi, 'initialize', [d.address, dep.superchainConfig], `init DelayedWETH ${tag}`)
    const dgfAbi = bedrock('DisputeGameFactory').abi
    for (const [type, impl] of Object.entries(g.registered)) {
      await d.call(g.disputeGameFactory, dgfAbi, 'setImplementation', [Number(type), impl], { label: `setImplementation ${type} ${tag}` })
      const bond = Number(type) === GAME_TYPE.OP_SUCCINCT ? 0n : FAULT_GAME_BOND
      await d.call(g.disputeGameFactory, dgfAbi, 'setInitBond', [Number(type), bond], { label: `setInitBond ${type} ${tag}` })
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
          fallbackTimeout: 10n * 365n * 24n * 3600n,
        },
      ], `init OPSuccinctL2OutputOracle ${tag}`)
      await d.call(r.l2OutputOracle, devnetContract('OPSuccinctL2OutputOracle').abi, 'setDisputeGameFactory', [g.disputeGameFactory], { label: `setDisputeGameFactory ${tag}` })
    }

    await upgrade(r.optimismPortal, dep.impls.OptimismPortal2V5!, devnetContract('OptimismPortal2V5').abi, 'initialize', [r.systemConfig, g.anchorStateRegistry], `init OptimismPortal2V5 ${tag}`)
    const backing = input.backing[which]
    if (backing > 0n) {
      await d.call(r.optimismPortal, devnetContract('OptimismPortal2V5').abi, 'donateETH', [], { value: backing, label: `donateETH ${tag}` })
    }
  }
}
