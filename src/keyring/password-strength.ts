// A strength hint for the password field: a rough guess-count estimate, not a gate. The only
// hard rule is MIN_PASSWORD_LENGTH; the vault's KDF is what makes each guess expensive.
import { keyringError } from './errors.ts'

export const MIN_PASSWORD_LENGTH = 8

export type StrengthLabel = 'too short' | 'weak' | 'fair' | 'good' | 'strong'

export interface PasswordStrength {
  score: 0 | 1 | 2 | 3 | 4
  label: StrengthLabel
  /** what would make it stronger, in words a user can act on */
  hints: string[]
}

const COMMON = [
  'password', 'passw0rd', 'qwerty', 'letmein', 'welcome', 'iloveyou', 'admin', 'monkey', 'dragon',
  'sunshine', 'princess', 'football', 'baseball', 'master', 'shadow', 'superman', 'trustno1',
  'abc123', '123456', '111111', 'metamask', 'bitcoin', 'ethereum', 'crypto', 'wallet',
]
const CHAR_CLASSES = [
  [/[a-z]/, 26],
  [/[A-Z]/, 26],
  [/[0-9]/, 10],
  [/[^A-Za-z0-9]/, 33],
] as const
const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm']

export function passwordStrength(password: string): PasswordStrength {
  const hints: string[] = []
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { score: 0, label: 'too short', hints: [`Use at least ${MIN_PASSWORD_LENGTH} characters.`] }
  }
  const lower = password.toLowerCase()
  const present = CHAR_CLASSES.filter(([re]) => re.test(password))
  // Estimated bits: length times the alphabet it draws from, minus what patterns give away.
  let bits = password.length * Math.log2(present.reduce((sum, [, size]) => sum + size, 0))
  const unique = new Set(password).size
  if (unique <= password.length / 3) {
    bits = Math.min(bits, unique * 4)
    hints.push('Avoid repeating the same characters.')
  }
  if (COMMON.some((w) => lower.includes(w))) {
    bits -= 25
    hints.push('Avoid common words and passwords.')
  }
  if (SEQUENCES.some((seq) => hasRun(lower, seq, 4))) {
    bits -= 15
    hints.push('Avoid sequences like "abcd" or "1234".')
  }
  if (password.length < 12) hints.push('A longer password (12 or more characters) is much stronger.')
  if (present.length < 3 && password.length < 16) hints.push('Mix upper and lower case, digits and symbols, or use several unrelated words.')
  const score = bits < 40 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4
  const label = (['too short', 'weak', 'fair', 'good', 'strong'] as const)[score]
  return { score, label, hints: score === 4 ? [] : hints }
}

export function checkNewPassword(password: unknown): string {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    throw keyringError('PASSWORD_TOO_SHORT', `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`, {
      minLength: MIN_PASSWORD_LENGTH,
    })
  }
  return password
}

function hasRun(text: string, seq: string, len: number): boolean {
  for (let i = 0; i + len <= seq.length; i++) {
    const run = seq.slice(i, i + len)
    if (text.includes(run) || text.includes([...run].reverse().join(''))) return true
  }
  return false
}
