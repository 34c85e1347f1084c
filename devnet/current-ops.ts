// What a test (or the CLI) can do to a devnet running the 'current' contracts: the guardian's
// actions on the AnchorStateRegistry (respected type, retirement, blacklist), games with a false
// root claim, the type-42 challenge / proof, the type-621 TEE / ZK proofs, and proving a withdrawal
// from any account. Each action waits until it is mined, then lets the proposer catch up.
import { encodePacked, keccak256, toHex, type Address, type Hex, type PublicClient, type TransactionReceipt } from 'viem'
import { buildProveWithdrawal, getWithdrawals } from 'viem/op-stack'
import { bedrock, devnetContract } from './lib/contracts.ts'
import { deriveAccount, type KeyedAccount } from './lib/accounts.ts'
import { Signer } from './lib/tx.ts'
import { GAME_TYPE, L1_CHAIN_ID } from './deploy/constants.ts'
import type { RollupL1 } from './deploy/l1.ts'
import type { L1Clock } from './services/l1-clock.ts'
import type { Proposer, Proposal } from './services/proposer.ts'
import { AGGREGATE_PROOF, CURRENT_ABI, gameFromReceipt, gameKind, type CurrentChainProposer } from './services/proposer-current.ts'

/** A private key, or an index of the devnet mnemonic (0..19 are the test accounts). */
export type AccountRef = Hex | number

/** A withdrawal as viem's getWithdrawals gives it, plus the L2 block it was initiated in. */
export interface WithdrawalSource {
  nonce: bigint
  sender: Address
  target: Address
  value: bigint
  gasLimit: bigint
  data: Hex
  withdrawalHash: Hex
  l2BlockNumber: bigint
}

export interface ProvenByAccount {
  hash: Hex
  receipt: TransactionReceipt
  withdrawalHash: Hex
  /** the account that proved: finalize with finalizeWithdrawalTransactionExternalProof(tx, submitter) */
  submitter: Address
  game: { index: bigint; address: Address; l2BlockNumber: bigint }
  withdrawal: Omit<WithdrawalSource, 'l2BlockNumber'>
}

export interface GameInfo {
  index: bigint
  gameType: number
  address: Address
  l2BlockNumber: bigint
  rootClaim: Hex
  /** 0 IN_PROGRESS, 1 CHALLENGER_WINS, 2 DEFENDER_WINS */
  status: number
  createdAt: bigint
  resolvedAt: bigint
  creator: Address
}

export interface CurrentOps {
  /** guardian: AnchorStateRegistry.setRespectedGameType (older games stay valid) */
  setRespectedGameType(chainId: number, gameType: number): Promise<void>
  /** guardian: AnchorStateRegistry.updateRetirementTimestamp (every game created until now is retired); returns the new retirementTimestamp */
  retireGames(chainId: number): Promise<bigint>
  /** guardian: AnchorStateRegistry.blacklistDisputeGame */
  blacklistGame(chainId: number, game: Address): Promise<void>
  /**
   * A game whose root claim is not the L2's output root. Default type: the respected one. Types 0, 8,
   * 42, 621 are posted by an outsider (not the proposer; `from` to choose), type 1 by the chain's
   * proposer (only it may). Type 621 goes after the newest valid 621 game (l2Block is ignored).
   * The proposer resolves it like any game. Returns the game's address.
   */
  postFalseGame(chainId: number, l2Block?: bigint, opts?: { gameType?: number; from?: AccountRef; rootClaim?: Hex; parentIndex?: number }): Promise<Address>
  /** type 42: challenge() with the challenger bond, by the chain's challenger (or `from`) */
  challengeGame(chainId: number, game: Address, opts?: { from?: AccountRef }): Promise<void>
  /** type 42: prove() with the devnet's mock proof, by the proposer (or `from`). Refuses a false root unless `force`. */
  proveGame(chainId: number, game: Address, opts?: { from?: AccountRef; force?: boolean }): Promise<void>
  /** type 621: verifyProposalProof with a mock TEE or ZK proof (TEE + ZK = the fast path). Refuses a false root unless `force`. */
  submitAggregateProof(chainId: number, game: Address, proofType: 'tee' | 'zk', opts?: { from?: AccountRef; force?: boolean }): Promise<void>
  /** which proofs the proposer gives its own new 621 games: 'tee' (default, slow path) or 'tee+zk' (fast path) */
  setAggregateProofs(chainId: number, proofs: 'tee' | 'tee+zk'): void
  /** proves a withdrawal from `account` against the newest valid game covering it (or `gameIndex`) */
  proveWithdrawalAs(chainId: number, withdrawal: TransactionReceipt | WithdrawalSource, account: AccountRef, opts?: { gameIndex?: bigint }): Promise<ProvenByAccount>
  /** the newest `count` games of the chain's factory, newest first */
  listGames(chainId: number, count?: number): Promise<GameInfo[]>
}

