// The PHA migration claim as the background runs it: eligibility of an imported parachain account,
// the approval screen (signed message, backend approval, simulated transaction and its fee), the
// send (never twice), what arrived where, and moving PHA on to Phala L2.
import { decodeFunctionData, getAddress, isAddress, isAddressEqual, type Address, type Hex, type PublicClient } from 'viem'
import { getL2TransactionHashes } from 'viem/op-stack'
import { erc20Abi } from '../abi/erc20.ts'
import type { FeeQuote, PreparedTx } from '../approvals/types.ts'
import { erc20DepositTxs, type FlowTx } from '../bridge/deposit.ts'
import { sendFlowTx } from '../bridge/flows.ts'
import type { BridgeService } from '../bridge/service.ts'
import type { DepositItem } from '../bridge/types.ts'
import { WalletError, toErrorShape } from '../errors.ts'
import { requireSubstrateAccount, type SubstrateAccountInfo } from '../keyring/substrate-accounts.ts'
import { claimMessage } from '../keyring/substrate/message.ts'
import type { ProviderService } from '../provider/service.ts'
import { publicClientFor } from '../rpc/client.ts'
import { prepareTx } from '../tx/prepare.ts'
import { signAndSend } from '../tx/send.ts'
import { Mutex } from '../util/mutex.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { claimerAbi, phaVaultAbi } from './abi.ts'
import { fetchAccount, noBackend, postClaim, type AccountBalances, type BackendTarget } from './backend.ts'
import { checkApproval, claimCalldata, readClaimed, simulateClaim, type ClaimArgs } from './claim-tx.ts'
import { checkNetwork, ClaimConfig, networkLabel, type ClaimDeployment, type ClaimNetwork } from './config.ts'
import { alreadyClaimed, nothingToClaim, pha } from './errors.ts'
import { readPositions, type Positions } from './positions.ts'
import { ClaimRecords, type ClaimRecord, type ClaimSubject } from './records.ts'

/** Longest a call waits for a receipt before answering "still pending" (the UI asks again). */
export const RECEIPT_WAIT_MS = 8_000

export interface ClaimServiceDeps {
  wallet: Wallet
  provider: ProviderService
  deployments: ClaimDeployment[]
  backendTimeoutMs?: number
  /** the bridge tracker: the claim's vPHA deposit and "Move PHA" deposits become tracked deposits */
  bridge?: BridgeService
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

export interface ClaimPreview extends ClaimSubject {
  free: bigint
  staked: bigint
  stakedValue: bigint | null
  /** what is paid on Ethereum, and what is bridged to Phala L2 (Phala claimer with staked vPHA) */
  l1: Arrival
  l2: Arrival | null
  tx: PreparedTx
  fee: FeeQuote | null
  feeError?: string
}

export interface ClaimStatus {
  record: ClaimRecord
  /** claimed(h160) read after the receipt; null while pending or unreadable */
  claimed: boolean | null
}

export class ClaimService {
  readonly config: ClaimConfig
  readonly records: ClaimRecords
  private readonly wallet: Wallet
  private readonly provider: ProviderService
  private readonly backendTimeoutMs?: number
  private readonly bridge?: BridgeService
  private readonly sendMutex = new Mutex()

