// One tick of the tracker: every tracked deposit and withdrawal moves as far as the chains allow.
// Per L2, whatever the number of withdrawals: ONE multicall on L1 for all of them (finalized?
// proven? their games, the portal's own checkWithdrawal), a second one for the newest proposals
// (and games seen for the first time), and one JSON-RPC batch for receipts of transactions still
// in flight. So the calls per tick grow with chains, not with withdrawals. One chain that fails
// leaves the others' items moving.
import { getAddress, type Address, type Hex } from 'viem'
import type { RpcClient } from '../chains/rpc-client.ts'
import { getWithdrawals } from 'viem/op-stack'
import type { Network } from '../chains/types.ts'
import { anchorStateRegistryAbi, disputeGameFactoryAbi, legacyPortalAbi, outputOracleAbi, portal2Abi } from '../rollup/abis.ts'
import { readMany, value, type Read, type ReadResult } from '../rollup/multicall.ts'
import { CADENCE_SAMPLES, cadenceOf, latestGamesRead, nowRead, proposalFromGame, readRollupParams, recentOutputs, type Proposal, type RollupParams } from '../rollup/params.ts'
import { effectiveCadence } from '../rollup/exit-time.ts'
import { receiptOrNull, trackDeposits } from './deposit-track.ts'
import { messageOf } from './message.ts'
import { evaluateWithdrawal, staleProof, type ChainFacts, type Transition, type WithdrawalFacts } from './evaluate.ts'
import { applyParents, gameFacts, gameReads, othersProofs } from './game-facts.ts'
import { isFinished, type BridgeStore } from './store.ts'
import type { BridgeItem, DepositItem, WithdrawalItem } from './types.ts'

export interface TrackerDeps {
  store: BridgeStore
  network(chainId: number): Promise<Network | undefined>
  client(n: Network): RpcClient
  /** ms since epoch */
  now(): number
  /** how long read parameters are trusted before they are read again (ms) */
  paramsMaxAgeMs?: number
}

export interface ChainReport {
  l2ChainId: number
  ok: boolean
  error?: string
  /** L1 seconds at the tick, and the local ms it was read at: converts predictions to local time */
  l1Now?: number
  localNow: number
}

export interface TickReport {
  transitions: { item: BridgeItem; what: Transition | 'credited' }[]
  chains: ChainReport[]
  /** local ms of the next predicted change (null: nothing to wait for) */
  nextAt: number | null
  /** items still moving */
  active: number
}

const ACTIVE_W = new Set(['initiating', 'waiting-proposal', 'ready-to-prove', 'proving', 'proven', 'ready-to-finalize', 'finalizing'])

/** How long parameters without a measured cadence are trusted (ms). */
export const NO_CADENCE_MAX_AGE_MS = 15_000

export class Tracker {
  private readonly params = new Map<number, { p: RollupParams; at: number }>()
  private readonly maxAge: number

  constructor(private readonly deps: TrackerDeps) {
    this.maxAge = deps.paramsMaxAgeMs ?? 5 * 60_000
  }

  /**
   * The chain's parameters, read again when older than the limit (or when `fresh`). Parameters read
   * before the chain had two proposals to measure a cadence from (a new chain, a wallet that looked
   * during a quiet spell) are read again sooner: the wallet must not say "cannot be predicted" for
   * minutes once a prediction is possible.
   */
  async paramsFor(l2: Network, opts: { fresh?: boolean } = {}): Promise<RollupParams> {
    const hit = this.params.get(l2.chainId)
    const limit = hit && !effectiveCadence(hit.p) ? Math.min(this.maxAge, NO_CADENCE_MAX_AGE_MS) : this.maxAge
    if (hit && !opts.fresh && this.deps.now() - hit.at < limit) return hit.p
    if (!l2.rollup) throw new Error(`${l2.name} is not a rollup this wallet can bridge to.`)
    const l1 = await this.deps.network(l2.rollup.l1ChainId)
    if (!l1) throw new Error(`The wallet does not know ${l2.name}'s L1 (chain ${l2.rollup.l1ChainId}).`)
    const p = await readRollupParams(
      { l1: this.deps.client(l1), l2: this.deps.client(l2) },
      { l2ChainId: l2.chainId, l1ChainId: l1.chainId, portal: l2.rollup.portal, blockTimeSeconds: l2.blockTimeSeconds },
    )
    this.params.set(l2.chainId, { p, at: this.deps.now() })
    await this.deps.store.setParams(p)
    return p
  }