export interface CurrentOpsContext {
  l1: PublicClient
  l2: Record<number, PublicClient>
  clock: L1Clock
  proposer: Proposer
  rollupOf(chainId: number): RollupL1
  guardian: Signer
  roles: { proposer: Record<number, Signer>; challengerKey: Record<number, Hex> }
  outsider: KeyedAccount
}

const keyOf = (ref: AccountRef): Hex => (typeof ref === 'number' ? deriveAccount(ref).privateKey : ref)

export function currentOps(ctx: CurrentOpsContext): CurrentOps {
  const { l1, clock, proposer } = ctx
  const portalAbi = devnetContract('OptimismPortal2V5').abi
  const dgfAbi = bedrock('DisputeGameFactory').abi

  const chain = (chainId: number) => {
    const r = ctx.rollupOf(chainId)
    if (r.portalKind !== 'portal5' || !r.games) throw new Error(`chain ${chainId} does not run the 'current' contracts (start the devnet with contracts: 'current')`)
    return { r, g: r.games, helper: proposer.currentChain(chainId) as CurrentChainProposer }
  }
  const read = (address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[] = []) =>
    l1.readContract({ address, abi, functionName, args } as never) as Promise<unknown>
  const gameTypeOf = async (game: Address) => Number(await read(game, CURRENT_ABI.game, 'gameType'))
  const requireType = async (game: Address, type: number, what: string) => {
    const t = await gameTypeOf(game)
    if (t !== type) throw new Error(`${what} needs a type-${type} game; ${game} is type ${t}`)
  }
  const requireTrueRoot = async (chainId: number, game: Address, force?: boolean) => {
    if (force) return
    const { helper } = chain(chainId)
    const [root, l2] = await Promise.all([read(game, CURRENT_ABI.game, 'rootClaim'), read(game, CURRENT_ABI.game, 'l2SequenceNumber')])
    if (root !== (await helper.outputRoot(l2 as bigint))) {
      throw new Error(`game ${game} claims a false output root for L2 block ${l2}: no valid proof of it exists (pass force: true to submit the devnet's mock proof anyway)`)
    }
  }
  /** Sends with the proposer's own signer (never racing its nonce) or a one-off signer. */
  const withSigner = async <T>(chainId: number, from: AccountRef | undefined, f: (s: Signer) => Promise<T>): Promise<T> => {
    if (from === undefined) return proposer.run(() => f(ctx.roles.proposer[chainId]!))
    return proposer.run(() => f(new Signer(l1, keyOf(from), L1_CHAIN_ID)))
  }
  const guardianCall = async (to: Address, functionName: string, args: readonly unknown[], label: string, hold = false) => {
    const send = () => ctx.guardian.call(to, CURRENT_ABI.asr, functionName, args, { gas: 300_000n, label })
    if (hold) await clock.holdSecond(send)
    else await send()
    await ctx.guardian.settle()
  }

  return {
    async setRespectedGameType(chainId, gameType) {
      const { g } = chain(chainId)
      if (!g.registered[gameType]) throw new Error(`game type ${gameType} has no implementation on chain ${chainId}; registered: ${Object.keys(g.registered).join(', ')}`)
      await guardianCall(g.anchorStateRegistry, 'setRespectedGameType', [gameType], `setRespectedGameType ${gameType}`)
      await proposer.catchUp()
    },

    async retireGames(chainId) {
      const { g, helper } = chain(chainId)
      // In a second of its own, so that games created afterwards are not retired too.
      await guardianCall(g.anchorStateRegistry, 'updateRetirementTimestamp', [], 'updateRetirementTimestamp', true)
      helper.invalidate()
      await proposer.catchUp()
      return (await read(g.anchorStateRegistry, CURRENT_ABI.asr, 'retirementTimestamp')) as bigint
    },

    async blacklistGame(chainId, game) {
      const { g, helper } = chain(chainId)
      await guardianCall(g.anchorStateRegistry, 'blacklistDisputeGame', [game], `blacklistDisputeGame ${game}`)
      helper.invalidate()
      await proposer.catchUp()
    },

    async postFalseGame(chainId, l2Block, opts = {}) {
      const { r, g, helper } = chain(chainId)
      const gameType = opts.gameType ?? Number(await read(r.optimismPortal, CURRENT_ABI.portal, 'respectedGameType'))
      if (!g.registered[gameType]) throw new Error(`game type ${gameType} is not registered on chain ${chainId}`)
      const kind = gameKind(gameType)
      if (kind === 'validity') throw new Error('a type-6 game verifies its validity proof as it is created: there is no false one to post')
      const head = await ctx.l2[chainId]!.getBlockNumber()
      let block = l2Block ?? head
      let aggregateParent: Address | undefined
      if (kind === 'aggregate') {
        const { parent, parentL2 } = await helper.aggregateParent()
        block = parentL2 + BigInt(ctx.proposer.intervalBlocks(chainId))
        if (l2Block !== undefined && l2Block !== block) throw new Error(`a type-621 game must be exactly one interval after its parent: L2 block ${block}, not ${l2Block}`)
        aggregateParent = parent
      }
      const root = opts.rootClaim ?? falseRoot(chainId, block)
      if (block <= head && root === (await helper.outputRoot(block))) throw new Error('that root claim is the true output root')
      const extraData =
        kind === 'aggregate'
          ? encodePacked(['uint256', 'address', 'bytes32'], [block, aggregateParent!, root])
          : kind === 'lite'
            ? encodePacked(['uint256', 'uint32'], [block, opts.parentIndex ?? 0xffffffff])
            : encodePacked(['uint256'], [block])
      const from = gameType === GAME_TYPE.PERMISSIONED_CANNON ? undefined : (opts.from ?? ctx.outsider.privateKey)
      const bond = (await read(g.disputeGameFactory, dgfAbi, 'initBonds', [gameType])) as bigint
      const proposal = await withSigner(chainId, from, async (s) => {
        await clock.holdSecond(() => s.call(g.disputeGameFactory, dgfAbi, 'create', [gameType, root, extraData], { value: bond, gas: 3_000_000n, label: `false game type ${gameType} for L2 block ${block}` }))
        const [receipt] = await s.settle()
        return gameFromReceipt(l1, chainId, g.disputeGameFactory, receipt!, gameType, block, root)
      })
      await helper.track(proposal.address)
      return proposal.address
    },

    async challengeGame(chainId, game, opts = {}) {
      const { helper } = chain(chainId)
      await requireType(game, GAME_TYPE.OP_SUCCINCT_LITE, 'challengeGame')
      const bond = (await read(game, CURRENT_ABI.lite, 'challengerBond')) as bigint
      const signer = new Signer(l1, keyOf(opts.from ?? ctx.roles.challengerKey[chainId]!), L1_CHAIN_ID)
      await proposer.run(async () => {
        await signer.call(game, CURRENT_ABI.lite, 'challenge', [], { value: bond, gas: 300_000n, label: `challenge ${game}` })
        await signer.settle()
      })
      helper.invalidate()
      await proposer.catchUp()
    },

    async proveGame(chainId, game, opts = {}) {
      const { helper } = chain(chainId)
      await requireType(game, GAME_TYPE.OP_SUCCINCT_LITE, 'proveGame')
      await requireTrueRoot(chainId, game, opts.force)
      await withSigner(chainId, opts.from, async (s) => {
        await s.call(game, CURRENT_ABI.lite, 'prove', ['0x'], { gas: 300_000n, label: `prove ${game}` })
        await s.settle()
      })
      helper.invalidate()
      await proposer.catchUp()
    },

    async submitAggregateProof(chainId, game, proofType, opts = {}) {
      const { helper } = chain(chainId)
      await requireType(game, GAME_TYPE.AGGREGATE_VERIFIER, 'submitAggregateProof')
      await requireTrueRoot(chainId, game, opts.force)
      await withSigner(chainId, opts.from, async (s) => {
        await s.call(game, CURRENT_ABI.aggregate, 'verifyProposalProof', [AGGREGATE_PROOF[proofType]], { gas: 500_000n, label: `${proofType} proof ${game}` })
        await s.settle()
      })
      helper.invalidate()
      await proposer.catchUp()
    },

    setAggregateProofs(chainId, proofs) {
      chain(chainId).helper.aggregateProofs = proofs
    },

    async proveWithdrawalAs(chainId, source, account, opts = {}) {
      const { r, g } = chain(chainId)
      const isReceipt = 'logs' in source
      const withdrawal = isReceipt ? getWithdrawals(source)[0] : source
      if (!withdrawal) throw new Error('the receipt has no MessagePassed event: not a withdrawal')
      const l2Block = isReceipt ? source.blockNumber : source.l2BlockNumber
      let game: { index: bigint; address: Address; l2BlockNumber: bigint }
      if (opts.gameIndex !== undefined) {
        const [, , address] = (await read(g.disputeGameFactory, dgfAbi, 'gameAtIndex', [opts.gameIndex])) as readonly [number, bigint, Address]
        game = { index: opts.gameIndex, address, l2BlockNumber: (await read(address, CURRENT_ABI.game, 'l2SequenceNumber')) as bigint }
      } else {
        const p = (await proposer.waitForProposal(chainId, l2Block)) as Extract<Proposal, { kind: 'game' }>
        game = { index: p.index, address: p.address, l2BlockNumber: p.l2BlockNumber }
      }
      const args = (await buildProveWithdrawal(ctx.l2[chainId]! as never, { game, withdrawal } as never)) as unknown as {
        outputRootProof: { version: Hex; stateRoot: Hex; messagePasserStorageRoot: Hex; latestBlockhash: Hex }
        withdrawalProof: Hex[]
      }
      const tx = { nonce: withdrawal.nonce, sender: withdrawal.sender, target: withdrawal.target, value: withdrawal.value, gasLimit: withdrawal.gasLimit, data: withdrawal.data }
      const signer = new Signer(l1, keyOf(account), L1_CHAIN_ID)
      const callArgs = [tx, game.index, args.outputRootProof, args.withdrawalProof] as const
      // The portal's own error (OptimismPortal_…) if it refuses, before anything is sent.
      await l1.simulateContract({ account: signer.address, address: r.optimismPortal, abi: portalAbi, functionName: 'proveWithdrawalTransaction', args: callArgs, blockTag: 'pending' } as never)
      const sent = await signer.call(r.optimismPortal, portalAbi, 'proveWithdrawalTransaction', callArgs, { gas: 2_000_000n, label: `prove withdrawal ${withdrawal.withdrawalHash}` })
      const [receipt] = await signer.settle()
      return { hash: sent.hash, receipt: receipt!, withdrawalHash: withdrawal.withdrawalHash, submitter: signer.address, game, withdrawal: { ...tx, withdrawalHash: withdrawal.withdrawalHash } }
    },

    async listGames(chainId, count = 10) {
      const { g } = chain(chainId)
      const total = (await read(g.disputeGameFactory, dgfAbi, 'gameCount')) as bigint
      const out: GameInfo[] = []
      for (let i = total - 1n; i >= 0n && out.length < count; i--) {
        const [gameType, , address] = (await read(g.disputeGameFactory, dgfAbi, 'gameAtIndex', [i])) as readonly [number, bigint, Address]
        const [l2, root, status, createdAt, resolvedAt, creator] = await Promise.all([
          read(address, CURRENT_ABI.game, 'l2SequenceNumber'),
          read(address, CURRENT_ABI.game, 'rootClaim'),
          read(address, CURRENT_ABI.game, 'status'),
          read(address, CURRENT_ABI.game, 'createdAt'),
          read(address, CURRENT_ABI.game, 'resolvedAt'),
          read(address, CURRENT_ABI.game, 'gameCreator'),
        ])
        out.push({ index: i, gameType: Number(gameType), address, l2BlockNumber: l2 as bigint, rootClaim: root as Hex, status: Number(status), createdAt: createdAt as bigint, resolvedAt: resolvedAt as bigint, creator: creator as Address })
      }
      return out
    },
  }
}

function falseRoot(chainId: number, l2Block: bigint): Hex {
  return keccak256(toHex(`devnet false output root ${chainId} ${l2Block} ${Date.now()} ${Math.random()}`))
}

/** The same functions on a devnet with the legacy contracts: each says what it needs. */
export function legacyOps(): Omit<CurrentOps, 'setRespectedGameType'> {
  const no = (name: string) => async () => {
    throw new Error(`${name} needs the devnet's 'current' contracts (startDevnet({ contracts: 'current' }) / npm run devnet -- --contracts current)`)
  }
  return {
    retireGames: no('retireGames') as never,
    blacklistGame: no('blacklistGame') as never,
    postFalseGame: no('postFalseGame') as never,
    challengeGame: no('challengeGame') as never,
    proveGame: no('proveGame') as never,
    submitAggregateProof: no('submitAggregateProof') as never,
    setAggregateProofs: () => {
      throw new Error(`setAggregateProofs needs the devnet's 'current' contracts`)
    },
    proveWithdrawalAs: no('proveWithdrawalAs') as never,
    listGames: no('listGames') as never,
  }
}
