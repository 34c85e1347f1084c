// The pure parts of the fee model: next-block base fee (EIP-1559, and the OP Stack parameters a
// header carries), what a transaction pays at a base fee, and the unsigned serialization the
// GasPriceOracle prices.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseTransaction } from 'viem'
import { baseFeeTrend, ETHEREUM_BASE_FEE_PARAMS, gasPrices, nextBaseFee, OP_CANYON_BASE_FEE_PARAMS, opBaseFeeParams } from '../../src/rollup/fees-eip1559.ts'
import { executionFromBlock, expectedGas } from '../../src/rollup/fees-execution.ts'
import { gasLimitFor, GAS_LIMIT_HEADROOM_PERCENT } from '../../src/tx/prepare.ts'
import { unsignedSerialized } from '../../src/rollup/fees-op.ts'
import type { PreparedTx } from '../../src/tx/types.ts'

const tx1559: PreparedTx = {
  chainId: 901,
  from: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  to: '0x000000000000000000000000000000000000dEaD',
  value: '0x4d2',
  data: '0xabcdef',
  nonce: 7,
  gas: '0x5208',
  type: 'eip1559',
  maxFeePerGas: '0x77359400', // 2 gwei
  maxPriorityFeePerGas: '0x3b9aca00', // 1 gwei
}

test('Ethereum: full block +12.5%, empty block −12.5%, at target unchanged', () => {
  const base = 10_000_000_000n
  const limit = 30_000_000n
  assert.equal(nextBaseFee({ baseFeePerGas: base, gasUsed: limit, gasLimit: limit }, ETHEREUM_BASE_FEE_PARAMS), 11_250_000_000n)
  assert.equal(nextBaseFee({ baseFeePerGas: base, gasUsed: 0n, gasLimit: limit }, ETHEREUM_BASE_FEE_PARAMS), 8_750_000_000n)
  assert.equal(nextBaseFee({ baseFeePerGas: base, gasUsed: limit / 2n, gasLimit: limit }, ETHEREUM_BASE_FEE_PARAMS), base)
  // a block just over target still raises it by at least 1 wei
  assert.equal(nextBaseFee({ baseFeePerGas: 7n, gasUsed: limit / 2n + 1n, gasLimit: limit }, ETHEREUM_BASE_FEE_PARAMS), 8n)
  assert.equal(nextBaseFee({ baseFeePerGas: null, gasUsed: 0n, gasLimit: limit }, ETHEREUM_BASE_FEE_PARAMS), null)
})

test('OP Stack: the devnet L2 block observed (anvil --optimism, elasticity 6, denominator 250)', () => {
  // block 5 of chain 901: base 985242397, 1202324 of 30M gas used -> block 6 had base 982249092
  assert.equal(nextBaseFee({ baseFeePerGas: 985_242_397n, gasUsed: 1_202_324n, gasLimit: 30_000_000n }, OP_CANYON_BASE_FEE_PARAMS), 982_249_092n)
})

test('OP Stack header parameters: Holocene (v0) and Jovian (v1, with a minimum base fee); anything else is not read', () => {
  assert.deepEqual(opBaseFeeParams('0x00000000fa00000006'), { denominator: 250n, elasticity: 6n, minBaseFee: 0n })
  assert.deepEqual(opBaseFeeParams('0x0100000032000000020000000000989680'), { denominator: 50n, elasticity: 2n, minBaseFee: 10_000_000n, daFootprint: true })
  assert.equal(opBaseFeeParams('0x'), null)
  assert.equal(opBaseFeeParams('0x00000000fa0000000600'), null, 'wrong length')
  assert.equal(opBaseFeeParams('0x02000000fa00000006'), null, 'unknown version')
  assert.equal(opBaseFeeParams('0x000000000000000006'), null, 'zero denominator')
  // the Jovian minimum holds the base fee up on an empty block
  const p = opBaseFeeParams('0x0100000032000000020000000000989680')!
  assert.equal(nextBaseFee({ baseFeePerGas: 10_000_001n, gasUsed: 0n, gasLimit: 30_000_000n }, p), 10_000_000n)
})

