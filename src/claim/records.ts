// What the wallet remembers of the claims it sent (storage.local), so that one is never sent twice:
// a claim pending or confirmed for an account blocks another until it is known to have failed.
// (The claim the user reviews is a flow: src/claim/flow-kind.ts.)
import type { Address, Hex } from 'viem'
import type { KV } from '../storage/kv.ts'
import { Mutex } from '../util/mutex.ts'
import type { ClaimNetwork } from './config.ts'
import { sameAddress } from '../util/address.ts'

export const CLAIM_RECORDS_KEY = 'claim.records'

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

export class ClaimRecords {
  private readonly mutex = new Mutex()
  constructor(private readonly local: KV) {}

  async list(): Promise<ClaimRecord[]> {
    const raw = await this.local.get<unknown>(CLAIM_RECORDS_KEY)
    return Array.isArray(raw) ? (raw as ClaimRecord[]).filter((r) => r && typeof r.hash === 'string' && typeof r.h160 === 'string') : []
  }

  /** The newest record of an account's claim on one network of one deployment. */
  async find(deployment: string, network: ClaimNetwork, h160: string): Promise<ClaimRecord | undefined> {
    return (await this.list()).find((r) => r.deployment === deployment && r.network === network && sameAddress(r.h160, h160))
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
}
