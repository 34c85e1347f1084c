// What happens when the user approves: each kind of request carried out from its stored payload
// alone (no closures survive a service-worker restart), re-checking what may have changed while
// the window was open (permissions, lock state, the site's chain, the account's nonce).
import { getAddress, type Address } from 'viem'
import type { ApprovalDecision, PendingApproval } from '../approvals/types.ts'
import type { UserTokenStore } from '../tokens/user-tokens.ts'
import type { TxPipeline } from '../tx/pipeline.ts'
import type { Network } from '../chains/types.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { BATCH_STATUS, type BatchRunner, type BatchStore } from './batches.ts'
import { toEip2255, type PermissionStore } from './permissions.ts'
import { rpcError } from './rpc-errors.ts'
import { withApprovalAmount } from '../simulate/edit.ts'
import { replacedBy } from './site-tx.ts'
import { WalletError } from '../errors.ts'
import { applyFeeChoice, feesOf, meetsFloor } from '../tx/fee-levels.ts'

const belowFloor = () => new WalletError('BELOW_REPLACEMENT_MINIMUM', 'A replacement must pay at least 10% more than the transaction it replaces, on the max fee and on the priority fee; the node would refuse it. Raise the fees.')

/** What carrying out an approval needs of the provider. */
export interface ApprovalContext {
  readonly wallet: Wallet
  readonly permissions: PermissionStore
  readonly pipeline: TxPipeline
  readonly tokens: UserTokenStore
  readonly batches: BatchStore
  readonly batchRunner: BatchRunner
  accountsFor(origin: string): Promise<Address[]>
  pushAccountsChanged(origin?: string): Promise<void>
  /** the site's chain (its own, or the wallet's while it has none) */
  networkFor(origin: string): Promise<Network>
  /** makes a chain the site's own, approved for it */
  setSiteChain(origin: string, chainId: number): Promise<void>
  /** a site was just connected: it keeps its current chain */
  onConnected(origin: string): Promise<void>
}

