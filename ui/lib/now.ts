// This computer's time, re-read every second while a screen that shows times or ages is open.
import { useEffect, useState } from 'preact/hooks'

export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(t)
  }, [everyMs])
  return now
}
