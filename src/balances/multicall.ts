// One eth_call for all of a chain's balances: Multicall3.aggregate3 with the block number,
// getEthBalance for the native currency and balanceOf for each token, each allowed to fail on
// its own (a token that reverts does not hide the others).
import { decodeFunctionData, decodeFunctionResult, encodeFunctionData, parseAbi, type Address, type Hex } from 'viem'
import { erc20Abi } from '../abi/erc20.ts'
import type { TokenAddress } from '../tokens/types.ts'

/** Deployed at the same address on every chain the wallet ships with, and on the devnet. */
export const MULTICALL3: Address = '0xcA11bde05977b3631167028862bE2a173976CA11'

export const multicall3Abi = parseAbi([
  'struct Call3 { address target; bool allowFailure; bytes callData; }',
  'struct Result { bool success; bytes returnData; }',
  'function aggregate3(Call3[] calls) payable returns (Result[] returnData)',
  'function getEthBalance(address addr) view returns (uint256 balance)',
  'function getBlockNumber() view returns (uint256 blockNumber)',
])

/** aggregate3 calldata: getBlockNumber first, then one call per token in order. */
export function encodeBalanceCalls(account: Address, tokens: TokenAddress[]): Hex {
  const calls = [
    { target: MULTICALL3, allowFailure: false, callData: encodeFunctionData({ abi: multicall3Abi, functionName: 'getBlockNumber' }) },
    ...tokens.map((t) =>
      t === 'native'
        ? { target: MULTICALL3, allowFailure: true, callData: encodeFunctionData({ abi: multicall3Abi, functionName: 'getEthBalance', args: [account] }) }
        : { target: t, allowFailure: true, callData: encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [account] }) },
    ),
  ]
  return encodeFunctionData({ abi: multicall3Abi, functionName: 'aggregate3', args: [calls] })
}

/** The block number and each token's balance (null where that one call failed). */
export function decodeBalanceResults(data: Hex, count: number): { block: bigint; amounts: (bigint | null)[] } {
  const results = decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data })
  if (results.length !== count + 1) throw new Error(`Multicall3 answered ${results.length} results for ${count + 1} calls`)
  const [first, ...rest] = results
  const block = decodeFunctionResult({ abi: multicall3Abi, functionName: 'getBlockNumber', data: first.returnData })
  return { block, amounts: rest.map((r) => (r.success && r.returnData.length === 66 ? BigInt(r.returnData) : null)) }
}

/** For tests and the bench: how many balance reads an aggregate3 call carries. */
export function countBalanceCalls(data: Hex): number {
  const { args } = decodeFunctionData({ abi: multicall3Abi, data })
  return (args[0] as readonly unknown[]).length - 1
}
