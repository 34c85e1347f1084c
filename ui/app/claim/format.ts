// Estimates read better rounded than cut: a share price of 1.18999… PHA is "1.19", a stake worth
// 594.999… PHA is "≈ 595 PHA".
import { formatAmount } from '../../lib/amount.ts'

/** 18-decimal `wei` rounded half up to `places` decimals, as a formatted amount. */
export function roundedAmount(wei: string, places: number, symbol?: string): string {
  const unit = 10n ** BigInt(18 - places)
  return formatAmount(((BigInt(wei) + unit / 2n) / unit) * unit, 18, symbol, places)
}

export function approxPha(wei: string): string {
  return `≈ ${roundedAmount(wei, 2, 'PHA')}`
}
