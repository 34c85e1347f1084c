// Adds an OP Stack rollup from one address: its OptimismPortal on L1. Everything else is read
// from chain: the SystemConfig (from the portal), the L1StandardBridge, the messenger, the dispute
// game factory or output oracle (from the SystemConfig and the portal), and the L2 chain id (from
// the SystemConfig or the respected game when they say it, and from the L2 RPC). The L2 RPC is
// then checked against L1: its bridge and messenger predeploys must point back to the L1
// contracts found here, so an RPC of another chain cannot be attached to this portal.
// Which proof system the rollup uses and its delays are not decided here (src/rollup).
import { getAddress, isAddress, parseAbi, zeroAddress, type Address } from 'viem'
import { WalletError } from '../errors.ts'
import { L1_BLOCK, L2_CROSS_DOMAIN_MESSENGER, L2_STANDARD_BRIDGE } from './predeploys.ts'
import { publicClientFor } from './rpc-client.ts'
import { isRpcUrl } from './store.ts'
import { ETH, type Network, type RollupInfo } from './types.ts'
import { sameAddress } from '../util/address.ts'
import type { RpcClient } from './rpc-client.ts'

const portalAbi = parseAbi([
  'function version() view returns (string)',
  'function systemConfig() view returns (address)',
  'function SYSTEM_CONFIG() view returns (address)',
  'function disputeGameFactory() view returns (address)',
  'function respectedGameType() view returns (uint32)',
  'function l2Oracle() view returns (address)',
  'function L2_ORACLE() view returns (address)',
])
const systemConfigAbi = parseAbi([
  'function version() view returns (string)',
  'function optimismPortal() view returns (address)',
  'function l1StandardBridge() view returns (address)',
  'function l1CrossDomainMessenger() view returns (address)',
  'function disputeGameFactory() view returns (address)',
  'function l2OutputOracle() view returns (address)',
  'function l2ChainId() view returns (uint256)',
])
const factoryAbi = parseAbi(['function gameImpls(uint32) view returns (address)'])
const gameAbi = parseAbi(['function l2ChainId() view returns (uint256)'])
const otherBridgeAbi = parseAbi(['function otherBridge() view returns (address)', 'function OTHER_BRIDGE() view returns (address)'])
const otherMessengerAbi = parseAbi(['function otherMessenger() view returns (address)', 'function OTHER_MESSENGER() view returns (address)'])
const l1BlockAbi = parseAbi(['function number() view returns (uint64)'])

export const DISCOVER_TIMEOUT_MS = 10_000
/** L1 blocks (about a day) the L2's L1Block may lag before the check warns. */
export const L1_ORIGIN_LAG_WARN_BLOCKS = 7200n

export interface DiscoveryCheck {
  id: 'portal' | 'systemConfig' | 'bridge' | 'chainId' | 'l2Bridge' | 'l2Messenger' | 'l1Origin'
  /** true: confirmed; false: contradicts (the rollup cannot be added); null: could not tell */
  ok: boolean | null
  text: string
}

export interface DiscoveredRollup {
  l1ChainId: number
  portal: Address
  portalVersion: string | null
  systemConfig: Address
  systemConfigVersion: string | null
  l1StandardBridge: Address | null
  l1CrossDomainMessenger: Address | null
  disputeGameFactory: Address | null
  l2OutputOracle: Address | null
  /** what L1 says the L2 chain id is (SystemConfig.l2ChainId() or the respected game's), if it says */
  l2ChainIdFromL1: number | null
  /** what the L2 RPC says, when one was given */
  l2: { rpcUrl: string; chainId: number; blockTimeSeconds: number } | null
  /** the chain id to add it under, when known */
  l2ChainId: number | null
  checks: DiscoveryCheck[]
  /** no check contradicts and the chain id is known */
  ok: boolean
}

type Read = <T>(address: Address, abi: readonly unknown[], functionName: string, args?: readonly unknown[]) => Promise<T | null>

