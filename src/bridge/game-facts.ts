// What the tracker reads about the dispute game a withdrawal was proven against, and how it turns
// those reads into facts: the game's state; on portals with an AnchorStateRegistry, the registry's
// own answers (retired, respected when created, registered); the portal's checkWithdrawal; and when
// the game itself says it can resolve (OP Succinct Lite: its deadline, moved by a challenge, or now
// once a proof arrived; AggregateVerifier: expectedResolution), no earlier than its parent game.
// Also: a proof someone else submitted (a relayer, another account), found through the portal's
// list of proof submitters.
import { getAddress, zeroAddress, type Address, type Hex } from 'viem'
import type { RpcClient } from '../chains/rpc-client.ts'
import { anchorStateRegistryAbi, disputeGameAbi, disputeGameFactoryAbi, GAME_STATUS, portal2Abi } from '../rollup/abis.ts'
import { readMany, value, type Read, type ReadResult } from '../rollup/multicall.ts'
import type { ProofSystem } from '../rollup/proof-system.ts'
import type { WithdrawalFacts } from './evaluate.ts'

type Games = Extract<ProofSystem, { kind: 'dispute-games' }>
export type GameFacts = NonNullable<WithdrawalFacts['game']>

const NO_PARENT = 0xffffffff
const NEVER = 2n ** 64n - 1n
/** proof submitters looked at for a withdrawal the wallet's account has not proven */
const MAX_SUBMITTERS = 4

/** The reads of one game, in a fixed order (gameFacts reads them back). */
export function gameReads(s: Games, game: Address, hash: Hex, submitter: Address): Read[] {
  const g = (functionName: string): Read => ({ address: game, abi: disputeGameAbi, functionName })
  const a = (functionName: string): Read => ({ address: s.anchorStateRegistry!, abi: anchorStateRegistryAbi, functionName, args: [game] })
  return [
    g('gameType'),
    g('status'),
    g('createdAt'),
    g('resolvedAt'),
    s.anchorStateRegistry ? a('isGameBlacklisted') : { address: s.portal, abi: portal2Abi, functionName: 'disputeGameBlacklist', args: [game] },
    { address: s.portal, abi: portal2Abi, functionName: 'checkWithdrawal', args: [hash, submitter] },
    g('claimData'),
    g('expectedResolution'),
    g('parentAddress'),
    ...(s.anchorStateRegistry ? [a('isGameRetired'), a('isGameRespected'), a('isGameRegistered')] : []),
  ]
}

interface ParentRef {
  index?: number
  address?: Address
}

/** The game's facts from its reads; `parent` when its resolution also waits for its parent game. */
export function gameFacts(r: ReadResult[], now: number): { facts: Pick<WithdrawalFacts, 'game' | 'finalizable'>; parent?: ParentRef } {
  const type = value<number>(r[0])
  if (type === undefined) return { facts: {} }
  const game: GameFacts = {
    type: Number(type),
    status: Number(value<number>(r[1]) ?? 0),
    createdAt: Number(value<bigint>(r[2]) ?? 0n),
    resolvedAt: Number(value<bigint>(r[3]) ?? 0n),
    blacklisted: value<boolean>(r[4]) === true,
  }
  if (r.length > 9) {
    game.retired = value<boolean>(r[9]) === true
    game.respected = value<boolean>(r[10]) !== false
    game.registered = value<boolean>(r[11]) !== false
  }
  let parent: ParentRef | undefined
  if (game.status === GAME_STATUS.IN_PROGRESS) {
    const own = ownResolution({ claimData: r[6], expectedResolution: r[7], parentAddress: r[8] }, now)
    if (own) {
      game.expected = own.at
      game.expectedWhy = own.why
      parent = own.parent
    }
  }
  return { facts: { game, finalizable: r[5]?.ok === true }, ...(parent ? { parent } : {}) }
}

/** When a game in progress can resolve by its own state: Lite from claimData, 621 from expectedResolution. */
function ownResolution(r: { claimData: ReadResult; expectedResolution: ReadResult; parentAddress: ReadResult }, now: number): { at: number | null; why: string; parent?: ParentRef } | null {
  const cd = value<readonly [number, Address, Address, Hex, number, bigint]>(r.claimData)
  if (cd) {
    const [parentIndex, counteredBy, prover, , , deadline] = cd
    const parent = Number(parentIndex) !== NO_PARENT ? { index: Number(parentIndex) } : undefined
    const proven = prover !== zeroAddress
    const challenged = counteredBy !== zeroAddress
    // over once the deadline has passed (strictly) or a valid proof arrived
    const at = proven ? now : Number(deadline) + 1
    const why = proven ? 'Proven: the game can resolve' : challenged ? 'Challenged: the proposer’s time to prove it' : 'Challenge window'
    return { at, why, ...(parent ? { parent } : {}) }
  }
  const er = value<bigint>(r.expectedResolution)
  if (er !== undefined) {
    const p = value<Address>(r.parentAddress)
    const parent = p && p !== zeroAddress ? { address: getAddress(p) } : undefined
    if (er >= NEVER) return { at: null, why: 'The game is waiting for its proofs', ...(parent ? { parent } : {}) }
    return { at: Number(er), why: 'Proof delay', ...(parent ? { parent } : {}) }
  }
  return null
}

