// The L1 transaction that proves a withdrawal: pick the state proposal to prove against, then
// viem's buildProveWithdrawal (eth_getProof of the message passer on the L2 at that block) and the
// portal call. The proposal must be a TRUE one: on permissionless chains anyone may post a game
// with a false root for a bond, and proving against it reverts (OptimismPortal_InvalidOutputRootProof).
// So games of the respected type covering the withdrawal's block are tried newest first, skipping
// those that lost, are blacklisted, retired or were not respected when created (the registry's own
// answers where the chain has one), and the first whose rootClaim equals the output root the L2
// gives for its block is used; an older true game serves when newer ones are false.
// viem's getGame/getL2Output are not used: getGames calls l2SequenceNumber() on every game, which
// OP Succinct v3 games do not have; the game's L2 block is read from its extra data instead.
import { encodeAbiParameters, encodeFunctionData, keccak256, type Address, type Hex } from 'viem'
import type { RpcClient } from '../chains/rpc-client.ts'
import { buildProveWithdrawal } from 'viem/op-stack'
import { WalletError } from '../errors.ts'
import { anchorStateRegistryAbi, disputeGameAbi, disputeGameFactoryAbi, GAME_STATUS, legacyPortalAbi, outputOracleAbi, portal2Abi } from '../rollup/abis.ts'
import { formatDuration } from '../rollup/duration.ts'
import { readMany, value } from '../rollup/multicall.ts'
import { latestGamesRead, nowRead, proposalFromGame, type Proposal } from '../rollup/params.ts'
import type { ProofSystem } from '../rollup/proof-system.ts'
import type { FlowTx } from './deposit.ts'
import { viemWithdrawal, withdrawalTuple } from './message.ts'
import type { WithdrawalItem } from './types.ts'

export interface ProveTarget {
  /** game index or output index: what proveWithdrawalTransaction takes */
  index: number
  l2Block: number
  game?: Address
  root: Hex
  timestamp: number
}

/** How many recent games are searched for one that covers the withdrawal. */
const GAME_SEARCH = 50

/** The newest valid proposal covering `l2Block` (not yet checked against the L2's state), or null when none exists yet. */
export async function findProveTarget(l1: Pick<RpcClient, 'multicall'>, system: ProofSystem, l2Block: number, gamesValidAfter = 0): Promise<ProveTarget | null> {
  return (await proveCandidates(l1, system, l2Block, gamesValidAfter))[0] ?? null
}

/** Proposals covering `l2Block` a proof may use, newest first (games: respected type, not lost, blacklisted or retired). */
export async function proveCandidates(l1: Pick<RpcClient, 'multicall'>, system: ProofSystem, l2Block: number, gamesValidAfter = 0): Promise<ProveTarget[]> {
  if (system.kind === 'output-oracle') {
    const o = (functionName: string, args?: unknown[]) => ({ address: system.oracle, abi: outputOracleAbi, functionName, ...(args ? { args } : {}) })
    const [latest, after] = await readMany(l1, [o('latestBlockNumber'), o('getL2OutputIndexAfter', [BigInt(l2Block)])])
    const latestBlock = value<bigint>(latest)
    const index = value<bigint>(after)
    if (latestBlock === undefined || latestBlock < BigInt(l2Block) || index === undefined) return []
    const [out] = await readMany(l1, [o('getL2Output', [index])])
    const output = value<{ outputRoot: Hex; timestamp: bigint; l2BlockNumber: bigint }>(out)
    if (!output) return []
    return [{ index: Number(index), l2Block: Number(output.l2BlockNumber), root: output.outputRoot, timestamp: Number(output.timestamp) }]
  }
  if (system.kind !== 'dispute-games') throw new WalletError('UNKNOWN_PROOF_SYSTEM', 'This wallet cannot tell how this chain proves withdrawals, so it cannot build the proof.')
  const [count, clock] = await readMany(l1, [{ address: system.factory, abi: disputeGameFactoryAbi, functionName: 'gameCount' }, nowRead()])
  const read = latestGamesRead(system.factory, system.respectedGameType, value<bigint>(count) ?? 0n, GAME_SEARCH)
  if (!read) return []
  const [games] = await readMany(l1, [read])
  const now = Number(value<bigint>(clock) ?? 0n)
  // a game cannot be proven against in the second it was created (5.x: InvalidProofTimestamp)
  const candidates = ((value<unknown[]>(games) ?? []) as Parameters<typeof proposalFromGame>[0][])
    .map(proposalFromGame)
    .filter((g) => g.l2Block >= l2Block && g.timestamp >= gamesValidAfter && (!now || g.timestamp < now))
  if (!candidates.length) return []
  const asr = system.anchorStateRegistry
  const per = asr ? 5 : 2
  const checks = await readMany(
    l1,
    candidates.flatMap((g) => [
      { address: g.game!, abi: disputeGameAbi, functionName: 'status' },
      asr
        ? { address: asr, abi: anchorStateRegistryAbi, functionName: 'isGameBlacklisted', args: [g.game!] }
        : { address: system.portal, abi: portal2Abi, functionName: 'disputeGameBlacklist', args: [g.game!] },
      ...(asr
        ? [
            { address: asr, abi: anchorStateRegistryAbi, functionName: 'isGameRetired', args: [g.game!] },
            { address: asr, abi: anchorStateRegistryAbi, functionName: 'isGameRespected', args: [g.game!] },
            { address: asr, abi: anchorStateRegistryAbi, functionName: 'isGameRegistered', args: [g.game!] },
          ]
        : []),
    ]),
  )
  return candidates
    .filter((_, i) => {
      const r = checks.slice(i * per, i * per + per)
      if (value<number>(r[0]) === GAME_STATUS.CHALLENGER_WINS || value<boolean>(r[1]) === true) return false
      return !asr || (value<boolean>(r[2]) !== true && value<boolean>(r[3]) !== false && value<boolean>(r[4]) !== false)
    })
    .map(targetOf)
}

