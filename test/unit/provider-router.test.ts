import { test } from 'node:test'
import assert from 'node:assert/strict'
import { routeProviderRequest } from '../../src/provider/router.ts'

const ctx = { origin: 'https://dapp.example', activeChainId: async () => 2035 }

test('eth_chainId and net_version answer from the active chain', async () => {
  assert.deepEqual(await routeProviderRequest({ id: 1, method: 'eth_chainId' }, ctx), { result: '0x7f3' })
  assert.deepEqual(await routeProviderRequest({ id: 2, method: 'net_version' }, ctx), { result: '2035' })
})

test('unknown methods get 4200, including prototype keys', async () => {
  for (const method of ['eth_doesNotExist', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    const r = await routeProviderRequest({ id: 1, method }, ctx)
    assert.ok('error' in r && r.error.code === 4200, method)
  }
})