  async tick(): Promise<TickReport> {
    const snapshot = await this.deps.store.list()
    const before = new Map(snapshot.map((i) => [i.id, JSON.stringify(i)]))
    const active = snapshot.filter((i) => !isFinished(i))
    const byChain = new Map<number, BridgeItem[]>()
    for (const i of active) byChain.set(i.l2ChainId, [...(byChain.get(i.l2ChainId) ?? []), i])
    const results = await Promise.all([...byChain].map(([chainId, items]) => this.trackChain(chainId, items)))

    const updated = new Map<string, BridgeItem>()
    const transitions: TickReport['transitions'] = []
    let nextAt: number | null = null
    for (const r of results) {
      for (const i of r.items) updated.set(i.id, i)
      transitions.push(...r.transitions)
      if (r.nextAt !== null) nextAt = nextAt === null ? r.nextAt : Math.min(nextAt, r.nextAt)
    }
    // Write back only what nobody changed meanwhile (a prove sent while this tick read the chain).
    const after = await this.deps.store.updateAll((cur) => (updated.has(cur.id) && before.get(cur.id) === JSON.stringify(cur) ? updated.get(cur.id)! : cur))
    return { transitions, chains: results.map((r) => r.report), nextAt, active: after.filter((i) => !isFinished(i)).length }
  }

  private async trackChain(l2ChainId: number, items: BridgeItem[]) {
    const localNow = this.deps.now()
    const out = { items: [] as BridgeItem[], transitions: [] as TickReport['transitions'], nextAt: null as number | null, report: { l2ChainId, ok: true, localNow } as ChainReport }
    try {
      const l2n = await this.deps.network(l2ChainId)
      if (!l2n?.rollup) throw new Error(`The wallet does not know chain ${l2ChainId} as a rollup any more.`)
      const l1n = await this.deps.network(l2n.rollup.l1ChainId)
      if (!l1n) throw new Error(`The wallet does not know chain ${l2n.rollup.l1ChainId}.`)
      const l1 = this.deps.client(l1n)
      const l2 = this.deps.client(l2n)

      const deposits = items.filter((i): i is DepositItem => i.kind === 'deposit')
      const withdrawals = items.filter((i): i is WithdrawalItem => i.kind === 'withdrawal' && ACTIVE_W.has(i.status))
      const [depositChanges, ws] = await Promise.all([
        trackDeposits(l1, l2, deposits, localNow),
        withdrawals.length ? this.trackWithdrawals(l2n, l1, l2, withdrawals) : null,
      ])
      for (const d of depositChanges) {
        out.items.push(d)
        if (d.status === 'credited') out.transitions.push({ item: d, what: 'credited' })
      }
      if (deposits.some((d) => !depositChanges.find((c) => c.id === d.id && c.status === 'credited'))) out.nextAt = localNow + 15_000
      if (ws) {
        out.items.push(...ws.items)
        out.transitions.push(...ws.transitions)
        out.report.l1Now = ws.l1Now
        if (ws.nextAt !== null) {
          const local = localNow + (ws.nextAt - ws.l1Now) * 1000
          out.nextAt = out.nextAt === null ? local : Math.min(out.nextAt, local)
        }
      }
    } catch (err) {
      out.report.ok = false
      out.report.error = (err as { shortMessage?: string; message?: string }).shortMessage ?? (err as Error).message ?? String(err)
    }
    return out
  }

