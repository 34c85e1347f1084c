// The withdrawal state machine: given what the chain says now about one withdrawal (read in bulk
// by the tracker), its next status, its predictions and whether its proof still counts. Pure.
//   initiating -> waiting-proposal -> ready-to-prove -> proving -> proven -> ready-to-finalize
//   -> finalizing -> finalized; a proof that no longer counts sends it back to ready-to-prove with
//   `reprove`. Whether it counts is the chain's own answer where the chain has one: on portals with
//   an AnchorStateRegistry (5.x) the registry's (lost, blacklisted, retired, not respected when the
//   game was created); a change of the respected type alone leaves a proof valid there. Only the
//   3.x portals, which have no such calls, get the local rule (a type change invalidates older games).
import type { Address, Hex } from 'viem'
import { GAME_STATUS } from '../rollup/abis.ts'
import { predictFinalize, predictProposal, type ProvenFacts } from '../rollup/exit-time.ts'
import type { Proposal, RollupParams } from '../rollup/params.ts'
import type { Prediction, WithdrawalItem, WithdrawalStatus } from './types.ts'

export interface ChainFacts {
  /** L1 seconds of the block the reads ran in */
  now: number
  params: RollupParams
  /** the newest proposal a withdrawal can be proven against now (respected type, still valid) */
  latest: Proposal | null
}

export interface WithdrawalFacts {
  finalized: boolean
  /** the proof recorded in the portal for this withdrawal (and this submitter), if any */
  proven: { provenAt: number; game?: Address; outputRoot?: Hex; outputIndex?: number; submitter?: Address } | null
  /** the game proven against, as it is now */
  game?: {
    type: number
    status: number
    createdAt: number
    resolvedAt: number
    blacklisted: boolean
    /** the registry's answers (portals with an AnchorStateRegistry); undefined on 3.x */
    retired?: boolean
    respected?: boolean
    registered?: boolean
    /** when the game itself says it can resolve (its own state and its parent's), null: not before more proofs; undefined: by the chain's clock */
    expected?: number | null
    expectedWhy?: string
  }
  /** the output proven against, as it is now ('deleted' once the oracle dropped it) */
  output?: { root: Hex; timestamp: number } | 'deleted'
  /** OptimismPortal2.checkWithdrawal passed: the portal would finalize now */
  finalizable?: boolean
  /** receipts of the wallet's own prove / finalize transactions, once mined */
  proveTx?: 'success' | 'reverted'
  finalizeTx?: 'success' | 'reverted'
}

export type Transition = 'ready-to-prove' | 'ready-to-finalize' | 'reprove' | 'finalized'

export interface Evaluation {
  item: WithdrawalItem
  transitions: Transition[]
  /** L1 seconds of the next predicted change, if any */
  nextAt: number | null
}

const predicted = (at: number | null, reason: string, madeAt: number): Prediction => ({ at, reason, madeAt })

