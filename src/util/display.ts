// The one sanitiser for text the wallet shows that came from a page or a chain: chain and network
// names, token names and symbols, site origins, messages to sign, typed data. Such text can hide
// characters that reorder what follows (bidirectional controls: "U+202E" turns "exe.txt" into
// "txt.exe"), characters that show nothing (zero-width spaces, word joiners, tags) and control
// characters, or be long enough to push what matters out of view. Each hidden character becomes a
// visible marker ("⟨U+202E⟩") and is flagged; the text is cut to a length with an ellipsis.
// Nothing here changes what is signed: only what is shown.

export type HiddenKind = 'bidi' | 'invisible' | 'control'

export type DisplayPart = { text: string } | { mark: string; kind: HiddenKind }

export interface DisplayText {
  /** the text with every hidden character replaced by its marker, cut to the limit */
  text: string
  /** the same as parts, for renderers that highlight the markers */
  parts: DisplayPart[]
  /** the input was longer than the limit (in characters) */
  truncated: boolean
  /** kinds of hidden characters found (empty when none) */
  hidden: HiddenKind[]
}

export interface DisplayOptions {
  /** at most this many characters (code points) are shown; default 64 */
  max?: number
  /** keep line breaks and tabs (messages, JSON); otherwise they are markers too */
  multiline?: boolean
}

/** Default lengths for what the wallet shows. */
export const DISPLAY_LIMITS = {
  name: 64,
  symbol: 16,
  origin: 253,
  message: 20_000,
} as const

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
// zero-width and other default-ignorable characters that render as nothing
const INVISIBLE = /[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200d\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0\ufff0-\ufff8\u{1d173}-\u{1d17a}\u{e0000}-\u{e0fff}]/u
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffc\ufffd]/

function kindOf(c: string, multiline: boolean): HiddenKind | null {
  if (BIDI.test(c)) return 'bidi'
  if (INVISIBLE.test(c)) return 'invisible'
  if (CONTROL.test(c)) {
    if (multiline && (c === '\n' || c === '\t' || c === '\r')) return null
    return 'control'
  }
  return null
}

function marker(c: string): string {
  return `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`
}

/** Makes untrusted text safe to show (see the top of this file). Non-strings show as ''. */
export function displayText(input: unknown, opts: DisplayOptions = {}): DisplayText {
  const max = Math.max(1, Math.floor(opts.max ?? DISPLAY_LIMITS.name))
  const multiline = opts.multiline === true
  const src = typeof input === 'string' ? input : ''
  const parts: DisplayPart[] = []
  const hidden = new Set<HiddenKind>()
  let count = 0
  let truncated = false
  let plain = ''
  for (const c of src) {
    if (count >= max) {
      truncated = true
      break
    }
    count++
    const kind = kindOf(c, multiline)
    if (!kind) {
      plain += c
      continue
    }
    if (plain) parts.push({ text: plain })
    plain = ''
    hidden.add(kind)
    parts.push({ mark: marker(c), kind })
  }
  if (truncated) plain += '…'
  if (plain) parts.push({ text: plain })
  return { text: parts.map((p) => ('text' in p ? p.text : p.mark)).join(''), parts, truncated, hidden: [...hidden] }
}

/** The sanitised string alone, for places that show plain text (titles, attributes). */
export function safeText(input: unknown, opts: DisplayOptions = {}): string {
  return displayText(input, opts).text
}

/** Does the text hold characters a reader cannot see (for refusing them where they have no use, e.g. a chain name)? */
export function hasHiddenCharacters(input: string): boolean {
  for (const c of input) if (kindOf(c, false)) return true
  return false
}

/**
 * Any value a page or a file sent, as text for an error sentence; never throws (String() does on an
 * object without a prototype or whose toString is not a function). Objects and arrays are named, not
 * printed; the result is cleaned by safeText and bounded by `max`.
 */
export function printable(value: unknown, max = 40): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || value === null || value === undefined) {
    return safeText(String(value), { max })
  }
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value
}
