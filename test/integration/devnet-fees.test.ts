// Fees on the devnet's OP Stack L2 (901): what a sender is charged is the L2 execution fee
// (gasUsed x effectiveGasPrice) plus an L1 data fee that lands in the L1FeeVault, and
// GasPriceOracle.getL1Fee(unsigned serialized tx) predicts that L1 part within 1%.
// anvil's receipts carry no l1Fee field, so the L1 part is measured from balances.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { encodeDeployData, encodeFunctionData, parseAbi, parseEther, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { serializeTransaction } from 'viem/op-stack'
import { startDevnet, PREDEPLOYS, DEFAULT_L1_FEE, type Devnet } from '../../devnet/index.ts'
import { l2Clients } from '../../devnet/testing.ts'
import { bedrock, devnetContract } from '../../devnet/lib/contracts.ts'

const gpoAbi = bedrock('GasPriceOracle').abi
const tokenAbi = parseAbi(['function transfer(address, uint256) returns (bool)', 'function mint(address, uint256)'])

let devnet: Devnet
before(async () => {
  devnet = await startDevnet({ ports: 'auto', l2BlockTime: 1 })
})
after(async () => {
  await devnet?.stop()
})

describe('devnet fees on 901', () => {
  test('GasPriceOracle is in Fjord mode and reads the configured L1 fee parameters', async () => {
    const l2 = l2Clients(devnet.manifest, 901, privateKeyToAccount(devnet.accounts[10]!.privateKey))
    const read = (functionName: string) => l2.public.readContract({ address: PREDEPLOYS.GasPriceOracle, abi: gpoAbi, functionName } as never)
    assert.equal(await read('isEcotone'), true)
    assert.equal(await read('isFjord'), true)
    assert.equal(await read('l1BaseFee'), DEFAULT_L1_FEE.l1BaseFee)
    assert.equal(await read('blobBaseFee'), DEFAULT_L1_FEE.blobBaseFee)
    assert.equal(await read('baseFeeScalar'), DEFAULT_L1_FEE.baseFeeScalar)
    assert.equal(await read('blobBaseFeeScalar'), DEFAULT_L1_FEE.blobBaseFeeScalar)
  })

  test('fee charged = L2 execution + L1 data fee; getL1Fee predicts the L1 part within 1%', async () => {
    const account = privateKeyToAccount(devnet.accounts[10]!.privateKey)
    const l2 = l2Clients(devnet.manifest, 901, account)
    const token = devnetContract('DevToken')

    // An L2 token to make realistic calls against.
    const tokenHash = await l2.wallet.deployContract({ abi: token.abi, bytecode: token.bytecode, args: ['Fee Token', 'FEE', 18] } as never)
    const tokenAddress = (await l2.public.waitForTransactionReceipt({ hash: tokenHash })).contractAddress!
    await l2.public.waitForTransactionReceipt({
      hash: await l2.wallet.writeContract({ address: tokenAddress, abi: tokenAbi, functionName: 'mint', args: [account.address, parseEther('100')] } as never),
    })

    const cases: { name: string; to?: Address; data?: Hex; value?: bigint }[] = [
      { name: 'ETH transfer', to: '0x000000000000000000000000000000000000dEaD', value: parseEther('0.01') },
      { name: 'ERC-20 transfer', to: tokenAddress, data: encodeFunctionData({ abi: tokenAbi, functionName: 'transfer', args: ['0x000000000000000000000000000000000000bEEF', 12345n] }) },
      { name: 'contract deployment (2 KB)', data: encodeDeployData({ abi: token.abi, bytecode: token.bytecode, args: ['Another', 'ANO', 6] } as never) },
    ]

    for (const c of cases) {
      const request = await l2.wallet.prepareTransactionRequest({ account, to: c.to, data: c.data, value: c.value } as never)
      const unsigned = serializeTransaction({ ...request, type: 'eip1559' } as never)
      const hash = await l2.wallet.sendTransaction(request as never)
      const receipt = await l2.public.waitForTransactionReceipt({ hash })
      assert.equal(receipt.status, 'success', c.name)

      const at = receipt.blockNumber
      const balance = (address: Address, blockNumber: bigint) => l2.public.getBalance({ address, blockNumber })
      const charged = (await balance(account.address, at - 1n)) - (await balance(account.address, at)) - (c.value ?? 0n)
      const execution = receipt.gasUsed * receipt.effectiveGasPrice
      const l1Fee = (await balance(PREDEPLOYS.L1FeeVault, at)) - (await balance(PREDEPLOYS.L1FeeVault, at - 1n))
      assert.ok(l1Fee > 0n, `${c.name}: an L1 data fee is charged`)
      assert.equal(charged, execution + l1Fee, `${c.name}: charged = execution + L1 fee`)
      const receiptL1Fee = (receipt as { l1Fee?: bigint | null }).l1Fee
      if (receiptL1Fee != null) assert.equal(receiptL1Fee, l1Fee, `${c.name}: receipt l1Fee`)

      const predicted = (await l2.public.readContract({ address: PREDEPLOYS.GasPriceOracle, abi: gpoAbi, functionName: 'getL1Fee', args: [unsigned], blockNumber: at })) as bigint
      const error = Math.abs(Number(predicted - l1Fee)) / Number(l1Fee)
      console.log(`${c.name}: execution ${execution} wei, L1 fee ${l1Fee} wei, getL1Fee ${predicted} wei (${(error * 100).toFixed(3)}% off)`)
      assert.ok(error < 0.01, `${c.name}: getL1Fee ${predicted} vs charged ${l1Fee} (${(error * 100).toFixed(2)}%)`)

      // viem's estimator (the same GasPriceOracle call on a transaction viem serializes) agrees too.
      const viemEstimate = await l2.public.estimateL1Fee({ account, to: c.to, data: c.data, value: c.value, nonce: request.nonce, gas: request.gas, maxFeePerGas: request.maxFeePerGas, maxPriorityFeePerGas: request.maxPriorityFeePerGas } as never)
      assert.ok(Math.abs(Number(viemEstimate - l1Fee)) / Number(l1Fee) < 0.01, `${c.name}: viem estimateL1Fee ${viemEstimate} vs ${l1Fee}`)
    }
  })
})
