// The balances of one account on one chain, read now (not from the cache: the send and bridge
// checks depend on them). A reading belongs to the chain and account it was read for: after a
// switch, the previous chain's amounts never show, and a late answer for it is dropped.
import { useEffect, useRef, useState } from 'preact/hooks'
import { bg } from './background.ts'
import { asWalletError } from './errors.ts'

export interface ChainBalances {
  /** token id -> amount in base units; null until read */
  amounts: Record<string, string> | null
  /** why the chain's balances could not be read now (amounts are then the last known, if any) */
  error: string | null
  reload(): void
}

interface Reading {
  key: string
  amounts: Record<string, string> | null
  error: string | null
}

export function useChainBalances(address: string, chainId: number | null): ChainBalances {
  const key = `${chainId}|${address}`
  const [reading, setReading] = useState<Reading | null>(null)
  const latest = useRef(key)
  latest.current = key

  const reload = () => {
    if (chainId === null) return
    const asked = key
    const keep = (next: Omit<Reading, 'key'>) =>
      setReading((prev) => (asked === latest.current ? { key: asked, ...next } : prev))
    bg('balances.refresh', { address, chainIds: [chainId] }).then(
      (r) => {
        const got = r.balances.chains[String(chainId)]
        // a chain never read has no amounts: not zero
        keep({ amounts: got && got.at !== null ? got.amounts : null, error: got?.error?.message ?? null })
      },
      (e) => keep({ amounts: null, error: asWalletError(e).message }),
    )
  }
  useEffect(reload, [key])

  const mine = reading?.key === key ? reading : null
  return { amounts: mine?.amounts ?? null, error: mine?.error ?? null, reload }
}