test('Jovian: after a DA-heavy block (little gas, a large DA footprint in blobGasUsed) the base fee rises as if that much gas was used', () => {
  const jovian = opBaseFeeParams('0x0100000032000000020000000000989680')!
  const holocene = opBaseFeeParams('0x00000000320000000200')!
  // a block of calldata: 2 M gas used of a 30 M limit (target 15 M), but a 25 M DA footprint
  const block = { baseFeePerGas: 100_000_000n, gasUsed: 2_000_000n, gasLimit: 30_000_000n, blobGasUsed: 25_000_000n }
  const up = nextBaseFee(block, jovian)!
  // base + base × (25 M − 15 M) / 15 M / 50
  assert.equal(up, 100_000_000n + (100_000_000n * 10_000_000n) / 15_000_000n / 50n)
  assert.ok(up > block.baseFeePerGas, 'rises')
  // the same block before Jovian (or reading gas used alone) would predict a fall: the quote read low
  assert.ok(nextBaseFee({ ...block, extraData: undefined }, { ...jovian, daFootprint: false })! < block.baseFeePerGas)
  assert.equal(holocene, null, 'a v0 header of the wrong length is not read')
  // a footprint below gas used changes nothing
  assert.equal(nextBaseFee({ ...block, blobGasUsed: 1_000_000n }, jovian), nextBaseFee({ ...block, blobGasUsed: 0n }, jovian))
})

test('trend: ±1% or more', () => {
  assert.equal(baseFeeTrend(100n, 101n), 'rising')
  assert.equal(baseFeeTrend(100n, 99n), 'falling')
  assert.equal(baseFeeTrend(1000n, 1005n), 'steady')
})

test('price paid: base + tip up to the cap; legacy pays its gas price', () => {
  assert.deepEqual(gasPrices(tx1559, 500_000_000n), { likely: 1_500_000_000n, cap: 2_000_000_000n })
  assert.deepEqual(gasPrices(tx1559, 1_500_000_000n), { likely: 2_000_000_000n, cap: 2_000_000_000n })
  assert.deepEqual(gasPrices({ ...tx1559, type: 'legacy', gasPrice: '0x64' }, 5n), { likely: 100n, cap: 100n })
  const exec = executionFromBlock(tx1559, { baseFeePerGas: 400_000_000n, gasUsed: 0n, gasLimit: 30_000_000n, timestamp: 1_700_000_000n }, ETHEREUM_BASE_FEE_PARAMS)
  assert.equal(exec.nextBaseFee, 350_000_000n)
  assert.equal(exec.likely, 21_000n * 1_350_000_000n)
  assert.equal(exec.max, 21_000n * 2_000_000_000n)
  assert.equal(exec.trend, 'falling')
  assert.equal(exec.at, 1_700_000_000_000)
})

test('a limit with headroom: likely at the estimate, the most at the limit; a plain transfer is signed at its exact 21000', () => {
  assert.equal(GAS_LIMIT_HEADROOM_PERCENT, 20n)
  assert.equal(gasLimitFor(21_000n, '0x', 30_000_000n), 21_000n)
  assert.equal(gasLimitFor(21_000n, '0xabcdef', 30_000_000n), 25_200n, 'calldata to an address that may have code: headroom')
  assert.equal(gasLimitFor(80_648n, '0x40c10f19', 30_000_000n), 96_777n)
  assert.equal(gasLimitFor(28_000_000n, '0x01', 30_000_000n), 30_000_000n, 'never above the block gas limit')
  const withHeadroom: PreparedTx = { ...tx1559, gas: '0x61a8', gasEstimate: '0x5208' } // limit 25000, expected 21000
  assert.equal(expectedGas(withHeadroom), 21_000n)
  assert.equal(expectedGas(tx1559), 21_000n, 'no estimate: the limit')
  assert.equal(expectedGas({ gas: '0x5208', gasEstimate: '0x61a8' }), 21_000n, 'an estimate above the limit is capped by it')
  const exec = executionFromBlock(withHeadroom, { baseFeePerGas: 400_000_000n, gasUsed: 0n, gasLimit: 30_000_000n, timestamp: 1_700_000_000n }, ETHEREUM_BASE_FEE_PARAMS)
  assert.equal(exec.likely, 21_000n * 1_350_000_000n)
  assert.equal(exec.max, 25_000n * 2_000_000_000n)
})

test('the oracle is given the transaction exactly as it will be signed: nonce, gas, caps, chain id; no signature', () => {
  const parsed = parseTransaction(unsignedSerialized(tx1559))
  assert.equal(parsed.type, 'eip1559')
  assert.equal(parsed.nonce, 7)
  assert.equal(parsed.gas, 21_000n)
  assert.equal(parsed.maxFeePerGas, 2_000_000_000n)
  assert.equal(parsed.maxPriorityFeePerGas, 1_000_000_000n)
  assert.equal(parsed.chainId, 901)
  assert.equal(parsed.value, 1234n)
  assert.equal(parsed.data, '0xabcdef')
  assert.equal(parsed.r, undefined)
  // a longer value is more bytes for the L1 fee to price
  const more = unsignedSerialized({ ...tx1559, value: '0x1b69b4ba630f34000' })
  assert.ok(more.length > unsignedSerialized(tx1559).length)
})
