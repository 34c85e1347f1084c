// What the wallet found wrong in its own storage (changed by something else, or damaged): each left as
// it was and not used, said once at the top of the page.
import type { StorageProblem } from '../../src/storage/problems.ts'

export function StorageProblems({ problems }: { problems: StorageProblem[] }) {
  if (!problems.length) return null
  return (
    <details class="storage-problems" data-testid="storage-problems" role="note">
      <summary>
        {problems.length === 1 ? 'Some stored data of the wallet was changed or damaged' : `${problems.length} pieces of stored data were changed or damaged`}: the wallet
        does not use {problems.length === 1 ? 'it' : 'them'}.
      </summary>
      <ul>
        {problems.map((p) => (
          <li key={`${p.area}:${p.key}:${p.problem}`}>
            <span class="mono">{p.key}</span>: {p.problem}
          </li>
        ))}
      </ul>
    </details>
  )
}
