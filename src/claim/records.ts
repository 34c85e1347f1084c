// What the wallet remembers of the claims it sent (storage.local), so that one is never sent twice:
// a claim pending or confirmed for an account blocks another until it is known to have failed.
// And the claims prepared for the approval screen (storage.session), so the one the user approved
// is exactly the one sent, even after a service-worker restart.
import type { Address, Hex } from 'viem'
import type { PreparedTx } from '../approvals/types.ts'
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'
import type { ClaimNetwork } from './config.ts'

export const CLAIM_RECORDS_KEY = 'claim.records'
export const PREPARED_CLAIMS_KEY = 'claim.prepared'
/** an approval screen older than this is prepared again (fees and the chain move on) */
export const PREPARED_TTL_MS = 15 * 60_000

export interface ClaimRecord {
  deployment: string
  network: ClaimNetwork
  h160: Address
  ss58: string
  receiver: Address
  /** PHA and vPHA as approved, decimal strings */
  free: string
  staked: string
  chainId: number
  hash: Hex
  sentAt: number
  status: 'pending' | 'confirmed' | 'failed'
  /** the L2 deposit that carries the staked vPHA (Phala claimer), once the L1 receipt shows it */
  l2Deposit?: { chainId: number; hash: Hex; status: 'pending' | 'arrived' }
}

/** Which claim: the approval screen's id, and the account, network and receiver it is for. */
export interface ClaimSubject {
  id: string
  deployment: string
  network: ClaimNetwork
  ss58: string
  h160: Address
  receiver: Address
}

export interface PreparedClaim extends ClaimSubject {
  free: string
  staked: string
  tx: PreparedTx
  createdAt: number
}

export class ClaimRecords {
  private readonly mutex = new Mutex()
  constructor(
    private readonly local: KV,
    private readonly session: KV,
  ) {}

  async list(): Promise<ClaimRecord[]> {
    const raw = await this.local.get<unknown>(CLAIM_RECORDS_KEY)
    return Array.isArray(raw) ? (raw as ClaimRecord[]).filter((r) => r && typeof r.hash === 'string' && typeof r.h160 === 'string') : []
  }

  /** The newest record of an account's claim on one network of one deployment. */
  async find(deployment: string, network: ClaimNetwork, h160: string): Promise<ClaimRecord | undefined> {
    return (await this.list()).find((r) => r.deployment === deployment && r.network === network && r.h160.toLowerCase() === h160.toLowerCase())
  }

  add(record: ClaimRecord): Promise<void> {
    return this.mutex.run(async () => {
      const rest = (await this.list()).filter((r) => r.hash !== record.hash)
      await this.local.set({ [CLAIM_RECORDS_KEY]: [record, ...rest].slice(0, 100) })
    })
  }

  update(hash: string, patch: Partial<ClaimRecord>): Promise<ClaimRecord | null> {
    return this.mutex.run(async () => {
      const all = await this.list()
      const i = all.findIndex((r) => r.hash === hash)
      if (i < 0) return null
      all[i] = { ...all[i], ...patch }
      await this.local.set({ [CLAIM_RECORDS_KEY]: all })
      return all[i]
    })
  }

  async putPrepared(p: Omit<PreparedClaim, 'createdAt'>, now: number): Promise<void> {
    const kept = (await this.preparedList()).filter((x) => x.id !== p.id && now - x.createdAt < PREPARED_TTL_MS)
    await this.session.set({ [PREPARED_CLAIMS_KEY]: [...kept, { ...p, createdAt: now }].slice(-10) })
  }

  async takePrepared(id: string, now: number): Promise<PreparedClaim | null> {
    const all = await this.preparedList()
    const hit = all.find((x) => x.id === id)
    await this.session.set({ [PREPARED_CLAIMS_KEY]: all.filter((x) => x.id !== id) })
    return hit && now - hit.createdAt < PREPARED_TTL_MS ? hit : null
  }

  private async preparedList(): Promise<PreparedClaim[]> {
    const raw = await this.session.get<unknown>(PREPARED_CLAIMS_KEY)
    return Array.isArray(raw) ? (raw as PreparedClaim[]).filter((x) => x && typeof x.id === 'string') : []
  }
}
