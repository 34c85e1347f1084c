// "Step 2 of 4: Write it down", with the whole path shown for orientation.
export function Steps({ names, current }: { names: string[]; current: number }) {
  return (
    <ol class="steps" aria-label={`Step ${current + 1} of ${names.length}: ${names[current]}`}>
      {names.map((n, i) => (
        <li key={n} class={i < current ? 'done' : i === current ? 'current' : ''} aria-current={i === current ? 'step' : undefined}>
          {n}
        </li>
      ))}
    </ol>
  )
}
