// The PHA migration claim as the background runs it: eligibility of an imported parachain account,
// the claim itself (a flow: src/claim/flow-kind.ts — signed message, backend approval, simulated
// transaction and its fee, sent once), what arrived where, and the records that keep a claim from
// being sent twice. Moving PHA on to Phala L2 is a bridge deposit flow (src/bridge/flow-kinds.ts).
import { decodeFunctionData, getAddress, type Address, type Hex, type TransactionReceipt } from 'viem'
import { getL2TransactionHashes } from 'viem/op-stack'
import type { BridgeStore } from '../bridge/store.ts'
import type { DepositItem } from '../bridge/types.ts'
import { WalletError, toErrorShape } from '../errors.ts'
import { requireSubstrateAccount, type SubstrateAccountInfo } from '../keyring/substrate-accounts.ts'
import { claimMessage } from '../keyring/substrate/message.ts'
import type { TxPipeline } from '../tx/pipeline.ts'
import { receiptOrNull } from '../chains/receipt.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { sameAddress } from '../util/address.ts'
import { claimerAbi, phaVaultAbi } from './abi.ts'
import { fetchAccount, noBackend, postClaim, type AccountBalances, type BackendTarget } from './backend.ts'
import { checkApproval, claimCalldata, readClaimed, simulateClaim, type ClaimArgs } from './claim-tx.ts'
import { checkNetwork, ClaimConfig, type ClaimDeployment, type ClaimNetwork } from './config.ts'
import { alreadyClaimed, nothingToClaim } from './errors.ts'
import { readPositions, type Positions } from './positions.ts'
import { ClaimRecords, type ClaimRecord, type ClaimSubject } from './records.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export interface ClaimServiceDeps {
  wallet: Wallet
  pipeline: TxPipeline
  deployments: ClaimDeployment[]
  backendTimeoutMs?: number
  /** the bridge tracker: the claim's vPHA deposit becomes a tracked deposit */
  bridge?: { store: BridgeStore; schedule(when: number): void }
}

export interface Eligibility extends AccountBalances {
  deployment: string
  network: ClaimNetwork
  ss58: string
  h160: Address
  /** PHA the staked vPHA is worth now (vault convertToAssets); null when Ethereum cannot be read */
  stakedValue: bigint | null
  /** claimed(h160) on the claimer; null when Ethereum cannot be read */
  claimed: boolean | null
  chainError?: string
  /** the claim this wallet sent for the account, if any */
  record: ClaimRecord | null
}

export interface Arrival {
  chainId: number
  chainName: string
  receiver: Address
  pha: bigint
  vpha: bigint
}

/** What the claim flow shows beside its one step: what arrives where. */
export interface ClaimPreview extends Omit<ClaimSubject, 'id'> {
  free: bigint
  staked: bigint
  stakedValue: bigint | null
  /** what is paid on Ethereum, and what is bridged to Phala L2 (Phala claimer with staked vPHA) */
  l1: Arrival
  l2: Arrival | null
}

/** The claim flow's intent. */
export interface ClaimIntent {
  deployment: string
  network: ClaimNetwork
  account: string
  receiver: string
}

export interface ClaimStatus {
  record: ClaimRecord
  /** claimed(h160) read after the receipt; null while pending or unreadable */
  claimed: boolean | null
}

export class ClaimService {
  readonly config: ClaimConfig
  readonly records: ClaimRecords
  readonly wallet: Wallet
  readonly pipeline: TxPipeline
  private readonly backendTimeoutMs?: number
  readonly bridge?: ClaimServiceDeps['bridge']

  constructor(deps: ClaimServiceDeps) {
    this.wallet = deps.wallet
    this.pipeline = deps.pipeline
    this.backendTimeoutMs = deps.backendTimeoutMs
    this.bridge = deps.bridge
    this.config = new ClaimConfig(deps.wallet.local, deps.deployments)
    this.records = new ClaimRecords(deps.wallet.local)
  }

  async eligibility(p: { deployment: string; network: ClaimNetwork; account: string }): Promise<Eligibility> {
    const { d, network, account } = await this.context(p)
    const l1 = await this.client(d.l1ChainId)
    const claimer = d.claimers[network]
    const backend = this.backend(d, network)
    const [balances, claimed] = await Promise.allSettled([fetchAccount(backend, account.ss58), readClaimed(l1, claimer, account.h160)])
    if (balances.status === 'rejected') throw balances.reason
    let stakedValue: bigint | null = 0n
    let chainError = claimed.status === 'rejected' ? chainMessage(d, claimed.reason) : undefined
    if (balances.value.staked > 0n) {
      stakedValue = await this.stakedValue(l1, d, balances.value.staked).catch((err) => {
        chainError ??= chainMessage(d, err)
        return null
      })
    }
    return {
      deployment: d.id,
      network,
      ss58: account.ss58,
      h160: account.h160,
      ...balances.value,
      stakedValue,
      claimed: claimed.status === 'fulfilled' ? claimed.value : null,
      ...(chainError ? { chainError } : {}),
      record: (await this.records.find(d.id, network, account.h160)) ?? null,
    }
  }

