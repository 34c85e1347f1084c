// Substrate accounts in the keyring: imported from a phrase + derivation path or a polkadot.js
// keystore, listed by their public data, kept in the vault through lock, restart and password
// change, signing `<Bytes>` messages the claim backend verifies, removed, and refused with
// sentences for bad input (a wrong keystore password is not the wallet's password).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DEV_PHRASE, encodeKeystore, keypairFromSuri, verifyRaw, claimMessage } from '../../src/keyring/substrate/index.ts'
import { LOCAL_KEYS } from '../../src/keyring/storage-keys.ts'
import { SUBSTRATE_ACCOUNTS_KEY } from '../../src/keyring/substrate-accounts.ts'
import { harness, onboarded, PASSWORD, rejectsWith } from './fixtures/keyring-harness.ts'

// The devnet snapshot's Alice (devnet/phala/snapshot.json): Substrate's well-known //Alice.
const ALICE = {
  ss58: '45R2pfjQUW2s9PQRHU48HQKLKHVMaDja7N3wpBtmF28UYDs2',
  publicKey: '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d',
  h160: '0xd43593c715Fdd31c61141ABd04a99FD6822c8558',
}
const RECEIVER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'

test('a phrase with a derivation path imports as its ss58 (prefix 30) and h160, and signs what the backend verifies', async () => {
  const { kr } = await onboarded()
  const alice = await kr.importSubstrateAccount({ phrase: DEV_PHRASE, path: '//Alice', name: 'Alice' })
  assert.deepEqual({ ss58: alice.ss58, publicKey: alice.publicKey, h160: alice.h160 }, ALICE)
  assert.equal(alice.name, 'Alice')
  assert.equal(alice.source, 'phrase')
  assert.deepEqual((await kr.substrateAccounts()).map((a) => a.ss58), [ALICE.ss58])

  const message = claimMessage('phala', RECEIVER)
  const sig = await kr.signSubstrateMessage(ALICE.ss58, message)
  assert.equal(verifyRaw(message, sig, ALICE.ss58), true, 'a <Bytes>-wrapped sr25519 signature by Alice')
  assert.equal(verifyRaw(claimMessage('khala', RECEIVER), sig, ALICE.ss58), false, 'over that message only')
  // by public key as well, and a generic-prefix (42) address of the same key
  assert.equal(verifyRaw(message, await kr.signSubstrateMessage(ALICE.publicKey, message), ALICE.ss58), true)
  assert.equal(verifyRaw(message, await kr.signSubstrateMessage('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY', message), ALICE.ss58), true)

  await rejectsWith(kr.importSubstrateAccount({ phrase: DEV_PHRASE, path: '//Alice' }), 'DUPLICATE_ACCOUNT')
  const bob = await kr.importSubstrateAccount({ phrase: DEV_PHRASE, path: '//Bob' })
  assert.equal(bob.name, 'Polkadot account 2')
  assert.deepEqual((await kr.substrateAccounts()).map((a) => a.name), ['Alice', 'Polkadot account 2'])
})