export async function completeApproval(svc: ApprovalContext, item: PendingApproval, decision: ApprovalDecision & { approved: true }): Promise<unknown> {
  const w = svc.wallet
  const origin = item.requester.origin
  const now = w.platform.now()
  const r = item.request
  switch (r.kind) {
    case 'connect': {
      const state = await w.state()
      if (!state.unlocked) throw rpcError.unauthorized('Unlock the wallet to connect.')
      const visible = state.accounts.filter((a) => !a.hidden).map((a) => a.address)
      const existing = (await svc.permissions.get(origin))?.accounts ?? []
      const wanted = decision.accounts?.length ? decision.accounts : existing.length ? existing : state.selected ? [state.selected] : []
      const chosen = wanted.map((a) => getAddress(a)).filter((a) => visible.includes(a))
      if (!chosen.length) throw rpcError.invalidParams('choose at least one account to connect.')
      const grant = await svc.permissions.grant(origin, chosen, now)
      await svc.onConnected(origin)
      await svc.pushAccountsChanged(origin)
      return r.method === 'eth_requestAccounts' ? svc.accountsFor(origin) : [toEip2255(origin, grant)]
    }
    case 'switchChain':
      // the site's chain only: other sites and the wallet keep theirs
      await svc.setSiteChain(origin, r.chainId)
      return null
    case 'addChain':
      await w.networks.put({ ...r.network, ...(r.opStack ? { opStack: true } : {}) })
      await svc.setSiteChain(origin, r.network.chainId)
      return null
    case 'personalSign': {
      await svc.permissions.require(origin, r.address)
      const signer = await w.keyring.getSigner(r.address)
      return signer.signMessage({ message: { raw: r.message } })
    }
    case 'typedData': {
      await svc.permissions.require(origin, r.address)
      const site = await svc.networkFor(origin)
      if (r.domainChainId !== null && r.domainChainId !== site.chainId) {
        throw rpcError.invalidParams(`the site's chain changed to ${site.name} while this request waited; the typed data is for chain ${r.domainChainId}.`)
      }
      const signer = await w.keyring.getSigner(r.address)
      // viem checks the typed data against its own types while signing
      return signer.signTypedData(r.typedData as Parameters<typeof signer.signTypedData>[0])
    }
    case 'sendTx': {
      await svc.permissions.require(origin, r.tx.from)
      // the fees (gas limit, nonce) the user chose in the window are what is signed
      // and the approval amount the user lowered there: the same call with that amount
      const chosen = decision.fees ? applyFeeChoice(r.tx, decision.fees) : r.tx
      const tx = decision.approveAmount === undefined ? chosen : { ...chosen, data: withApprovalAmount(chosen.data, BigInt(decision.approveAmount)) }
      const replaces = tx.nonce === r.tx.nonce && tx.keepNonce === r.tx.keepNonce ? (r.replaces ?? null) : await replacedBy(svc.pipeline, tx)
      if (replaces && !meetsFloor(feesOf(tx), replaces.floor)) throw belowFloor()
      return svc.pipeline.send(tx, { title: r.decoded ? (r.decoded.title ?? r.decoded.functionName) : r.tx.to ? (r.tx.data === '0x' ? 'Send' : 'Contract call') : 'Deploy contract', origin, ...(replaces ? { replacement: { of: replaces.hash, kind: 'custom' as const } } : {}) })
    }
    case 'replaceTx': {
      const original = await svc.pipeline.activity.get(r.original.chainId, r.original.hash)
      if (!original) throw new WalletError('UNKNOWN_TX', 'The transaction is no longer in the activity list.')
      if (r.mode !== 'resend' && original.status !== 'pending') {
        throw new WalletError('NOT_PENDING', `While this window was open the transaction was ${original.status === 'replaced' ? 'replaced' : original.status === 'dropped' ? 'dropped' : 'mined'}: there is nothing to ${r.mode === 'cancel' ? 'cancel' : 'speed up'}.`)
      }
      await w.ownAccount(r.tx.from)
      // a replacement keeps its nonce: only the fees (and the gas limit of a speed-up) are the user's
      const { nonce: _nonce, ...fees } = decision.fees ?? {}
      if (r.mode === 'cancel') delete fees.gas
      const tx = applyFeeChoice(r.tx, fees)
      if (r.floor && !meetsFloor(feesOf(tx), r.floor)) throw belowFloor()
      const hash = await svc.pipeline.send(tx, { title: r.title, origin: original.origin, replacement: { of: original.hash, kind: r.mode } })
      if (r.mode === 'resend') await svc.pipeline.activity.update(original.chainId, original.hash, { replacedBy: hash })
      return hash
    }
    case 'sendCalls': {
      await svc.permissions.require(origin, r.from)
      const n = r.calls.length
      await svc.batches.add({
        id: r.batchId,
        origin,
        chainId: r.chainId,
        from: r.from,
        version: r.version,
        createdAt: now,
        status: BATCH_STATUS.pending,
        ...(decision.feeLevel === 'low' || decision.feeLevel === 'aggressive' ? { feeLevel: decision.feeLevel } : {}),
        calls: r.calls.map((c, i) => ({
          to: c.to,
          value: c.value,
          data: c.data,
          title: `${c.decoded ? (c.decoded.title ?? c.decoded.functionName) : c.to ? (c.data === '0x' ? 'Send' : 'Contract call') : 'Deploy contract'} (${i + 1} of ${n})`,
          status: 'queued' as const,
        })),
      })
      // sent in the background, one call after another; the site follows with wallet_getCallsStatus
      void svc.batchRunner.start(r.batchId)
      return r.version === '1.0' ? r.batchId : { id: r.batchId }
    }
    case 'watchAsset':
      await svc.tokens.add({ chainId: r.chainId, address: r.address, symbol: r.symbol, name: r.name, decimals: r.decimals, image: r.image, addedAt: now, source: origin })
      return true
  }
}
