// The claim as a flow (src/flows): one step on Ethereum, reviewed before it is signed. Planning it
// signs the claim message with the Substrate key, asks the backend's approval, checks it and
// simulates the claim (ClaimService.review); confirming re-checks everything that may have changed
// (claimed() meanwhile, a claim already sent) and simulates again; the signature records the claim
// and tracks the vPHA deposit it starts; the receipt updates the record.
import type { Hex } from 'viem'
import type { Flow, FlowKind } from '../flows/types.ts'
import type { Wire } from '../util/wire.ts'
import { toWire } from '../util/wire.ts'
import { networkLabel } from './config.ts'
import type { ClaimIntent, ClaimPreview, ClaimService } from './service.ts'

export type ClaimSummary = Wire<ClaimPreview>
export type ClaimFlow = Flow<ClaimIntent, ClaimSummary>

export function claimFlowKind(claims: ClaimService): FlowKind<ClaimIntent, ClaimSummary> {
  const subject = (f: ClaimFlow) => {
    const s = f.summary!
    return { deployment: s.deployment, network: s.network, h160: s.h160, ss58: s.ss58, receiver: s.receiver, free: s.free, staked: s.staked }
  }
  return {
    kind: 'claim',
    async plan(intent) {
      const r = await claims.review(intent)
      return {
        from: r.from,
        steps: [{ role: 'claim', label: `Claim ${networkLabel(r.preview.network)} PHA`, chainId: r.preview.l1.chainId, call: { to: r.claimer, data: r.data, value: '0' } }],
        summary: toWire(r.preview),
      }
    },
    async build(flow) {
      const call = flow.steps[0].call!
      return { chainId: flow.steps[0].chainId, from: flow.from, to: call.to, data: call.data, value: 0n }
    },
    async beforeSend(flow) {
      await claims.recheck(subject(flow), flow.steps[0].call!.data)
    },
    sendMeta(flow, _index, setTracked) {
      let signed: Hex | null = null
      return {
        title: flow.steps[0].label,
        onSigned: async (hash) => {
          signed = hash
          await claims.onSigned(subject(flow), hash)
          // the staked vPHA bridged to Phala L2 is tracked as a deposit under this id
          if (flow.summary!.l2) setTracked(`${flow.summary!.l2.chainId}:${hash}`)
        },
        onFailed: async () => {
          // not sent: the record written at the signature must not block a new try
          if (signed) await claims.records.update(signed, { status: 'failed' })
        },
      }
    },
    async onMined(flow, _index, receipt) {
      await claims.onMined(flow.summary!.deployment, receipt)
    },
  }
}
