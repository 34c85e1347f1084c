// A progress bar with its meaning in words for screen readers.
export function Progress({ value, label }: { value: number; label: string }) {
  const pct = Math.round(Math.max(0, Math.min(1, value)) * 100)
  return (
    <div class="bridge-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={label} data-testid="bridge-progress">
      <span style={{ width: `${pct}%` }} />
    </div>
  )
}
