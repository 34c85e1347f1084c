// The Approve and Reject buttons of a request enable only after it has been on screen for a moment:
// its content in view (IntersectionObserver) in a visible window, then ENABLE_DELAY_MS. A new request
// (another id) starts over, so a double click, or a click meant for the request before, cannot decide
// one the user has not seen.
import { useEffect, useRef, useState } from 'preact/hooks'

export const ENABLE_DELAY_MS = 700

export function useApprovalGate(id: string | null): { ref: { current: HTMLElement | null }; ready: boolean } {
  const ref = useRef<HTMLElement | null>(null)
  const [ready, setReady] = useState(false)
  useEffect(() => {
    setReady(false)
    const el = ref.current
    if (!id || !el) return
    let inView = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const arm = () => {
      clearTimeout(timer)
      timer = undefined
      if (inView && document.visibilityState === 'visible') timer = setTimeout(() => setReady(true), ENABLE_DELAY_MS)
      else setReady(false)
    }
    const io = new IntersectionObserver((entries) => {
      const now = entries.some((e) => e.isIntersecting)
      if (now !== inView) {
        inView = now
        // out of view before the delay ran out: start again; once enabled it stays enabled
        if (!inView || timer === undefined) arm()
      }
    })
    io.observe(el)
    const onVisibility = () => arm()
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      clearTimeout(timer)
      io.disconnect()
      document.removeEventListener('visibilitychange', onVisibility)
    }
  }, [id])
  return { ref, ready }
}