export function evaluateWithdrawal(prev: WithdrawalItem, chain: ChainFacts, f: WithdrawalFacts): Evaluation {
  const { now, params } = chain
  const w: WithdrawalItem = { ...prev, eta: { ...prev.eta }, opened: { ...prev.opened }, ...(prev.proof ? { proof: { ...prev.proof } } : {}) }
  delete w.error
  const transitions: Transition[] = []
  let nextAt: number | null = null
  const become = (s: WithdrawalStatus) => {
    if (s === 'ready-to-prove' && prev.status !== 'ready-to-prove' && prev.status !== 'proving') transitions.push('ready-to-prove')
    if (s === 'ready-to-finalize' && prev.status !== 'ready-to-finalize' && prev.status !== 'finalizing') transitions.push('ready-to-finalize')
    w.status = s
  }

  if (f.finalized) {
    if (prev.status !== 'finalized') transitions.push('finalized')
    w.status = 'finalized'
    w.finalizedAt ??= now
    delete w.reprove
    return { item: w, transitions, nextAt }
  }
  // The wallet's own prove / finalize transaction is still being mined: nothing to decide yet.
  if ((prev.status === 'proving' && prev.proof?.hash && !f.proveTx) || (prev.status === 'finalizing' && prev.finalizeHash && !f.finalizeTx)) {
    return { item: w, transitions, nextAt }
  }
  if (f.finalizeTx === 'reverted' && prev.status === 'finalizing') {
    w.error = 'The finalize transaction failed on L1. Check the fee and try again.'
    delete w.finalizeHash
  }

  const reprove = f.proven ? staleProof(params, f) : null
  if (f.proven && !reprove) {
    const proof = { ...(w.proof ?? { submitter: w.account }), provenAt: f.proven.provenAt }
    // proven by someone else (a relayer, another account): that proof is the one finalize names
    if (f.proven.submitter && f.proven.submitter !== proof.submitter) {
      proof.submitter = f.proven.submitter
      delete proof.hash
    }
    if (f.proven.game) proof.game = f.proven.game
    if (f.game) Object.assign(proof, { gameType: f.game.type, gameCreatedAt: f.game.createdAt, gameResolvedAt: f.game.resolvedAt, gameStatus: f.game.status })
    if (f.proven.outputIndex !== undefined) proof.outputIndex = f.proven.outputIndex
    if (f.proven.outputRoot) proof.outputRoot = f.proven.outputRoot
    if (f.output && f.output !== 'deleted') proof.outputTimestamp = f.output.timestamp
    w.proof = proof
    delete w.reprove
    const facts: ProvenFacts = { provenAt: f.proven.provenAt }
    if (f.game) {
      facts.game = { createdAt: f.game.createdAt, resolvedAt: f.game.resolvedAt, status: f.game.status }
      if (f.game.expected !== undefined) Object.assign(facts.game, { expected: f.game.expected, ...(f.game.expectedWhy ? { expectedWhy: f.game.expectedWhy } : {}) })
    }
    if (f.output && f.output !== 'deleted') facts.output = { timestamp: f.output.timestamp }
    const eta = predictFinalize(params, facts, now)
    w.eta!.finalize = predicted(eta.at, eta.reason, now)
    w.eta!.firstFinalize ??= w.eta!.finalize
    // The portal's own check where it has one; the formula (exact for the legacy portal) otherwise.
    const ready = f.finalizable ?? (eta.at !== null && now >= eta.at)
    if (ready) {
      w.opened!.finalize ??= openedAt(params, facts) ?? now
      become('ready-to-finalize')
    } else {
      w.status = 'proven'
      nextAt = eta.at
    }
    return { item: w, transitions, nextAt }
  }

  // Not proven (or the proof no longer counts).
  if (reprove) {
    if (!prev.reprove) transitions.push('reprove')
    w.reprove = reprove
    delete w.proof?.hash
  }
  if (f.proveTx === 'reverted') {
    w.error = 'The prove transaction failed on L1. Check the fee and try again.'
    if (w.proof) delete w.proof.hash
  }
  const l2Block = w.l2Block ?? 0
  if (chain.latest && chain.latest.l2Block >= l2Block) {
    w.opened!.prove ??= chain.latest.timestamp
    become('ready-to-prove')
    return { item: w, transitions, nextAt }
  }
  const eta = predictProposal(params, l2Block, now, chain.latest ?? params.cadence.last)
  w.eta!.prove = predicted(eta.at, eta.reason + (eta.late ? ' (the next one is late)' : ''), now)
  w.eta!.firstProve ??= w.eta!.prove
  w.status = 'waiting-proposal'
  nextAt = eta.at
  return { item: w, transitions, nextAt }
}

/** Why a recorded proof no longer leads to finalization, or null while it still does. */
export function staleProof(params: RollupParams, f: WithdrawalFacts): string | null {
  const s = params.system
  if (s.kind === 'dispute-games' && f.game) {
    if (f.game.status === GAME_STATUS.CHALLENGER_WINS) return 'The game this withdrawal was proven against was lost by its proposer: prove it again against a newer proposal.'
    if (f.game.blacklisted) return 'The chain’s guardian blacklisted the game this withdrawal was proven against: prove it again.'
    if (s.anchorStateRegistry && f.game.retired !== undefined) {
      // the registry's own answers; a change of the respected type alone does not invalidate a proof
      if (f.game.retired) return 'The chain’s guardian retired every game up to a recent time, the one this withdrawal was proven against included: prove it again against a newer proposal.'
      if (f.game.registered === false) return 'The game this withdrawal was proven against is not one the chain’s factory created: prove it again.'
      if (f.game.respected === false) return 'The game this withdrawal was proven against was not of the type the chain respected when it was created, so it never counts: prove it again.'
      return null
    }
    if (f.game.type !== s.respectedGameType) {
      return `The chain now respects ${s.game.label}; the proof used a type-${f.game.type} game, which no longer counts on this portal: prove it again.`
    }
    if (params.gamesValidAfter !== undefined && f.game.createdAt < params.gamesValidAfter) {
      return 'The chain changed its respected game type after the game this withdrawal was proven against: prove it again.'
    }
  }
  if (s.kind === 'output-oracle' && f.proven?.outputRoot) {
    if (f.output === 'deleted') return 'The output this withdrawal was proven against was deleted from the oracle: prove it again.'
    if (f.output && f.output.root !== f.proven.outputRoot) return 'The output this withdrawal was proven against was replaced: prove it again.'
  }
  return null
}

/** When finalization really opened, from the chain's facts (what the portal checks). */
function openedAt(params: RollupParams, facts: ProvenFacts): number | null {
  if (params.system.kind === 'output-oracle' && facts.output && params.finalizationPeriodSeconds !== undefined) {
    return Math.max(facts.provenAt, facts.output.timestamp) + params.finalizationPeriodSeconds + 1
  }
  if (params.system.kind === 'dispute-games' && facts.game && facts.game.resolvedAt > 0 && params.proofMaturityDelaySeconds !== undefined && params.disputeGameFinalityDelaySeconds !== undefined) {
    return Math.max(facts.provenAt + params.proofMaturityDelaySeconds, facts.game.resolvedAt + params.disputeGameFinalityDelaySeconds) + 1
  }
  return null
}
