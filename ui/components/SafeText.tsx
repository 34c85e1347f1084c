// Text that came from a page or a chain (network and token names, symbols, origins, messages), shown
// through the one sanitiser (src/util/display.ts): hidden characters become visible, highlighted
// markers, long text is cut, and a short note says what was found.
import { displayText, DISPLAY_LIMITS, type HiddenKind } from '../../src/util/display.ts'

const WHY: Record<HiddenKind, string> = {
  bidi: 'characters that change the direction of the text',
  invisible: 'invisible characters',
  control: 'control characters',
}

export function SafeText({ value, max = DISPLAY_LIMITS.name, multiline = false, note = true, testId }: { value: unknown; max?: number; multiline?: boolean; note?: boolean; testId?: string }) {
  const d = displayText(value, { max, multiline })
  return (
    <>
      <span data-testid={testId} data-hidden={d.hidden.length ? d.hidden.join(' ') : undefined}>
        {d.parts.map((p, i) =>
          'text' in p ? (
            p.text
          ) : (
            <mark key={i} class="hidden-char" title={`Hidden character ${p.mark.slice(1, -1)}: ${WHY[p.kind]}`}>
              {p.mark}
            </mark>
          ),
        )}
      </span>
      {note && d.hidden.length > 0 && (
        <span class="hidden-note" role="note">
          {' '}
          (contains {d.hidden.map((k) => WHY[k]).join(' and ')}, shown as ⟨U+…⟩)
        </span>
      )}
    </>
  )
}
