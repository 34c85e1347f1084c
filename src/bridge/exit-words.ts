// How a rollup's withdrawals work, in plain words first ("Withdrawals take about 7 d 12 h: a
// permissioned proposer posts a state about every 12 h, then a 3 d 12 h dispute window and 7 d
// proof maturity"), and the contract details behind it for a "technical details" disclosure.
import { effectiveCadence, exitDuration } from '../rollup/exit-time.ts'
import { formatDuration } from '../rollup/duration.ts'
import type { RollupParams } from '../rollup/params.ts'
import { describeProofSystem } from '../rollup/proof-system.ts'

export interface ExitWords {
  plain: string
  technical: string
}

export function exitWords(p: RollupParams): ExitWords {
  const s = p.system
  const technical = describeProofSystem(s)
  const d = exitDuration(p)
  if (s.kind === 'unknown' || (s.kind === 'dispute-games' && s.game.family === 'unknown')) {
    return { plain: 'The wallet does not know how this rollup proves withdrawals, so it does not guess how long one takes; it checks the chain instead.', technical }
  }
  const c = effectiveCadence(p)
  const every = c ? ` about every ${formatDuration(c.intervalSeconds)}` : ''
  let who: string
  let then: string[] = []
  if (s.kind === 'output-oracle') {
    who = s.flavor === 'op-succinct' ? `a proposer posts a state with a validity proof${every}` : `a proposer posts a state${every}`
    if (p.finalizationPeriodSeconds !== undefined) then = [`a ${formatDuration(p.finalizationPeriodSeconds)} finalization period`]
  } else {
    const fam = s.game.family
    who =
      fam === 'permissioned'
        ? `a permissioned proposer posts a state${every}`
        : fam === 'op-succinct'
          ? `a proposer posts a state with a validity proof${every}`
          : fam === 'op-succinct-lite'
            ? `a proposer posts a state${every}, proven with a zero-knowledge proof if challenged`
            : `a state is posted${every} (anyone may post or challenge one)`
    if (!s.game.resolvesAtCreation && p.gameClockSeconds !== undefined) then.push(`a ${formatDuration(p.gameClockSeconds)} dispute window`)
    if (p.disputeGameFinalityDelaySeconds) then.push(`${formatDuration(p.disputeGameFinalityDelaySeconds)} more for finality`)
    if (p.proofMaturityDelaySeconds !== undefined) then.push(`${formatDuration(p.proofMaturityDelaySeconds)} proof maturity (counted from your proof)`)
  }
  const head = d.totalSeconds !== null ? `Withdrawals take about ${formatDuration(d.totalSeconds)}` : 'How long a withdrawal takes cannot be predicted yet'
  const list = then.length > 1 ? `${then.slice(0, -1).join(', ')} and ${then[then.length - 1]}` : then[0]
  return { plain: `${head}: ${who}${list ? `, then ${list}` : ''}.`, technical: `${technical}${c ? `; proposals every ${c.blocksPerProposal} L2 blocks` : ''}` }
}
