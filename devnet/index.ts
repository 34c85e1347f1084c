// The local rollup devnet: an L1 and two OP Stack L2s on anvil, the real OP Stack contracts, a
// relayer for deposits, a proposer for state proposals, and time control. See devnet/README.md.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAbi, parseEther, toHex, type Hex, type PublicClient } from 'viem'
import type { DevnetManifest } from '../src/chains/devnet-manifest.ts'
import { CURRENT_ROLE_INDEX, TEST_MNEMONIC, USER_ACCOUNT_COUNT, deriveAccount, roleAccounts, userAccounts, type KeyedAccount, type Role } from './lib/accounts.ts'
import { devnetContract } from './lib/contracts.ts'
import { assertPortFree, freePort, installSignalHandlers, PortInUseError, startAnvil, type AnvilProcess } from './lib/processes.ts'
import { rpc, rpcClient, Signer } from './lib/tx.ts'
import { DEFAULT_DELAYS, DEFAULT_L1_FEE, ETH_USD_FEED, ETH_USD_FIRST_ANSWER, FAULT_CHAIN_ID, L1_CHAIN_ID, MULTICALL3, VALIDITY_CHAIN_ID, type ContractsShape, type Delays, type L1FeeParams } from './deploy/constants.ts'
import { deployL1Contracts, initializeL1, type L1Deployment, type RollupL1, type ValidityMode } from './deploy/l1.ts'
import { deployL1ContractsCurrent, initializeL1Current } from './deploy/l1-current.ts'
import { currentOps, legacyOps, type CurrentOps } from './current-ops.ts'
import { outputAtBlock, setupL2, type L2Anchor } from './deploy/l2.ts'
import { buildManifest } from './manifest.ts'
import { Relayer } from './services/relayer.ts'
import { Proposer, type Proposal } from './services/proposer.ts'
import { L1Clock } from './services/l1-clock.ts'
import { deployPhalaAssets, loadSnapshot, substrateAccountsForManifest } from './phala/index.ts'
import { startClaimBackend, type ClaimBackend } from './claim-backend/index.ts'
import { deployEns, DEVNET_ENS_NAMES, ensContracts } from './ens/index.ts'

export type { Proposal } from './services/proposer.ts'
export type { ContractsShape, Delays, L1FeeParams } from './deploy/constants.ts'
export type { AccountRef, GameInfo, ProvenByAccount, WithdrawalSource } from './current-ops.ts'
export { DEFAULT_DELAYS, DEFAULT_L1_FEE, ETH_USD_FEED, L1_CHAIN_ID, FAULT_CHAIN_ID, VALIDITY_CHAIN_ID, PREDEPLOYS, MULTICALL3, GAME_TYPE } from './deploy/constants.ts'
export { TEST_MNEMONIC, ROLE_INDEX, CURRENT_ROLE_INDEX } from './lib/accounts.ts'
export { PortInUseError } from './lib/processes.ts'

const here = dirname(fileURLToPath(import.meta.url))
export const DEFAULT_MANIFEST_PATH = join(here, 'manifest.json')

export interface DevnetPorts {
  l1: number
  l2: Record<number, number>
  /** the claim backend's (devnet/claim-backend); 0: any free port, chosen when it binds */
  claimBackend: number
}

export const DEFAULT_PORTS: DevnetPorts = { l1: 8545, l2: { [FAULT_CHAIN_ID]: 8546, [VALIDITY_CHAIN_ID]: 8547 }, claimBackend: 8548 }

