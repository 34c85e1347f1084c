// Fee paths with no real counterpart on this machine, each on a throwaway anvil (see fees-doubles.ts
// for what the doubles are and why):
// - an OP Stack chain WITH the operator fee (Isthmus): anvil --optimism --hardfork isthmus charges it
//   from L1Block slot 8 (op-revm); the oracle at the predeploy answers getOperatorFee like Isthmus's.
//   The wallet's quote must match what the node charges, to the wei for the operator part.
// - Arbitrum: ArbSys and NodeInterface doubles at 0x64 and 0xC8 on a plain anvil; the wallet must
//   recognise the chain by probing and split the gas into execution and the L1 component.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, encodeDeployData, http, parseEther, toHex, type Address, type Hex, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { DEFAULT_L1_FEE, PREDEPLOYS, TEST_MNEMONIC } from '../../devnet/index.ts'
import { bedrock } from '../../devnet/lib/contracts.ts'
import { freePort, PortInUseError, startAnvil, type AnvilProcess } from '../../devnet/lib/processes.ts'
import { writeL1FeeParams } from '../../devnet/deploy/l2.ts'
import { ETH, type Network } from '../../src/chains/types.ts'
import { publicClientFor } from '../../src/chains/rpc-client.ts'
import { clearFeeModelCache, feeModelOf } from '../../src/rollup/fees-detect.ts'
import { rollupFeeQuote } from '../../src/rollup/fees.ts'
import { ARB_SYS } from '../../src/rollup/fees-detect.ts'
import { NODE_INTERFACE } from '../../src/rollup/arbitrum.ts'
import { prepareTx, toViemTx } from '../../src/tx/prepare.ts'
import { expectedGas } from '../../src/rollup/fees-execution.ts'
import { ARB_L1_BASE_FEE, ARB_OVERHEAD_BYTES, feeDoubles } from './fees-doubles.ts'

const KEY0: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
const OPERATOR_FEE_VAULT: Address = '0x420000000000000000000000000000000000001B'
const REAL_GPO_AT: Address = '0x0000000000000000000000000000000000000F0F'
const OPERATOR_SCALAR = 2_500_000 // 2.5 wei per gas
const OPERATOR_CONSTANT = 7_000_000_000_000n // 0.000007 ETH per transaction

const me = privateKeyToAccount(KEY0)
const word = (v: bigint) => toHex(v, { size: 32 })

async function throwawayAnvil(chainId: number, opts: { optimism?: boolean; hardfork?: string } = {}) {
  // a port picked free may be taken before anvil binds it (other test processes run alongside): pick again
  const start = async (attempt: number): Promise<AnvilProcess> =>
    startAnvil({ label: `fees double ${chainId}`, port: await freePort(), chainId, mnemonic: TEST_MNEMONIC, accounts: 2, balanceEther: 100, ...opts }).catch((e: unknown) => {
      if (e instanceof PortInUseError && attempt < 3) return start(attempt + 1)
      throw e
    })
  const anvil = await start(1)
  const client = createPublicClient({ transport: http(anvil.url, { timeout: 20_000 }) }) as PublicClient
  const network: Network = { chainId, name: `Throwaway ${chainId}`, nativeCurrency: ETH, rpcUrls: [anvil.url], blockTimeSeconds: 1, source: 'user' }
  return { anvil, client, network, rpc: (method: string, params: unknown[]) => client.request({ method, params } as never) }
}

async function deployRuntime(client: PublicClient, bytecode: Hex): Promise<Hex> {
  const hash = await client.sendRawTransaction({
    serializedTransaction: await me.signTransaction(toViemTx(await prepareTx(client, await client.getChainId(), { from: me.address, to: null, data: bytecode }))),
  })
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 100 })
  return (await client.getCode({ address: receipt.contractAddress! }))!
}

