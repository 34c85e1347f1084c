import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  parseEther,
  parseGwei,
  parseTransaction,
  recoverTransactionAddress,
  verifyMessage,
  verifyTypedData,
  type TransactionSerializable,
  type TransactionSerializedLegacy,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { onboarded, PASSWORD, rejectsWith, TEST_ACCOUNTS } from './fixtures/keyring-harness.ts'

const [addr0] = TEST_ACCOUNTS[0]
const [addr1] = TEST_ACCOUNTS[1]
const to = '0x000000000000000000000000000000000000dEaD'

const legacy: TransactionSerializable = { chainId: 2035, nonce: 7, to, value: parseEther('1.5'), gas: 21_000n, gasPrice: parseGwei('3') }
const eip1559: TransactionSerializable = {
  chainId: 1,
  nonce: 0,
  to,
  value: 1n,
  gas: 50_000n,
  maxFeePerGas: parseGwei('30'),
  maxPriorityFeePerGas: parseGwei('1'),
  data: '0xdeadbeef',
}

const typedData = {
  domain: { name: 'Ether Mail', version: '1', chainId: 1, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' },
  types: {
    Person: [
      { name: 'name', type: 'string' },
      { name: 'wallet', type: 'address' },
    ],
    Mail: [
      { name: 'from', type: 'Person' },
      { name: 'to', type: 'Person' },
      { name: 'contents', type: 'string' },
    ],
  },
  primaryType: 'Mail',
  message: {
    from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
    to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
    contents: 'Hello, Bob!',
  },
} as const

test('legacy transaction: signed by the account, recoverable, with the fields intact', async () => {
  const { kr } = await onboarded()
  const signer = await kr.getSigner(addr0)
  assert.equal(signer.address, addr0)
  assert.equal(signer.type, 'local')
  const serialized = await signer.signTransaction(legacy)
  assert.equal(await recoverTransactionAddress({ serializedTransaction: serialized as TransactionSerializedLegacy }), addr0)
  const parsed = parseTransaction(serialized)
  assert.equal(parsed.type, 'legacy')
  assert.equal(parsed.chainId, 2035)
  assert.equal(parsed.value, parseEther('1.5'))
})

test('EIP-1559 transaction from a second HD account: recovers to that account', async () => {
  const { kr } = await onboarded()
  await kr.addAccount()
  const signer = await kr.getSigner(addr1.toLowerCase())
  const serialized = await signer.signTransaction(eip1559)
  assert.ok(serialized.startsWith('0x02'))
  assert.equal(await recoverTransactionAddress({ serializedTransaction: serialized as `0x02${string}` }), addr1)
  // the same bytes viem's own account makes from the same key (RFC 6979 signatures are deterministic)
  assert.equal(serialized, await privateKeyToAccount(TEST_ACCOUNTS[1][1]).signTransaction(eip1559))
})

test('personal_sign (text and raw bytes) verifies against the address', async () => {
  const { kr } = await onboarded()
  const signer = await kr.getSigner(addr0)
  const text = await signer.signMessage({ message: 'Sign in to example.org' })
  assert.equal(await verifyMessage({ address: addr0, message: 'Sign in to example.org', signature: text }), true)
  assert.equal(await verifyMessage({ address: addr1, message: 'Sign in to example.org', signature: text }), false)
  const raw = await signer.signMessage({ message: { raw: '0x68656c6c6f' } })
  assert.equal(await verifyMessage({ address: addr0, message: 'hello', signature: raw }), true)
})

test('EIP-712 typed data v4 verifies against the address', async () => {
  const { kr } = await onboarded()
  const signer = await kr.getSigner(addr0)
  const signature = await signer.signTypedData(typedData)
  assert.equal(await verifyTypedData({ address: addr0, signature, ...typedData }), true)
  assert.equal(await verifyTypedData({ address: addr0, signature, ...typedData, message: { ...typedData.message, contents: 'Hello, Eve!' } }), false)
})

test('an imported key signs as itself', async () => {
  const { kr } = await onboarded()
  const [address, key] = TEST_ACCOUNTS[6]
  await kr.importPrivateKey(key)
  const signer = await kr.getSigner(address)
  const serialized = await signer.signTransaction(eip1559)
  assert.equal(await recoverTransactionAddress({ serializedTransaction: serialized as `0x02${string}` }), address)
})

test('a signer kept past lock cannot sign; after unlock it can again', async () => {
  const { kr } = await onboarded()
  const signer = await kr.getSigner(addr0)
  await kr.lock()
  await rejectsWith(signer.signMessage({ message: 'x' }), 'LOCKED')
  await rejectsWith(signer.signTransaction(legacy), 'LOCKED')
  await rejectsWith(signer.signTypedData(typedData), 'LOCKED')
  await kr.unlock(PASSWORD)
  assert.match(await signer.signMessage({ message: 'x' }), /^0x/)
})

test('the signer exposes no key and no raw-hash signing; a malformed request is a SIGNING_FAILED error', async () => {
  const { kr } = await onboarded()
  const signer = await kr.getSigner(addr0)
  assert.equal('sign' in signer, false)
  assert.equal('signAuthorization' in signer, false)
  assert.ok(!JSON.stringify(signer).includes(TEST_ACCOUNTS[0][1].slice(2)))
  await rejectsWith(signer.signTransaction({ ...eip1559, maxFeePerGas: 1n, maxPriorityFeePerGas: 2n }), 'SIGNING_FAILED')
  await rejectsWith(kr.getSigner('0x0000000000000000000000000000000000000001'), 'UNKNOWN_ACCOUNT')
})
