// The claim page's calls ('claim.*'): deployments and their backends, the eligibility of an
// imported parachain account, what it holds now, and a sent claim's progress. The claim itself and
// "Move PHA to Phala L2" are flows ('flows.*': kinds 'claim' and 'bridge').
import * as v from 'valibot'
import type { Handlers } from '../wire/messaging.ts'
import { address, call, hash, none, text, type CallsOf } from '../wire/contract.ts'
import { toWire, type Wire } from '../util/wire.ts'
import type { Wallet } from '../wallet/wallet.ts'
import type { ClaimDeployment } from './config.ts'
import type { Positions } from './positions.ts'
import type { ClaimService, ClaimStatus, Eligibility } from './service.ts'

export const claimNetwork = v.picklist(['phala', 'khala'], 'expected "phala" or "khala"')
const deployment = text(100)

export const claimContracts = {
  'claim.deployments': call(none).returns<{ deployments: ClaimDeployment[]; suggested: string | null }>(),
  'claim.setBackend': call(v.object({ deployment, network: claimNetwork, url: text(2000) })).returns<ClaimDeployment>(),
  'claim.eligibility': call(v.object({ deployment, network: claimNetwork, account: text(100) })).returns<Wire<Eligibility>>(),
  'claim.status': call(v.object({ hash }), { passive: true }).returns<Wire<ClaimStatus>>(),
  'claim.positions': call(v.object({ deployment, owner: address }), { passive: true }).returns<Wire<Positions>>(),
}
export type ClaimCalls = CallsOf<typeof claimContracts>

export function claimHandlers(wallet: Wallet, claims: ClaimService): Handlers<ClaimCalls> {
  return {
    'claim.deployments': async () => {
      const deployments = await claims.config.list()
      const active = (await wallet.settings()).activeChainId
      const suggested = deployments.find((d) => d.l1ChainId === active || d.l2ChainId === active) ?? deployments[0]
      return { deployments, suggested: suggested?.id ?? null }
    },
    'claim.setBackend': ({ deployment, network, url }) => claims.config.setBackend(deployment, network, url),
    'claim.eligibility': async (p) => toWire(await claims.eligibility(p)),
    'claim.status': async (p) => toWire(await claims.status(p)),
    'claim.positions': async (p) => toWire(await claims.positions(p)),
  }
}