  constructor(deps: ClaimServiceDeps) {
    this.wallet = deps.wallet
    this.provider = deps.provider
    this.backendTimeoutMs = deps.backendTimeoutMs
    this.bridge = deps.bridge
    this.config = new ClaimConfig(deps.wallet.local, deps.deployments)
    this.records = new ClaimRecords(deps.wallet.local, deps.wallet.session)
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
   * Everything the approval screen shows, with nothing sent: claimed() and the wallet's own record
   * first, the account's balances, the `<Bytes>` signature of "Phala Asset Receiver: <receiver>",
   * the backend's approval checked against the balances, and the claim simulated and priced.
   */
  async prepare(p: { deployment: string; network: ClaimNetwork; account: string; receiver: string }): Promise<ClaimPreview> {
    const { d, network, account } = await this.context(p)
    const receiver = await this.ownAccount(p.receiver)
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
    // the Phala claimer deposits through the portal, whose gas metering is estimated a bit short
    const gas = await simulateClaim(l1, claimer, args, network, bridged ? 20 : 10)
    const tx = await prepareTx(l1, d.l1ChainId, { from: receiver, to: claimer, data: claimCalldata(args), gas })
    const l1Network = await this.wallet.networks.require(d.l1ChainId)
    let fee: FeeQuote | null = null
    let feeError: string | undefined
    try {
      fee = await this.provider.quoteFee(l1Network, l1, tx)
    } catch (err) {
      feeError = toErrorShape(err).message
    }
    const id = globalThis.crypto.randomUUID()
    await this.records.putPrepared(
      { id, deployment: d.id, network, ss58: account.ss58, h160: account.h160, receiver, free: String(args.free), staked: String(args.staked), tx },
      this.wallet.platform.now(),
    )
    const l2Network = bridged ? await this.wallet.networks.get(d.l2ChainId) : undefined
    return {
      id,
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
      tx,
      fee,
      ...(feeError ? { feeError } : {}),
    }
  }

  /** Sends the claim the user approved, once: its record, claimed() and the simulation are checked again first. */
  send(p: { id: string }): Promise<{ hash: Hex }> {
    return this.sendMutex.run(async () => {
      const now = this.wallet.platform.now()
      const prepared = await this.records.takePrepared(String(p?.id), now)
      if (!prepared) throw new WalletError('CLAIM_EXPIRED', 'This claim screen is out of date. Review the claim again before sending it.')
      const d = await this.config.require(prepared.deployment)
      const network = prepared.network
      await this.ownAccount(prepared.receiver)
      await this.refuseIfSent(d, network, prepared.h160)
      const l1 = await this.client(d.l1ChainId)
      const claimer = d.claimers[network]
      if (await this.claimedNow(l1, d, claimer, prepared.h160)) throw alreadyClaimed({ network, h160: prepared.h160 })
      const args = decodeArgs(prepared.tx.data, prepared)
      await simulateClaim(l1, claimer, args, network, 0)
      const bridged = network === 'phala' && args.staked > 0n
      const hash = await signAndSend(this.wallet, this.provider.activity, prepared.tx, {
        title: `Claim ${networkLabel(network)} PHA`,
        origin: 'wallet',
        ...(bridged && this.bridge ? { onSigned: (h: Hex) => this.trackVphaDeposit(d, prepared.receiver, args.staked, h, now) } : {}),
      })
      if (bridged) this.bridge?.schedule(this.wallet.platform.now() + 5000)
      await this.records.add({
        deployment: d.id,
        network,
        h160: prepared.h160,
        ss58: prepared.ss58,
        receiver: prepared.receiver,
        free: prepared.free,
        staked: prepared.staked,
        chainId: d.l1ChainId,
        hash,
        sentAt: now,
        status: 'pending',
      })
      return { hash }
    })
  }

  /** Where a sent claim stands: its receipt, claimed() after it, and the vPHA deposit to Phala L2. */
  async status(p: { hash: string }): Promise<ClaimStatus> {
    let record = (await this.records.list()).find((r) => r.hash.toLowerCase() === String(p?.hash).toLowerCase())
    if (!record) throw new WalletError('UNKNOWN_CLAIM', 'This wallet has not sent that claim.')
    const d = await this.config.require(record.deployment)
    const l1 = await this.client(d.l1ChainId)
    if (record.status === 'pending') {
      const receipt = await l1.waitForTransactionReceipt({ hash: record.hash, timeout: RECEIPT_WAIT_MS, pollingInterval: 500 }).catch(() => null)
      if (!receipt) return { record, claimed: null }
      const ok = receipt.status === 'success'
      const l2Hash = ok ? getL2TransactionHashes({ logs: receipt.logs })[0] : undefined
      record =
        (await this.records.update(record.hash, {
          status: ok ? 'confirmed' : 'failed',
          ...(l2Hash ? { l2Deposit: { chainId: d.l2ChainId, hash: l2Hash, status: 'pending' as const } } : {}),
        })) ?? record
      await this.provider.activity.update(d.l1ChainId, record.hash, { status: ok ? 'confirmed' : 'failed', blockNumber: Number(receipt.blockNumber) })
    }
    if (record.l2Deposit?.status === 'pending') {
      const l2 = await this.client(record.l2Deposit.chainId)
      const arrived = await l2.getTransactionReceipt({ hash: record.l2Deposit.hash }).catch(() => null)
      if (arrived) record = (await this.records.update(record.hash, { l2Deposit: { ...record.l2Deposit, status: 'arrived' } })) ?? record
    }
    const claimed = await readClaimed(l1, d.claimers[record.network], record.h160).catch(() => null)
    return { record, claimed }
  }

  async positions(p: { deployment: string; owner: string }): Promise<Positions> {
    const d = await this.config.require(p.deployment)
    if (typeof p.owner !== 'string' || !isAddress(p.owner, { strict: false })) throw new WalletError('BAD_ADDRESS', 'The account is not an address.')
    return readPositions(d, await this.client(d.l1ChainId), await this.client(d.l2ChainId), getAddress(p.owner))
  }

  /** Approve (when the allowance is short) + depositERC20To through the L1StandardBridge, to the same account on Phala L2. */
  async movePlan(p: { deployment: string; from: string; amount: string }): Promise<FlowTx[]> {
    const d = await this.config.require(p.deployment)
    const from = await this.ownAccount(p.from)
    const amount = parseAmount(p.amount)
    const l2 = await this.wallet.networks.require(d.l2ChainId)
    if (!l2.rollup) throw new WalletError('NO_BRIDGE', `${l2.name} is not set up as a rollup of Ethereum in this wallet.`)
    const l1 = await this.client(d.l1ChainId)
    const [balance, allowance] = await Promise.all([
      l1.readContract({ address: d.pha.l1, abi: erc20Abi, functionName: 'balanceOf', args: [from] }),
      l2.rollup.l1StandardBridge
        ? l1.readContract({ address: d.pha.l1, abi: erc20Abi, functionName: 'allowance', args: [from, l2.rollup.l1StandardBridge] })
        : Promise.resolve(0n),
    ])
    if (amount > balance) throw new WalletError('INSUFFICIENT_PHA', `This account has ${pha(balance)} on Ethereum, less than the ${pha(amount)} to move.`)
    return erc20DepositTxs(l2.rollup, { l1Token: d.pha.l1, l2Token: d.pha.l2, to: from, amount, allowance, symbol: 'PHA', l2Name: l2.name })
  }

  /**
   * Sends one transaction of a "Move PHA" plan (the approval or the deposit). With the bridge
   * tracker, through its flow sender: checked against the flow, the deposit tracked from its signature.
   */
  async moveSend(p: { deployment: string; from: string; amount: string; tx: PreparedTx; title: string }): Promise<{ hash: Hex; tracked: boolean }> {
    const d = await this.config.require(p.deployment)
    const from = await this.ownAccount(p.from)
    const amount = parseAmount(p.amount)
    const l2 = await this.wallet.networks.require(d.l2ChainId)
    const bridge = l2.rollup?.l1StandardBridge
    const to = p.tx?.to ? getAddress(p.tx.to) : null
    if (!p.tx || p.tx.chainId !== d.l1ChainId || getAddress(p.tx.from) !== from || (to !== d.pha.l1 && to !== bridge)) {
      throw new WalletError('BAD_PARAMS', 'This is not a transaction of moving PHA to Phala L2.')
    }
    const title = String(p.title).slice(0, 80)
    if (!this.bridge) return { hash: await signAndSend(this.wallet, this.provider.activity, p.tx, { title, origin: 'wallet' }), tracked: false }
    const token = { symbol: 'PHA', decimals: 18, l1: d.pha.l1, l2: d.pha.l2 }
    const sent = await sendFlowTx(this.bridge, p.tx, { direction: 'deposit', l2ChainId: d.l2ChainId, token, amount: String(amount), from }, title)
    return { hash: sent.hash, tracked: sent.id !== null }
  }

  /** A receipt, waited for a few seconds; with the L2 deposit transactions it started (bridge deposits). */
  async waitTx(p: { chainId: number; hash: string }): Promise<{ status: 'pending' | 'confirmed' | 'failed'; l2Deposits: Hex[] }> {
    const client = await this.client(p.chainId)
    const receipt = await client.waitForTransactionReceipt({ hash: p.hash as Hex, timeout: RECEIPT_WAIT_MS, pollingInterval: 500 }).catch(() => null)
    if (!receipt) return { status: 'pending', l2Deposits: [] }
    const ok = receipt.status === 'success'
    await this.provider.activity.update(p.chainId, p.hash as Hex, { status: ok ? 'confirmed' : 'failed', blockNumber: Number(receipt.blockNumber) })
    return { status: ok ? 'confirmed' : 'failed', l2Deposits: ok ? getL2TransactionHashes({ logs: receipt.logs }) : [] }
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
    await this.bridge!.store.add([item], { replace: true })
  }

  private async context(p: { deployment: string; network: ClaimNetwork; account: string }): Promise<{ d: ClaimDeployment; network: ClaimNetwork; account: SubstrateAccountInfo }> {
    const d = await this.config.require(p?.deployment)
    const network = checkNetwork(p.network)
    const account = requireSubstrateAccount(await this.wallet.keyring.substrateAccounts(), p.account)
    return { d, network, account }
  }

  private backend(d: ClaimDeployment, network: ClaimNetwork): BackendTarget {
    if (!d.backends[network]) throw noBackend(network)
    return { url: d.backends[network], network, ...(this.backendTimeoutMs ? { timeoutMs: this.backendTimeoutMs } : {}) }
  }

  private async client(chainId: number): Promise<PublicClient> {
    return publicClientFor(await this.wallet.networks.require(chainId))
  }

  private async ownAccount(address: string): Promise<Address> {
    const { accounts } = await this.wallet.state()
    const hit = typeof address === 'string' ? accounts.find((a) => a.address.toLowerCase() === address.toLowerCase()) : undefined
    if (!hit) throw new WalletError('UNKNOWN_ACCOUNT', `${String(address)} is not an account of this wallet: choose one of yours to receive the PHA.`)
    return getAddress(hit.address)
  }

  private async refuseIfSent(d: ClaimDeployment, network: ClaimNetwork, h160: Address): Promise<void> {
    const sent = await this.records.find(d.id, network, h160)
    if (sent?.status === 'pending') {
      throw new WalletError('CLAIM_PENDING', `A claim for this account was already sent (${sent.hash}) and is waiting to be confirmed. Nothing was sent again.`)
    }
    if (sent?.status === 'confirmed') throw alreadyClaimed({ network, h160 })
  }

  private async claimedNow(l1: PublicClient, d: ClaimDeployment, claimer: Address, h160: Address): Promise<boolean> {
    try {
      return await readClaimed(l1, claimer, h160)
    } catch (err) {
      throw new WalletError('L1_UNAVAILABLE', `${chainMessage(d, err)} Nothing was sent; try again.`)
    }
  }

  private stakedValue(l1: PublicClient, d: ClaimDeployment, shares: bigint): Promise<bigint> {
    return l1.readContract({ address: d.vpha.l1, abi: phaVaultAbi, functionName: 'convertToAssets', args: [shares] })
  }
}

function chainMessage(d: ClaimDeployment, err: unknown): string {
  return `Ethereum (chain ${d.l1ChainId}) could not be read: ${toErrorShape(err).message}.`
}

function parseAmount(v: unknown): bigint {
  if (typeof v !== 'string' || !/^\d{1,78}$/.test(v) || BigInt(v) === 0n) throw new WalletError('BAD_AMOUNT', 'Enter an amount above zero.')
  return BigInt(v)
}

/** The prepared transaction is what gets signed: its arguments are read back from its own calldata. */
function decodeArgs(data: Hex, p: { h160: Address; receiver: Address; free: string; staked: string }): ClaimArgs {
  const { functionName, args } = decodeFunctionData({ abi: claimerAbi, data })
  const [h160, free, staked, receiver, signature] = (functionName === 'claim' ? args : []) as Partial<[Address, bigint, bigint, Address, Hex]>
  if (!h160 || !receiver || !signature || !isAddressEqual(h160, p.h160) || !isAddressEqual(receiver, p.receiver) || free !== BigInt(p.free) || staked !== BigInt(p.staked)) {
    throw new WalletError('CLAIM_EXPIRED', 'This claim screen does not match its transaction. Review the claim again before sending it.')
  }
  return { h160, free, staked, receiver, signature }
}
