// The one funds check: the network fee is paid in the chain's native currency and must fit, at its
// most, next to the value the transaction itself carries. Used by the send screen and the bridge
// review before anything is signed (the node refuses anyway; this says why first).
export interface FundsShortfall {
  /** value + the most the fee can be */
  needed: bigint
  /** the most the fee can be */
  maxFee: bigint
  /** the transaction itself carries native currency (sending or depositing ETH) */
  includesValue: boolean
  balance: bigint
}

/** null when `balance` covers `value` + the maximum fee; a balance never read checks nothing (null). */
export function fundsShortfall(p: { balance: bigint | null | undefined; value: bigint; maxFee: bigint }): FundsShortfall | null {
  if (p.balance === null || p.balance === undefined) return null
  const needed = p.value + p.maxFee
  return needed > p.balance ? { needed, maxFee: p.maxFee, includesValue: p.value > 0n, balance: p.balance } : null
}