export interface DevnetOptions {
  /** 'default' (8545/8546/8547, 8548 reserved), 'auto' (free ports, for tests), or explicit ports */
  ports?: 'default' | 'auto' | DevnetPorts
  /** L2 block time in seconds (interval mining), default 2; fractions allowed */
  l2BlockTime?: number
  /** L1 automines; when idle it gets an empty block every N seconds (default 12; 0 = never) */
  l1BlockTime?: number
  /** a proposal every N L2 blocks (also the oracle's submissionInterval), default 5 */
  proposalIntervalBlocks?: number
  delays?: Partial<Delays>
  /** chain 902: 'oracle' = legacy OptimismPortal + OP Succinct oracle (implies contracts 'legacy'); 'games' = OptimismPortal2 + type-6 games.
   *  With contracts 'current' (the default), 902 always runs games. */
  validityMode?: ValidityMode
  /** the rollups' L1 contracts: 'current' (default) = what the chains run today, OptimismPortal2 5.x +
   *  AnchorStateRegistry 3.x, game types 0, 1, 8, 42, 621 (+ 6 on 902); 'legacy' = contracts-bedrock 0.17.3's
   *  OptimismPortal2 3.10 (and, on 902, the legacy OptimismPortal + OP Succinct oracle by default), for the older portals */
  contracts?: ContractsShape
  /** ETH on each L2 for test accounts 0..19 at genesis, backed by ETH locked in the portal (default 100; 0 = none) */
  l2PrefundEther?: number
  /** ETH of test accounts 0..19 on L1 (default 10000) */
  l1FundEther?: number
  l1Fee?: Partial<L1FeeParams>
  /** where to write the manifest; default devnet/manifest.json on default ports, devnet/.state/… otherwise */
  manifestPath?: string
  relayerPollMs?: number
  proposerPollMs?: number
  /** info lines (proposals, resolutions); default: none */
  log?: (line: string) => void
  /** problems the services hit and recover from; default console.warn */
  warn?: (line: string) => void
  /** kill the nodes on SIGINT/SIGTERM of this process (default true; the CLI handles signals itself) */
  handleSignals?: boolean
}

export interface DevnetChainHandle {
  chainId: number
  url: string
  client: PublicClient
  pid: number
}

export interface Devnet extends Omit<CurrentOps, 'setRespectedGameType'> {
  /** which L1 contracts the rollups run */
  contracts: ContractsShape
  manifest: DevnetManifest
  manifestPath: string
  ports: DevnetPorts
  /** milliseconds from startDevnet() to ready */
  readyMs: number
  l1: DevnetChainHandle
  l2: Record<number, DevnetChainHandle>
  /** test accounts 0..19 (with keys) */
  accounts: KeyedAccount[]
  /** the services' keys (in-process only; the manifest lists their addresses) */
  roles: Record<Role, KeyedAccount>
  /** pids of every process the devnet started */
  pids(): number[]
  stop(): Promise<void>
  /** moves L1 and both L2 clocks forward by `seconds` (one block each) and lets the proposer catch up */
  warp(seconds: number): Promise<void>
  /** the newest proposal covering `l2Block` (game of the respected type, or oracle output) once one exists */
  waitForProposal(chainId: number, l2Block: bigint, timeoutMs?: number): Promise<Proposal>
  /** proposes now for the newest L2 block the contracts accept, ignoring the cadence */
  proposeNow(chainId: number): Promise<Proposal>
  /** the guardian sets the respected game type (a chain changing its proof system); the proposer follows.
   *  Legacy contracts: OptimismPortal2 3.10's setRespectedGameType, which also invalidates older games.
   *  Current contracts: the AnchorStateRegistry's; older games stay valid (see retireGames). */
  setRespectedGameType(chainId: number, gameType: number): Promise<void>
  proposer: { pause(): void; resume(): void; catchUp(): Promise<void> }
  relayer: { pause(): void; resume(): void; flush(timeoutMs?: number): Promise<void> }
}

async function resolvePorts(option: DevnetOptions['ports']): Promise<DevnetPorts> {
  if (!option || option === 'default') return { ...DEFAULT_PORTS, l2: { ...DEFAULT_PORTS.l2 } }
  if (option === 'auto') {
    // The claim backend binds seconds after the pick (after the deployment): a port picked now may be
    // taken by then (another test process, or an outgoing connection's ephemeral port), so it asks
    // the OS for one when it binds. Its URL reaches the wallet through the manifest.
    const [l1, a, b] = [await freePort(), await freePort(), await freePort()]
    return { l1, l2: { [FAULT_CHAIN_ID]: a, [VALIDITY_CHAIN_ID]: b }, claimBackend: 0 }
  }
  return option
}

