// One time format on every screen: how long ago ("2 min ago"), when ("14:05 today", "Sat 21 Nov,
// 14:05", with the year when it is not this year), and how far away ("in 2 h 10 min").
import { formatDuration } from '../../src/rollup/duration.ts'

const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()

// One formatter per format, made on first use: a Date's toLocale*String builds a new
// Intl.DateTimeFormat on every call (milliseconds each; a popup's chips and cells called it dozens
// of times while painting the balances).
const formats = new Map<string, Intl.DateTimeFormat>()
function format(opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(opts)
  let f = formats.get(key)
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(undefined, opts)))
  return f
}

/** "14:05 today", "14:05 yesterday", "Sat 21 Nov, 14:05" (the year when not this year). */
export function date(ms: number, now = Date.now()): string {
  const d = new Date(ms)
  const n = new Date(now)
  const hm = format({ hour: '2-digit', minute: '2-digit' }).format(d)
  if (sameDay(d, n)) return `${hm} today`
  if (sameDay(d, new Date(now - 86_400_000))) return `${hm} yesterday`
  if (sameDay(d, new Date(now + 86_400_000))) return `${hm} tomorrow`
  return format({ weekday: 'short', day: 'numeric', month: 'short', ...(d.getFullYear() === n.getFullYear() ? {} : { year: 'numeric' }), hour: '2-digit', minute: '2-digit' }).format(d)
}

/** "just now", "40 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function ago(ms: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - ms) / 1000))
  if (s < 10) return 'just now'
  if (s < 60) return `${s} s ago`
  if (s < 3600) return `${Math.floor(s / 60)} min ago`
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`
  return `${Math.floor(s / 86400)} d ago`
}

/** "in 2 h 10 min" / "5 min ago" / "now". */
export function relative(ms: number, now = Date.now()): string {
  const s = Math.round((ms - now) / 1000)
  if (Math.abs(s) < 5) return 'now'
  return s > 0 ? `in ${formatDuration(s)}` : `${formatDuration(-s)} ago`
}

/** A past moment as a list shows it: "5 min ago" for the last hour, the date after. */
export function when(ms: number, now = Date.now()): string {
  return now - ms < 3_600_000 ? ago(ms, now) : date(ms, now)
}

/**
 * Makes the date formatter ahead of its first use: the first Intl formatter a page makes costs tens
 * of milliseconds (its locale data); a screen calls this while it waits for the background, so the
 * balances' chips and cells do not pay it when they are drawn.
 */
export function prepareDates(): void {
  format({ hour: '2-digit', minute: '2-digit' })
}
