// Which proof system an OP Stack rollup uses today, from its L1 portal alone, by probing: the
// portal's version and getters (OptimismPortal2 has a dispute game factory, the legacy portal an
// output oracle), the oracle's getters (uppercase legacy getters, or OP Succinct v3's lowercase
// ones), and the respected game type. Never by chain id: chains change proof systems (Phala did
// four times), and a new chain must work from its portal address.
import { getAddress, zeroAddress, type Address } from 'viem'
import { anchorStateRegistryAbi, disputeGameFactoryAbi, legacyPortalAbi, outputOracleAbi, portal2Abi } from './abis.ts'
import { readMany, value, type Read } from './multicall.ts'
import { sameAddress } from '../util/address.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export type GameFamily = 'permissionless' | 'permissioned' | 'op-succinct' | 'op-succinct-lite' | 'aggregate' | 'unknown'

export interface GameTypeInfo {
  type: number
  family: GameFamily
  /** "permissioned fault proofs (game type 1)" */
  label: string
  /** validity games verify the proof in initialize(): resolved when created */
  resolvesAtCreation: boolean
}

// Game types (OP Stack GameTypes library + OP Succinct + Base). 2/3/8 are fault proofs with other
// VMs (Asterisc, Kona): permissionless like 0. 621 is Base's AggregateVerifier (a proposal backed by
// a TEE and a ZK proof; the game says when it expects to resolve). Super-root (interop) types 4/5
// are not supported.
const FAMILIES: Record<number, { family: GameFamily; name: string }> = {
  0: { family: 'permissionless', name: 'permissionless fault proofs' },
  1: { family: 'permissioned', name: 'permissioned fault proofs' },
  2: { family: 'permissionless', name: 'permissionless fault proofs (Asterisc)' },
  3: { family: 'permissionless', name: 'permissionless fault proofs (Asterisc Kona)' },
  6: { family: 'op-succinct', name: 'OP Succinct validity proofs' },
  8: { family: 'permissionless', name: 'permissionless fault proofs (Kona)' },
  42: { family: 'op-succinct-lite', name: 'OP Succinct Lite (optimistic, ZK fallback)' },
  621: { family: 'aggregate', name: 'aggregate TEE + ZK proofs' },
}

export function gameTypeInfo(type: number): GameTypeInfo {
  const known = FAMILIES[type]
  if (!known) return { type, family: 'unknown', label: `game type ${type}, which this wallet does not know`, resolvesAtCreation: false }
  return { type, family: known.family, label: `${known.name} (game type ${type})`, resolvesAtCreation: known.family === 'op-succinct' }
}

export type ProofSystem =
  | {
      kind: 'dispute-games'
      portal: Address
      portalVersion: string
      factory: Address
      /** portal 4+/5.x keep the respected type, finality delay and retirement here */
      anchorStateRegistry: Address | null
      respectedGameType: number
      game: GameTypeInfo
      /** the implementation the factory creates for the respected type (zero: none registered) */
      gameImplementation: Address
    }
  | {
      kind: 'output-oracle'
      portal: Address
      portalVersion: string
      oracle: Address
      oracleVersion: string | null
      /** OP Succinct's oracle (validity proofs) or the bedrock L2OutputOracle (optimistic) */
      flavor: 'op-succinct' | 'bedrock'
      /** v1/v2 and bedrock answer FINALIZATION_PERIOD_SECONDS(); OP Succinct v3 only the lowercase getters */
      getters: 'uppercase' | 'lowercase'
    }
  | { kind: 'unknown'; portal: Address; portalVersion: string | null; reason: string }

