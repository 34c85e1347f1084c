// A recovery phrase as numbered words, in reading order (down the first column, then the second).
export function PhraseWords({ phrase }: { phrase: string }) {
  const words = phrase.split(' ')
  return (
    <ol class={`phrase-words cols-${words.length > 12 ? 3 : 2}`} data-testid="phrase-words" aria-label="Secret recovery phrase">
      {words.map((w, i) => (
        <li key={i}>
          <span class="phrase-n" aria-hidden="true">
            {i + 1}
          </span>
          <span class="phrase-w">{w}</span>
        </li>
      ))}
    </ol>
  )
}