  /**
   * Everything the claim's review shows, with nothing sent: claimed() and the wallet's own record
   * first, the account's balances, the `<Bytes>` signature of "Phala Asset Receiver: <receiver>",
   * the backend's approval checked against the balances, and the claim simulated. The flow prepares
   * the returned call with its fee.
   */
  async review(p: ClaimIntent): Promise<{ preview: ClaimPreview; claimer: Address; data: Hex; from: Address }> {
    const { d, network, account } = await this.context(p)
    const receiver = await this.wallet.ownAccount(p.receiver)
    const backend = this.backend(d, network)
    await this.refuseIfSent(d, network, account.h160)
    const l1 = await this.client(d.l1ChainId)
    const claimer = d.claimers[network]
    if (await this.claimedNow(l1, d, claimer, account.h160)) throw alreadyClaimed({ network, h160: account.h160 })
    const balances = await fetchAccount(backend, account.ss58)
    if (balances.free === 0n && balances.staked === 0n) throw nothingToClaim(network)

    const signature = await this.wallet.keyring.signSubstrateMessage(account.publicKey, claimMessage(network, receiver))
    const approval = checkApproval(await postClaim(backend, { address: account.ss58, signature, receiver }), { h160: account.h160, ...balances })
    const args: ClaimArgs = { h160: account.h160, free: approval.free, staked: approval.staked, receiver, signature: approval.signature }
    const bridged = network === 'phala' && args.staked > 0n
    await simulateClaim(l1, claimer, args, network)
    const l1Network = await this.wallet.networks.require(d.l1ChainId)
    const l2Network = bridged ? await this.wallet.networks.get(d.l2ChainId) : undefined
    const preview: ClaimPreview = {
      deployment: d.id,
      network,
      ss58: account.ss58,
      h160: account.h160,
      receiver,
      free: args.free,
      staked: args.staked,
      stakedValue: args.staked > 0n ? await this.stakedValue(l1, d, args.staked).catch(() => null) : 0n,
      l1: { chainId: d.l1ChainId, chainName: l1Network.name, receiver, pha: args.free, vpha: bridged ? 0n : args.staked },
      l2: bridged ? { chainId: d.l2ChainId, chainName: l2Network?.name ?? `chain ${d.l2ChainId}`, receiver, pha: 0n, vpha: args.staked } : null,
    }
    return { preview, claimer, data: claimCalldata(args), from: receiver }
  }

  /** Right before the claim is signed: still this wallet's account, not sent before, not claimed, and it still simulates. */
  async recheck(intent: { deployment: string; network: ClaimNetwork; h160: Address; receiver: Address; free: string; staked: string }, data: Hex): Promise<ClaimArgs> {
    const d = await this.config.require(intent.deployment)
    await this.wallet.ownAccount(intent.receiver)
    await this.refuseIfSent(d, intent.network, intent.h160)
    const l1 = await this.client(d.l1ChainId)
    const claimer = d.claimers[intent.network]
    if (await this.claimedNow(l1, d, claimer, intent.h160)) throw alreadyClaimed({ network: intent.network, h160: intent.h160 })
    const args = decodeArgs(data, intent)
    await simulateClaim(l1, claimer, args, intent.network)
    return args
  }

  /** The claim was signed: recorded (so it is never sent twice) and its vPHA deposit tracked. */
  async onSigned(p: { deployment: string; network: ClaimNetwork; h160: Address; ss58: string; receiver: Address; free: string; staked: string }, hash: Hex): Promise<void> {
    const d = await this.config.require(p.deployment)
    const now = this.wallet.platform.now()
    if (p.network === 'phala' && BigInt(p.staked) > 0n) await this.trackVphaDeposit(d, p.receiver, BigInt(p.staked), hash, now)
    await this.records.add({ deployment: d.id, network: p.network, h160: p.h160, ss58: p.ss58, receiver: p.receiver, free: p.free, staked: p.staked, chainId: d.l1ChainId, hash, sentAt: now, status: 'pending' })
  }

  /** The claim's receipt: its record follows, with the L2 deposit it started. */
  async onMined(deployment: string, receipt: Pick<TransactionReceipt, 'status' | 'logs' | 'transactionHash'>): Promise<void> {
    const d = await this.config.require(deployment)
    const ok = receipt.status === 'success'
    const l2Hash = ok ? getL2TransactionHashes({ logs: receipt.logs as never })[0] : undefined
    await this.records.update(receipt.transactionHash, { status: ok ? 'confirmed' : 'failed', ...(l2Hash ? { l2Deposit: { chainId: d.l2ChainId, hash: l2Hash, status: 'pending' as const } } : {}) })
    if (l2Hash) this.bridge?.schedule(this.wallet.platform.now() + 5000)
  }

