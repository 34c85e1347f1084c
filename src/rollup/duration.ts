// Durations as people read them: "3 d 4 h", "12 h", "5 min 1 s", "40 s" (the two largest units,
// whole numbers). Dependency-free so the popup can show waits without the rollup model.
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  const units: [string, number][] = [
    ['d', Math.floor(s / 86400)],
    ['h', Math.floor((s % 86400) / 3600)],
    ['min', Math.floor((s % 3600) / 60)],
    ['s', s % 60],
  ]
  const first = units.findIndex(([, n]) => n > 0)
  if (first < 0) return '0 s'
  const [name, n] = units[first]
  const next = units[first + 1]
  return next && next[1] > 0 ? `${n} ${name} ${next[1]} ${next[0]}` : `${n} ${name}`
}
