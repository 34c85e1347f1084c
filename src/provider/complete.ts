// What happens when the user approves: each kind of request carried out from its stored payload
// alone (no closures survive a service-worker restart), re-checking what may have changed while
// the window was open (permissions, lock state, the active chain, the account's nonce).
import { getAddress, type Address } from 'viem'
import type { ApprovalDecision, PendingApproval } from '../approvals/types.ts'
import type { UserTokenStore } from '../tokens/user-tokens.ts'
import type { TxPipeline } from '../tx/pipeline.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { toEip2255, type PermissionStore } from './permissions.ts'
import { rpcError } from './rpc-errors.ts'
import { withApprovalAmount } from '../simulate/edit.ts'

/** What carrying out an approval needs of the provider. */
export interface ApprovalContext {
  readonly wallet: Wallet
  readonly permissions: PermissionStore
  readonly pipeline: TxPipeline
  readonly tokens: UserTokenStore
  accountsFor(origin: string): Promise<Address[]>
  pushAccountsChanged(origin?: string): Promise<void>
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
      await svc.pushAccountsChanged(origin)
      return r.method === 'eth_requestAccounts' ? svc.accountsFor(origin) : [toEip2255(origin, grant)]
    }
    case 'switchChain':
      await w.switchChain(r.chainId)
      return null
    case 'addChain':
      await w.networks.put({ ...r.network, ...(r.opStack ? { opStack: true } : {}) })
      await w.switchChain(r.network.chainId)
      return null
    case 'personalSign': {
      await svc.permissions.require(origin, r.address)
      const signer = await w.keyring.getSigner(r.address)
      return signer.signMessage({ message: { raw: r.message } })
    }
    case 'typedData': {
      await svc.permissions.require(origin, r.address)
      const active = await w.activeNetwork()
      if (r.domainChainId !== null && r.domainChainId !== active.chainId) {
        throw rpcError.invalidParams(`the active chain changed to ${active.name} while this request waited; the typed data is for chain ${r.domainChainId}.`)
      }
      const signer = await w.keyring.getSigner(r.address)
      // viem checks the typed data against its own types while signing
      return signer.signTypedData(r.typedData as Parameters<typeof signer.signTypedData>[0])
    }
    case 'sendTx': {
      await svc.permissions.require(origin, r.tx.from)
      // the user lowered the approval's amount in the window: the same call with that amount
      const tx = decision.approveAmount === undefined ? r.tx : { ...r.tx, data: withApprovalAmount(r.tx.data, BigInt(decision.approveAmount)) }
      return svc.pipeline.send(tx, { title: r.decoded ? (r.decoded.title ?? r.decoded.functionName) : r.tx.to ? 'Send' : 'Deploy contract', origin })
    }
    case 'watchAsset':
      await svc.tokens.add({ chainId: r.chainId, address: r.address, symbol: r.symbol, name: r.name, decimals: r.decimals, image: r.image, addedAt: now, source: origin })
      return true
  }
}