const isDefaultPorts = (p: DevnetPorts) =>
  p.l1 === DEFAULT_PORTS.l1 && p.l2[FAULT_CHAIN_ID] === DEFAULT_PORTS.l2[FAULT_CHAIN_ID] && p.l2[VALIDITY_CHAIN_ID] === DEFAULT_PORTS.l2[VALIDITY_CHAIN_ID]

export async function startDevnet(opts: DevnetOptions = {}): Promise<Devnet> {
  const t0 = Date.now()
  // With free ports picked for us, another process may grab one between the pick and the bind:
  // pick again rather than fail.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts, t0)
    } catch (e) {
      if (!(opts.ports === 'auto' && e instanceof PortInUseError && attempt < 3)) throw e
    }
  }
}

async function startOnce(opts: DevnetOptions, t0: number): Promise<Devnet> {
  const mnemonic = TEST_MNEMONIC
  const delays: Delays = { ...DEFAULT_DELAYS, ...opts.delays }
  const fee: L1FeeParams = { ...DEFAULT_L1_FEE, ...opts.l1Fee }
  const l2BlockTime = opts.l2BlockTime ?? 2
  const l1BlockTime = opts.l1BlockTime ?? 12
  const proposalIntervalBlocks = opts.proposalIntervalBlocks ?? 5
  const contracts: ContractsShape = opts.contracts ?? (opts.validityMode === 'oracle' ? 'legacy' : 'current')
  if (contracts === 'current' && opts.validityMode === 'oracle') {
    throw new Error("validityMode 'oracle' runs the legacy OptimismPortal, which the 'current' contracts have no place for: with contracts 'current', 902 runs OP Succinct games")
  }
  const validityMode: ValidityMode = contracts === 'current' ? 'games' : (opts.validityMode ?? 'oracle')
  const l2Prefund = parseEther(String(opts.l2PrefundEther ?? 100))
  const serviceFunding = parseEther('1')
  const log = opts.log ?? (() => {})
  // Once stopping, the nodes may already be gone (a terminal's Ctrl-C reaches them too): a service
  // pass that was in flight then fails, and saying so would only be noise.
  let stopping = false
  const warnTo = opts.warn ?? ((line: string) => console.warn(line))
  const warn = (line: string) => {
    if (!stopping) warnTo(line)
  }
  if (delays.clockExtensionSeconds > delays.gameClockSeconds) throw new Error('delays: clockExtensionSeconds must not exceed gameClockSeconds')
  if (!Number.isInteger(l2BlockTime) || l2BlockTime < 1) {
    // the output oracle stores l2BlockTime as an integer, like the L2 block timestamps themselves
    throw new Error(`l2BlockTime must be a whole number of seconds >= 1, got ${l2BlockTime}`)
  }

  const ports = await resolvePorts(opts.ports)
  // Fail on a busy port before anything starts, naming the port.
  await assertPortFree(ports.l1, 'L1 anvil')
  await assertPortFree(ports.l2[FAULT_CHAIN_ID]!, `L2 ${FAULT_CHAIN_ID} anvil`)
  await assertPortFree(ports.l2[VALIDITY_CHAIN_ID]!, `L2 ${VALIDITY_CHAIN_ID} anvil`)
  if (ports.claimBackend !== 0) await assertPortFree(ports.claimBackend, 'claim backend')

  const nodes: AnvilProcess[] = []
  let relayer: Relayer | undefined
  let proposer: Proposer | undefined
  let clock: L1Clock | undefined
  let claimBackend: ClaimBackend | undefined
  let removeSignalHandlers: (() => void) | undefined
  let stopped: Promise<void> | undefined
  let manifestPath = ''
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true
      await Promise.allSettled([relayer?.stop(), proposer?.stop(), clock?.stop(), claimBackend?.stop()])
      await Promise.allSettled(nodes.map((n) => n.stop()))
      removeSignalHandlers?.()
      if (manifestPath && manifestPath.includes(`${join('devnet', '.state')}`)) rmSync(manifestPath, { force: true })
    })())
  if (opts.handleSignals !== false) removeSignalHandlers = installSignalHandlers()

  try {
    const anvils = Promise.allSettled([
      // L1 automines; an idle L1 gets a block every l1BlockTime seconds from L1Clock.
      startAnvil({ label: 'L1 anvil', port: ports.l1, chainId: L1_CHAIN_ID, mnemonic, accounts: USER_ACCOUNT_COUNT, balanceEther: opts.l1FundEther ?? 10_000 }),
      ...[FAULT_CHAIN_ID, VALIDITY_CHAIN_ID].map((chainId) =>
        // Automine while we set up; interval mining (the L2 block time) from when we are done.
        startAnvil({ label: `L2 ${chainId} anvil`, port: ports.l2[chainId]!, chainId, mnemonic, accounts: USER_ACCOUNT_COUNT, balanceEther: Number(opts.l2PrefundEther ?? 100), optimism: true, hardfork: 'jovian', order: 'fifo' }),
      ),
    ])
    // Compile the devnet's own Solidity while the nodes boot (cached after the first run).
    devnetContract('Multicall3') // compiles every contract of devnet/contracts at once
    ensContracts()
    const started = await anvils
    for (const s of started) if (s.status === 'fulfilled') nodes.push(s.value)
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected')
    if (failed) throw failed.reason

    const [l1Node, faultNode, validityNode] = nodes as [AnvilProcess, AnvilProcess, AnvilProcess]
    for (const node of nodes) {
      void node.exited.then((code) => {
        if (stopping) return
        warnTo(`${node.label} (pid ${node.pid}) exited unexpectedly (code ${code}): stopping the devnet. ${node.output().trim().slice(-500)}`)
        void stop()
      })
    }
    const l1 = rpcClient(l1Node.url)
    const l2Clients: Record<number, PublicClient> = { [FAULT_CHAIN_ID]: rpcClient(faultNode.url), [VALIDITY_CHAIN_ID]: rpcClient(validityNode.url) }

    const roles = roleAccounts(mnemonic)
    const l1Funding: Record<Role, bigint> = {
      deployer: parseEther('10000000'),
      guardian: parseEther('100'),
      proposer901: parseEther('10000'),
      challenger901: parseEther('100'),
      proposer902: parseEther('10000'),
      challenger902: parseEther('100'),
      batcher: parseEther('100'),
      assetDeployer: parseEther('1000'),
      claimSigner: 0n,
      ensDeployer: parseEther('10'),
    }
    await Promise.all(Object.entries(l1Funding).map(([role, amount]) => rpc(l1, 'anvil_setBalance', [roles[role as Role].address, toHex(amount)])))
    // The 'current' devnet's outsider posts games with false roots (permissionless types).
    const outsider = deriveAccount(CURRENT_ROLE_INDEX.outsider, mnemonic)
    if (contracts === 'current') await rpc(l1, 'anvil_setBalance', [outsider.address, toHex(parseEther('1000'))])
    await rpc(l1, 'anvil_setCode', [MULTICALL3, devnetContract('Multicall3').deployedBytecode])
    await placePriceFeed(l1)
    // The Phala assets are deployed on the L2s too: give their deployer gas money there (backed, see below).
    await Promise.all(Object.values(l2Clients).map((c) => rpc(c, 'anvil_setBalance', [roles.assetDeployer.address, toHex(serviceFunding)])))

    const deployer = new Signer(l1, roles.deployer.privateKey, L1_CHAIN_ID)
    const l1Config = {
      deployer,
      guardian: roles.guardian.address,
      batcher: roles.batcher.address,
      proposer901: roles.proposer901.address,
      challenger901: roles.challenger901.address,
      proposer902: roles.proposer902.address,
      challenger902: roles.challenger902.address,
      delays,
      fee,
      validityMode,
      l2BlockTime,
      proposalIntervalBlocks,
    }
    const deployment: L1Deployment = contracts === 'current' ? await deployL1ContractsCurrent(l1Config) : await deployL1Contracts(l1Config)

    const l1Head = await l1.getBlock({ blockTag: 'latest' })
    const setupOne = async (r: RollupL1): Promise<L2Anchor> => {
      const client = l2Clients[r.chainId]!
      await setupL2({
        client,
        chainId: r.chainId,
        deployerKey: roles.deployer.privateKey,
        l1CrossDomainMessenger: r.l1CrossDomainMessenger,
        l1StandardBridge: r.l1StandardBridge,
        batcher: roles.batcher.address,
        fee,
        l1Head: { number: l1Head.number, timestamp: l1Head.timestamp, hash: l1Head.hash },
        serviceFunding,
      })
      const head = await client.getBlockNumber()
      // Also checks that eth_getProof hangs off the block's stateRoot (what withdrawal proofs need).
      const out = await outputAtBlock(client, head)
      await rpc(client, 'evm_setIntervalMining', [l2BlockTime])
      return { blockNumber: out.blockNumber, timestamp: out.timestamp, outputRoot: out.outputRoot }
    }
    const [faultAnchor, validityAnchor] = await Promise.all([setupOne(deployment.rollups.fault), setupOne(deployment.rollups.validity)])

    // The oracle refuses a starting L2 timestamp later than its L1 block: an L2 block mined in a
    // later second than the L1's newest block would make its initialize() revert now and then.
    const newestAnchor = faultAnchor.timestamp > validityAnchor.timestamp ? faultAnchor.timestamp : validityAnchor.timestamp
    const l1Now = (await l1.getBlock({ blockTag: 'latest' })).timestamp
    if (l1Now <= newestAnchor) await rpc(l1, 'evm_setNextBlockTimestamp', [toHex(newestAnchor + 1n)])

    // Every wei that exists on an L2 at genesis is locked in its portal, so withdrawals can always be paid.
    const l2Genesis = l2Prefund * BigInt(USER_ACCOUNT_COUNT) + serviceFunding * 3n // + deployer, address(0), assetDeployer
    await (contracts === 'current' ? initializeL1Current : initializeL1)(l1Config, deployment, {
      anchors: { fault: faultAnchor, validity: validityAnchor },
      backing: { fault: l2Genesis, validity: l2Genesis },
    })
    await deployer.settle()

    const urls = { l1: l1Node.url, l2: { [FAULT_CHAIN_ID]: faultNode.url, [VALIDITY_CHAIN_ID]: validityNode.url } }
    const relayerL2s = [deployment.rollups.fault, deployment.rollups.validity].map((r) => ({ chainId: r.chainId, client: l2Clients[r.chainId]!, portal: r.optimismPortal }))
    relayer = new Relayer(l1, relayerL2s, opts.relayerPollMs ?? 250, warn)
    const proposerSigners: Record<number, Signer> = {
      [FAULT_CHAIN_ID]: new Signer(l1, roles.proposer901.privateKey, L1_CHAIN_ID),
      [VALIDITY_CHAIN_ID]: new Signer(l1, roles.proposer902.privateKey, L1_CHAIN_ID),
    }
    const proposerChains = [deployment.rollups.fault, deployment.rollups.validity].map((r) => ({
      chainId: r.chainId,
      l2: l2Clients[r.chainId]!,
      mode: r.portalKind === 'portal5' ? ('current' as const) : r.portalKind === 'portal2' ? ('games' as const) : ('oracle' as const),
      portal: r.optimismPortal,
      disputeGameFactory: r.games?.disputeGameFactory,
      anchorStateRegistry: r.games?.anchorStateRegistry,
      l2OutputOracle: r.l2OutputOracle,
      signer: proposerSigners[r.chainId]!,
      intervalBlocks: proposalIntervalBlocks,
    }))
    clock = new L1Clock(l1, l1BlockTime, warn)
    proposer = new Proposer(l1, clock, proposerChains, opts.proposerPollMs ?? 500, log, warn)
    clock.start()
    relayer.start()
    proposer.start()

    const manifest = buildManifest({ mnemonic, urls, deployment, delays, l2BlockTime, proposalIntervalBlocks, contracts })

    // Phala's assets (PHA, the vPHA vault, the claimers, their L2 tokens) and the claim backend.
    // The relayer and proposer already run, so the deployment's bridging works.
    // ENS on the L1 (its own key), while the Phala assets deploy
    const ens = deployEns({ client: l1, chainId: L1_CHAIN_ID, deployerKey: roles.ensDeployer.privateKey, names: DEVNET_ENS_NAMES(userAccounts(mnemonic)) })
    ens.catch(() => undefined)
    const phala = await deployPhalaAssets({
      l1RpcUrl: urls.l1,
      deployerKey: roles.assetDeployer.privateKey,
      backendSigner: roles.claimSigner.address,
      l2s: [deployment.rollups.fault, deployment.rollups.validity].map((r) => ({ chainId: r.chainId, rpcUrl: (urls.l2 as Record<number, string>)[r.chainId]!, l1StandardBridge: r.l1StandardBridge })),
      phalaL2ChainId: FAULT_CHAIN_ID,
    })
    claimBackend = await startClaimBackend({
      port: ports.claimBackend,
      host: '127.0.0.1',
      signerKey: roles.claimSigner.privateKey,
      snapshot: loadSnapshot(),
      network: 'both',
      claimerAddress: { phala: phala.l1.phalaClaimer, khala: phala.l1.khalaClaimer },
      chainId: L1_CHAIN_ID,
    })
    Object.assign(manifest.l1.contracts, phala.l1)
    const e = await ens
    Object.assign(manifest.l1.contracts, { ensRegistry: e.registry, ensPublicResolver: e.publicResolver, ensReverseRegistrar: e.reverseRegistrar, ensUniversalResolver: e.universalResolver })
    manifest.l1.ensNames = e.names
    for (const l2 of manifest.l2s) Object.assign(l2.l2Contracts, phala.l2[l2.chainId])
    manifest.claimBackend = { url: claimBackend.url, signer: claimBackend.signer, urls: claimBackend.urls }
    manifest.substrateAccounts = substrateAccountsForManifest()

    manifestPath = opts.manifestPath ?? (isDefaultPorts(ports) ? DEFAULT_MANIFEST_PATH : join(here, '.state', `manifest-${ports.l1}.json`))
    mkdirSync(dirname(manifestPath), { recursive: true })
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n')

    const chainHandle = (chainId: number, node: AnvilProcess, client: PublicClient): DevnetChainHandle => ({ chainId, url: node.url, client, pid: node.pid })
    const rollupOf = (chainId: number) => {
      const r = [deployment.rollups.fault, deployment.rollups.validity].find((x) => x.chainId === chainId)
      if (!r) throw new Error(`no L2 with chain id ${chainId} (have ${FAULT_CHAIN_ID}, ${VALIDITY_CHAIN_ID})`)
      return r
    }
    const guardian = new Signer(l1, roles.guardian.privateKey, L1_CHAIN_ID)
    const p = proposer
    const rl = relayer
    const l1Clock = clock
    const ops =
      contracts === 'current'
        ? currentOps({
            l1,
            l2: l2Clients,
            clock: l1Clock,
            proposer: p,
            rollupOf,
            guardian,
            roles: {
              proposer: proposerSigners,
              challengerKey: { [FAULT_CHAIN_ID]: roles.challenger901.privateKey, [VALIDITY_CHAIN_ID]: roles.challenger902.privateKey } as Record<number, Hex>,
            },
            outsider,
          })
        : undefined

    return {
      ...(ops ?? legacyOps()),
      contracts,
      manifest,
      manifestPath,
      ports: { ...ports, claimBackend: Number(new URL(claimBackend.url).port) },
      readyMs: Date.now() - t0,
      l1: chainHandle(L1_CHAIN_ID, l1Node, l1),
      l2: { [FAULT_CHAIN_ID]: chainHandle(FAULT_CHAIN_ID, faultNode, l2Clients[FAULT_CHAIN_ID]!), [VALIDITY_CHAIN_ID]: chainHandle(VALIDITY_CHAIN_ID, validityNode, l2Clients[VALIDITY_CHAIN_ID]!) },
      accounts: userAccounts(mnemonic),
      roles,
      pids: () => nodes.map((n) => n.pid),
      stop,
      async warp(seconds: number) {
        if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`warp: seconds must be a non-negative integer, got ${seconds}`)
        await l1Clock.lock.run(() => warpClocks([l1, ...Object.values(l2Clients)], seconds))
        await p.catchUp()
      },
      waitForProposal: (chainId, l2Block, timeoutMs) => p.waitForProposal(chainId, l2Block, timeoutMs),
      proposeNow: (chainId) => p.proposeNow(chainId),
      async setRespectedGameType(chainId: number, gameType: number) {
        if (ops) return ops.setRespectedGameType(chainId, gameType)
        const r = rollupOf(chainId)
        if (r.portalKind !== 'portal2' || !r.games) throw new Error(`chain ${chainId} runs the legacy OptimismPortal (output oracle): it has no respected game type`)
        if (!r.games.registered[gameType]) {
          throw new Error(`game type ${gameType} has no implementation on chain ${chainId}; registered: ${Object.keys(r.games.registered).join(', ')}`)
        }
        await guardian.call(r.optimismPortal, parseAbi(['function setRespectedGameType(uint32)']), 'setRespectedGameType', [gameType], { gas: 200_000n, label: `setRespectedGameType ${gameType}` })
        await guardian.settle()
        await p.catchUp()
      },
      proposer: { pause: () => p.pause(), resume: () => p.resume(), catchUp: () => p.catchUp() },
      relayer: { pause: () => rl.pause(), resume: () => rl.resume(), flush: (timeoutMs?: number) => rl.flush(timeoutMs) },
    }
  } catch (e) {
    await stop()
    throw e
  }
}