/** The output root of an OutputRootProof (version 0): what a game's rootClaim must equal. */
export function outputRootOf(p: { version: Hex; stateRoot: Hex; messagePasserStorageRoot: Hex; latestBlockhash: Hex }): Hex {
  return keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'bytes32' }, { type: 'bytes32' }], [p.version, p.stateRoot, p.messagePasserStorageRoot, p.latestBlockhash]))
}

/** How many of the newest candidates are checked against the L2's state before giving up. */
const TRUE_SEARCH = 12

/**
 * The prove transaction against the newest TRUE proposal covering the withdrawal: each candidate's
 * proof is built from the L2 at its block and its root compared with the proposal's; false ones
 * are skipped. When only false proposals exist the user is told, with when a true one is expected.
 */
export async function proveStep(l1: Pick<RpcClient, 'multicall'>, l2: RpcClient, system: ProofSystem, w: WithdrawalItem, opts: { gamesValidAfter?: number; proposalEverySeconds?: number | null } = {}): Promise<FlowTx> {
  if (w.l2Block === undefined || !w.message) throw new WalletError('NOT_READY', 'The withdrawal is not mined on L2 yet.')
  const candidates = await proveCandidates(l1, system, w.l2Block, opts.gamesValidAfter ?? 0)
  if (!candidates.length) throw new WalletError('NOT_READY', 'No state proposal covers this withdrawal yet: the wallet will tell you when one does.')
  let false_ = 0
  for (const target of candidates.slice(0, TRUE_SEARCH)) {
    const built = await buildProof(l2, system, w, target)
    if (system.kind !== 'dispute-games' || outputRootOf(built.outputRootProof) === target.root) return proveCall(system, w, target, built)
    false_++
  }
  const when = opts.proposalEverySeconds ? ` An honest proposal is expected within about ${formatDuration(opts.proposalEverySeconds)}; the wallet proves against it then.` : ''
  throw new WalletError(
    'ONLY_FALSE_PROPOSALS',
    `The ${false_ === 1 ? 'only proposal' : `${false_} proposals`} covering this withdrawal claim${false_ === 1 ? 's' : ''} a state the L2 never had, so proving against ${false_ === 1 ? 'it' : 'them'} would fail.${when}`,
  )
}

const targetOf = (p: Proposal): ProveTarget => ({ index: p.index, l2Block: p.l2Block, ...(p.game ? { game: p.game } : {}), root: p.root, timestamp: p.timestamp })

interface BuiltProof {
  outputRootProof: { version: Hex; stateRoot: Hex; messagePasserStorageRoot: Hex; latestBlockhash: Hex }
  withdrawalProof: Hex[]
}

/** viem's buildProveWithdrawal: the message passer's storage proof and the output root proof at the target's block. */
async function buildProof(l2: RpcClient, system: ProofSystem, w: WithdrawalItem, target: ProveTarget): Promise<BuiltProof> {
  const withdrawal = viemWithdrawal(w.message!)
  return (await buildProveWithdrawal(l2, {
    withdrawal,
    ...(system.kind === 'dispute-games'
      ? { game: { index: BigInt(target.index), l2BlockNumber: BigInt(target.l2Block), usesSuperRoots: false, metadata: '0x', timestamp: BigInt(target.timestamp), rootClaim: target.root, extraData: '0x' } }
      : { output: { outputIndex: BigInt(target.index), l2BlockNumber: BigInt(target.l2Block), outputRoot: target.root, timestamp: BigInt(target.timestamp) } }),
  } as never)) as unknown as BuiltProof
}

function proveCall(system: ProofSystem, w: WithdrawalItem, target: ProveTarget, built: BuiltProof): FlowTx {
  const abi = system.kind === 'dispute-games' ? portal2Abi : legacyPortalAbi
  return {
    chainId: w.l1ChainId,
    to: system.portal,
    value: 0n,
    data: encodeFunctionData({
      abi,
      functionName: 'proveWithdrawalTransaction',
      args: [withdrawalTuple(w.message!), BigInt(target.index), built.outputRootProof, built.withdrawalProof],
    } as never),
    role: 'prove',
    label: `Prove the withdrawal of ${w.token.symbol}`,
  }
}

/** The prove transaction against `target` (no check of its root: proveStep does that). */
export async function proveTx(l2: RpcClient, system: ProofSystem, w: WithdrawalItem, target: ProveTarget): Promise<FlowTx> {
  if (!w.message) throw new WalletError('NOT_READY', 'The withdrawal transaction is not mined yet.')
  if (system.kind === 'unknown') throw new WalletError('UNKNOWN_PROOF_SYSTEM', 'This wallet cannot tell how this chain proves withdrawals.')
  return proveCall(system, w, target, await buildProof(l2, system, w, target))
}