describe('OP Stack with the operator fee (Isthmus), GasPriceOracle double', () => {
  let t: Awaited<ReturnType<typeof throwawayAnvil>>
  before(async () => {
    clearFeeModelCache()
    t = await throwawayAnvil(90_901, { optimism: true, hardfork: 'isthmus' })
    const d = feeDoubles()
    await t.rpc('anvil_setCode', [PREDEPLOYS.L1Block, bedrock('L1Block').deployedBytecode])
    await writeL1FeeParams(t.client, DEFAULT_L1_FEE, me.address)
    // L1Block slot 8 (Isthmus): operatorFeeScalar at bytes 20..23, operatorFeeConstant at 24..31
    await t.rpc('anvil_setStorageAt', [PREDEPLOYS.L1Block, word(8n), word((BigInt(OPERATOR_SCALAR) << 64n) | OPERATOR_CONSTANT)])
    await t.rpc('anvil_setBalance', ['0x0000000000000000000000000000000000000000', toHex(parseEther('1'))])
    await t.rpc('anvil_setCode', [REAL_GPO_AT, bedrock('GasPriceOracle').deployedBytecode])
    const runtime = await deployRuntime(t.client, encodeDeployData({ abi: d.OperatorFeeOracle.abi, bytecode: d.OperatorFeeOracle.bytecode, args: [REAL_GPO_AT, OPERATOR_SCALAR, OPERATOR_CONSTANT] }))
    await t.rpc('anvil_setCode', [PREDEPLOYS.GasPriceOracle, runtime])
    // isEcotone | isFjord, read by the real 1.3.0 code through delegatecall
    await t.rpc('anvil_setStorageAt', [PREDEPLOYS.GasPriceOracle, word(0n), word(0x0101n)])
  })
  after(async () => {
    await t?.anvil.stop()
  })

  test('probing finds the operator fee; the quote matches what the node charges, operator part to the wei', async () => {
    const client = publicClientFor(t.network)
    assert.deepEqual(await feeModelOf(t.network, client), { kind: 'op', operatorFee: true })
    for (const data of ['0x', `0x${'00ff'.repeat(700)}`] as Hex[]) {
      const tx = await prepareTx(client, t.network.chainId, { from: me.address, to: '0x000000000000000000000000000000000000bEEF', value: 5n, data })
      const q = await rollupFeeQuote(t.network, client, tx)
      // the operator fee is charged on the gas used: the wallet's estimate (the limit carries headroom)
      const expectedOperator = (expectedGas(tx) * BigInt(OPERATOR_SCALAR)) / 1_000_000n + OPERATOR_CONSTANT
      assert.equal(q.operator, expectedOperator.toString())
      assert.equal(BigInt(q.total), BigInt(q.execution) + BigInt(q.l1Data) + BigInt(q.operator))

      const vaultBefore = await client.getBalance({ address: OPERATOR_FEE_VAULT })
      const hash = await client.sendRawTransaction({ serializedTransaction: await me.signTransaction(toViemTx(tx)) })
      const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 100 })
      assert.equal(receipt.status, 'success')
      assert.equal(receipt.gasUsed, expectedGas(tx), 'the estimate is the gas used (transfer with calldata)')
      assert.ok(BigInt(tx.gas) > receipt.gasUsed || data === '0x', 'a call with data is signed with headroom')
      const charged = (await client.getBalance({ address: OPERATOR_FEE_VAULT })) - vaultBefore
      assert.equal(charged, BigInt(q.operator), 'operator fee quoted = operator fee the node charged')
      const before = await client.getBalance({ address: me.address, blockNumber: receipt.blockNumber - 1n })
      const after = await client.getBalance({ address: me.address, blockNumber: receipt.blockNumber })
      const actual = before - after - 5n
      const err = Number((((BigInt(q.total) - actual) * (BigInt(q.total) > actual ? 1n : -1n)) * 1_000_000n) / actual) / 1e6
      assert.ok(err <= 0.01, `total within 1% of what was charged (${(err * 100).toFixed(4)}%)`)
      assert.ok(BigInt(q.max) >= actual)
    }
  })
})

describe('Arbitrum, ArbSys and NodeInterface doubles', () => {
  let t: Awaited<ReturnType<typeof throwawayAnvil>>
  before(async () => {
    clearFeeModelCache()
    t = await throwawayAnvil(90_902)
    const d = feeDoubles()
    await t.rpc('anvil_setCode', [ARB_SYS, d.ArbSysDouble.deployedBytecode])
    await t.rpc('anvil_setCode', [NODE_INTERFACE, d.NodeInterfaceDouble.deployedBytecode])
  })
  after(async () => {
    await t?.anvil.stop()
  })

  test('recognised by ArbSys.arbChainID(), not by chain id; the gas splits into execution and the L1 component', async () => {
    const client = publicClientFor(t.network)
    assert.deepEqual(await feeModelOf(t.network, client), { kind: 'arbitrum' })
    const data: Hex = `0x${'ab'.repeat(300)}`
    const l2Only = await prepareTx(client, t.network.chainId, { from: me.address, to: '0x000000000000000000000000000000000000bEEF', data })
    const block = await client.getBlock()
    // Nitro's eth_estimateGas includes the L1 component; on this stand-in it is added by hand
    const baseFee = block.baseFeePerGas!
    const approxL1Gas = ((300n + ARB_OVERHEAD_BYTES) * 16n * ARB_L1_BASE_FEE) / baseFee
    const tx = { ...l2Only, gas: toHex(BigInt(l2Only.gas) + approxL1Gas * 2n) }
    const q = await rollupFeeQuote(t.network, client, tx)
    assert.equal(q.opStack, false)
    assert.equal(q.operator, '0')
    const perGas = (BigInt(q.execution) + BigInt(q.l1Data)) / BigInt(tx.gas)
    assert.equal(BigInt(q.total), BigInt(tx.gas) * perGas, 'the whole gas limit at one price')
    assert.ok(perGas <= BigInt(tx.maxFeePerGas!) && perGas < baseFee + BigInt(tx.maxPriorityFeePerGas!), 'the base fee only, no tip')
    const l1Gas = BigInt(q.l1Data) / perGas
    assert.equal(l1Gas, ((300n + ARB_OVERHEAD_BYTES) * 16n * ARB_L1_BASE_FEE) / perGas, 'L1 part = NodeInterface gasEstimateForL1 × base fee')
    assert.equal(BigInt(q.max), BigInt(tx.gas) * BigInt(tx.maxFeePerGas!))

    // a gas limit that cannot even pay the L1 part is named, not quoted
    await assert.rejects(rollupFeeQuote(t.network, client, { ...tx, gas: toHex(21_000n) }), /below the \d+ gas this chain needs for the L1 part/)
  })

  test('the same chain without the ArbSys precompile is plain EIP-1559', async () => {
    await t.rpc('anvil_setCode', [ARB_SYS, '0x'])
    clearFeeModelCache()
    assert.deepEqual(await feeModelOf(t.network, publicClientFor(t.network)), { kind: 'l1' })
  })
})
