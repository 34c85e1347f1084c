// The one eth_call per chain: aggregate3 with the block number, getEthBalance and balanceOf,
// each token allowed to fail alone. Encoded here and decoded from an encoded answer.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { decodeFunctionData, encodeAbiParameters, encodeFunctionResult, type Hex } from 'viem'
import { countBalanceCalls, decodeBalanceResults, encodeBalanceCalls, MULTICALL3, multicall3Abi } from '../../src/balances/multicall.ts'

const account = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const token = '0x0C445F286474173d725B1B0E12537Ef91DF81bC2'

test('encodes getBlockNumber, then getEthBalance on Multicall3 and balanceOf on each token', () => {
  const data = encodeBalanceCalls(account, ['native', token])
  const { functionName, args } = decodeFunctionData({ abi: multicall3Abi, data })
  assert.equal(functionName, 'aggregate3')
  const calls = args[0] as readonly { target: string; allowFailure: boolean; callData: Hex }[]
  assert.deepEqual(calls.map((c) => [c.target, c.allowFailure, c.callData.slice(0, 10)]), [
    [MULTICALL3, false, '0x42cbb15c'],
    [MULTICALL3, true, '0x4d2301cc'],
    [token, true, '0x70a08231'],
  ])
  assert.equal(countBalanceCalls(data), 2)
})

test('decodes amounts, with null for a call that failed or returned no uint256', () => {
  const word = (n: bigint) => encodeAbiParameters([{ type: 'uint256' }], [n])
  const answer = encodeFunctionResult({
    abi: multicall3Abi,
    functionName: 'aggregate3',
    result: [
      { success: true, returnData: word(1234n) },
      { success: true, returnData: word(10n ** 18n) },
      { success: false, returnData: '0x' },
      { success: true, returnData: '0x' },
    ],
  })
  assert.deepEqual(decodeBalanceResults(answer, 3), { block: 1234n, amounts: [10n ** 18n, null, null] })
  assert.throws(() => decodeBalanceResults(answer, 2), /4 results for 3 calls/)
})