  private async trackWithdrawals(l2n: Network, l1: RpcClient, l2: RpcClient, withdrawals: WithdrawalItem[]) {
    // L2 receipts of withdrawals still being mined, and L1 receipts of the wallet's own prove /
    // finalize transactions: one batch per chain, only for items in flight.
    const pendingL2 = withdrawals.filter((w) => w.status === 'initiating' || !w.message)
    const sentL1 = withdrawals.flatMap((w) => [
      ...(w.status === 'proving' && w.proof?.hash ? [[w.id, 'prove', w.proof.hash] as const] : []),
      ...(w.status === 'finalizing' && w.finalizeHash ? [[w.id, 'finalize', w.finalizeHash] as const] : []),
    ])
    const [l2Receipts, l1Receipts] = await Promise.all([
      Promise.all(pendingL2.map((w) => receiptOrNull(l2, w.l2Hash))),
      Promise.all(sentL1.map(([, , hash]) => receiptOrNull(l1, hash))),
    ])
    const items = new Map(withdrawals.map((w) => [w.id, w]))
    pendingL2.forEach((w, i) => {
      const r = l2Receipts[i]
      if (!r) return
      if (r.status !== 'success') {
        items.set(w.id, { ...w, status: 'failed', l2Block: Number(r.blockNumber), error: 'The withdrawal transaction failed on L2: nothing left the L2.' })
        return
      }
      const index = Number(w.id.split(':')[2] ?? 0)
      const m = getWithdrawals({ logs: r.logs as never })[index]
      if (!m) {
        items.set(w.id, { ...w, status: 'failed', l2Block: Number(r.blockNumber), error: 'The transaction did not start a withdrawal (no MessagePassed event).' })
        return
      }
      items.set(w.id, {
        ...w,
        status: 'waiting-proposal',
        l2Block: Number(r.blockNumber),
        message: messageOf(m),
      })
    })
    const receipts = new Map<string, 'success' | 'reverted'>()
    sentL1.forEach(([id, what], i) => {
      const r = l1Receipts[i]
      if (r) receipts.set(`${id}:${what}`, r.status === 'success' ? 'success' : 'reverted')
    })

    const live = [...items.values()].filter((w) => w.message && ACTIVE_W.has(w.status) && w.status !== 'initiating')
    let params = await this.paramsFor(l2n)
    let read = await this.readChain(l1, params, live)
    if (read.respectedGameType !== undefined && params.system.kind === 'dispute-games' && read.respectedGameType !== params.system.respectedGameType) {
      // The chain switched proof systems: detect again, then read with the new one.
      params = await this.paramsFor(l2n, { fresh: true })
      read = await this.readChain(l1, params, live)
    }
    params = { ...params, cadence: read.proposals.length ? cadenceOf(read.proposals) : params.cadence, readAt: read.now, ...(read.validAfter ? { gamesValidAfter: read.validAfter } : {}) }
    this.params.set(l2n.chainId, { p: params, at: this.params.get(l2n.chainId)?.at ?? this.deps.now() })
    await this.deps.store.setParams(params)

    const chain: ChainFacts = { now: read.now, params, latest: read.latest }
    const transitions: TickReport['transitions'] = []
    let nextAt: number | null = null
    for (const w of live) {
      const f = read.facts.get(w.id)!
      const pr = receipts.get(`${w.id}:prove`)
      const fr = receipts.get(`${w.id}:finalize`)
      if (pr) f.proveTx = pr
      if (fr) f.finalizeTx = fr
      const ev = evaluateWithdrawal(w, chain, f)
      items.set(w.id, ev.item)
      for (const t of ev.transitions) transitions.push({ item: ev.item, what: t })
      if (ev.nextAt !== null) nextAt = nextAt === null ? ev.nextAt : Math.min(nextAt, ev.nextAt)
    }
    return { items: [...items.values()], transitions, nextAt, l1Now: read.now }
  }

