import { test } from 'node:test'
import assert from 'node:assert/strict'
import { delayAfter, MAX_DELAY_MS } from '../../src/keyring/backoff.ts'
import { LOCAL_KEYS } from '../../src/keyring/storage-keys.ts'
import { onboarded, PASSWORD, rejectsWith } from './fixtures/keyring-harness.ts'

test('the schedule: three free tries, then 1 s, 2 s, 4 s ... capped at 5 min', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map(delayAfter), [0, 0, 0, 1_000, 2_000, 4_000, 8_000])
  assert.equal(delayAfter(12), MAX_DELAY_MS)
  assert.equal(delayAfter(1_000), MAX_DELAY_MS)
  assert.equal(MAX_DELAY_MS, 300_000)
})

test('wrong passwords: said so, then slowed; a wait is enforced without running the KDF; the right one resets', async () => {
  const { kr, local, clock } = await onboarded()
  await kr.lock()
  const vault = await local.get(LOCAL_KEYS.vault)

  for (let i = 1; i <= 2; i++) {
    const e = await rejectsWith(kr.unlock('wrong password'), 'WRONG_PASSWORD')
    assert.match(e.message, /not right/)
    assert.equal(e.data, undefined, 'no wait yet')
  }
  const third = await rejectsWith(kr.unlock('wrong password'), 'WRONG_PASSWORD')
  assert.equal(third.data.retryAfterMs, 1_000)

  // within the wait, even the right password is refused with the time left
  clock.t += 400
  const waiting = await rejectsWith(kr.unlock(PASSWORD), 'TOO_MANY_TRIES')
  assert.equal(waiting.data.retryAfterMs, 600)
  assert.equal(((await local.get(LOCAL_KEYS.failures)) as { count: number }).count, 3, 'a refused try is not a failure')

  clock.t += 600
  assert.equal((await rejectsWith(kr.unlock('wrong again'), 'WRONG_PASSWORD')).data.retryAfterMs, 2_000)
  clock.t += 1_999
  assert.equal((await rejectsWith(kr.unlock(PASSWORD), 'TOO_MANY_TRIES')).data.retryAfterMs, 1)
  clock.t += 1

  assert.deepEqual(await local.get(LOCAL_KEYS.vault), vault, 'wrong passwords never touch the vault')
  assert.equal((await kr.unlock(PASSWORD)).unlocked, true)
  assert.deepEqual(await local.get(LOCAL_KEYS.failures), { count: 0, lastAt: 0 })
  await kr.lock()
  const fresh = await rejectsWith(kr.unlock('wrong'), 'WRONG_PASSWORD')
  assert.equal(fresh.data, undefined, 'after a right password the free tries are back')
})

test('the count survives a restart (it lives in storage.local)', async () => {
  const { kr, clock, restart } = await onboarded()
  await kr.lock()
  for (let i = 0; i < 3; i++) await rejectsWith(kr.unlock('nope nope'), 'WRONG_PASSWORD')
  const again = restart()
  assert.equal((await rejectsWith(again.unlock(PASSWORD), 'TOO_MANY_TRIES')).data.retryAfterMs, 1_000)
  clock.t += 1_000
  assert.equal((await again.unlock(PASSWORD)).unlocked, true)
})

test('a clock set back does not shorten the wait', async () => {
  const { kr, clock } = await onboarded()
  await kr.lock()
  for (let i = 0; i < 4; i++) {
    await rejectsWith(kr.unlock('nope nope'), i < 3 ? 'WRONG_PASSWORD' : 'TOO_MANY_TRIES')
  }
  clock.t -= 3_600_000
  assert.equal((await rejectsWith(kr.unlock(PASSWORD), 'TOO_MANY_TRIES')).data.retryAfterMs, 1_000)
})

test('reveal, export and change-password checks share the same back-off', async () => {
  const { kr } = await onboarded()
  await rejectsWith(kr.revealPhrase('guess 1 guess'), 'WRONG_PASSWORD')
  await rejectsWith(kr.exportPrivateKey('guess 2 guess', (await kr.status()).accounts[0].address), 'WRONG_PASSWORD')
  await rejectsWith(kr.changePassword('guess 3 guess', 'new password 123'), 'WRONG_PASSWORD')
  await rejectsWith(kr.revealPhrase(PASSWORD), 'TOO_MANY_TRIES')
})

test('a wrong password while another window has the wallet unlocked leaves it unlocked', async () => {
  const { kr } = await onboarded()
  await rejectsWith(kr.unlock('wrong password'), 'WRONG_PASSWORD')
  assert.equal((await kr.status()).unlocked, true)
})