export function describeProofSystem(ps: ProofSystem): string {
  if (ps.kind === 'unknown') return `Unknown proof system: ${ps.reason}`
  if (ps.kind === 'dispute-games') return `OptimismPortal2 ${ps.portalVersion}, ${ps.game.label}`
  const what = ps.flavor === 'op-succinct' ? `OP Succinct output oracle${ps.oracleVersion ? ` ${ps.oracleVersion}` : ''} (validity proofs)` : `L2OutputOracle${ps.oracleVersion ? ` ${ps.oracleVersion}` : ''}`
  return `OptimismPortal ${ps.portalVersion}, ${what}, ${ps.getters === 'uppercase' ? 'uppercase' : 'lowercase (v3)'} getters`
}

const isAddr = (x: unknown): x is Address => typeof x === 'string' && /^0x[0-9a-fA-F]{40}$/.test(x) && !sameAddress(x, zeroAddress)

/** Two eth_calls on L1: the portal's getters, then those of the factory/registry or oracle it names. */
export async function detectProofSystem(client: Pick<RpcClient, 'multicall'>, portalAddress: Address): Promise<ProofSystem> {
  const portal = getAddress(portalAddress)
  const p2 = (functionName: string): Read => ({ address: portal, abi: portal2Abi, functionName })
  const lp = (functionName: string): Read => ({ address: portal, abi: legacyPortalAbi, functionName })
  const [version, dgf, asr, respected, l2Oracle, L2_ORACLE] = await readMany(client, [
    p2('version'),
    p2('disputeGameFactory'),
    p2('anchorStateRegistry'),
    p2('respectedGameType'),
    lp('l2Oracle'),
    lp('L2_ORACLE'),
  ])
  const portalVersion = value<string>(version) ?? null
  if (portalVersion === null) return { kind: 'unknown', portal, portalVersion, reason: `the portal ${portal} does not answer version(): is it an OptimismPortal on this L1?` }

  const factory = value<Address>(dgf)
  if (isAddr(factory)) {
    const registry = value<Address>(asr)
    const anchorStateRegistry = isAddr(registry) ? getAddress(registry) : null
    let respectedGameType = value<number>(respected)
    if (respectedGameType === undefined && anchorStateRegistry) {
      const [r] = await readMany(client, [{ address: anchorStateRegistry, abi: anchorStateRegistryAbi, functionName: 'respectedGameType' }])
      respectedGameType = value<number>(r)
    }
    if (respectedGameType === undefined) return { kind: 'unknown', portal, portalVersion, reason: 'the portal has a dispute game factory but answers no respected game type' }
    const [impl] = await readMany(client, [{ address: factory, abi: disputeGameFactoryAbi, functionName: 'gameImpls', args: [respectedGameType] }])
    return {
      kind: 'dispute-games',
      portal,
      portalVersion,
      factory: getAddress(factory),
      anchorStateRegistry,
      respectedGameType: Number(respectedGameType),
      game: gameTypeInfo(Number(respectedGameType)),
      gameImplementation: value<Address>(impl) ?? zeroAddress,
    }
  }

  const oracleAddress = value<Address>(l2Oracle) ?? value<Address>(L2_ORACLE)
  if (isAddr(oracleAddress)) {
    const oracle = getAddress(oracleAddress)
    const o = (functionName: string): Read => ({ address: oracle, abi: outputOracleAbi, functionName })
    const [ov, upper, lower, vkey] = await readMany(client, [o('version'), o('FINALIZATION_PERIOD_SECONDS'), o('finalizationPeriodSeconds'), o('aggregationVkey')])
    if (!upper.ok && !lower.ok) return { kind: 'unknown', portal, portalVersion, reason: `the output oracle ${oracle} answers neither FINALIZATION_PERIOD_SECONDS() nor finalizationPeriodSeconds()` }
    return {
      kind: 'output-oracle',
      portal,
      portalVersion,
      oracle,
      oracleVersion: value<string>(ov) ?? null,
      flavor: vkey.ok ? 'op-succinct' : 'bedrock',
      getters: upper.ok ? 'uppercase' : 'lowercase',
    }
  }
  return { kind: 'unknown', portal, portalVersion, reason: `OptimismPortal ${portalVersion} names neither a dispute game factory nor an output oracle` }
}
