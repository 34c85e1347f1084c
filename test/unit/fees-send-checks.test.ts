// The send screen's checks, as the popup runs them while the user types and the background runs
// them again: recipient (EIP-55 checksum named when broken) and amount (zero, decimals, balance).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkAmount, checkRecipient } from '../../src/send/checks.ts'

const GOOD = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

test('recipient: checksummed, all-lowercase and all-uppercase are accepted and returned checksummed', () => {
  for (const t of [GOOD, GOOD.toLowerCase(), `0x${GOOD.slice(2).toUpperCase()}`, `  ${GOOD} `]) {
    assert.deepEqual(checkRecipient(t), { ok: true, value: GOOD })
  }
})

test('recipient: one flipped letter breaks the checksum and is named as such', () => {
  const broken = GOOD.replace('C51812dc', 'c51812dc')
  assert.deepEqual(checkRecipient(broken), { ok: false, error: 'The checksum does not match: check for a typo.' })
})

test('recipient: empty, short, long and non-hex are told apart', () => {
  assert.match((checkRecipient('') as { error: string }).error, /Enter the address/)
  assert.match((checkRecipient(GOOD.slice(0, 41)) as { error: string }).error, /40 hex digits after 0x; this has 39/)
  assert.match((checkRecipient(GOOD + 'a') as { error: string }).error, /this has 41/)
  assert.match((checkRecipient('vitalik.eth') as { error: string }).error, /not an address/)
  assert.match((checkRecipient(GOOD.replace('C', 'G')) as { error: string }).error, /not an address/)
})

test('amount: base units without floats; zero, too many decimals, above the balance', () => {
  assert.deepEqual(checkAmount('1.5', 18, 'ETH'), { ok: true, value: 1_500_000_000_000_000_000n })
  assert.deepEqual(checkAmount('.25', 6, 'USDC'), { ok: true, value: 250_000n })
  assert.deepEqual(checkAmount('1,000', 0, 'X'), { ok: true, value: 1000n })
  assert.deepEqual(checkAmount('0.1', 18, 'ETH', 100_000_000_000_000_000n), { ok: true, value: 100_000_000_000_000_000n }, 'exactly the balance')
  assert.match((checkAmount('0.100000000000000001', 18, 'ETH', 100_000_000_000_000_000n) as { error: string }).error, /more than your ETH balance/)
  assert.match((checkAmount('0.0000001', 6, 'USDC') as { error: string }).error, /USDC has 6 decimals at most; this amount has 7/)
  assert.match((checkAmount('0', 18, 'ETH') as { error: string }).error, /above zero/)
  assert.match((checkAmount('0.000', 18, 'ETH') as { error: string }).error, /above zero/)
  assert.match((checkAmount('1e18', 18, 'ETH') as { error: string }).error, /as a number/)
  assert.match((checkAmount('-1', 18, 'ETH') as { error: string }).error, /as a number/)
  assert.match((checkAmount('', 18, 'ETH') as { error: string }).error, /Enter an amount/)
})
