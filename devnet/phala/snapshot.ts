// The devnet's stand-in for the parachains' final state: a few test accounts with free and staked
// balances, read by the claim backend and funded into the claimers. Amounts are wei strings: free in
// PHA, staked in vPHA shares (what the claimer pays or bridges).
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { accountIdsFromSuri, ss58Decode, toHex } from '../../src/keyring/substrate/index.ts'
import type { Address, Hex } from 'viem'

export type ClaimNetworkName = 'phala' | 'khala'

/** Same fields as DevnetSubstrateAccount in src/chains/devnet-manifest.ts (plus the optional refund). */
export interface SnapshotAccount {
  name: string
  /** secret URI (test-only keys): mnemonic with optional //hard/soft path */
  suri: string
  ss58: string
  publicKey: Hex
  h160: Address
  network: ClaimNetworkName
  free: string
  staked: string
  pwRefund?: string
}

export interface ClaimSnapshot {
  ss58Prefix: number
  accounts: SnapshotAccount[]
}

export const SNAPSHOT_FILE = join(dirname(fileURLToPath(import.meta.url)), 'snapshot.json')

/** Reads a snapshot and checks it: keys match the secret URIs, amounts are integers, no account twice per network. */
export function loadSnapshot(file: string = SNAPSHOT_FILE): ClaimSnapshot {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as ClaimSnapshot
  validateSnapshot(snapshot)
  return snapshot
}

export function validateSnapshot(snapshot: ClaimSnapshot): void {
  const seen = new Set<string>()
  for (const a of snapshot.accounts) {
    const ids = accountIdsFromSuri(a.suri, snapshot.ss58Prefix)
    if (ids.ss58 !== a.ss58 || ids.publicKey !== a.publicKey || ids.h160 !== a.h160) {
      throw new Error(`snapshot account ${a.name}: ss58/publicKey/h160 do not match its secret URI (expected ${ids.ss58})`)
    }
    for (const v of [a.free, a.staked, a.pwRefund ?? '0']) {
      if (!/^\d+$/.test(v)) throw new Error(`snapshot account ${a.name}: amount "${v}" is not a wei integer`)
    }
    const key = `${a.network}:${a.publicKey}`
    if (seen.has(key)) throw new Error(`snapshot account ${a.name} appears twice on ${a.network}`)
    seen.add(key)
  }
}

/** The entry of an account (any SS58 prefix) on a network, or undefined when it had nothing there. */
export function findAccount(snapshot: ClaimSnapshot, network: ClaimNetworkName, address: string): SnapshotAccount | undefined {
  const publicKey = toHex(ss58Decode(address).publicKey)
  return snapshot.accounts.find((a) => a.network === network && a.publicKey === publicKey)
}

export function snapshotTotals(snapshot: ClaimSnapshot, network: ClaimNetworkName): { free: bigint; staked: bigint } {
  let free = 0n
  let staked = 0n
  for (const a of snapshot.accounts) {
    if (a.network !== network) continue
    free += BigInt(a.free)
    staked += BigInt(a.staked)
  }
  return { free, staked }
}

/** The `substrateAccounts` entries of the devnet manifest. */
export function substrateAccountsForManifest(snapshot: ClaimSnapshot = loadSnapshot()) {
  return snapshot.accounts.map(({ name, suri, ss58, publicKey, h160, network, free, staked }) => ({ name, suri, ss58, publicKey, h160, network, free, staked }))
}
