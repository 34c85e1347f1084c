// Names for the addresses a screen shows (the user's accounts, the address book, ENS primary names),
// asked of the background once per address and kept for the page's life.
import { useEffect, useState } from 'preact/hooks'
import type { KnownName } from '../../../src/names/service.ts'
import { bg } from '../../lib/background.ts'

const known = new Map<string, KnownName | null>()
const keyOf = (a: string, chainId?: number) => `${chainId ?? ''}:${a.toLowerCase()}`

/** Forget what was looked up (after the address book changed). */
export function forgetNames(): void {
  known.clear()
}

export function useNames(addresses: (string | null | undefined)[], chainId?: number): (address: string | null | undefined) => KnownName | null {
  const list = [...new Set(addresses.filter((a): a is string => !!a && /^0x[0-9a-fA-F]{40}$/.test(a)))]
  const [, setTick] = useState(0)
  const missing = list.filter((a) => !known.has(keyOf(a, chainId)))
  const wanted = missing.join(',')
  useEffect(() => {
    if (!missing.length) return
    let alive = true
    bg('names.lookup', { addresses: missing.slice(0, 50), ...(chainId ? { chainId } : {}) }).then(
      (found) => {
        const lower = new Map(Object.entries(found).map(([k, v]) => [k.toLowerCase(), v]))
        for (const a of missing) known.set(keyOf(a, chainId), lower.get(a.toLowerCase()) ?? null)
        if (alive) setTick((t) => t + 1)
      },
      () => undefined,
    )
    return () => {
      alive = false
    }
  }, [wanted, chainId])
  return (a) => (a ? (known.get(keyOf(a, chainId)) ?? null) : null)
}
