// Know what you sign, the pure parts: the selector table and decoding (titles, actions, batches),
// revert reasons, a simulation's logs read as one account's effects, the warnings, the approval
// edit (only lower, same spender), and the probe's runtime code against its Solidity source.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { encodeAbiParameters, encodeErrorResult, encodeFunctionData, maxUint256, pad, parseAbi, type Address, type Hex } from 'viem'
import { decodeCall } from '../../src/tx/decode.ts'
import { ERC20_SELECTORS, ERC721_SELECTORS, MULTICALL_SELECTORS, PERMIT2_SELECTORS, ROUTER_SELECTORS, SELECTOR_GROUPS, selectorTable } from '../../src/tx/selectors.ts'
import { revertReason } from '../../src/simulate/revert.ts'
import { effectsFor, NATIVE_TRANSFER_ADDRESS, TOPICS, type RawLog } from '../../src/simulate/logs.ts'
import { txWarnings, type WarningFacts } from '../../src/simulate/warnings.ts'
import { withApprovalAmount } from '../../src/simulate/edit.ts'
import { approvalData } from '../../src/simulate/approval-data.ts'
import { PROBE_CODE, PROBE_SOLC_SETTINGS } from '../../src/simulate/probe.ts'
import type { Simulation } from '../../src/simulate/types.ts'

const ME: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const SPENDER: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const TOKEN: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const NFT: Address = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'

test('the table: every signature parses, selectors are unique per group, the first group wins a clash', () => {
  const t = selectorTable()
  assert.ok(t.size > 60, `${t.size} selectors`)
  // ERC-20 and ERC-721 share approve / transferFrom: ERC-20 is first
  assert.equal(t.get('0x095ea7b3')?.source, 'ERC-20')
  assert.equal(t.get('0x23b872dd')?.source, 'ERC-20')
  assert.equal(t.get('0xa22cb465')?.source, 'ERC-721')
  assert.equal(t.get('0x87517c45')?.source, 'Permit2')
  for (const g of SELECTOR_GROUPS) assert.ok(g.abi.length > 0, g.source)
})

test('decoding: titles and actions from what the call does; unknown selectors are null', () => {
  const approve = decodeCall(encodeFunctionData({ abi: ERC20_SELECTORS, functionName: 'approve', args: [SPENDER, maxUint256] }))!
  assert.equal(approve.title, 'Approve')
  assert.deepEqual(approve.action, { kind: 'approve', spender: SPENDER, amount: maxUint256.toString() })
  const transfer = decodeCall(encodeFunctionData({ abi: ERC20_SELECTORS, functionName: 'transfer', args: [SPENDER, 15000n] }))!
  assert.deepEqual(transfer.action, { kind: 'transfer', to: SPENDER, amount: '15000' })
  const op = decodeCall(encodeFunctionData({ abi: ERC721_SELECTORS, functionName: 'setApprovalForAll', args: [SPENDER, true] }))!
  assert.equal(op.title, 'Set approval for all')
  const revokeOp = decodeCall(encodeFunctionData({ abi: ERC721_SELECTORS, functionName: 'setApprovalForAll', args: [SPENDER, false] }))!
  assert.equal(revokeOp.title, 'Revoke approval for all')
  const p2 = decodeCall(encodeFunctionData({ abi: PERMIT2_SELECTORS, functionName: 'approve', args: [TOKEN, SPENDER, 5n, 1_900_000_000] }))!
  assert.deepEqual(p2.action, { kind: 'permit2Approve', token: TOKEN, spender: SPENDER, amount: '5', expiration: 1_900_000_000 })
  const swap = decodeCall(encodeFunctionData({ abi: ROUTER_SELECTORS, functionName: 'swapExactETHForTokens', args: [1n, [NFT, TOKEN], ME, 10n] }))!
  assert.deepEqual(swap.action, { kind: 'swap', tokens: [NFT, TOKEN], recipient: ME })
  assert.equal(swap.title, 'Swap')
  const v3 = decodeCall(encodeFunctionData({ abi: ROUTER_SELECTORS, functionName: 'exactInputSingle', args: [{ tokenIn: TOKEN, tokenOut: NFT, fee: 500, recipient: ME, deadline: 1n, amountIn: 2n, amountOutMinimum: 3n, sqrtPriceLimitX96: 0n }] }))!
  assert.deepEqual(v3.action, { kind: 'swap', tokens: [TOKEN, NFT], recipient: ME })
  assert.match(v3.args[0].value, /tokenIn: 0x5F/)
  assert.equal(decodeCall('0xdeadbeef'), null)
  assert.equal(decodeCall('0x'), null)
})

