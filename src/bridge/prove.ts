// The L1 transaction that proves a withdrawal: pick the state proposal to prove against (the
// newest valid game of the respected type covering the withdrawal's block, or the oracle output
// after it), then viem's buildProveWithdrawal (eth_getProof of the message passer on the L2 at that
// block) and the portal call. viem's getGame/getL2Output are not used: getGames calls
// l2SequenceNumber() on every game, which OP Succinct v3 games do not have; the game's L2 block is
// read from its extra data instead, which every supported game type starts with.
import { encodeFunctionData, type Address, type Hex, type PublicClient } from 'viem'
import { buildProveWithdrawal } from 'viem/op-stack'
import { WalletError } from '../errors.ts'
import { disputeGameAbi, disputeGameFactoryAbi, GAME_STATUS, legacyPortalAbi, outputOracleAbi, portal2Abi } from '../rollup/abis.ts'
import { readMany, value } from '../rollup/multicall.ts'
import { latestGamesRead, proposalFromGame, type Proposal } from '../rollup/params.ts'
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

/** The newest valid proposal covering `l2Block`, or null when none exists yet. Two or three eth_calls. */
export async function findProveTarget(l1: Pick<PublicClient, 'multicall'>, system: ProofSystem, l2Block: number, gamesValidAfter = 0): Promise<ProveTarget | null> {
  if (system.kind === 'output-oracle') {
    const o = (functionName: string, args?: unknown[]) => ({ address: system.oracle, abi: outputOracleAbi, functionName, ...(args ? { args } : {}) })
    const [latest, after] = await readMany(l1, [o('latestBlockNumber'), o('getL2OutputIndexAfter', [BigInt(l2Block)])])
    const latestBlock = value<bigint>(latest)
    const index = value<bigint>(after)
    if (latestBlock === undefined || latestBlock < BigInt(l2Block) || index === undefined) return null
    const [out] = await readMany(l1, [o('getL2Output', [index])])
    const output = value<{ outputRoot: Hex; timestamp: bigint; l2BlockNumber: bigint }>(out)
    if (!output) return null
    return { index: Number(index), l2Block: Number(output.l2BlockNumber), root: output.outputRoot, timestamp: Number(output.timestamp) }
  }
  if (system.kind !== 'dispute-games') throw new WalletError('UNKNOWN_PROOF_SYSTEM', 'This wallet cannot tell how this chain proves withdrawals, so it cannot build the proof.')
  const [count] = await readMany(l1, [{ address: system.factory, abi: disputeGameFactoryAbi, functionName: 'gameCount' }])
  const read = latestGamesRead(system.factory, system.respectedGameType, value<bigint>(count) ?? 0n, GAME_SEARCH)
  if (!read) return null
  const [games] = await readMany(l1, [read])
  const candidates = ((value<unknown[]>(games) ?? []) as Parameters<typeof proposalFromGame>[0][])
    .map(proposalFromGame)
    .filter((g) => g.l2Block >= l2Block && g.timestamp >= gamesValidAfter)
  if (!candidates.length) return null
  // Newest first; skip games that lost or were blacklisted.
  const checks = await readMany(
    l1,
    candidates.flatMap((g) => [
      { address: g.game!, abi: disputeGameAbi, functionName: 'status' },
      { address: system.portal, abi: portal2Abi, functionName: 'disputeGameBlacklist', args: [g.game!] },
    ]),
  )
  const ok = candidates.find((_, i) => value<number>(checks[2 * i]) !== GAME_STATUS.CHALLENGER_WINS && value<boolean>(checks[2 * i + 1]) !== true)
  return ok ? targetOf(ok) : null
}

const targetOf = (p: Proposal): ProveTarget => ({ index: p.index, l2Block: p.l2Block, ...(p.game ? { game: p.game } : {}), root: p.root, timestamp: p.timestamp })

/** The prove transaction against `target`; the storage proof comes from the L2 at the target's block. */
export async function proveTx(l2: PublicClient, system: ProofSystem, w: WithdrawalItem, target: ProveTarget): Promise<FlowTx> {
  if (!w.message) throw new WalletError('NOT_READY', 'The withdrawal transaction is not mined yet.')
  if (system.kind === 'unknown') throw new WalletError('UNKNOWN_PROOF_SYSTEM', 'This wallet cannot tell how this chain proves withdrawals.')
  const withdrawal = viemWithdrawal(w.message)
  const built = (await buildProveWithdrawal(l2, {
    withdrawal,
    ...(system.kind === 'dispute-games'
      ? { game: { index: BigInt(target.index), l2BlockNumber: BigInt(target.l2Block), usesSuperRoots: false, metadata: '0x', timestamp: BigInt(target.timestamp), rootClaim: target.root, extraData: '0x' } }
      : { output: { outputIndex: BigInt(target.index), l2BlockNumber: BigInt(target.l2Block), outputRoot: target.root, timestamp: BigInt(target.timestamp) } }),
  } as never)) as unknown as {
    outputRootProof: { version: Hex; stateRoot: Hex; messagePasserStorageRoot: Hex; latestBlockhash: Hex }
    withdrawalProof: Hex[]
  }
  const abi = system.kind === 'dispute-games' ? portal2Abi : legacyPortalAbi
  return {
    chainId: w.l1ChainId,
    to: system.portal,
    value: 0n,
    data: encodeFunctionData({
      abi,
      functionName: 'proveWithdrawalTransaction',
      args: [withdrawalTuple(w.message), BigInt(target.index), built.outputRootProof, built.withdrawalProof],
    } as never),
    role: 'prove',
    label: `Prove the withdrawal of ${w.token.symbol}`,
  }
}
