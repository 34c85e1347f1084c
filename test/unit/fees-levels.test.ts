// Fees a person chooses (src/tx/fee-levels.ts): the replacement minimum (+10% on both fields, rounded
// up, over every transaction of the nonce), the levels from a market, a choice applied exactly as it
// will be signed (and refused when unsignable), the "far above the market" ratio, the base-fee check.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { numberToHex, parseGwei } from 'viem'
import { applyFeeChoice, atLeast, belowBaseFee, bumped, feeLevels, meetsFloor, replacementFloor, timesMarket, type FeeMarket } from '../../src/tx/fee-levels.ts'
import type { PreparedTx } from '../../src/tx/types.ts'

const g = (x: string) => numberToHex(parseGwei(x))
const TX: PreparedTx = { chainId: 1, from: '0x00000000000000000000000000000000000000aa', to: null, value: '0x0', data: '0x', nonce: 4, gas: '0x5208', type: 'eip1559', maxFeePerGas: g('2'), maxPriorityFeePerGas: g('1') }

test('the replacement minimum is 10% over each field, rounded up, over the highest of the nonce', () => {
  assert.equal(bumped(100n), 110n)
  assert.equal(bumped(101n), 112n, '111.1 rounds up: 111 would be refused')
  assert.equal(bumped(0n), 0n)
  fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 200n }), (x) => bumped(x) * 100n >= x * 110n && bumped(x) * 100n < x * 110n + 100n))
  const floor = replacementFloor(
    [
      { type: 'eip1559', maxFeePerGas: g('2'), maxPriorityFeePerGas: g('1') },
      { type: 'eip1559', maxFeePerGas: g('3'), maxPriorityFeePerGas: g('0.5') },
    ],
    'eip1559',
  )
  assert.deepEqual(floor, { maxFeePerGas: g('3.3'), maxPriorityFeePerGas: g('1.1') }, 'each field over the highest of any of them')
  assert.deepEqual(replacementFloor([{ type: 'legacy', gasPrice: g('10') }], 'legacy'), { gasPrice: g('11') })
  assert.ok(meetsFloor({ maxFeePerGas: g('3.3'), maxPriorityFeePerGas: g('1.1') }, floor))
  assert.ok(!meetsFloor({ maxFeePerGas: g('9'), maxPriorityFeePerGas: g('1.09') }, floor), 'both fields must meet it')
  // at least the floor and at least the market: a raised tip raises the cap with it
  assert.deepEqual(atLeast({ maxFeePerGas: g('1'), maxPriorityFeePerGas: g('0.1') }, floor), floor)
  assert.deepEqual(atLeast({ maxFeePerGas: g('1'), maxPriorityFeePerGas: g('5') }, floor), { maxFeePerGas: g('5'), maxPriorityFeePerGas: g('5') })
})

test('levels: low pays the base fee as it is, market 1.2 × base + tip, aggressive twice; legacy scales the gas price', () => {
  const l = feeLevels({ baseFee: parseGwei('10'), tip: parseGwei('2'), gasPrice: parseGwei('12') })
  assert.deepEqual(l.low, { maxFeePerGas: g('11'), maxPriorityFeePerGas: g('1') })
  assert.deepEqual(l.market, { maxFeePerGas: g('14'), maxPriorityFeePerGas: g('2') })
  assert.deepEqual(l.aggressive, { maxFeePerGas: g('24'), maxPriorityFeePerGas: g('4') })
  const legacy = feeLevels({ gasPrice: parseGwei('10') })
  assert.deepEqual([legacy.low.gasPrice, legacy.market.gasPrice, legacy.aggressive.gasPrice], [g('9'), g('10'), g('12.5')])
})

test('a choice is applied exactly; a custom nonce is signed as set; what cannot be signed is refused', () => {
  const out = applyFeeChoice(TX, { maxFeePerGas: g('7'), maxPriorityFeePerGas: g('1.5'), gas: numberToHex(30_000n) })
  assert.deepEqual([out.maxFeePerGas, out.maxPriorityFeePerGas, out.gas, out.nonce, out.keepNonce], [g('7'), g('1.5'), numberToHex(30_000n), 4, undefined])
  assert.deepEqual(applyFeeChoice(TX, {}), TX)
  assert.equal(applyFeeChoice(TX, { nonce: 4 }).keepNonce, undefined, 'the nonce shown, unchanged: still the account\'s next')
  const custom = applyFeeChoice(TX, { nonce: 2 })
  assert.deepEqual([custom.nonce, custom.keepNonce], [2, true])
  assert.throws(() => applyFeeChoice(TX, { maxFeePerGas: g('1'), maxPriorityFeePerGas: g('2') }), /priority fee cannot be above the max fee/)
  assert.throws(() => applyFeeChoice(TX, { gas: numberToHex(20_999n) }), /between 21,000/)
  assert.throws(() => applyFeeChoice(TX, { gasPrice: g('1') }), /not a gas price/)
  assert.throws(() => applyFeeChoice({ ...TX, type: 'legacy', gasPrice: g('1') }, { maxFeePerGas: g('1') }), /no base fee/)
  assert.throws(() => applyFeeChoice(TX, { nonce: -1 }), /whole number/)
})

test('far above the market: the larger of the fee caps\' ratio and the price each would pay; below the base fee', () => {
  const m: FeeMarket = { chainId: 1, baseFee: g('10'), tip: g('1'), gasPrice: g('11'), levels: feeLevels({ baseFee: parseGwei('10'), tip: parseGwei('1'), gasPrice: parseGwei('11') }), at: 0 }
  assert.equal(timesMarket(m.levels.market, m), 1n)
  assert.equal(timesMarket({ maxFeePerGas: g('39'), maxPriorityFeePerGas: g('1') }, m), 3n, 'a cap three times the market\'s')
  // a huge tip under a modest cap pays up to the cap: judged by what it pays
  assert.equal(timesMarket({ maxFeePerGas: g('26'), maxPriorityFeePerGas: g('100') }, m), 2n)
  assert.equal(timesMarket({ maxFeePerGas: g('100'), maxPriorityFeePerGas: g('30') }, m), 7n)
  assert.ok(belowBaseFee({ maxFeePerGas: g('9.9') }, m.baseFee))
  assert.ok(!belowBaseFee({ maxFeePerGas: g('10') }, m.baseFee))
  assert.ok(!belowBaseFee({ gasPrice: g('1') }, undefined), 'no base fee: nothing to be below')
})
