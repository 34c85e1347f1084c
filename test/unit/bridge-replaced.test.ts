// A tracked bridge item follows the transaction mined in place of its own (src/bridge/replaced.ts):
// a speed-up's hash becomes the item's; a cancel undoes the step (prove / finalize to do again, a
// deposit or withdrawal that never started); anything else is left alone.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Hex } from 'viem'
import { followReplaced } from '../../src/bridge/replaced.ts'
import { ETH_TOKEN, type DepositItem, type WithdrawalItem } from '../../src/bridge/types.ts'

const h = (c: string) => `0x${c.repeat(64)}` as Hex
const A = '0x00000000000000000000000000000000000000aa'
const base = { l1ChainId: 900, l2ChainId: 901, account: A, to: A, token: ETH_TOKEN, amount: '1', createdAt: 0 } as const
const W: WithdrawalItem = { ...base, kind: 'withdrawal', id: `901:${h('1')}`, l2Hash: h('1'), status: 'proving', message: undefined, proof: { hash: h('2'), submitter: A } }
const D: DepositItem = { ...base, kind: 'deposit', id: `901:${h('5')}`, l1Hash: h('5'), status: 'pending' }

test('a prove or finalize sped up: the item follows the new hash; cancelled: the step is to be done again', () => {
  const sped = followReplaced(W, { chainId: 900, hash: h('2'), by: h('3'), cancelled: false }) as WithdrawalItem
  assert.deepEqual([sped.status, sped.proof?.hash], ['proving', h('3')])
  const undone = followReplaced(W, { chainId: 900, hash: h('2'), by: h('3'), cancelled: true }) as WithdrawalItem
  assert.deepEqual([undone.status, undone.proof?.hash, undone.proof?.submitter], ['ready-to-prove', undefined, A])
  const fin: WithdrawalItem = { ...W, status: 'finalizing', finalizeHash: h('4') }
  assert.equal((followReplaced(fin, { chainId: 900, hash: h('4'), by: h('6'), cancelled: false }) as WithdrawalItem).finalizeHash, h('6'))
  const back = followReplaced(fin, { chainId: 900, hash: h('4'), by: h('6'), cancelled: true }) as WithdrawalItem
  assert.deepEqual([back.status, back.finalizeHash], ['ready-to-finalize', undefined])
  // another chain, another hash, a step no longer in flight: untouched
  assert.equal(followReplaced(W, { chainId: 901, hash: h('2'), by: h('3'), cancelled: false }), W)
  assert.equal(followReplaced(W, { chainId: 900, hash: h('9'), by: h('3'), cancelled: false }), W)
  assert.equal(followReplaced({ ...W, status: 'proven' }, { chainId: 900, hash: h('2'), by: h('3'), cancelled: false }).status, 'proven')
})

test('a deposit or a withdrawal sped up follows its replacement; cancelled, it never started', () => {
  assert.equal((followReplaced(D, { chainId: 900, hash: h('5'), by: h('7'), cancelled: false }) as DepositItem).l1Hash, h('7'))
  const d = followReplaced(D, { chainId: 900, hash: h('5'), by: h('7'), cancelled: true })
  assert.equal(d.status, 'failed')
  assert.match(d.error ?? '', /cancelled this deposit/)
  const init: WithdrawalItem = { ...W, status: 'initiating', proof: undefined }
  assert.equal((followReplaced(init, { chainId: 901, hash: h('1'), by: h('8'), cancelled: false }) as WithdrawalItem).l2Hash, h('8'))
  assert.equal(followReplaced(init, { chainId: 901, hash: h('1'), by: h('8'), cancelled: true }).status, 'failed')
})