function reader(client: RpcClient): Read {
  return <T>(address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[] = []) =>
    (client.readContract({ address, abi: abi as typeof portalAbi, functionName: functionName as 'version', args: args as [] }) as Promise<T>).then(
      (v) => v,
      () => null,
    )
}

/** Several getters of one contract at once (one JSON-RPC batch); null for each that fails. */
function readEach(read: Read, address: Address, abi: readonly unknown[], names: string[]): Promise<unknown[]> {
  return Promise.all(names.map((n) => read<unknown>(address, abi, n)))
}

const real = (a: Address | null): Address | null => (a && a !== zeroAddress ? getAddress(a) : null)
const eq = (a: string | null, b: string | null) => !!a && !!b && sameAddress(a, b)

export async function discoverRollup(l1: Network, portalInput: string, opts: { l2RpcUrl?: string; timeoutMs?: number } = {}): Promise<DiscoveredRollup> {
  if (!isAddress(portalInput, { strict: false })) throw new WalletError('BAD_ADDRESS', 'The portal address is not an address (0x followed by 40 hex digits).')
  if (l1.rollup) throw new WalletError('NOT_AN_L1', `${l1.name} is itself a rollup: choose the chain the portal is deployed on.`)
  if (opts.l2RpcUrl !== undefined && !isRpcUrl(opts.l2RpcUrl)) throw new WalletError('BAD_RPC_URL', `"${opts.l2RpcUrl}" is not an http(s) URL.`)
  const timeoutMs = opts.timeoutMs ?? DISCOVER_TIMEOUT_MS
  const portal = getAddress(portalInput)
  const l1Client = publicClientFor(l1, { timeoutMs })
  const read = reader(l1Client)
  const checks: DiscoveryCheck[] = []

  // the L2 side runs alongside the L1 reads
  const l2Side = opts.l2RpcUrl ? readL2(opts.l2RpcUrl, timeoutMs) : Promise.resolve(null)
  l2Side.catch(() => undefined)

  // 1. the portal
  const [code, l1Head, portalReads] = await Promise.all([
    l1Client.getCode({ address: portal }).catch((err: unknown) => {
      throw new WalletError('RPC_DOWN', `${l1.name} did not answer (${(err as Error).message.split('\n')[0]}); check its RPC URL.`)
    }),
    l1Client.getBlockNumber().catch(() => null),
    readEach(read, portal, portalAbi, ['version', 'systemConfig', 'SYSTEM_CONFIG', 'disputeGameFactory', 'respectedGameType', 'l2Oracle', 'L2_ORACLE']),
  ])
  const [portalVersion, sc1, sc2, pDgf, respected, oracle1, oracle2] = portalReads as [string | null, Address | null, Address | null, Address | null, number | null, Address | null, Address | null]
  if (!code || code === '0x') throw new WalletError('NOT_A_PORTAL', `There is no contract at ${portal} on ${l1.name}.`)
  const systemConfig = real(sc1) ?? real(sc2)
  if (!systemConfig) throw new WalletError('NOT_A_PORTAL', `${portal} on ${l1.name} does not look like an OptimismPortal: it names no SystemConfig.`)
  checks.push({ id: 'portal', ok: true, text: `OptimismPortal${pDgf ? '2' : ''}${portalVersion ? ` ${portalVersion}` : ''} at ${portal}` })

  // 2. the SystemConfig (and the respected game implementation, when there is a factory)
  const factoryFromPortal = real(pDgf)
  const [scReads, gameImpl] = await Promise.all([
    readEach(read, systemConfig, systemConfigAbi, ['optimismPortal', 'version', 'l1StandardBridge', 'l1CrossDomainMessenger', 'disputeGameFactory', 'l2OutputOracle', 'l2ChainId']),
    factoryFromPortal && respected !== null ? read<Address>(factoryFromPortal, factoryAbi, 'gameImpls', [respected]) : Promise.resolve(null),
  ])
  const [scPortal, scVersion, bridge, messenger, scDgf, scOracle, scChainId] = scReads as [Address | null, string | null, Address | null, Address | null, Address | null, Address | null, bigint | null]
  if (scPortal === null) checks.push({ id: 'systemConfig', ok: null, text: `SystemConfig ${systemConfig} does not say which portal it belongs to.` })
  else if (!eq(scPortal, portal)) checks.push({ id: 'systemConfig', ok: false, text: `SystemConfig ${systemConfig} belongs to another portal (${scPortal}).` })
  else checks.push({ id: 'systemConfig', ok: true, text: `SystemConfig${scVersion ? ` ${scVersion}` : ''} at ${systemConfig} points back to the portal` })

  const l1StandardBridge = real(bridge)
  checks.push(
    l1StandardBridge
      ? { id: 'bridge', ok: true, text: `L1StandardBridge at ${l1StandardBridge}` }
      : { id: 'bridge', ok: null, text: 'The SystemConfig names no L1StandardBridge: tokens cannot be bridged from this wallet.' },
  )
  const disputeGameFactory = factoryFromPortal ?? real(scDgf)
  const l2OutputOracle = real(oracle1) ?? real(oracle2) ?? (factoryFromPortal ? null : real(scOracle))

  // 3. the chain id, as L1 knows it
  let l2ChainIdFromL1: number | null = scChainId !== null && scChainId > 0n ? Number(scChainId) : null
  const impl = real(gameImpl)
  if (l2ChainIdFromL1 === null && impl) {
    const id = await read<bigint>(impl, gameAbi, 'l2ChainId')
    if (id !== null && id > 0n) l2ChainIdFromL1 = Number(id)
  }

  // 4. the L2 RPC, checked against L1
  let l2: DiscoveredRollup['l2'] = null
  const l1CrossDomainMessenger = real(messenger)
  if (opts.l2RpcUrl) {
    let side: Awaited<ReturnType<typeof readL2>>
    try {
      side = (await l2Side)!
    } catch (err) {
      throw new WalletError('RPC_DOWN', `The L2 RPC ${opts.l2RpcUrl} did not answer (${(err as Error).message.split('\n')[0]}).`)
    }
    l2 = { rpcUrl: opts.l2RpcUrl, chainId: side.chainId, blockTimeSeconds: side.blockTimeSeconds }
    if (l2ChainIdFromL1 !== null && l2ChainIdFromL1 !== side.chainId) {
      checks.push({ id: 'chainId', ok: false, text: `L1 says this rollup is chain ${l2ChainIdFromL1}, but the RPC serves chain ${side.chainId}.` })
    } else {
      checks.push({ id: 'chainId', ok: true, text: `Chain ${side.chainId}${l2ChainIdFromL1 !== null ? ', as L1 says' : ' (from the RPC)'}` })
    }
    checks.push(
      side.otherBridge === null
        ? { id: 'l2Bridge', ok: null, text: 'The L2StandardBridge predeploy did not say which L1 bridge it pairs with.' }
        : eq(side.otherBridge, l1StandardBridge)
          ? { id: 'l2Bridge', ok: true, text: 'The L2StandardBridge pairs with this L1StandardBridge' }
          : { id: 'l2Bridge', ok: false, text: `The L2's bridge pairs with ${side.otherBridge}, not with this rollup's L1StandardBridge: the RPC belongs to another rollup.` },
    )
    checks.push(
      side.otherMessenger === null
        ? { id: 'l2Messenger', ok: null, text: 'The L2CrossDomainMessenger predeploy did not say which L1 messenger it pairs with.' }
        : eq(side.otherMessenger, l1CrossDomainMessenger)
          ? { id: 'l2Messenger', ok: true, text: 'The L2CrossDomainMessenger pairs with the L1 messenger' }
          : { id: 'l2Messenger', ok: false, text: `The L2's messenger pairs with ${side.otherMessenger}, not with this rollup's L1CrossDomainMessenger.` },
    )
    if (side.l1Origin === null || l1Head === null) checks.push({ id: 'l1Origin', ok: null, text: "Could not read the L2's view of L1 (L1Block.number())." })
    else if (side.l1Origin > l1Head) checks.push({ id: 'l1Origin', ok: false, text: `The L2 follows L1 block ${side.l1Origin}, ahead of ${l1.name} (${l1Head}): it settles elsewhere.` })
    else if (l1Head - side.l1Origin > L1_ORIGIN_LAG_WARN_BLOCKS) checks.push({ id: 'l1Origin', ok: null, text: `The L2's last seen L1 block is ${l1Head - side.l1Origin} blocks old: the rollup may be stalled.` })
    else checks.push({ id: 'l1Origin', ok: true, text: `The L2 follows ${l1.name} (L1 block ${side.l1Origin})` })
  } else if (l2ChainIdFromL1 !== null) {
    checks.push({ id: 'chainId', ok: true, text: `Chain ${l2ChainIdFromL1} (from L1); give an L2 RPC URL to check it` })
  } else {
    checks.push({ id: 'chainId', ok: null, text: 'L1 does not say the L2 chain id: give the L2 RPC URL.' })
  }

  const l2ChainId = l2?.chainId ?? l2ChainIdFromL1
  return {
    l1ChainId: l1.chainId,
    portal,
    portalVersion,
    systemConfig,
    systemConfigVersion: scVersion,
    l1StandardBridge,
    l1CrossDomainMessenger,
    disputeGameFactory,
    l2OutputOracle,
    l2ChainIdFromL1,
    l2,
    l2ChainId,
    checks,
    ok: l2ChainId !== null && checks.every((c) => c.ok !== false),
  }
}

