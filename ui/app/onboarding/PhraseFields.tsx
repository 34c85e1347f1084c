// The recovery phrase as one masked field per word (12 to 24), the way people copy it from paper:
// pasting the whole phrase into any field fills the fields from there, a "show" toggle reveals the
// words, and the browser never offers to remember them.
import { useState } from 'preact/hooks'

const COUNTS = [12, 15, 18, 21, 24]

export function PhraseFields({ id, phrase, onPhrase, invalid, describedBy }: { id: string; phrase: string; onPhrase: (p: string, typingLast: boolean) => void; invalid: boolean; describedBy: string }) {
  const [show, setShow] = useState(false)
  const words = phrase.trim() ? phrase.trim().split(/\s+/) : []
  const [count, setCount] = useState(12)
  const n = Math.max(count, COUNTS.find((c) => c >= words.length) ?? 24)
  const cells = Array.from({ length: n }, (_, i) => words[i] ?? '')

  const set = (i: number, text: string) => {
    const parts = text.split(/\s+/)
    const next = [...cells]
    if (parts.filter(Boolean).length > 1 || (parts.length > 1 && parts[0])) {
      // a paste (or typing a space): the words fill the fields from this one on
      const pasted = parts.filter(Boolean)
      pasted.forEach((w, k) => {
        if (i + k < 24) next[i + k] = w.toLowerCase()
      })
      const total = i + pasted.length
      setCount(COUNTS.find((c) => c >= total) ?? 24)
      onPhrase(next.filter(Boolean).join(' '), false)
      if (pasted.length === 1) focusField(id, i + 1)
      return
    }
    next[i] = text.trim().toLowerCase()
    const last = next.reduce((l, w, k) => (w ? k : l), -1)
    onPhrase(next.filter(Boolean).join(' '), i === last)
  }

  return (
    <div class="phrase-fields">
      <div class="phrase-head">
        <label for={`${id}-count`}>Secret recovery phrase</label>
        <select id={`${id}-count`} value={String(n)} onChange={(e) => setCount(Number((e.currentTarget as HTMLSelectElement).value))} aria-label="Number of words">
          {COUNTS.filter((c) => c >= words.length).map((c) => (
            <option key={c} value={String(c)}>
              {c} words
            </option>
          ))}
        </select>
        <label class="check show-words">
          <input type="checkbox" checked={show} onChange={(e) => setShow((e.currentTarget as HTMLInputElement).checked)} data-testid="phrase-show" /> Show words
        </label>
      </div>
      <ol class="phrase-grid" aria-describedby={describedBy}>
        {cells.map((w, i) => (
          <li key={i}>
            <span class="phrase-n" aria-hidden="true">
              {i + 1}
            </span>
            <input
              id={`${id}-w${i}`}
              type={show ? 'text' : 'password'}
              value={w}
              aria-label={i === 0 ? 'Secret recovery phrase (12, 15, 18, 21 or 24 words): word 1 (paste the whole phrase here)' : `Word ${i + 1}`}
              aria-invalid={invalid ? 'true' : undefined}
              autoComplete="off"
              autoCapitalize="none"
              spellcheck={false}
              class="mono"
              data-testid={`phrase-word-${i + 1}`}
              onInput={(e) => set(i, (e.currentTarget as HTMLInputElement).value)}
              onPaste={(e) => {
                const text = e.clipboardData?.getData('text') ?? ''
                if (/\s/.test(text.trim())) {
                  e.preventDefault()
                  set(i, text)
                }
              }}
            />
          </li>
        ))}
      </ol>
    </div>
  )
}

function focusField(id: string, i: number) {
  setTimeout(() => document.getElementById(`${id}-w${i}`)?.focus(), 0)
}
