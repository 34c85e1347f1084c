// Wrong-password back-off. The count lives in storage.local, so neither a service-worker restart
// nor a browser restart resets it; only a right password does.
export interface FailureState {
  count: number
  /** ms since epoch of the last wrong password */
  lastAt: number
}

export const FREE_TRIES = 3
export const BASE_DELAY_MS = 1_000
export const MAX_DELAY_MS = 5 * 60_000

/** After 3 wrong passwords: 1 s, then 2 s, 4 s, ... up to 5 min. */
export function delayAfter(failures: number): number {
  if (failures < FREE_TRIES) return 0
  return Math.min(BASE_DELAY_MS * 2 ** Math.min(failures - FREE_TRIES, 30), MAX_DELAY_MS)
}

/** How long until the next try is allowed (0: now). A clock set back cannot shorten the wait. */
export function retryAfter(state: FailureState, now: number): number {
  const delay = delayAfter(state.count)
  if (delay === 0) return 0
  const elapsed = Math.max(0, now - state.lastAt)
  return Math.max(0, delay - elapsed)
}

export function readFailures(raw: unknown): FailureState {
  const r = raw as Partial<FailureState> | undefined
  return {
    count: Number.isSafeInteger(r?.count) && (r!.count as number) > 0 ? (r!.count as number) : 0,
    lastAt: Number.isFinite(r?.lastAt) ? (r!.lastAt as number) : 0,
  }
}