test('a Multicall3 batch is decoded one level down', () => {
  const inner = encodeFunctionData({ abi: ERC20_SELECTORS, functionName: 'approve', args: [SPENDER, 1n] })
  const data = encodeFunctionData({ abi: MULTICALL_SELECTORS, functionName: 'aggregate3', args: [[{ target: TOKEN, allowFailure: false, callData: inner }, { target: NFT, allowFailure: true, callData: '0x12345678' }]] })
  const d = decodeCall(data)!
  assert.deepEqual(d.action, { kind: 'batch', count: 2 })
  assert.equal(d.inner?.length, 2)
  assert.equal(d.inner?.[0].to, TOKEN)
  assert.equal(d.inner?.[0].decoded?.functionName, 'approve')
  assert.equal(d.inner?.[1].decoded, null)
})

test('revert reasons: Error(string), Panic, known custom errors, unknown selectors', () => {
  assert.equal(revertReason(encodeErrorResult({ abi: parseAbi(['error Error(string)']), errorName: 'Error', args: ['Too little received'] })), 'Too little received')
  assert.equal(revertReason(encodeErrorResult({ abi: parseAbi(['error Panic(uint256)']), errorName: 'Panic', args: [0x11n] })), 'Panic: an arithmetic overflow or underflow')
  assert.equal(revertReason(encodeErrorResult({ abi: parseAbi(['error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)']), errorName: 'ERC20InsufficientBalance', args: [ME, 1n, 2n] })), `ERC20InsufficientBalance(${ME}, 1, 2)`)
  assert.equal(revertReason('0x12345678'), 'custom error 0x12345678')
  assert.equal(revertReason('0x', 'execution reverted: nope'), 'nope')
  assert.equal(revertReason(undefined), 'it reverted without a reason')
})

const word = (n: bigint) => encodeAbiParameters([{ type: 'uint256' }], [n])
const log = (address: Address, topics: Hex[], data: Hex = '0x'): RawLog => ({ address, topics, data })

test("logs read as one account's effects: ETH (traceTransfers), tokens netted, approvals (last wins), operators, NFTs; others' logs ignored", () => {
  const me = pad(ME.toLowerCase() as Hex)
  const them = pad(SPENDER.toLowerCase() as Hex)
  const e = effectsFor(ME, [
    log(NATIVE_TRANSFER_ADDRESS, [TOPICS.transfer, me, them], word(500n)),
    log(TOKEN, [TOPICS.transfer, them, me], word(300n)),
    log(TOKEN, [TOPICS.transfer, me, them], word(100n)),
    log(TOKEN, [TOPICS.transfer, them, them], word(999n)),
    log(TOKEN, [TOPICS.approval, me, them], word(maxUint256)),
    log(TOKEN, [TOPICS.approval, me, them], word(25n)),
    log(TOKEN, [TOPICS.approval, them, me], word(7n)),
    log(NFT, [TOPICS.approvalForAll, me, them], word(1n)),
    log(NFT, [TOPICS.transfer, me, them, pad('0x02')]),
    log(NFT, [TOPICS.transferSingle, them, them, me], encodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }], [7n, 3n])),
    log(TOKEN, [TOPICS.deposit, me], word(40n)),
  ])
  assert.deepEqual(e.changes, [
    { token: null, delta: '-500' },
    { token: TOKEN, delta: '240' },
  ])
  assert.deepEqual(e.approvals, [{ token: TOKEN, spender: SPENDER, amount: '25', standard: 'erc20' }])
  assert.deepEqual(e.operators, [{ collection: NFT, operator: SPENDER, approved: true }])
  assert.deepEqual(e.nfts, [
    { collection: NFT, tokenId: '2', amount: '1', direction: 'out', standard: 'erc721' },
    { collection: NFT, tokenId: '7', amount: '3', direction: 'in', standard: 'erc1155' },
  ])
  // a Permit2 Approval (owner, token, spender indexed)
  const p2 = effectsFor(ME, [log(NFT, [TOPICS.permit2Approval, me, pad(TOKEN.toLowerCase() as Hex), them], encodeAbiParameters([{ type: 'uint160' }, { type: 'uint48' }], [9n, 123]))])
  assert.deepEqual(p2.approvals, [{ token: TOKEN, spender: SPENDER, amount: '9', standard: 'permit2', via: NFT, expiration: 123 }])
})

const sim = (p: Partial<Simulation> = {}): Simulation => ({ method: 'simulateV1', note: '', status: 'success', changes: [], approvals: [], operators: [], nfts: [], ...p })
const facts = (p: Partial<WarningFacts>): WarningFacts => ({
  chainName: 'L2',
  from: ME,
  to: TOKEN,
  value: 0n,
  data: '0x',
  action: null,
  decoded: true,
  simulation: sim(),
  target: null,
  targetHasCode: true,
  eoas: [],
  recipientToken: null,
  firstInteraction: false,
  totalSupply: null,
  ...p,
})
const codes = (f: WarningFacts) => txWarnings(f).map((w) => w.code).sort()
const tst = { address: TOKEN, kind: 'erc20' as const, symbol: 'TST', name: 'Test', decimals: 4 }

