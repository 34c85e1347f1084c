// Exit times on the devnet running today's contracts (OptimismPortal2 5.x + AnchorStateRegistry
// doubles), for each proof system a chain runs today (1 permissioned, 8 permissionless Kona, 6 OP
// Succinct validity on 902, 621 AggregateVerifier's fast path) and OP Succinct Lite (42): the
// wallet's prediction of each step against when it really opened, side by side with viem's own
// predictions (getTimeToProve, getTimeToFinalize) made at the same moments for the same withdrawals:
// error in seconds and in % of the predicted wait. `npx tsx bench/exits.ts` prints them.
import { pathToFileURL } from 'node:url'
import { parseEther, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { getTimeToFinalize, getTimeToProve } from 'viem/op-stack'
import { startDevnet, type Devnet } from '../devnet/index.ts'
import { l1Clients } from '../devnet/testing.ts'
import { devnetL2Chain } from '../devnet/viem-chains.ts'
import { ETH_TOKEN, type WithdrawalItem } from '../src/bridge/types.ts'
import { bridgeHarness, measuredWithdrawal, type BridgeHarness } from '../test/integration/bridge-support.ts'
import type { BenchResult } from './keyring.ts'

const DELAYS = { gameClockSeconds: 30, clockExtensionSeconds: 10, proofMaturitySeconds: 20, disputeGameFinalitySeconds: 30, finalizationPeriodSeconds: 30, challengeWindowSeconds: 40, proveWindowSeconds: 60, aggregateFastSeconds: 45, aggregateSlowSeconds: 300 }

const SYSTEMS: { name: string; chainId: number; respect?: number; setup?: (d: Devnet) => void }[] = [
  { name: 'type 1 permissioned (901)', chainId: 901 },
  { name: 'type 6 OP Succinct validity (902)', chainId: 902 },
  { name: 'type 8 permissionless Kona (901)', chainId: 901, respect: 8 },
  { name: 'type 42 OP Succinct Lite (901)', chainId: 901, respect: 42 },
  { name: 'type 621 AggregateVerifier, fast path (901)', chainId: 901, respect: 621, setup: (d) => d.setAggregateProofs(901, 'tee+zk') },
]

/** seconds off and % of the wait (from when the prediction was made to the real opening) */
const err = (predicted: number | null, madeAt: number, opened: number) =>
  predicted === null ? null : { seconds: opened - predicted, percent: Math.round((Math.abs(opened - predicted) / Math.max(1, opened - madeAt)) * 1000) / 10 }

export async function benchExits(): Promise<BenchResult[]> {
  const devnet = await startDevnet({ ports: 'auto', contracts: 'current', l2BlockTime: 1, delays: DELAYS, warn: () => {} })
  const out: BenchResult[] = []
  try {
    await Promise.all([devnet.waitForProposal(901, 21n, 60_000), devnet.waitForProposal(902, 21n, 60_000)])
    let b: BridgeHarness = await bridgeHarness(devnet)
    const from = (await b.h.wallet.state()).selected!
    const l1 = l1Clients(devnet.manifest, privateKeyToAccount(devnet.accounts[0]!.privateKey)).public as unknown as PublicClient
    for (const sys of SYSTEMS) {
      sys.setup?.(devnet)
      if (sys.respect !== undefined) {
        await devnet.setRespectedGameType(sys.chainId, sys.respect)
        await devnet.waitForProposal(sys.chainId, await devnet.l2[sys.chainId]!.client.getBlockNumber(), 90_000)
        await b.svc.params(await b.svc.network(sys.chainId), { fresh: true })
      }
      const targetChain = devnetL2Chain(devnet.manifest, sys.chainId)
      const viemSays: { prove?: { at: number | null; madeAt: number }; finalize?: { at: number | null; madeAt: number } } = {}
      const l1Now = async () => Number((await l1.getBlock()).timestamp)
      const r = await measuredWithdrawal(devnet, b, { direction: 'withdraw', l2ChainId: sys.chainId, token: ETH_TOKEN, amount: parseEther('0.01').toString(), from }, {
        async initiated(w: WithdrawalItem) {
          const madeAt = await l1Now()
          const t = await getTimeToProve(l1 as never, { l2BlockNumber: BigInt(w.l2Block!), targetChain } as never).catch(() => null)
          viemSays.prove = { at: t ? madeAt + t.seconds : null, madeAt }
        },
        async proven(w: WithdrawalItem) {
          const madeAt = await l1Now()
          const t = await getTimeToFinalize(l1 as never, { withdrawalHash: w.message!.withdrawalHash, targetChain } as never).catch(() => null)
          viemSays.finalize = { at: t ? madeAt + t.seconds : null, madeAt }
        },
      })
      b = r.b
      const opened = r.done.opened!
      for (const [step, wallet] of [['ready to prove', r.prove], ['ready to finalize', r.finalize]] as const) {
        const v = step === 'ready to prove' ? viemSays.prove : viemSays.finalize
        const vOpened = step === 'ready to prove' ? opened.prove! : opened.finalize!
        const viem = v ? err(v.at, v.madeAt, vOpened) : null
        out.push({ name: `${sys.name}, ${step}: wallet error (of a ${wallet.wait} s wait)`, value: wallet.seconds, unit: 's', budget: Math.max(Math.ceil(0.1 * wallet.wait), r.intervalSeconds) })
        out.push({ name: `${sys.name}, ${step}: wallet error`, value: wallet.percent, unit: '%', budget: Infinity })
        out.push({ name: `${sys.name}, ${step}: viem's error${viem ? '' : ' (viem gave no answer)'}`, value: viem ? viem.seconds : NaN, unit: 's', budget: Infinity })
        if (viem) out.push({ name: `${sys.name}, ${step}: viem's error`, value: viem.percent, unit: '%', budget: Infinity })
      }
    }
  } finally {
    await devnet.stop()
  }
  return out
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchExits()) console.log(`${String(r.value).padStart(8)} ${r.unit.padEnd(3)} ${r.name}`)
}
