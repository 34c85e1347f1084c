// Phala assets of the local devnet: PHA and the vPHA vault on L1, the two claimers funded for the
// snapshot, and PHA/vPHA on every L2 as bedrock's OptimismMintableERC20 paired through the standard
// bridge. Every address is a CREATE2 address (fixed init code and salt), so a fresh devnet always gets
// the same manifest; re-running on a chain where they exist only completes what is missing.
import { createPublicClient, createWalletClient, encodeDeployData, http, isAddressEqual, parseEther, zeroAddress, type Abi, type Address, type Hex, type PublicClient, type WalletClient } from 'viem'
import { revertReason } from '../lib/tx.ts'
import { privateKeyToAccount } from 'viem/accounts'
import { bedrockArtifact } from '../lib/solidity.ts'
import { phalaContracts } from './contracts.ts'
import { create2Address, deployCreate2, ensureCreate2Factory } from './create2.ts'
import { loadSnapshot, snapshotTotals, type ClaimSnapshot } from './snapshot.ts'

export { phalaContracts } from './contracts.ts'
export { loadSnapshot, findAccount, snapshotTotals, substrateAccountsForManifest, SNAPSHOT_FILE, type ClaimSnapshot, type SnapshotAccount, type ClaimNetworkName } from './snapshot.ts'

/** L2StandardBridge predeploy: the `bridge` of every OptimismMintableERC20 on an OP Stack L2. */
export const L2_STANDARD_BRIDGE: Address = '0x4200000000000000000000000000000000000010'
export const PHA_SUPPLY = parseEther('1000000000')
/** Staked into the vault at deployment, then rewards on top: share price 1.19 (Phala's was about 1.19 at the snapshot). */
export const VAULT_SEED_ASSETS = parseEther('1000000')
export const VAULT_SEED_REWARDS = parseEther('190000')
export const DEFAULT_UNLOCK_PERIOD = 21 * 24 * 3600
export const DEFAULT_MAX_UNLOCK_REQUESTS = 50n
export const DEFAULT_BRIDGE_GAS_LIMIT = 200_000

export interface DeployPhalaAssetsOptions {
  l1RpcUrl: string
  deployerKey: Hex
  /** the claim backend's signer, trusted by both claimers */
  backendSigner: Address
  l2s: { chainId: number; rpcUrl: string; l1StandardBridge: Address }[]
  /** the L2 the Phala claimer bridges staked vPHA to */
  phalaL2ChainId: number
  unlockPeriodSeconds?: number
  snapshot?: ClaimSnapshot
  bridgeMinGasLimit?: number
}

export interface PhalaAssets {
  l1: { pha: Address; vpha: Address; phalaClaimer: Address; khalaClaimer: Address }
  l2: Record<number, { pha: Address; vpha: Address }>
}

interface Chain {
  rpcUrl: string
  client: PublicClient
  wallet: WalletClient
}

function connect(rpcUrl: string, key: Hex): Chain {
  const transport = http(rpcUrl, { timeout: 30_000 })
  return {
    rpcUrl,
    // anvil answers at once; viem's default 4 s receipt polling would dominate an L2 with block times
    client: createPublicClient({ transport, pollingInterval: 100, cacheTime: 0 }) as PublicClient,
    wallet: createWalletClient({ account: privateKeyToAccount(key), transport }),
  }
}

async function write(c: Chain, address: Address, abi: Abi, functionName: string, args: unknown[]): Promise<void> {
  const account = c.wallet.account!
  // headroom over the estimate: the vault writes the block's timestamp, which the estimate may not see change
  const gas = ((await c.client.estimateContractGas({ account, address, abi, functionName, args })) * 12n) / 10n
  const hash = await c.wallet.writeContract({ account, chain: null, address, abi, functionName, args, gas })
  const receipt = await c.client.waitForTransactionReceipt({ hash })
  if (receipt.status !== 'success') {
    const why = await revertReason(c.client, hash)
    throw new Error(`${functionName} on ${address} reverted (tx ${hash}, gas used ${receipt.gasUsed} of ${gas})${why ? `: ${why}` : ''}`)
  }
}

function read<T>(c: Chain, address: Address, abi: Abi, functionName: string, args: unknown[] = []): Promise<T> {
  return c.client.readContract({ address, abi, functionName, args }) as Promise<T>
}

async function requireFunds(c: Chain, what: string): Promise<void> {
  const balance = await c.client.getBalance({ address: c.wallet.account!.address })
  if (balance === 0n) throw new Error(`the deployer ${c.wallet.account!.address} has no ETH on ${what} (${c.rpcUrl}): fund it before deploying the Phala assets`)
}

/** Init code of the L2 representation of an L1 token. */
function l2TokenInitCode(remoteToken: Address, name: string, symbol: string): Hex {
  const a = bedrockArtifact('OptimismMintableERC20')
  return encodeDeployData({ abi: a.abi, bytecode: a.bytecode, args: [L2_STANDARD_BRIDGE, remoteToken, name, symbol, 18] })
}

