// Seconds left until `until` (ms since epoch), ticking; 0 once passed or when there is none.
import { useEffect, useState } from 'preact/hooks'

export function useCountdown(until: number | null): number {
  const left = () => (until === null ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000)))
  const [seconds, setSeconds] = useState(left)
  useEffect(() => {
    setSeconds(left())
    if (until === null) return
    const id = setInterval(() => {
      const s = left()
      setSeconds(s)
      if (s === 0) clearInterval(id)
    }, 250)
    return () => clearInterval(id)
  }, [until])
  return seconds
}
