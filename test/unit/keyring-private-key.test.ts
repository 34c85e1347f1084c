import { test } from 'node:test'
import assert from 'node:assert/strict'
import { normalizePrivateKey } from '../../src/keyring/private-key.ts'
import { throwsWith } from './fixtures/keyring-harness.ts'

const KEY = 'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'

test('a key with or without 0x, any case, surrounding spaces: one canonical form', () => {
  for (const input of [KEY, `0x${KEY}`, `0X${KEY.toUpperCase()}`, `  ${KEY}\n`]) {
    assert.equal(normalizePrivateKey(input), `0x${KEY}`)
  }
})

test('malformed keys are refused without echoing them', () => {
  const bad = [
    '',
    KEY.slice(1),
    KEY + '0',
    `0x${KEY.slice(0, 62)}zz`,
    `${KEY.slice(0, 30)} ${KEY.slice(30)}`,
    'test test test test test test test test test test test junk',
  ]
  for (const input of bad) {
    const e = throwsWith(() => normalizePrivateKey(input), 'BAD_PRIVATE_KEY')
    if (input.length > 8) assert.ok(!e.message.includes(input.slice(0, 16)), 'the message does not repeat the input')
  }
  assert.match(throwsWith(() => normalizePrivateKey(KEY.slice(2)), 'BAD_PRIVATE_KEY').message, /has 62/)
})

test('zero and keys at or beyond the curve order are refused', () => {
  const n = 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141'
  for (const input of ['0'.repeat(64), n, 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142', 'f'.repeat(64)]) {
    assert.match(throwsWith(() => normalizePrivateKey(input), 'BAD_PRIVATE_KEY').message, /zero or beyond/)
  }
  // the edges that are valid
  assert.equal(normalizePrivateKey('0'.repeat(63) + '1'), `0x${'0'.repeat(63)}1`)
  assert.equal(normalizePrivateKey('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140').length, 66)
})
