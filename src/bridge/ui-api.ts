// The bridge screens' calls: the tracked items and their timelines, a tick on demand, the tokens
// of a chain pair, building and sending a flow (the screens prepare each transaction with its fee
// through 'tx.prepare') and what the whole flow costs, prove / finalize, the L2 comparison and
// rediscovery.
import type { Hex } from 'viem'
import type { Handlers } from '../messaging.ts'
import type { UiCallsOf } from '../messages.ts'
import { WalletError } from '../errors.ts'
import { describeProofSystem } from '../rollup/proof-system.ts'
import { compareRollups } from './compare.ts'
import { flowCost } from './cost.ts'
import { receiptOrNull } from './deposit-track.ts'
import { buildFlow, buildStep, flowJson, sendFlowTx, sendStep } from './flows.ts'
import type { BridgeService } from './service.ts'

const step = (s: unknown): 'prove' | 'finalize' => {
  if (s !== 'prove' && s !== 'finalize') throw new WalletError('BAD_PARAMS', 'The step is "prove" or "finalize".')
  return s
}

export function bridgeUiHandlers(svc: BridgeService): Handlers<UiCallsOf<'bridge'>, null> {
  return {
    'bridge.overview': () => svc.overview(),
    'bridge.refresh': async () => {
      await svc.check()
      return svc.overview()
    },
    'bridge.item': ({ id }) => svc.item(String(id)),
    'bridge.tokens': ({ l2ChainId }) => svc.tokens(Number(l2ChainId)),
    'bridge.build': async (intent) => {
      const steps = (await buildFlow(svc, intent)).map(flowJson)
      let exit = null
      if (intent.direction === 'withdraw') {
        try {
          const e = await svc.exitEstimate(Number(intent.l2ChainId))
          exit = { text: e.text, totalSeconds: e.totalSeconds, proveWaitSeconds: e.proveWaitSeconds, finalizeWaitSeconds: e.finalizeWaitSeconds, system: describeProofSystem(e.params.system) }
        } catch (err) {
          exit = { text: `The exit time could not be read: ${(err as Error).message}`, totalSeconds: null, proveWaitSeconds: null, finalizeWaitSeconds: null, system: '' }
        }
      }
      return { steps, exit }
    },
    'bridge.cost': ({ intent, txs }) => flowCost(svc, intent, txs),
    'bridge.send': ({ tx, intent, title }) => sendFlowTx(svc, tx, intent, String(title).slice(0, 80)),
    'bridge.buildStep': async ({ id, step: s }) => ({ tx: flowJson(await buildStep(svc, String(id), step(s))) }),
    'bridge.sendStep': ({ id, step: s, tx }) => sendStep(svc, String(id), step(s), tx),
    'bridge.txStatus': async ({ chainId, hash }) => {
      const n = await svc.wallet.networks.require(Number(chainId))
      const r = await receiptOrNull(svc.client(n), hash as Hex)
      return { status: !r ? 'pending' : r.status === 'success' ? 'success' : 'reverted' }
    },
    'bridge.compare': () => compareRollups(svc),
    'bridge.discover': () => svc.discover(),
  }
}