/**
 * Parents: a game cannot resolve before its parent has, and loses with it. One read of the
 * parents' addresses (Lite names its parent by factory index) and one of their state.
 */
export async function applyParents(l1: Pick<RpcClient, 'multicall'>, s: Games, pending: { facts: GameFacts; parent: ParentRef }[], now: number): Promise<void> {
  if (!pending.length) return
  const byIndex = pending.filter((p) => p.parent.index !== undefined)
  const idx = await readMany(
    l1,
    byIndex.map((p) => ({ address: s.factory, abi: disputeGameFactoryAbi, functionName: 'gameAtIndex', args: [BigInt(p.parent.index!)] })),
  )
  byIndex.forEach((p, i) => {
    const got = value<readonly [number, bigint, Address]>(idx[i])
    if (got) p.parent.address = getAddress(got[2])
  })
  const known = pending.filter((p) => p.parent.address)
  const g = (address: Address, functionName: string): Read => ({ address, abi: disputeGameAbi, functionName })
  const res = await readMany(
    l1,
    known.flatMap((p) => [g(p.parent.address!, 'status'), g(p.parent.address!, 'resolvedAt'), g(p.parent.address!, 'claimData'), g(p.parent.address!, 'expectedResolution'), g(p.parent.address!, 'parentAddress')]),
  )
  known.forEach((p, i) => {
    const r = res.slice(i * 5, i * 5 + 5)
    const status = Number(value<number>(r[0]) ?? GAME_STATUS.IN_PROGRESS)
    const f = p.facts
    if (status === GAME_STATUS.CHALLENGER_WINS) {
      f.expected = null
      f.expectedWhy = 'Its parent game was lost: this one loses with it'
      return
    }
    let parentAt: number | null
    if (status === GAME_STATUS.DEFENDER_WINS) parentAt = Number(value<bigint>(r[1]) ?? 0n)
    else {
      const own = ownResolution({ claimData: r[2], expectedResolution: r[3], parentAddress: r[4] }, now)
      parentAt = own ? own.at : null
    }
    if (parentAt === null) {
      f.expected = null
      f.expectedWhy = 'Its parent game cannot resolve yet'
    } else if (f.expected !== null && f.expected !== undefined && parentAt > f.expected) {
      f.expected = parentAt
      f.expectedWhy = 'Its parent game resolves first'
    }
  })
}

/** The reads that list who else proved these withdrawals (portal 3.x and 5.x keep proofs per submitter). */
export function submitterReads(s: Games, asks: { hash: Hex; count: number }[]): Read[] {
  return asks.flatMap((a) => Array.from({ length: Math.min(a.count, MAX_SUBMITTERS) }, (_, i) => ({ address: s.portal, abi: portal2Abi, functionName: 'proofSubmitters', args: [a.hash, BigInt(i)] }) as Read))
}

/**
 * For a withdrawal the account has not (validly) proven, another submitter's proof: the earliest
 * one recorded. Two reads: the submitters, then their proofs.
 */
export async function othersProofs(l1: Pick<RpcClient, 'multicall'>, s: Games, asks: { hash: Hex; count: number; skip: Address }[]): Promise<Map<Hex, { submitter: Address; game: Address; provenAt: number }>> {
  const out = new Map<Hex, { submitter: Address; game: Address; provenAt: number }>()
  if (!asks.length) return out
  const subs = await readMany(l1, submitterReads(s, asks))
  const pairs: { hash: Hex; submitter: Address }[] = []
  let k = 0
  for (const a of asks) {
    for (let i = 0; i < Math.min(a.count, MAX_SUBMITTERS); i++) {
      const who = value<Address>(subs[k++])
      if (who && getAddress(who) !== getAddress(a.skip)) pairs.push({ hash: a.hash, submitter: getAddress(who) })
    }
  }
  const proofs = await readMany(l1, pairs.map((p) => ({ address: s.portal, abi: portal2Abi, functionName: 'provenWithdrawals', args: [p.hash, p.submitter] })))
  pairs.forEach((p, i) => {
    const pw = value<readonly [Address, bigint]>(proofs[i])
    if (!pw || pw[1] === 0n) return
    const prev = out.get(p.hash)
    if (!prev || Number(pw[1]) < prev.provenAt) out.set(p.hash, { submitter: p.submitter, game: getAddress(pw[0]), provenAt: Number(pw[1]) })
  })
  return out
}
