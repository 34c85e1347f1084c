// Amounts as people read them: bigint base units in, a short decimal string out. Never floats.
import { formatUnits } from 'viem'

/** "1.234567 ETH": at most `maxFraction` decimals, trailing zeros dropped, "<0.000001" for dust. */
export function formatAmount(value: bigint | string, decimals: number, symbol?: string, maxFraction = 6): string {
  const v = typeof value === 'bigint' ? value : BigInt(value)
  const neg = v < 0n
  const abs = neg ? -v : v
  let text = formatUnits(abs, decimals)
  const [int, frac = ''] = text.split('.')
  const cut = frac.slice(0, maxFraction).replace(/0+$/, '')
  text = cut ? `${groupThousands(int)}.${cut}` : groupThousands(int)
  if (abs > 0n && text === '0') text = `<0.${'0'.repeat(maxFraction - 1)}1`
  return `${neg ? '-' : ''}${text}${symbol ? ` ${symbol}` : ''}`
}

/** Full precision, for "exactly what will be charged" lines. */
export function formatExact(value: bigint | string, decimals: number, symbol?: string): string {
  return `${formatUnits(typeof value === 'bigint' ? value : BigInt(value), decimals)}${symbol ? ` ${symbol}` : ''}`
}

function groupThousands(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}
