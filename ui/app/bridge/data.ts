// The bridge screens' view of the tracker: what is stored at once ('bridge.overview'), then a
// tracker tick every few seconds while the screen is open ('bridge.refresh'; both passive calls,
// so an open screen does not hold the auto-lock off).
import { useEffect, useState } from 'preact/hooks'
import type { Overview } from '../../../src/bridge/service.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'

export function useBridgeOverview(everyMs = 5000): { overview: Overview | null; error: string | null; reload: () => void } {
  const [overview, setOverview] = useState<Overview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [kick, setKick] = useState(0)
  useEffect(() => {
    let alive = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const loop = async (call: 'bridge.overview' | 'bridge.refresh') => {
      try {
        const o = await bg(call, {}, { timeoutMs: 60_000 })
        if (!alive) return
        setOverview(o)
        setError(null)
      } catch (e) {
        if (alive) setError(asWalletError(e).message)
      }
      if (alive) timer = setTimeout(() => void loop('bridge.refresh'), everyMs)
    }
    void bg('bridge.overview', {}).then((o) => alive && setOverview(o), () => undefined)
    void loop('bridge.refresh')
    return () => {
      alive = false
      clearTimeout(timer)
    }
  }, [everyMs, kick])
  return { overview, error, reload: () => setKick((k) => k + 1) }
}