  /** Where a sent claim stands: its receipt, claimed() after it, and the vPHA deposit to Phala L2. */
  async status(p: { hash: string }): Promise<ClaimStatus> {
    let record = (await this.records.list()).find((r) => r.hash.toLowerCase() === String(p.hash).toLowerCase())
    if (!record) throw new WalletError('UNKNOWN_CLAIM', 'This wallet has not sent that claim.')
    const d = await this.config.require(record.deployment)
    const l1 = await this.client(d.l1ChainId)
    if (record.status === 'pending') {
      const receipt = await receiptOrNull(l1, record.hash).catch(() => null)
      if (!receipt) return { record, claimed: null }
      await this.onMined(record.deployment, receipt)
      record = (await this.records.list()).find((r) => r.hash === record!.hash) ?? record
    }
    if (record.l2Deposit?.status === 'pending') {
      const l2 = await this.client(record.l2Deposit.chainId)
      const arrived = await receiptOrNull(l2, record.l2Deposit.hash).catch(() => null)
      if (arrived) record = (await this.records.update(record.hash, { l2Deposit: { ...record.l2Deposit, status: 'arrived' } })) ?? record
    }
    const claimed = await readClaimed(l1, d.claimers[record.network], record.h160).catch(() => null)
    return { record, claimed }
  }

  async positions(p: { deployment: string; owner: string }): Promise<Positions> {
    const d = await this.config.require(p.deployment)
    return readPositions(d, await this.client(d.l1ChainId), await this.client(d.l2ChainId), getAddress(p.owner))
  }

  // ------------------------------------------------------------------ internals

  private async trackVphaDeposit(d: ClaimDeployment, receiver: Address, staked: bigint, hash: Hex, now: number): Promise<void> {
    const item: DepositItem = {
      kind: 'deposit',
      id: `${d.l2ChainId}:${hash}`,
      l1ChainId: d.l1ChainId,
      l2ChainId: d.l2ChainId,
      account: receiver,
      to: receiver,
      token: { symbol: 'vPHA', decimals: 18, l1: d.vpha.l1, l2: d.vpha.l2 },
      amount: staked.toString(),
      l1Hash: hash,
      createdAt: now,
      status: 'pending',
    }
    await this.bridge?.store.add([item], { replace: true })
  }

  async context(p: { deployment: string; network: ClaimNetwork; account: string }): Promise<{ d: ClaimDeployment; network: ClaimNetwork; account: SubstrateAccountInfo }> {
    const d = await this.config.require(p.deployment)
    const network = checkNetwork(p.network)
    const account = requireSubstrateAccount(await this.wallet.keyring.substrateAccounts(), p.account)
    return { d, network, account }
  }

  private backend(d: ClaimDeployment, network: ClaimNetwork): BackendTarget {
    if (!d.backends[network]) throw noBackend(network)
    return { url: d.backends[network], network, ...(this.backendTimeoutMs ? { timeoutMs: this.backendTimeoutMs } : {}) }
  }

  private async client(chainId: number): Promise<RpcClient> {
    return this.pipeline.client(await this.pipeline.network(chainId))
  }

  private async refuseIfSent(d: ClaimDeployment, network: ClaimNetwork, h160: Address): Promise<void> {
    const sent = await this.records.find(d.id, network, h160)
    if (sent?.status === 'pending') {
      throw new WalletError('CLAIM_PENDING', `A claim for this account was already sent (${sent.hash}) and is waiting to be confirmed. Nothing was sent again.`)
    }
    if (sent?.status === 'confirmed') throw alreadyClaimed({ network, h160 })
  }

  private async claimedNow(l1: RpcClient, d: ClaimDeployment, claimer: Address, h160: Address): Promise<boolean> {
    try {
      return await readClaimed(l1, claimer, h160)
    } catch (err) {
      throw new WalletError('L1_UNAVAILABLE', `${chainMessage(d, err)} Nothing was sent; try again.`)
    }
  }

  private stakedValue(l1: RpcClient, d: ClaimDeployment, shares: bigint): Promise<bigint> {
    return l1.readContract({ address: d.vpha.l1, abi: phaVaultAbi, functionName: 'convertToAssets', args: [shares] })
  }
}

function chainMessage(d: ClaimDeployment, err: unknown): string {
  return `Ethereum (chain ${d.l1ChainId}) could not be read: ${toErrorShape(err).message}.`
}

/** The prepared transaction is what gets signed: its arguments are read back from its own calldata. */
function decodeArgs(data: Hex, p: { h160: Address; receiver: Address; free: string; staked: string }): ClaimArgs {
  const { functionName, args } = decodeFunctionData({ abi: claimerAbi, data })
  const [h160, free, staked, receiver, signature] = (functionName === 'claim' ? args : []) as Partial<[Address, bigint, bigint, Address, Hex]>
  if (!h160 || !receiver || !signature || !sameAddress(h160, p.h160) || !sameAddress(receiver, p.receiver) || free !== BigInt(p.free) || staked !== BigInt(p.staked)) {
    throw new WalletError('CLAIM_EXPIRED', 'This claim screen does not match its transaction. Review the claim again before sending it.')
  }
  return { h160, free, staked, receiver, signature }
}
