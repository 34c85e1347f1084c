// What the wallet found wrong in its own storage: a value that is not what its family holds (changed
// by another program, a damaged profile, a bug), or a fact that does not hold (an account whose
// address the recovery phrase does not give). Found at start and at unlock, reported to the user
// (WalletState.problems) and never "repaired" silently into something else: the wallet goes on with
// what it can trust and leaves everything else as it was.
export interface StorageProblem {
  area: 'local' | 'session'
  key: string
  /** the storage map's family name (src/storage-map.ts) */
  family: string
  /** the module that owns it */
  owner: string
  /** what is wrong, in a sentence */
  problem: string
}

/** Why the wallet stopped (a failed storage migration, a store written by a newer version). */
export interface WalletHalt {
  code: string
  message: string
}
