// Sets up one OP Stack L2 on an anvil --optimism node: predeploy code at the 0x4200… addresses
// (contracts-bedrock 0.17.3, placed with anvil_setCode; no proxies in front), initialized with real
// initialize() calls, L1Block with Ecotone/Fjord fee fields, GasPriceOracle in Fjord mode, Multicall3.
import { encodeAbiParameters, keccak256, pad, toHex, type Address, type Hex, type PublicClient } from 'viem'
import { bedrock, devnetContract } from '../lib/contracts.ts'
import { rpc, Signer } from '../lib/tx.ts'
import { MULTICALL3, PREDEPLOYS, type L1FeeParams } from './constants.ts'

const slot = (n: number) => toHex(n, { size: 32 })
const word = (v: bigint) => toHex(v, { size: 32 })

export interface L2SetupInput {
  client: PublicClient
  chainId: number
  deployerKey: Hex
  l1CrossDomainMessenger: Address
  l1StandardBridge: Address
  batcher: Address
  fee: L1FeeParams
  l1Head: { number: bigint; timestamp: bigint; hash: Hex }
  /** ETH given to the deployer and to address(0) on the L2 (see README: eth_call pays an L1 fee on anvil) */
  serviceFunding: bigint
}

export interface L2Anchor {
  blockNumber: bigint
  timestamp: bigint
  outputRoot: Hex
}

export async function setupL2(input: L2SetupInput): Promise<void> {
  const { client } = input
  const code = (addr: Address, bytecode: Hex) => rpc(client, 'anvil_setCode', [addr, bytecode])
  await Promise.all([
    code(PREDEPLOYS.L2ToL1MessagePasser, bedrock('L2ToL1MessagePasser').deployedBytecode),
    code(PREDEPLOYS.L2CrossDomainMessenger, bedrock('L2CrossDomainMessenger').deployedBytecode),
    code(PREDEPLOYS.L2StandardBridge, bedrock('L2StandardBridge').deployedBytecode),
    code(PREDEPLOYS.OptimismMintableERC20Factory, bedrock('OptimismMintableERC20Factory').deployedBytecode),
    code(PREDEPLOYS.GasPriceOracle, bedrock('GasPriceOracle').deployedBytecode),
    code(PREDEPLOYS.L1Block, bedrock('L1Block').deployedBytecode),
    code(MULTICALL3, devnetContract('Multicall3').deployedBytecode),
  ])
  await writeL1BlockInfo(client, input.l1Head)
  await writeL1FeeParams(client, input.fee, input.batcher)
  // GasPriceOracle storage slot 0: isEcotone (byte 0) and isFjord (byte 1); setEcotone()/setFjord()
  // would need the depositor account, and their only effect is these two flags.
  await rpc(client, 'anvil_setStorageAt', [PREDEPLOYS.GasPriceOracle, slot(0), word(0x0101n)])

  const deployer = new Signer(client, input.deployerKey, input.chainId)
  await rpc(client, 'anvil_setBalance', [deployer.address, toHex(input.serviceFunding)])
  await rpc(client, 'anvil_setBalance', ['0x0000000000000000000000000000000000000000', toHex(input.serviceFunding)])
  await deployer.call(PREDEPLOYS.L2CrossDomainMessenger, bedrock('L2CrossDomainMessenger').abi, 'initialize', [input.l1CrossDomainMessenger], { label: 'L2CrossDomainMessenger.initialize' })
  await deployer.call(PREDEPLOYS.L2StandardBridge, bedrock('L2StandardBridge').abi, 'initialize', [input.l1StandardBridge], { label: 'L2StandardBridge.initialize' })
  await deployer.call(PREDEPLOYS.OptimismMintableERC20Factory, bedrock('OptimismMintableERC20Factory').abi, 'initialize', [PREDEPLOYS.L2StandardBridge], { label: 'OptimismMintableERC20Factory.initialize' })
  await deployer.settle()
}

/** L1Block slot 0 (number | timestamp << 64) and slot 2 (hash): which L1 block the L2 last saw. */
export async function writeL1BlockInfo(client: PublicClient, head: { number: bigint; timestamp: bigint; hash: Hex }) {
  await Promise.all([
    rpc(client, 'anvil_setStorageAt', [PREDEPLOYS.L1Block, slot(0), word(head.number | (head.timestamp << 64n))]),
    rpc(client, 'anvil_setStorageAt', [PREDEPLOYS.L1Block, slot(2), head.hash]),
  ])
}

/** The Ecotone fee fields op-revm reads to charge the L1 data fee (and GasPriceOracle reads to predict it). */
export async function writeL1FeeParams(client: PublicClient, fee: L1FeeParams, batcher: Address) {
  // slot 3 packs sequenceNumber (uint64, bits 0-63), blobBaseFeeScalar (uint32, 64-95), baseFeeScalar (uint32, 96-127)
  const packed = (BigInt(fee.baseFeeScalar) << 96n) | (BigInt(fee.blobBaseFeeScalar) << 64n)
  await Promise.all([
    rpc(client, 'anvil_setStorageAt', [PREDEPLOYS.L1Block, slot(1), word(fee.l1BaseFee)]),
    rpc(client, 'anvil_setStorageAt', [PREDEPLOYS.L1Block, slot(3), word(packed)]),
    rpc(client, 'anvil_setStorageAt', [PREDEPLOYS.L1Block, slot(4), pad(batcher)]),
    rpc(client, 'anvil_setStorageAt', [PREDEPLOYS.L1Block, slot(7), word(fee.blobBaseFee)]),
  ])
}

export interface OutputAtBlock {
  blockNumber: bigint
  blockHash: Hex
  timestamp: bigint
  stateRoot: Hex
  messagePasserStorageRoot: Hex
  outputRoot: Hex
}

/**
 * The output root of L2 block `blockNumber`, from the node's real state:
 * keccak256(abi.encode(bytes32(0), stateRoot, messagePasserStorageRoot, blockHash)).
 * Also checks that the node's account proof hangs off the block's stateRoot, which is what
 * the portal relies on when it verifies a withdrawal proof against this root.
 */
export async function outputAtBlock(client: PublicClient, blockNumber: bigint): Promise<OutputAtBlock> {
  const [block, proof] = await Promise.all([
    client.getBlock({ blockNumber }),
    client.getProof({ address: PREDEPLOYS.L2ToL1MessagePasser, storageKeys: [], blockNumber }),
  ])
  const first = proof.accountProof[0]
  if (!first || keccak256(first) !== block.stateRoot) {
    throw new Error(
      `L2 node's eth_getProof at block ${blockNumber} does not match the block's stateRoot ${block.stateRoot}: withdrawal proofs would fail`,
    )
  }
  const outputRoot = keccak256(
    encodeAbiParameters(
      [{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'bytes32' }, { type: 'bytes32' }],
      [pad('0x0'), block.stateRoot, proof.storageHash, block.hash!],
    ),
  )
  return {
    blockNumber,
    blockHash: block.hash!,
    timestamp: block.timestamp,
    stateRoot: block.stateRoot,
    messagePasserStorageRoot: proof.storageHash,
    outputRoot,
  }
}
