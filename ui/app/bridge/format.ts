// Times on the bridge screens: a date a person can plan with, and how far away it is.
import { formatDuration } from '../../../src/rollup/duration.ts'

/** "Sat 21 Nov, 14:05" (with the year when it is not this year). */
export function date(ms: number, now = Date.now()): string {
  const d = new Date(ms)
  const sameYear = d.getFullYear() === new Date(now).getFullYear()
  return d.toLocaleString([], { weekday: 'short', day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }), hour: '2-digit', minute: '2-digit' })
}

/** "in 2 h 10 min" / "5 min ago" / "now". */
export function relative(ms: number, now = Date.now()): string {
  const s = Math.round((ms - now) / 1000)
  if (Math.abs(s) < 5) return 'now'
  return s > 0 ? `in ${formatDuration(s)}` : `${formatDuration(-s)} ago`
}