  /** Round 1: the chain's head facts and each withdrawal's; round 2: newest proposals and games first seen. */
  private async readChain(l1: RpcClient, params: RollupParams, ws: WithdrawalItem[]) {
    const s = params.system
    const facts = new Map<string, WithdrawalFacts>()
    if (s.kind === 'unknown') throw new Error(`Cannot track withdrawals: ${s.reason}`)
    const games = s.kind === 'dispute-games'
    const head: Read[] = [nowRead()]
    if (games) {
      head.push(
        { address: s.portal, abi: portal2Abi, functionName: 'respectedGameType' },
        { address: s.factory, abi: disputeGameFactoryAbi, functionName: 'gameCount' },
        { address: s.portal, abi: portal2Abi, functionName: 'respectedGameTypeUpdatedAt' },
        s.anchorStateRegistry ? { address: s.anchorStateRegistry, abi: anchorStateRegistryAbi, functionName: 'retirementTimestamp' } : nowRead(),
      )
    } else {
      head.push({ address: s.oracle, abi: outputOracleAbi, functionName: 'latestBlockNumber' }, { address: s.oracle, abi: outputOracleAbi, functionName: 'latestOutputIndex' })
    }
    const per: Read[][] = ws.map((w) => {
      const hash = w.message!.withdrawalHash
      const submitter = w.proof?.submitter ?? w.account
      const reads: Read[] = [{ address: s.portal, abi: portal2Abi, functionName: 'finalizedWithdrawals', args: [hash] }]
      if (games) {
        reads.push({ address: s.portal, abi: portal2Abi, functionName: 'provenWithdrawals', args: [hash, submitter] })
        reads.push({ address: s.portal, abi: portal2Abi, functionName: 'numProofSubmitters', args: [hash] })
        if (w.proof?.game) reads.push(...gameReads(s, w.proof.game, hash, submitter))
      } else {
        reads.push({ address: s.portal, abi: legacyPortalAbi, functionName: 'provenWithdrawals', args: [hash] })
        if (w.proof?.outputIndex !== undefined) reads.push({ address: s.oracle, abi: outputOracleAbi, functionName: 'getL2Output', args: [BigInt(w.proof.outputIndex)] })
      }
      return reads
    })
    const res = await readMany(l1, [...head, ...per.flat()])
    const now = Number(value<bigint>(res[0]) ?? 0n)
    let k = head.length
    const perRes = per.map((r) => res.slice(k, (k += r.length)))

    // Round 2: newest proposals, and games/outputs a proof points to for the first time.
    const extra: Read[] = []
    let latestRead: Read | null = null
    let respectedGameType: number | undefined
    let validAfter = 0
    if (games) {
      respectedGameType = value<number>(res[1])
      validAfter = Math.max(Number(value<bigint>(res[3]) ?? 0n), s.anchorStateRegistry ? Number(value<bigint>(res[4]) ?? 0n) + 1 : 0)
      latestRead = latestGamesRead(s.factory, respectedGameType ?? s.respectedGameType, value<bigint>(res[2]) ?? 0n, CADENCE_SAMPLES)
    }
    const fresh: { w: WithdrawalItem; i: number; at: number; n: number }[] = []
    ws.forEach((w, i) => {
      const r = perRes[i]
      if (games) {
        const pw = value<readonly [Address, bigint]>(r[1])
        const game = pw && pw[1] > 0n ? getAddress(pw[0]) : undefined
        if (game && game !== w.proof?.game) {
          const reads = gameReads(s, game, w.message!.withdrawalHash, w.proof?.submitter ?? w.account)
          fresh.push({ w, i, at: extra.length, n: reads.length })
          extra.push(...reads)
        }
      } else if (s.kind === 'output-oracle') {
        const pw = value<readonly [Hex, bigint, bigint]>(r[1])
        if (pw && pw[1] > 0n && Number(pw[2]) !== w.proof?.outputIndex) {
          fresh.push({ w, i, at: extra.length, n: 1 })
          extra.push({ address: s.oracle, abi: outputOracleAbi, functionName: 'getL2Output', args: [pw[2]] })
        }
      }
    })
    let proposals: Proposal[] = []
    let extraRes: ReadResult[] = []
    if (s.kind === 'output-oracle') {
      const latestIndex = value<bigint>(res[2])
      const [outs, more] = await Promise.all([latestIndex === undefined ? [] : recentOutputs(l1, s.oracle, latestIndex, CADENCE_SAMPLES), readMany(l1, extra)])
      proposals = outs
      extraRes = more
    } else {
      const all = await readMany(l1, latestRead ? [latestRead, ...extra] : extra)
      if (latestRead) {
        const raw = (value<unknown[]>(all[0]) ?? []) as Parameters<typeof proposalFromGame>[0][]
        proposals = raw.map(proposalFromGame).filter((g) => g.timestamp >= validAfter)
        extraRes = all.slice(1)
      } else extraRes = all
    }

    const parents: Parameters<typeof applyParents>[2] = []
    ws.forEach((w, i) => {
      const r = perRes[i]
      const fr = fresh.find((x) => x.i === i)
      const f: WithdrawalFacts = { finalized: value<boolean>(r[0]) === true, proven: null }
      if (games) {
        const pw = value<readonly [Address, bigint]>(r[1])
        if (pw && pw[1] > 0n) {
          f.proven = { provenAt: Number(pw[1]), game: getAddress(pw[0]) }
          const g = fr ? extraRes.slice(fr.at, fr.at + fr.n) : r.slice(3)
          const gf = gameFacts(g, now)
          Object.assign(f, gf.facts)
          if (gf.parent && f.game) parents.push({ facts: f.game, parent: gf.parent })
        }
      } else {
        const pw = value<readonly [Hex, bigint, bigint]>(r[1])
        if (pw && pw[1] > 0n) {
          f.proven = { provenAt: Number(pw[1]), outputRoot: pw[0], outputIndex: Number(pw[2]) }
          const o = fr ? extraRes[fr.at] : r[2]
          const out = value<{ outputRoot: Hex; timestamp: bigint }>(o)
          f.output = out ? { root: out.outputRoot, timestamp: Number(out.timestamp) } : o ? 'deleted' : undefined
        }
      }
      facts.set(w.id, f)
    })

    if (games) {
      // A withdrawal this account has not validly proven may have been proven by someone else.
      const asks = ws
        .map((w, i) => ({ w, f: facts.get(w.id)!, count: Number(value<bigint>(perRes[i][2]) ?? 0n) }))
        .filter((x) => !x.f.finalized && x.count > (x.f.proven ? 1 : 0) && (!x.f.proven || staleProof(params, x.f) !== null))
      const found = await othersProofs(l1, s, asks.map((x) => ({ hash: x.w.message!.withdrawalHash, count: x.count, skip: x.w.proof?.submitter ?? x.w.account })))
      const adopted = asks.filter((x) => found.has(x.w.message!.withdrawalHash))
      const reads = await readMany(l1, adopted.flatMap((x) => gameReads(s, found.get(x.w.message!.withdrawalHash)!.game, x.w.message!.withdrawalHash, found.get(x.w.message!.withdrawalHash)!.submitter)))
      let k = 0
      for (const x of adopted) {
        const o = found.get(x.w.message!.withdrawalHash)!
        const n = gameReads(s, o.game, x.w.message!.withdrawalHash, o.submitter).length
        const gf = gameFacts(reads.slice(k, (k += n)), now)
        const candidate: WithdrawalFacts = { finalized: false, proven: { provenAt: o.provenAt, game: o.game, submitter: o.submitter }, ...gf.facts }
        if (staleProof(params, candidate) !== null) continue
        facts.set(x.w.id, candidate)
        if (gf.parent && candidate.game) parents.push({ facts: candidate.game, parent: gf.parent })
      }
      await applyParents(l1, s, parents, now)
    }

    // a game cannot be proven against in the second it was created (5.x portals refuse it)
    let latest: Proposal | null = (games ? proposals.find((x) => x.timestamp < now) : proposals[0]) ?? null
    if (s.kind === 'output-oracle' && latest) {
      // what counts for proving is the oracle's newest block, whatever the output list says
      const latestBlock = Number(value<bigint>(res[1]) ?? BigInt(latest.l2Block))
      latest = { ...latest, l2Block: Math.max(latest.l2Block, latestBlock) }
    }
    return { now, facts, proposals, latest, respectedGameType, validAfter }
  }
}