export async function deployPhalaAssets(opts: DeployPhalaAssetsOptions): Promise<PhalaAssets> {
  const snapshot = opts.snapshot ?? loadSnapshot()
  const c = phalaContracts()
  const l1 = connect(opts.l1RpcUrl, opts.deployerKey)
  const deployer = l1.wallet.account!.address
  await requireFunds(l1, 'L1')
  await ensureCreate2Factory(l1.client, l1.rpcUrl)

  const pha = await deployCreate2(l1.client, l1.wallet, encodeDeployData({ abi: c.PhalaToken.abi, bytecode: c.PhalaToken.bytecode, args: [deployer, PHA_SUPPLY] }), 'PHA')
  const vpha = await deployCreate2(
    l1.client,
    l1.wallet,
    encodeDeployData({
      abi: c.PhaVault.abi,
      bytecode: c.PhaVault.bytecode,
      args: [pha, deployer, 0n, BigInt(opts.unlockPeriodSeconds ?? DEFAULT_UNLOCK_PERIOD), DEFAULT_MAX_UNLOCK_REQUESTS, 0n],
    }),
    'vPHA',
  )
  const phalaClaimer = await deployCreate2(
    l1.client,
    l1.wallet,
    encodeDeployData({ abi: c.PhalaClaimer.abi, bytecode: c.PhalaClaimer.bytecode, args: [pha, vpha, deployer, opts.backendSigner, zeroAddress, zeroAddress, 0] }),
    'PhalaClaimer',
  )
  const khalaClaimer = await deployCreate2(
    l1.client,
    l1.wallet,
    encodeDeployData({ abi: c.KhalaClaimer.abi, bytecode: c.KhalaClaimer.bytecode, args: [pha, vpha, deployer, opts.backendSigner] }),
    'KhalaClaimer',
  )

  // L2 tokens: the same init code on every L2, hence the same addresses
  const l2PhaInit = l2TokenInitCode(pha, 'Phala Token', 'PHA')
  const l2VphaInit = l2TokenInitCode(vpha, 'Vault PHA', 'vPHA')
  const l2: PhalaAssets['l2'] = {}
  await Promise.all(
    opts.l2s.map(async (chain) => {
      const c2 = connect(chain.rpcUrl, opts.deployerKey)
      await requireFunds(c2, `L2 ${chain.chainId}`)
      await ensureCreate2Factory(c2.client, c2.rpcUrl)
      l2[chain.chainId] = {
        pha: await deployCreate2(c2.client, c2.wallet, l2PhaInit, 'L2 PHA'),
        vpha: await deployCreate2(c2.client, c2.wallet, l2VphaInit, 'L2 vPHA'),
      }
    }),
  )

  // the Phala claimer bridges staked vPHA to the Phala L2 (without L2s, staked claims revert InvalidBridgeConfig)
  const phalaL2 = opts.l2s.find((x) => x.chainId === opts.phalaL2ChainId)
  if (opts.l2s.length > 0 && !phalaL2) throw new Error(`deployPhalaAssets: phalaL2ChainId ${opts.phalaL2ChainId} is not among the L2s`)
  if (phalaL2) {
    const want = { bridge: phalaL2.l1StandardBridge, token: create2Address(l2VphaInit, 'L2 vPHA'), gas: opts.bridgeMinGasLimit ?? DEFAULT_BRIDGE_GAS_LIMIT }
    const [bridge, token, gas] = await read<[Address, Address, number]>(l1, phalaClaimer, c.PhalaClaimer.abi, 'bridgeConfig')
    if (!isAddressEqual(bridge, want.bridge) || !isAddressEqual(token, want.token) || gas !== want.gas) {
      await write(l1, phalaClaimer, c.PhalaClaimer.abi, 'setBridgeConfig', [want.bridge, want.token, want.gas])
    }
  }

  // a share price above 1, as on mainnet: stake, then add rewards at once
  if ((await read<bigint>(l1, vpha, c.PhaVault.abi, 'totalSupply')) === 0n) {
    await write(l1, pha, c.PhalaToken.abi, 'approve', [vpha, VAULT_SEED_ASSETS + VAULT_SEED_REWARDS])
    await write(l1, vpha, c.PhaVault.abi, 'deposit', [VAULT_SEED_ASSETS, deployer])
    await write(l1, vpha, c.PhaVault.abi, 'distributeRewards', [VAULT_SEED_REWARDS])
  }

  // fund each claimer once with the free PHA and the staked vPHA of its snapshot
  for (const [network, claimer, abi] of [['phala', phalaClaimer, c.PhalaClaimer.abi], ['khala', khalaClaimer, c.KhalaClaimer.abi]] as const) {
    if (await read<boolean>(l1, claimer, abi, 'deposited')) continue
    const { free, staked } = snapshotTotals(snapshot, network)
    if (staked > 0n) {
      // a margin over the preview, should rewards accrue between the preview and the mint
      const cost = await read<bigint>(l1, vpha, c.PhaVault.abi, 'previewMint', [staked])
      await write(l1, pha, c.PhalaToken.abi, 'approve', [vpha, cost + cost / 100n])
      await write(l1, vpha, c.PhaVault.abi, 'mint', [staked, deployer])
      await write(l1, vpha, c.PhaVault.abi, 'approve', [claimer, staked])
    }
    await write(l1, pha, c.PhalaToken.abi, 'approve', [claimer, free])
    await write(l1, claimer, abi, 'deposit', [free, staked])
  }

  return { l1: { pha, vpha, phalaClaimer, khalaClaimer }, l2 }
}
