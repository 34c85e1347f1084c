// Deposits on the devnet: ETH through OptimismPortal.depositTransaction and through
// L1StandardBridge arrive on 901 and 902; an ERC-20 bridged with depositERC20To arrives as the
// paired OptimismMintableERC20 on L2. Each deposit is followed the way a wallet follows it: the
// L2 transaction hash computed from the L1 receipt, then the L2 receipt.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parseAbi, parseEther, type Address, type Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { getL2TransactionHashes } from 'viem/op-stack'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { l1Clients, l2Clients } from '../../devnet/testing.ts'
import { bedrock, devnetContract } from '../../devnet/lib/contracts.ts'

const l1StandardBridgeAbi = parseAbi([
  'function depositETHTo(address _to, uint32 _minGasLimit, bytes _extraData) payable',
  'function depositERC20To(address _l1Token, address _l2Token, address _to, uint256 _amount, uint32 _minGasLimit, bytes _extraData)',
  'function deposits(address, address) view returns (uint256)',
])
const erc20Abi = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function approve(address, uint256) returns (bool)',
  'function mint(address, uint256)',
])

let devnet: Devnet

before(async () => {
  devnet = await startDevnet({ ports: 'auto', l2BlockTime: 1 })
})

after(async () => {
  await devnet?.stop()
})

const fresh = (): Address => privateKeyToAccount(generatePrivateKey()).address

// The portal's resource metering burns L1 gas to the last unit, and what it needs depends on how
// many L1 blocks passed since the previous deposit: an estimate made one block early can fall a
// few dozen gas short. Wallets (and the OP SDK) add headroom; so do these tests.
const headroom = (gas: bigint) => (gas * 12n) / 10n

/** Waits for the L2 side of every deposit in an L1 receipt; returns their L2 receipts. */
async function l2ReceiptsOf(chainId: number, l1Receipt: Parameters<typeof getL2TransactionHashes>[0]) {
  const hashes = getL2TransactionHashes(l1Receipt)
  assert.ok(hashes.length > 0, 'the L1 transaction emitted no TransactionDeposited')
  const l2 = l2Clients(devnet.manifest, chainId, devnet.accounts[0] as never).public
  // No replacement check: a deposit transaction cannot be replaced, and anvil reports nonce 0 for every
  // deposit of a sender (the aliased L1 messenger here), so viem's check would take the messenger's
  // previous deposit, mined while this one waits, for its replacement and return that receipt.
  const receipts = await Promise.all(hashes.map((hash) => l2.waitForTransactionReceipt({ hash, timeout: 30_000, checkReplacement: false })))
  for (const [i, r] of receipts.entries()) assert.equal(r.transactionHash, hashes[i], 'the receipt is of the deposit asked for')
  return receipts
}

