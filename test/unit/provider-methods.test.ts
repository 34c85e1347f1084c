// The method table the router follows is the one the documentation prints, and each method lands
// in the class libraries expect: unknown -> -32601 (viem's sendCalls fallback, ethers' polling
// fallback look for it), known but refused -> 4200, read methods -> the node.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { classify, methodTableMarkdown, refusalReason, WALLET_METHODS } from '../../src/provider/methods.ts'
import { USER_METHODS } from '../../src/wire/page.ts'

const root = new URL('../../', import.meta.url).pathname

test('docs/provider.md holds the table generated from src/provider/methods.ts', () => {
  const doc = readFileSync(`${root}docs/provider.md`, 'utf8')
  const start = doc.indexOf('<!-- generated from src/provider/methods.ts')
  const end = doc.indexOf('<!-- end of generated table -->')
  assert.ok(start > 0 && end > start, 'the markers are there')
  const table = doc.slice(doc.indexOf('\n', start) + 1, end).trim()
  assert.equal(table, methodTableMarkdown(), 'regenerate the table in docs/provider.md from methodTableMarkdown()')
})

test('each method is answered by the class a library expects', () => {
  const cases: [string, string][] = [
    ['eth_chainId', 'wallet'],
    ['wallet_sendCalls', 'wallet'],
    ['eth_signTypedData_v3', 'wallet'],
    ['personal_ecRecover', 'wallet'],
    ['eth_newFilter', 'filter'],
    ['eth_getFilterChanges', 'filter'],
    ['eth_uninstallFilter', 'filter'],
    ['eth_sendRawTransaction', 'node'],
    ['eth_getBlockReceipts', 'node'],
    ['eth_feeHistory', 'node'],
    ['eth_simulateV1', 'node'],
    ['eth_getProof', 'node'],
    ['web3_clientVersion', 'node'],
    ['net_listening', 'node'],
    ['eth_sign', 'refused'],
    ['eth_signTypedData', 'refused'],
    ['eth_signTransaction', 'refused'],
    ['eth_subscribe', 'refused'],
    ['eth_sendUserOperation', 'refused'],
    ['eth_sendUnsignedTransaction', 'refused'],
    ['wallet_doesNotExist', 'unknown'],
    ['anvil_setBalance', 'unknown'],
    ['personal_unlockAccount', 'unknown'],
    ['__proto__', 'unknown'],
    ['constructor', 'unknown'],
    ['toString', 'unknown'],
    ['keyring.revealPhrase', 'unknown'],
    ['eth_', 'unknown'],
  ]
  for (const [m, want] of cases) assert.equal(classify(m), want, m)
})

test('a refused method says why', () => {
  assert.match(refusalReason('eth_sign'), /blind/)
  assert.match(refusalReason('eth_signTypedData'), /v4/)
  assert.match(refusalReason('eth_sendUserOperation'), /eth_sendTransaction/)
  for (const m of Object.keys(WALLET_METHODS)) assert.equal(classify(m), 'wallet', m)
})

test("the relay's methods for the user are the table's methods with an approval", () => {
  const withApproval = Object.entries(WALLET_METHODS).filter(([, d]) => d.approval).map(([m]) => m).sort()
  assert.deepEqual([...USER_METHODS].sort(), withApproval)
})
