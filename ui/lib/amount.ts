// The one money formatter of every screen: bigint base units in, a short decimal string out, never
// floats. Significant decimals by size, as people read amounts in MetaMask or Rabby: a large amount
// rounds to cents-like precision, a small one keeps its first significant digits, dust below what
// can be shown says so ("<0.00000001"), and an amount too long to read is shortened with its
// exponent. Digits are cut, never rounded up: a balance never looks larger than it is. The symbol
// goes with every amount; the exact value is one hover or tap away (components/Amount.tsx).
import { formatUnits } from 'viem'
import { DISPLAY_LIMITS, safeText } from '../../src/util/display.ts'

/** A token's symbol as a page or chain gave it, with hidden characters made visible and its length cut. */
const sym = (symbol: string | undefined) => (symbol ? ` ${safeText(symbol, { max: DISPLAY_LIMITS.symbol })}` : '')

/** Fraction digits kept for an amount of this size (whole part `int`, fraction `frac`). */
function fractionDigits(int: string, frac: string): number {
  if (int.length >= 10) return 0 // 1,000,000,000 and up: whole units
  if (int.length >= 4) return 2 // 1,000 and up
  if (int !== '0') return 4 // 1 to 999
  // below 1: four significant digits, up to 8 decimals
  const lead = frac.search(/[1-9]/)
  return lead < 0 ? 0 : Math.min(8, lead + 4)
}

/** The smallest amount shown as itself; below it, "<0.00000001". */
const SMALLEST_DIGITS = 8

/**
 * "1.5 ETH", "0.0001234 ETH", "1,234,567.89 USDC", "<0.00000001 ETH", "1.1579e77 TOKEN".
 * `maxFraction` caps the decimals further (a figure that must stay short).
 */
export function formatAmount(value: bigint | string, decimals: number, symbol?: string, maxFraction?: number): string {
  const v = typeof value === 'bigint' ? value : BigInt(value)
  const neg = v < 0n
  const abs = neg ? -v : v
  const [int, frac = ''] = formatUnits(abs, decimals).split('.')
  let text: string
  if (int.length > 15) {
    // 2^256 - 1 and the like: nobody reads 78 digits
    text = `${int[0]}.${int.slice(1, 5).replace(/0+$/, '')}`.replace(/\.$/, '') + `e${int.length - 1}`
  } else {
    const digits = Math.min(fractionDigits(int, frac), maxFraction ?? Infinity)
    const cut = frac.slice(0, digits).replace(/0+$/, '')
    text = cut ? `${groupThousands(int)}.${cut}` : groupThousands(int)
    if (abs > 0n && int === '0' && !cut) {
      const shown = Math.min(SMALLEST_DIGITS, maxFraction ?? SMALLEST_DIGITS, decimals)
      text = `<0.${'0'.repeat(Math.max(0, shown - 1))}1`
    }
  }
  return `${neg ? '-' : ''}${text}${sym(symbol)}`
}

/** Full precision, for "exactly what will be charged" lines and the hover of every amount. */
export function formatExact(value: bigint | string, decimals: number, symbol?: string): string {
  const [int, frac] = formatUnits(typeof value === 'bigint' ? value : BigInt(value), decimals).split('.')
  const neg = int.startsWith('-')
  const text = `${neg ? '-' : ''}${groupThousands(neg ? int.slice(1) : int)}${frac ? `.${frac}` : ''}`
  return `${text}${sym(symbol)}`
}

/** An amount as typed into an input: plain digits, no grouping (what Max fills in). */
export function amountInput(value: bigint, decimals: number): string {
  return formatUnits(value, decimals)
}

function groupThousands(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

// ---------------------------------------------------------------- fiat

/** A USD price as a feed gives it: `answer` with `decimals` decimals (Chainlink: 8). */
export interface UsdPrice {
  answer: string
  decimals: number
}

/** The USD value of `amount` base units at `price`, in cents (bigint, cut, never rounded up). */
export function usdCents(amount: bigint | string, decimals: number, price: UsdPrice): bigint {
  const a = typeof amount === 'bigint' ? amount : BigInt(amount)
  const scale = decimals + price.decimals - 2
  const num = a * BigInt(price.answer)
  return scale >= 0 ? num / 10n ** BigInt(scale) : num * 10n ** BigInt(-scale)
}

/** "$1,234.56"; "<$0.01" for a value above zero that shows as nothing; large values without cents. */
export function formatUsd(cents: bigint): string {
  const neg = cents < 0n
  const c = neg ? -cents : cents
  if (c === 0n) return '$0.00'
  const whole = (c / 100n).toString()
  const sign = neg ? '-' : ''
  if (whole.length > 15) return `${sign}$${whole[0]}.${whole.slice(1, 3)}e${whole.length - 1}`
  if (whole.length >= 7) return `${sign}$${groupThousands(whole)}`
  return `${sign}$${groupThousands(whole)}.${(c % 100n).toString().padStart(2, '0')}`
}

/** Cents as a figure; "<$0.01" when something of value rounds to nothing. */
export function centsText(cents: bigint, nonzero: boolean): string {
  return cents === 0n && nonzero ? '<$0.01' : formatUsd(cents)
}

/** The USD value of an amount, or null when there is no price (never a guess). */
export function formatFiat(amount: bigint | string | null, decimals: number, price: UsdPrice | null | undefined): string | null {
  if (amount === null || !price) return null
  const cents = usdCents(amount, decimals, price)
  if (cents === 0n && BigInt(amount) > 0n) return '<$0.01'
  return formatUsd(cents)
}
