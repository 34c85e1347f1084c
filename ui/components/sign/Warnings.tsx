// The warnings before signing: the dangerous ones first, each with its title and what to do.
import type { Warning } from '../../../src/simulate/types.ts'

const ORDER = { danger: 0, warning: 1, info: 2 } as const

export function Warnings({ list }: { list: Warning[] }) {
  if (!list.length) return null
  const sorted = [...list].sort((a, b) => ORDER[a.level] - ORDER[b.level])
  return (
    <ul class="sign-warnings" data-testid="warnings">
      {sorted.map((w) => (
        <li key={w.code + w.title} class={`sign-warning sign-${w.level}`} data-warning={w.code} role={w.level === 'danger' ? 'alert' : undefined}>
          <strong>{w.title}</strong>
          <p>{w.text}</p>
        </li>
      ))}
    </ul>
  )
}
