// The funds check's sentence (the check itself is src/tx/funds.ts).
import type { FundsShortfall } from '../../src/tx/funds.ts'
import { formatAmount } from './amount.ts'

export function fundsMessage(s: FundsShortfall, symbol: string, chainName: string): string {
  const fee = formatAmount(s.maxFee, 18, symbol, 8)
  return s.includesValue
    ? `Not enough ${symbol} on ${chainName} for this amount and the network fee (at most ${fee}).`
    : `Not enough ${symbol} on ${chainName} for the network fee (at most ${fee}).`
}
