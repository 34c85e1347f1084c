// The one money formatter (ui/lib/amount.ts) on a table of amounts at 0, 6 and 18 decimals: zero,
// dust (one base unit), 1e-18, 0.000123456, 1.5, 1234567.891 and 2^256 - 1 base units. Figures are
// cut, never rounded up; the exact value (the hover) keeps every digit.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatAmount, formatExact, formatFiat, formatUsd, usdCents } from '../../ui/lib/amount.ts'

const MAX = 2n ** 256n - 1n

/** A human amount in base units at `decimals`, digits past them cut (1.5 at 0 decimals is 1). */
function units(human: string, decimals: number): bigint {
  const [i, f = ''] = human.split('.')
  return BigInt(i + f.slice(0, decimals).padEnd(decimals, '0'))
}

const CASES: [name: string, value: (d: number) => bigint, expected: Record<0 | 6 | 18, string>][] = [
  ['zero', () => 0n, { 0: '0 T', 6: '0 T', 18: '0 T' }],
  ['dust (one base unit)', () => 1n, { 0: '1 T', 6: '0.000001 T', 18: '<0.00000001 T' }],
  ['1e-18', (d) => units('0.000000000000000001', d), { 0: '0 T', 6: '0 T', 18: '<0.00000001 T' }],
  ['0.000123456', (d) => units('0.000123456', d), { 0: '0 T', 6: '0.000123 T', 18: '0.0001234 T' }],
  ['1.5', (d) => units('1.5', d), { 0: '1 T', 6: '1.5 T', 18: '1.5 T' }],
  ['1234567.891', (d) => units('1234567.891', d), { 0: '1,234,567 T', 6: '1,234,567.89 T', 18: '1,234,567.89 T' }],
  ['2^256 - 1', () => MAX, { 0: '1.1579e77 T', 6: '1.1579e71 T', 18: '1.1579e59 T' }],
]

for (const [name, value, expected] of CASES) {
  test(`formatAmount: ${name} at 0, 6 and 18 decimals`, () => {
    for (const d of [0, 6, 18] as const) assert.equal(formatAmount(value(d), d, 'T'), expected[d], `${name} at ${d} decimals`)
  })
}

test('the exact value keeps every digit, grouped', () => {
  assert.equal(formatExact(units('1234567.891', 18), 18, 'ETH'), '1,234,567.891 ETH')
  assert.equal(formatExact(1n, 18), '0.000000000000000001')
  assert.equal(formatExact(MAX, 0), MAX.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ','))
})

test('digits are cut, never rounded up: 1.99999 shows 1.9999, not 2', () => {
  assert.equal(formatAmount(units('1.99999', 18), 18, 'ETH'), '1.9999 ETH')
  assert.equal(formatAmount(units('0.00099999999', 18), 18, 'ETH'), '0.0009999 ETH')
  assert.equal(formatAmount(-units('1.5', 18), 18, 'ETH'), '-1.5 ETH')
})

test('size decides the decimals: the same screen never shows 4 here and 8 there', () => {
  assert.equal(formatAmount(units('12.3456789', 18), 18, 'ETH'), '12.3456 ETH')
  assert.equal(formatAmount(units('4321.123', 6), 6, 'USDC'), '4,321.12 USDC')
  assert.equal(formatAmount(units('0.5', 18), 18), '0.5')
  // a cap keeps a figure short where it must be
  assert.equal(formatAmount(units('0.000123456', 18), 18, 'ETH', 4), '0.0001 ETH')
})

test('fiat: cents from a Chainlink answer (8 decimals), "<$0.01" above zero, none without a price', () => {
  const eth = { answer: '300012345678', decimals: 8 } // $3,000.12345678
  assert.equal(usdCents(units('1.5', 18), 18, eth), 450018n)
  assert.equal(formatFiat(units('1.5', 18), 18, eth), '$4,500.18')
  assert.equal(formatFiat(1n, 18, eth), '<$0.01')
  assert.equal(formatFiat(0n, 18, eth), '$0.00')
  assert.equal(formatFiat(units('1', 18), 18, null), null)
  assert.equal(formatFiat(null, 18, eth), null)
  assert.equal(formatUsd(123456789n), '$1,234,567')
  assert.equal(formatFiat(units('2.5', 6), 6, { answer: '99990000', decimals: 8 }), '$2.49')
})
