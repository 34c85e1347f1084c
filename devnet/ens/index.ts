// ENS on the devnet's L1: a registry, a public resolver, a reverse registrar and a universal
// resolver (the devnet's own Solidity in ./contracts, written from the EIPs' and the ENS docs'
// interfaces), so the wallet resolves names and shows primary names exactly as on mainnet, through
// viem's getEnsAddress / getEnsName. The deployer (its own key, nothing else signs with it) also acts
// as the .eth registrar: it registers the names asked for, points them at their addresses, sets each
// one's reverse record (primary name) and hands the name to its address. Addresses follow from the
// deployer's nonces, so a fresh devnet always gets the same ones.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { labelhash, namehash, zeroHash, type Address, type Hex, type PublicClient } from 'viem'
import { compileSolidityDir, type CompiledContract } from '../lib/solidity.ts'
import { Signer } from '../lib/tx.ts'

const dir = join(dirname(fileURLToPath(import.meta.url)), 'contracts')

export type EnsContractName = 'DevEnsRegistry' | 'DevPublicResolver' | 'DevReverseRegistrar' | 'DevUniversalResolver'

export function ensContracts(): Record<EnsContractName, CompiledContract> {
  const c = compileSolidityDir(dir)
  return { DevEnsRegistry: c.DevEnsRegistry, DevPublicResolver: c.DevPublicResolver, DevReverseRegistrar: c.DevReverseRegistrar, DevUniversalResolver: c.DevUniversalResolver }
}

export interface EnsDeployment {
  registry: Address
  publicResolver: Address
  reverseRegistrar: Address
  universalResolver: Address
  /** name -> address, each with its reverse record (primary name) set */
  names: Record<string, Address>
}

/** The names every devnet has: alice.eth is test account 5 (a recipient no test sends from). */
export const DEVNET_ENS_NAMES = (accounts: { address: Address }[]): Record<string, Address> => ({ 'alice.eth': accounts[5]!.address })

export async function deployEns(opts: { client: PublicClient; chainId: number; deployerKey: Hex; names: Record<string, Address> }): Promise<EnsDeployment> {
  const c = ensContracts()
  const d = new Signer(opts.client, opts.deployerKey, opts.chainId)
  const registry = await d.deploy(c.DevEnsRegistry, [], 'ENS registry')
  const publicResolver = await d.deploy(c.DevPublicResolver, [registry], 'ENS public resolver')
  const reverseRegistrar = await d.deploy(c.DevReverseRegistrar, [registry, publicResolver], 'ENS reverse registrar')
  const universalResolver = await d.deploy(c.DevUniversalResolver, [registry], 'ENS universal resolver')
  const R = c.DevEnsRegistry.abi
  const gas = { gas: 300_000n }
  await d.call(registry, R, 'setSubnodeOwner', [zeroHash, labelhash('reverse'), d.address], { ...gas, label: 'reverse' })
  await d.call(registry, R, 'setSubnodeOwner', [namehash('reverse'), labelhash('addr'), reverseRegistrar], { ...gas, label: 'addr.reverse' })
  await d.call(registry, R, 'setSubnodeOwner', [zeroHash, labelhash('eth'), d.address], { ...gas, label: 'eth' })
  for (const [name, address] of Object.entries(opts.names)) {
    const [label, ...rest] = name.split('.')
    if (rest.join('.') !== 'eth' || !label) throw new Error(`deployEns: only <label>.eth names, not ${name}`)
    const node = namehash(name)
    await d.call(registry, R, 'setSubnodeRecord', [namehash('eth'), labelhash(label), d.address, publicResolver, 0n], { ...gas, label: `${name} record` })
    await d.call(publicResolver, c.DevPublicResolver.abi, 'setAddr', [node, address], { ...gas, label: `${name} addr` })
    await d.call(reverseRegistrar, c.DevReverseRegistrar.abi, 'setNameForAddr', [address, address, publicResolver, name], { gas: 500_000n, label: `${name} reverse` })
    await d.call(registry, R, 'setOwner', [node, address], { ...gas, label: `${name} owner` })
  }
  await d.settle()
  return { registry, publicResolver, reverseRegistrar, universalResolver, names: { ...opts.names } }
}
