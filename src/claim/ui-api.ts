// The claim page's calls (UiCalls 'substrate.*' and 'claim.*' in messages.ts). Substrate secrets
// only come in (import); signing happens inside ClaimService with a message it builds itself.
import type { Handlers } from '../messaging.ts'
import type { UiCallsOf } from '../messages.ts'
import { WalletError } from '../errors.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { checkNetwork } from './config.ts'
import type { ClaimService } from './service.ts'
import { toWire } from './wire.ts'

export function claimUiHandlers(wallet: Wallet, claims: ClaimService): Handlers<UiCallsOf<'substrate' | 'claim'>, null> {
  const kr = wallet.keyring
  return {
    'substrate.list': () => kr.substrateAccounts(),
    'substrate.import': (input) => kr.importSubstrateAccount(input),
    'substrate.remove': ({ account }) => kr.removeSubstrateAccount(String(account)),

    'claim.deployments': async () => {
      const deployments = await claims.config.list()
      const active = (await wallet.settings()).activeChainId
      const suggested = deployments.find((d) => d.l1ChainId === active || d.l2ChainId === active) ?? deployments[0]
      return { deployments, suggested: suggested?.id ?? null }
    },
    'claim.setBackend': ({ deployment, network, url }) => claims.config.setBackend(String(deployment), checkNetwork(network), String(url ?? '')),
    'claim.eligibility': async (p) => toWire(await claims.eligibility(p)),
    'claim.prepare': async (p) => toWire(await claims.prepare(p)),
    'claim.send': (p) => claims.send(p),
    'claim.status': async (p) => toWire(await claims.status(p)),
    'claim.positions': async (p) => toWire(await claims.positions(p)),
    'claim.movePlan': async (p) => toWire(await claims.movePlan(p)),
    'claim.moveSend': (p) => claims.moveSend(p),
    'claim.waitTx': (p) => {
      if (!Number.isSafeInteger(p?.chainId) || typeof p.hash !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(p.hash)) throw new WalletError('BAD_PARAMS', 'A chain id and a transaction hash are needed.')
      return claims.waitTx(p)
    },
  }
}
