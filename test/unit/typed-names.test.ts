// Typed data, messages, names and allowances, the pure parts: the EIP712Domain check (what is shown
// is what is hashed), permits recognised, the readable tree; personal_sign messages flagged; the
// address book's rules; ENS names normalized; approval logs read as pairs; and the provider's
// refusal of mismatched typed data as -32602 with a sentence.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { pad, toHex, type Address, type Hex } from 'viem'
import { typedDataProblem, type TypedDataLike } from '../../src/typed/check.ts'
import { permitOf, typedTree } from '../../src/typed/describe.ts'
import { permitWarnings } from '../../src/typed/service.ts'
import { describeMessage } from '../../src/typed/message.ts'
import { typedDataParams } from '../../src/provider/params.ts'
import { AddressBook, checkContactName } from '../../src/names/book.ts'
import { looksLikeName, normalizeName } from '../../src/names/ens.ts'
import { pairsOf } from '../../src/allowances/scan.ts'
import { TOPICS } from '../../src/simulate/logs.ts'
import { MemoryKV } from '../../src/storage/kv.ts'

const ME: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const SPENDER: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const TOKEN: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const PERMIT2: Address = '0x000000000022D473030F116dDEE9F6B43aC78BA3'

const permit2612 = (): TypedDataLike => ({
  domain: { name: 'Test Token', version: '1', chainId: 901, verifyingContract: TOKEN },
  types: {
    EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
    Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }],
  },
  primaryType: 'Permit',
  message: { owner: ME, spender: SPENDER, value: '70000', nonce: '0', deadline: '1900000000' },
})