async function readL2(rpcUrl: string, timeoutMs: number) {
  const probe: Network = { chainId: 0, name: 'L2', nativeCurrency: ETH, rpcUrls: [rpcUrl], blockTimeSeconds: 2, source: 'user' }
  const client = publicClientFor(probe, { timeoutMs })
  const read = reader(client)
  const [chainId, latest, [bridge1, bridge2], [msg1, msg2], l1Origin] = await Promise.all([
    client.getChainId(),
    client.getBlock({ blockTag: 'latest' }),
    readEach(read, L2_STANDARD_BRIDGE, otherBridgeAbi, ['otherBridge', 'OTHER_BRIDGE']) as Promise<(Address | null)[]>,
    readEach(read, L2_CROSS_DOMAIN_MESSENGER, otherMessengerAbi, ['otherMessenger', 'OTHER_MESSENGER']) as Promise<(Address | null)[]>,
    read<bigint>(L1_BLOCK, l1BlockAbi, 'number'),
  ])
  // the median of the last few block intervals (a young chain's first blocks may share a second)
  const back = [1n, 2n, 3n, 4n].filter((k) => k <= latest.number)
  const earlier = await Promise.all(back.map((k) => client.getBlock({ blockNumber: latest.number - k }).catch(() => null)))
  const times = [latest, ...earlier].filter((b): b is NonNullable<typeof b> => !!b).map((b) => Number(b.timestamp))
  const gaps = times.slice(1).map((t, i) => times[i] - t).sort((a, b) => a - b)
  const blockTimeSeconds = gaps.length ? Math.max(1, gaps[Math.floor(gaps.length / 2)]) : 2
  return { chainId, blockTimeSeconds, otherBridge: real(bridge1) ?? real(bridge2), otherMessenger: real(msg1) ?? real(msg2), l1Origin }
}

/** The RollupInfo of a discovered rollup, as a Network stores it. */
export function rollupInfoOf(d: DiscoveredRollup): RollupInfo {
  return {
    stack: 'op',
    l1ChainId: d.l1ChainId,
    portal: d.portal,
    systemConfig: d.systemConfig,
    ...(d.l1StandardBridge ? { l1StandardBridge: d.l1StandardBridge } : {}),
    ...(d.disputeGameFactory ? { disputeGameFactory: d.disputeGameFactory } : {}),
    ...(d.l2OutputOracle ? { l2OutputOracle: d.l2OutputOracle } : {}),
  }
}