test('the accounts and their keys survive lock/unlock, a service-worker restart and a password change', async () => {
  const h = await onboarded()
  await h.kr.importSubstrateAccount({ phrase: DEV_PHRASE, path: '//Alice' })
  await h.kr.lock()
  await rejectsWith(h.kr.signSubstrateMessage(ALICE.ss58, 'x'), 'LOCKED')
  await rejectsWith(h.kr.importSubstrateAccount({ phrase: DEV_PHRASE, path: '//Bob' }), 'LOCKED')
  assert.equal((await h.kr.substrateAccounts()).length, 1, 'the public list stays readable while locked')
  await h.kr.unlock(PASSWORD)
  assert.equal(verifyRaw('m', await h.kr.signSubstrateMessage(ALICE.ss58, 'm'), ALICE.ss58), true)

  const again = h.restart()
  assert.equal(await again.restoreSession(), true)
  assert.equal(verifyRaw('m', await again.signSubstrateMessage(ALICE.ss58, 'm'), ALICE.ss58), true)
  await again.changePassword(PASSWORD, 'a brand new password')
  await again.lock()
  await again.unlock('a brand new password')
  assert.equal(verifyRaw('m', await again.signSubstrateMessage(ALICE.ss58, 'm'), ALICE.ss58), true)
  await again.importPrivateKey('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
  assert.equal(verifyRaw('m', await again.signSubstrateMessage(ALICE.ss58, 'm'), ALICE.ss58), true, 'an EVM key import keeps the substrate keys')
})

test('a polkadot.js keystore imports with its own password; a wrong one is a sentence and changes nothing', async () => {
  const { kr, local } = await onboarded()
  const pair = keypairFromSuri(`${DEV_PHRASE}//Dave`)
  const file = JSON.stringify(await encodeKeystore(pair, 'keystore pw', { meta: { name: 'Dave from polkadot.js' } }))
  const before = JSON.stringify(await local.all())

  const wrong = await rejectsWith(kr.importSubstrateAccount({ keystore: file, keystorePassword: 'not it' }), 'WRONG_KEYSTORE_PASSWORD')
  assert.match(wrong.message, /exported the account from your Polkadot wallet/)
  await rejectsWith(kr.importSubstrateAccount({ keystore: file, keystorePassword: '' }), 'WRONG_KEYSTORE_PASSWORD')
  await rejectsWith(kr.importSubstrateAccount({ keystore: '{"not":"a keystore"}', keystorePassword: 'x' }), 'SUBSTRATE_BAD_KEYSTORE')
  assert.equal(JSON.stringify(await local.all()), before, 'nothing written, and the wallet password back-off is untouched')

  const dave = await kr.importSubstrateAccount({ keystore: file, keystorePassword: 'keystore pw' })
  assert.equal(dave.source, 'keystore')
  assert.equal(dave.name, 'Dave from polkadot.js')
  assert.equal(dave.ss58, '41iFgxEGsnyGv5Abdo6Uq6n6BjoLS3p1UMKv9GvwMVuY5er7')
  assert.equal(verifyRaw('m', await kr.signSubstrateMessage(dave.ss58, 'm'), dave.ss58), true)
})

test('bad phrases and paths are refused with sentences; an empty phrase never means the dev phrase', async () => {
  const { kr } = await onboarded()
  await rejectsWith(kr.importSubstrateAccount({ phrase: '', path: '//Alice' }), 'SUBSTRATE_BAD_MNEMONIC')
  await rejectsWith(kr.importSubstrateAccount({ phrase: `${DEV_PHRASE}//Alice` }), 'SUBSTRATE_BAD_SURI')
  await rejectsWith(kr.importSubstrateAccount({ phrase: DEV_PHRASE, path: 'Alice' }), 'SUBSTRATE_BAD_SURI')
  const word = await rejectsWith(kr.importSubstrateAccount({ phrase: DEV_PHRASE.replace('drive', 'drvie') }), 'SUBSTRATE_BAD_MNEMONIC')
  assert.match(word.message, /word 2 "drvie" is not in the word list/)
  await rejectsWith(kr.importSubstrateAccount({ phrase: 'bottom drive obey' }), 'SUBSTRATE_BAD_MNEMONIC')
  assert.deepEqual(await kr.substrateAccounts(), [])
})

test('remove drops the key from the vault; reset forgets the list; a list entry without a key is dropped on unlock', async () => {
  const h = await onboarded()
  await h.kr.importSubstrateAccount({ phrase: DEV_PHRASE, path: '//Alice' })
  const bob = await h.kr.importSubstrateAccount({ phrase: DEV_PHRASE, path: '//Bob' })
  assert.deepEqual((await h.kr.removeSubstrateAccount(ALICE.ss58)).map((a) => a.ss58), [bob.ss58])
  await rejectsWith(h.kr.signSubstrateMessage(ALICE.ss58, 'm'), 'UNKNOWN_ACCOUNT')

  // Someone edits the plain list: an account with no key behind it must not appear after unlock.
  const list = (await h.local.get<unknown[]>(SUBSTRATE_ACCOUNTS_KEY))!
  await h.local.set({ [SUBSTRATE_ACCOUNTS_KEY]: [...list, { ...(list[0] as object), publicKey: ALICE.publicKey, ss58: ALICE.ss58, h160: ALICE.h160, order: 9 }] })
  await h.kr.lock()
  await h.kr.unlock(PASSWORD)
  assert.deepEqual((await h.kr.substrateAccounts()).map((a) => a.ss58), [bob.ss58])

  await h.kr.reset()
  assert.equal(await h.local.get(SUBSTRATE_ACCOUNTS_KEY), undefined)
  assert.equal(await h.local.get(LOCAL_KEYS.vault), undefined)
})

test('without a wallet there is nothing to import into', async () => {
  const { kr } = harness()
  await rejectsWith(kr.importSubstrateAccount({ phrase: DEV_PHRASE, path: '//Alice' }), 'LOCKED')
})