test('EIP712Domain: must list exactly the domain fields with their standard types; a bare-domain primaryType is refused', () => {
  assert.equal(typedDataProblem(permit2612()), null)
  const noDomainType = permit2612()
  delete noDomainType.types.EIP712Domain
  assert.equal(typedDataProblem(noDomainType), null, 'derived from the domain when absent (what viem hashes)')
  const missing = permit2612()
  missing.types.EIP712Domain = (missing.types.EIP712Domain as { name: string }[]).filter((f) => f.name !== 'chainId')
  assert.match(typedDataProblem(missing)!, /the domain's chainId is not in types\.EIP712Domain\): what would be shown is not what would be signed/)
  const extra = permit2612()
  delete extra.domain.version
  assert.match(typedDataProblem(extra)!, /types\.EIP712Domain lists version, which the domain does not have/)
  const wrongType = permit2612()
  ;(wrongType.types.EIP712Domain as { name: string; type: string }[])[2] = { name: 'chainId', type: 'string' }
  assert.match(typedDataProblem(wrongType)!, /gives "chainId" the type string; EIP-712 says uint256/)
  assert.match(typedDataProblem({ ...permit2612(), primaryType: 'EIP712Domain' })!, /primaryType is "EIP712Domain"/)
  assert.match(typedDataProblem({ ...permit2612(), domain: { ...permit2612().domain, foo: 'x' } })!, /field "foo", which EIP-712 does not define/)
  assert.match(typedDataProblem({ ...permit2612(), message: { ...permit2612().message, spender: 'nope' } })!, /not valid EIP-712/)
  // "constructor" and "__proto__" are `in` every object literal, but are no EIP-712 domain field: a
  // domain carrying one (JSON.parse makes "__proto__" an own key) would show a field that is not signed
  for (const k of ['constructor', '__proto__', 'toString']) {
    assert.match(typedDataProblem({ ...permit2612(), domain: JSON.parse(JSON.stringify({ ...permit2612().domain }).replace(/^\{/, `{"${k}":"x",`)) })!, new RegExp(`field "${k}", which EIP-712 does not define`))
    const declared = permit2612()
    ;(declared.types.EIP712Domain as { name: string; type: string }[]).push({ name: k, type: 'string' })
    assert.match(typedDataProblem(declared)!, new RegExp(`types.EIP712Domain has a field "${k}"`))
  }
})

test('the provider refuses mismatched typed data with -32602 and the sentence', () => {
  const bad = permit2612()
  bad.types.EIP712Domain = (bad.types.EIP712Domain as { name: string }[]).filter((f) => f.name !== 'verifyingContract')
  assert.throws(() => typedDataParams([ME, JSON.stringify(bad)]), (e: { code?: number; message?: string }) => e.code === -32602 && /does not match the domain/.test(e.message ?? ''))
  assert.equal(typedDataParams([ME, JSON.stringify(permit2612())]).domainChainId, 901)
})

test('permits recognised: EIP-2612, DAI, Permit2 allowance and transfer; others are not permits', () => {
  assert.deepEqual(permitOf(permit2612()), { kind: 'erc2612', spender: SPENDER, items: [{ token: TOKEN, amount: '70000' }], deadline: 1_900_000_000, verifyingContract: TOKEN })
  const single: TypedDataLike = {
    domain: { name: 'Permit2', chainId: 1, verifyingContract: PERMIT2 },
    types: { PermitDetails: [{ name: 'token', type: 'address' }, { name: 'amount', type: 'uint160' }, { name: 'expiration', type: 'uint48' }, { name: 'nonce', type: 'uint48' }], PermitSingle: [{ name: 'details', type: 'PermitDetails' }, { name: 'spender', type: 'address' }, { name: 'sigDeadline', type: 'uint256' }] },
    primaryType: 'PermitSingle',
    message: { details: { token: TOKEN, amount: '1461501637330902918203684832716283019655932542975', expiration: 1_800_000_000, nonce: 0 }, spender: SPENDER, sigDeadline: 1_700_000_000 },
  }
  const p = permitOf(single)!
  assert.equal(p.kind, 'permit2-allowance')
  assert.equal(p.expiration, 1_800_000_000)
  assert.equal(p.deadline, 1_700_000_000)
  const warnings = permitWarnings(p, { [TOKEN]: { address: TOKEN, kind: 'erc20', symbol: 'TST', name: null, decimals: 4 } }, true, 1_750_000_000_000)
  assert.deepEqual(warnings.map((w) => w.code), ['unlimited-approval', 'spender-eoa', 'reverts'])
  assert.match(warnings[0].text, /spend your TST, with no limit/)
  const transfer = permitOf({ domain: { name: 'Permit2', verifyingContract: PERMIT2 }, types: {}, primaryType: 'PermitTransferFrom', message: { permitted: { token: TOKEN, amount: '5' }, spender: SPENDER, nonce: 1, deadline: 9 } })!
  assert.deepEqual([transfer.kind, transfer.items, transfer.deadline], ['permit2-transfer', [{ token: TOKEN, amount: '5' }], 9])
  const dai = permitOf({ domain: { verifyingContract: TOKEN }, types: {}, primaryType: 'Permit', message: { holder: ME, spender: SPENDER, nonce: 0, expiry: 0, allowed: true } })!
  assert.equal(dai.kind, 'dai')
  assert.equal(dai.deadline, null, 'expiry 0: never')
  assert.equal(permitOf({ domain: {}, types: { Mail: [] }, primaryType: 'Mail', message: {} }), null)
})

test('the tree: nested structs and arrays opened, leaves as text', () => {
  const tree = typedTree({
    domain: {},
    types: { Item: [{ name: 'to', type: 'address' }, { name: 'n', type: 'uint256' }], Order: [{ name: 'items', type: 'Item[]' }, { name: 'note', type: 'string' }] },
    primaryType: 'Order',
    message: { items: [{ to: ME, n: 1 }], note: 'hi' },
  })
  assert.deepEqual(tree, [
    { name: 'items', type: 'Item[]', children: [{ name: '0', type: 'Item', children: [{ name: 'to', type: 'address', value: ME }, { name: 'n', type: 'uint256', value: '1' }] }] },
    { name: 'note', type: 'string', value: 'hi' },
  ])
})

test('personal_sign: 32 bytes is hash-like; non-UTF-8 is hex; invisible and bidirectional characters are flagged', () => {
  const hash = describeMessage(toHex(new Uint8Array(32).fill(7)))
  assert.equal(hash.hashLike, true)
  assert.equal(describeMessage('0xff00fe').text, null)
  const m = describeMessage(toHex('Pay \u202Ekcilc\u202C and\u200b ok\nnext line'))
  assert.equal(m.hashLike, false)
  assert.deepEqual(m.flagged.map((f) => f.code), ['U+202E', 'U+202C', 'U+200B'])
  assert.deepEqual(m.parts.filter((p) => p.flagged).map((p) => p.flagged!.name), ['right-to-left override', 'pop directional formatting', 'zero-width space'])
  assert.equal(m.parts.map((p) => p.text).join(''), 'Pay \u202Ekcilc\u202C and\u200b ok\nnext line', 'nothing dropped')
  assert.deepEqual(describeMessage(toHex('plain\ttext\n')).flagged, [])
})

test('address book: add, rename (same address), refuse a taken name and hidden characters, remove', async () => {
  const book = new AddressBook(new MemoryKV())
  await book.put(SPENDER.toLowerCase(), '  Test   DEX ', 1)
  assert.deepEqual(await book.list(), [{ address: SPENDER, name: 'Test DEX', addedAt: 1 }])
  await book.put(SPENDER, 'Router', 2)
  assert.deepEqual((await book.list()).map((c) => [c.name, c.addedAt]), [['Router', 1]])
  await assert.rejects(book.put(ME, 'router', 3), /already the name of/)
  assert.throws(() => checkContactName('Bob\u202E'), /invisible or direction-changing/)
  assert.throws(() => checkContactName('  '), /Give the address a name/)
  await assert.rejects(book.put('0x1234', 'x', 3), /not an address/)
  assert.deepEqual(await book.remove(SPENDER), [])
})

test('ENS names: told apart from addresses, lowercased, odd characters refused with a sentence', () => {
  assert.equal(looksLikeName('alice.eth'), true)
  assert.equal(looksLikeName(ME), false)
  assert.equal(looksLikeName('0xf39F'), false)
  assert.deepEqual(normalizeName(' Alice.ETH '), { ok: true, name: 'alice.eth' })
  assert.equal(normalizeName('alice..eth').ok, false)
  assert.equal(normalizeName('al ice.eth').ok, false)
  assert.equal(normalizeName('-alice.eth').ok, false)
})

test('approval logs read as (token, spender) pairs: ERC-20, operators, Permit2; ERC-721 single approvals left out; one pair each', () => {
  const me = pad(ME.toLowerCase() as Hex)
  const sp = pad(SPENDER.toLowerCase() as Hex)
  const pairs = pairsOf([
    { address: TOKEN, topics: [TOPICS.approval, me, sp] },
    { address: TOKEN, topics: [TOPICS.approval, me, sp] },
    { address: TOKEN, topics: [TOPICS.approval, me, sp, pad('0x01')] },
    { address: SPENDER, topics: [TOPICS.approvalForAll, me, sp] },
    { address: PERMIT2, topics: [TOPICS.permit2Permit, me, pad(TOKEN.toLowerCase() as Hex), sp] },
  ])
  assert.deepEqual(pairs, [
    { kind: 'erc20', token: TOKEN, spender: SPENDER },
    { kind: 'operator', token: SPENDER, spender: SPENDER },
    { kind: 'permit2', token: TOKEN, spender: SPENDER, via: PERMIT2 },
  ])
})