test('warnings: unlimited and very large approvals, approval for all, EOA spenders, token recipients, self-sends, reverts, no simulation', () => {
  assert.deepEqual(codes(facts({ data: '0x095e', action: { kind: 'approve', spender: SPENDER, amount: maxUint256.toString() }, target: tst })), ['unlimited-approval'])
  assert.deepEqual(codes(facts({ data: '0x095e', action: { kind: 'approve', spender: SPENDER, amount: '1000' }, target: tst, totalSupply: 1000n })), ['large-approval'])
  assert.deepEqual(codes(facts({ data: '0x095e', action: { kind: 'approve', spender: SPENDER, amount: '10' }, target: tst, totalSupply: 1000n })), [])
  assert.deepEqual(codes(facts({ data: '0x095e', action: { kind: 'approve', spender: SPENDER, amount: '10' }, target: tst, eoas: [SPENDER] })), ['spender-eoa'])
  assert.deepEqual(codes(facts({ data: '0xa22c', action: { kind: 'setApprovalForAll', operator: SPENDER, approved: true } })), ['approval-for-all'])
  assert.deepEqual(codes(facts({ data: '0xa22c', action: { kind: 'setApprovalForAll', operator: SPENDER, approved: false }, eoas: [SPENDER] })), [], 'revoking an operator warns of nothing')
  assert.deepEqual(codes(facts({ data: '0xa9059cbb', action: { kind: 'transfer', to: TOKEN, amount: '1' }, target: tst })), ['recipient-token'])
  assert.deepEqual(codes(facts({ data: '0xa9059cbb', action: { kind: 'transfer', to: ME, amount: '1' }, target: tst })), ['self-send'])
  assert.deepEqual(codes(facts({ to: ME, value: 1n, targetHasCode: false })), ['self-send'])
  assert.deepEqual(codes(facts({ data: '0x1234', decoded: false, firstInteraction: true, simulation: sim({ status: 'reverted', revert: { reason: 'nope' } }) })), ['first-interaction', 'reverts', 'unknown-call'])
  assert.deepEqual(codes(facts({ simulation: sim({ method: 'none' }) })), ['no-simulation'])
  // Permit2 amounts are uint160: unlimited from 2^159
  assert.deepEqual(codes(facts({ data: '0x8751', action: { kind: 'permit2Approve', token: TOKEN, spender: SPENDER, amount: (2n ** 160n - 1n).toString(), expiration: 0 } })), ['unlimited-approval'])
})

test('the approval edit: only lower, same spender (and token and expiration for Permit2); anything else is refused', () => {
  const max = encodeFunctionData({ abi: ERC20_SELECTORS, functionName: 'approve', args: [SPENDER, maxUint256] })
  assert.equal(withApprovalAmount(max, 250000n), encodeFunctionData({ abi: ERC20_SELECTORS, functionName: 'approve', args: [SPENDER, 250000n] }))
  assert.equal(approvalData({ standard: 'erc20', token: TOKEN, spender: SPENDER, amount: 250000n }), withApprovalAmount(max, 250000n), 'the window previews what is signed')
  const p2 = encodeFunctionData({ abi: PERMIT2_SELECTORS, functionName: 'approve', args: [TOKEN, SPENDER, 100n, 42] })
  assert.equal(withApprovalAmount(p2, 5n), encodeFunctionData({ abi: PERMIT2_SELECTORS, functionName: 'approve', args: [TOKEN, SPENDER, 5n, 42] }))
  assert.throws(() => withApprovalAmount(p2, 101n), /only be lowered/)
  assert.throws(() => withApprovalAmount(encodeFunctionData({ abi: ERC20_SELECTORS, functionName: 'transfer', args: [SPENDER, 1n] }), 0n), /Only the amount of an approval/)
})

test('the probe in ./probe.ts is SimulationProbe.sol compiled as stated', () => {
  const solc = createRequire(import.meta.url)('solc')
  const source = readFileSync(new URL('../../src/simulate/SimulationProbe.sol', import.meta.url), 'utf8')
  const out = JSON.parse(solc.compile(JSON.stringify({ language: 'Solidity', sources: { 'SimulationProbe.sol': { content: source } }, settings: { ...PROBE_SOLC_SETTINGS, outputSelection: { '*': { '*': ['evm.deployedBytecode.object'] } } } })))
  assert.equal(`0x${out.contracts['SimulationProbe.sol'].SimulationProbe.evm.deployedBytecode.object}`, PROBE_CODE)
})
