import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkNewPassword, MIN_PASSWORD_LENGTH, passwordStrength } from '../../src/keyring/password-strength.ts'
import { throwsWith } from './fixtures/keyring-harness.ts'

test('too short is score 0 with the rule to follow', () => {
  const s = passwordStrength('Ab1!')
  assert.equal(s.score, 0)
  assert.equal(s.label, 'too short')
  assert.deepEqual(s.hints, [`Use at least ${MIN_PASSWORD_LENGTH} characters.`])
})

test('common words, sequences and repeats score low and say why', () => {
  assert.equal(passwordStrength('password').score, 1)
  assert.ok(passwordStrength('password123').hints.some((h) => /common/.test(h)))
  assert.ok(passwordStrength('abcd1234efgh').hints.some((h) => /sequences/.test(h)))
  const repeated = passwordStrength('aaaaaaaaaaaaaaaaaaaa')
  assert.equal(repeated.score, 1)
  assert.ok(repeated.hints.some((h) => /repeating/.test(h)))
})

test('longer and more varied scores higher; a long passphrase of words is strong with no hints', () => {
  const scores = ['kitchen7', 'Kitchen7river', 'Kitchen7river!Moon', 'orbit velvet cactus lantern harbor'].map((p) => passwordStrength(p).score)
  for (let i = 1; i < scores.length; i++) assert.ok(scores[i] >= scores[i - 1], `${scores}`)
  const strong = passwordStrength('orbit velvet cactus lantern harbor')
  assert.equal(strong.score, 4)
  assert.equal(strong.label, 'strong')
  assert.deepEqual(strong.hints, [])
})

test('the one hard rule: at least 8 characters', () => {
  assert.equal(throwsWith(() => checkNewPassword('1234567'), 'PASSWORD_TOO_SHORT').data.minLength, 8)
  throwsWith(() => checkNewPassword(undefined), 'PASSWORD_TOO_SHORT')
  assert.equal(checkNewPassword('12345678'), '12345678')
})