describe('devnet deposits', () => {
  test('Multicall3 at the canonical address answers on L1, 901 and 902 (batched balance reads)', async () => {
    const account = privateKeyToAccount(devnet.accounts[1]!.privateKey)
    const multicall3 = '0xcA11bde05977b3631167028862bE2a173976CA11'
    const abi = parseAbi(['function getEthBalance(address) view returns (uint256)', 'function getBlockNumber() view returns (uint256)', 'function getBasefee() view returns (uint256)', 'function getCurrentBlockTimestamp() view returns (uint256)'])
    const clients = [l1Clients(devnet.manifest, account).public, l2Clients(devnet.manifest, 901, account).public, l2Clients(devnet.manifest, 902, account).public]
    for (const client of clients) {
      const [balance, blockNumber, , timestamp] = await client.multicall({
        allowFailure: false,
        contracts: [
          { address: multicall3, abi, functionName: 'getEthBalance', args: [account.address] },
          { address: multicall3, abi, functionName: 'getBlockNumber' },
          { address: multicall3, abi, functionName: 'getBasefee' },
          { address: multicall3, abi, functionName: 'getCurrentBlockTimestamp' },
        ],
      })
      assert.equal(balance, await client.getBalance({ address: account.address }))
      assert.ok(blockNumber > 0n && timestamp > 0n)
    }
  })

  for (const chainId of [901, 902]) {
    test(`ETH via OptimismPortal.depositTransaction arrives on ${chainId}`, async () => {
      const account = privateKeyToAccount(devnet.accounts[2]!.privateKey)
      const l1 = l1Clients(devnet.manifest, account)
      const l2 = l2Clients(devnet.manifest, chainId, account)
      const to = fresh()
      const amount = parseEther('1.25')

      const args = await l2.public.buildDepositTransaction({ to, value: amount, account: account.address })
      const gas = await l1.public.estimateDepositTransactionGas({ ...args, targetChain: l2.chain } as never)
      const hash = await l1.wallet.depositTransaction({ ...args, gas: headroom(gas), targetChain: l2.chain } as never)
      const receipt = await l1.public.waitForTransactionReceipt({ hash })
      assert.equal(receipt.status, 'success')

      const [l2Receipt] = await l2ReceiptsOf(chainId, receipt)
      assert.equal(l2Receipt!.status, 'success')
      assert.equal(await l2.public.getBalance({ address: to }), amount)
    })

    test(`ETH via L1StandardBridge.depositETHTo arrives on ${chainId}`, async () => {
      const account = privateKeyToAccount(devnet.accounts[3]!.privateKey)
      const l1 = l1Clients(devnet.manifest, account)
      const l2 = l2Clients(devnet.manifest, chainId, account)
      const bridge = devnet.manifest.l2s.find((c) => c.chainId === chainId)!.l1Contracts.l1StandardBridge
      const to = fresh()
      const amount = parseEther('0.5')

      const call = { address: bridge, abi: l1StandardBridgeAbi, functionName: 'depositETHTo', args: [to, 200_000, '0x'], value: amount, account } as const
      const hash = await l1.wallet.writeContract({ ...call, gas: headroom(await l1.public.estimateContractGas(call)) })
      const receipt = await l1.public.waitForTransactionReceipt({ hash })
      assert.equal(receipt.status, 'success')

      // The portal saw the L1CrossDomainMessenger (a contract) as sender: the deposit's `from` is its alias.
      const [l2Receipt] = await l2ReceiptsOf(chainId, receipt)
      assert.equal(l2Receipt!.status, 'success')
      assert.equal(await l2.public.getBalance({ address: to }), amount)
    })
  }

  test('an ERC-20 deposited with depositERC20To arrives as its OptimismMintableERC20 on 901 and 902', async () => {
    const account = privateKeyToAccount(devnet.accounts[4]!.privateKey)
    const l1 = l1Clients(devnet.manifest, account)
    const token = devnetContract('DevToken')
    const deployHash = await l1.wallet.deployContract({ abi: token.abi, bytecode: token.bytecode, args: ['Dev Token', 'DEV', 18] })
    const l1Token = (await l1.public.waitForTransactionReceipt({ hash: deployHash })).contractAddress!
    await l1.public.waitForTransactionReceipt({ hash: await l1.wallet.writeContract({ address: l1Token, abi: erc20Abi, functionName: 'mint', args: [account.address, parseEther('1000')] }) })

    for (const chainId of [901, 902]) {
      const l2 = l2Clients(devnet.manifest, chainId, account)
      const bridge = devnet.manifest.l2s.find((c) => c.chainId === chainId)!.l1Contracts.l1StandardBridge
      const mintable = bedrock('OptimismMintableERC20')
      const l2DeployHash: Hex = await l2.wallet.deployContract({
        abi: mintable.abi,
        bytecode: mintable.bytecode,
        args: ['0x4200000000000000000000000000000000000010', l1Token, 'Dev Token', 'DEV', 18],
      } as never)
      const l2Token = (await l2.public.waitForTransactionReceipt({ hash: l2DeployHash })).contractAddress!

      const to = fresh()
      const amount = parseEther('12.5')
      await l1.public.waitForTransactionReceipt({ hash: await l1.wallet.writeContract({ address: l1Token, abi: erc20Abi, functionName: 'approve', args: [bridge, amount] }) })
      const call = { address: bridge, abi: l1StandardBridgeAbi, functionName: 'depositERC20To', args: [l1Token, l2Token, to, amount, 200_000, '0x'], account } as const
      const hash = await l1.wallet.writeContract({ ...call, gas: headroom(await l1.public.estimateContractGas(call)) })
      const receipt = await l1.public.waitForTransactionReceipt({ hash })
      assert.equal(receipt.status, 'success')
      assert.equal(await l1.public.readContract({ address: bridge, abi: l1StandardBridgeAbi, functionName: 'deposits', args: [l1Token, l2Token] }), amount, 'escrowed on L1')

      const [l2Receipt] = await l2ReceiptsOf(chainId, receipt)
      assert.equal(l2Receipt!.status, 'success')
      assert.equal(await l2.public.readContract({ address: l2Token, abi: erc20Abi, functionName: 'balanceOf', args: [to] }), amount, `minted on ${chainId}`)
    }
  })

  test('several deposits through the same bridge in a row all arrive (one sender, relayed in L1 order)', async () => {
    const account = privateKeyToAccount(devnet.accounts[5]!.privateKey)
    const l1 = l1Clients(devnet.manifest, account)
    const l2 = l2Clients(devnet.manifest, 901, account)
    const bridge = devnet.manifest.l2s[0]!.l1Contracts.l1StandardBridge
    const recipients = [fresh(), fresh(), fresh()]
    // L1 receipts first (each mined at once), so all three deposits wait for the relayer together.
    const l1Receipts = []
    for (const to of recipients) {
      const call = { address: bridge, abi: l1StandardBridgeAbi, functionName: 'depositETHTo', args: [to, 200_000, '0x'], value: parseEther('0.1'), account } as const
      const hash = await l1.wallet.writeContract({ ...call, gas: headroom(await l1.public.estimateContractGas(call)) })
      const receipt = await l1.public.waitForTransactionReceipt({ hash })
      assert.equal(receipt.status, 'success')
      l1Receipts.push(receipt)
    }
    const l2Receipts = (await Promise.all(l1Receipts.map((r) => l2ReceiptsOf(901, r)))).flat()
    assert.ok(l2Receipts.every((r) => r.status === 'success'))
    // in L1 order
    const positions = l2Receipts.map((r) => Number(r.blockNumber) * 1000 + r.transactionIndex)
    assert.deepEqual([...positions].sort((a, b) => a - b), positions)
    for (const to of recipients) assert.equal(await l2.public.getBalance({ address: to }), parseEther('0.1'))
  })
})