/** The ETH / USD feed at its fixed address with its first round in storage (no transaction: nonces, and so the manifest, stay as they are). */
async function placePriceFeed(l1: PublicClient): Promise<void> {
  const head = await l1.getBlock({ blockTag: 'latest' })
  const slot = (n: number) => toHex(n, { size: 32 })
  await rpc(l1, 'anvil_setCode', [ETH_USD_FEED, devnetContract('DevPriceFeed').deployedBytecode])
  await rpc(l1, 'anvil_setStorageAt', [ETH_USD_FEED, slot(0), toHex(ETH_USD_FIRST_ANSWER, { size: 32 })])
  await rpc(l1, 'anvil_setStorageAt', [ETH_USD_FEED, slot(1), toHex(head.timestamp, { size: 32 })])
  await rpc(l1, 'anvil_setStorageAt', [ETH_USD_FEED, slot(2), toHex(1, { size: 32 })])
}

/** Moves every chain's clock forward by `seconds` and mines one block on each, so the new time is on chain. */
export async function warpClocks(clients: PublicClient[], seconds: number): Promise<void> {
  await Promise.all(
    clients.map(async (c) => {
      await rpc(c, 'evm_increaseTime', [toHex(seconds)])
      await rpc(c, 'evm_mine', [])
    }),
  )
}

export type { L1Deployment } from './deploy/l1.ts'
