// The signing tests' own contracts (test/contracts/*.sol, compiled with solc-js through the devnet's
// cached helper) deployed on one chain by a test account: an ERC-20 with EIP-2612 permits, a swap
// with a router's interface holding a stock of that token, an ERC-721, an ERC-1155 and a Permit2-like
// allowance holder.
import { createPublicClient, createWalletClient, getAddress, http, parseEther, type Abi, type Address, type Hex, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { compileSolidityDir, type CompiledContract } from '../../devnet/lib/solidity.ts'

const dir = new URL('../contracts/', import.meta.url).pathname

export function testContract(name: 'TestToken' | 'TestSwap' | 'TestNft' | 'TestMulti' | 'TestPermit2'): CompiledContract {
  const c = compileSolidityDir(dir)[name]
  if (!c) throw new Error(`test contract ${name} not found`)
  return c
}

export interface SigningContracts {
  token: Address
  swap: Address
  nft: Address
  multi: Address
  permit2: Address
  /** TST decimals, and TST base units per whole ETH in the swap */
  decimals: number
  rate: bigint
}

export const TOKEN_DECIMALS = 4
/** 3 TST per ETH */
export const SWAP_RATE = 30_000n

/** Deploys the set with `deployerKey` on the chain at `rpcUrl`, and gives `holder` tokens, NFTs #1 and #2 and 10 of item 7. */
export async function deploySigningContracts(rpcUrl: string, chainId: number, deployerKey: Hex, holder: Address): Promise<SigningContracts & { client: PublicClient }> {
  const account = privateKeyToAccount(deployerKey)
  const chain = { id: chainId, name: `chain ${chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } } as const
  const client = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 100 }) as PublicClient
  const wallet = createWalletClient({ chain, transport: http(rpcUrl), account })
  const deploy = async (c: CompiledContract, args: unknown[] = []) => {
    const hash = await wallet.deployContract({ abi: c.abi, bytecode: c.bytecode, args })
    const r = await client.waitForTransactionReceipt({ hash })
    if (r.status !== 'success' || !r.contractAddress) throw new Error(`deploying failed: ${hash}`)
    return getAddress(r.contractAddress)
  }
  const write = async (address: Address, abi: Abi, functionName: string, args: unknown[], value?: bigint) => {
    const hash = await wallet.writeContract({ address, abi, functionName, args, ...(value ? { value } : {}) } as never)
    const r = await client.waitForTransactionReceipt({ hash })
    if (r.status !== 'success') throw new Error(`${functionName} failed: ${hash}`)
  }
  const T = testContract('TestToken')
  const token = await deploy(T, ['Test Token', 'TST', TOKEN_DECIMALS])
  const swap = await deploy(testContract('TestSwap'), [token, SWAP_RATE])
  const nft = await deploy(testContract('TestNft'), ['Test Birds', 'BIRD'])
  const multi = await deploy(testContract('TestMulti'))
  const permit2 = await deploy(testContract('TestPermit2'))
  await write(token, T.abi, 'mint', [swap, 1_000_000n * 10n ** BigInt(TOKEN_DECIMALS)])
  await write(token, T.abi, 'mint', [holder, 500n * 10n ** BigInt(TOKEN_DECIMALS)])
  await write(nft, testContract('TestNft').abi, 'mint', [holder, 1n])
  await write(nft, testContract('TestNft').abi, 'mint', [holder, 2n])
  await write(multi, testContract('TestMulti').abi, 'mint', [holder, 7n, 10n])
  // the swap pays ETH out for tokens: give it a stock
  const fund = await wallet.sendTransaction({ to: swap, value: parseEther('5') })
  await client.waitForTransactionReceipt({ hash: fund })
  return { token, swap, nft, multi, permit2, decimals: TOKEN_DECIMALS, rate: SWAP_RATE, client }
}
