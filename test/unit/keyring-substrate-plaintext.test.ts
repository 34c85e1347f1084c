// After every step with Substrate accounts, read everything the keyring left in storage.local and
// storage.session and look for their secrets in any usual encoding: the phrase and runs of its
// words, its entropy, the mini-secret, the 64-byte sr25519 secret (and its scalar half), the secret
// URI, the keystore's password and its decrypted key.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bytesToHex } from 'viem'
import { toBase64 } from '../../src/keyring/encoding.ts'
import { encodeKeystore, keypairFromSuri, mnemonicEntropy, mnemonicToMiniSecret } from '../../src/keyring/substrate/index.ts'
import type { KV } from '../../src/storage/kv.ts'
import { onboarded, PASSWORD, rejectsWith } from './fixtures/keyring-harness.ts'

// A phrase made for this test (not the well-known dev phrase, whose words are everywhere).
const PHRASE = 'mesh basket renew cable pear penalty sea possible flat summer rubber alarm'
// Hard junctions only: a soft one gives a random nonce half each time (as in Substrate).
const PATH = '//claim//1'
const KEYSTORE_PASSWORD = 'Keystore-Secret-77'

type Needle = { what: string; text: string; caseless: boolean }

function needles(): Needle[] {
  const out: Needle[] = []
  const add = (what: string, text: string, caseless = false) => out.push({ what, text, caseless })
  const bytes = (what: string, b: Uint8Array) => {
    add(`${what} hex`, bytesToHex(b).slice(2), true)
    add(`${what} base64`, toBase64(b))
  }
  const words = PHRASE.split(' ')
  add('phrase', PHRASE)
  add('secret URI', `${PHRASE}${PATH}`)
  for (let len = 2; len <= words.length; len++) {
    for (let i = 0; i + len <= words.length; i++) {
      for (const sep of [' ', '","', ',', '-', '']) add(`words ${i + 1}-${i + len} joined by '${sep}'`, words.slice(i, i + len).join(sep))
    }
  }
  bytes('entropy', mnemonicEntropy(PHRASE))
  bytes('mini-secret', mnemonicToMiniSecret(PHRASE))
  for (const suri of [PHRASE, `${PHRASE}${PATH}`, `${PHRASE}//keystore`, `${PHRASE}/soft`]) {
    const { secretKey } = keypairFromSuri(suri)
    bytes(`secret key of ${suri.slice(-12)}`, secretKey)
    bytes(`secret scalar of ${suri.slice(-12)}`, secretKey.subarray(0, 32))
    bytes(`secret nonce of ${suri.slice(-12)}`, secretKey.subarray(32))
  }
  add('keystore password', KEYSTORE_PASSWORD)
  add('wallet password', PASSWORD)
  return out
}

async function dump(kvs: KV[]): Promise<string> {
  return JSON.stringify(await Promise.all(kvs.map((kv) => kv.all())))
}

function found(haystack: string, list: Needle[]): string[] {
  const lower = haystack.toLowerCase()
  return list.filter((n) => (n.caseless ? lower.includes(n.text.toLowerCase()) : haystack.includes(n.text))).map((n) => n.what)
}

test('the scanner finds each kind of Substrate secret when it is planted (it can fail)', async () => {
  const { local } = await onboarded()
  const list = needles()
  const pair = keypairFromSuri(`${PHRASE}${PATH}`)
  const plants: unknown[] = [
    PHRASE,
    PHRASE.split(' ').slice(4, 6),
    bytesToHex(mnemonicToMiniSecret(PHRASE)),
    bytesToHex(pair.secretKey).toUpperCase(),
    toBase64(pair.secretKey),
    { k: bytesToHex(pair.secretKey.subarray(0, 32)) },
    KEYSTORE_PASSWORD,
  ]
  for (const plant of plants) {
    await local.set({ leak: plant })
    assert.ok(found(await dump([local]), list).length > 0, `planted ${JSON.stringify(plant).slice(0, 40)} was found`)
  }
})

test('no Substrate phrase, seed, secret key or keystore password in storage after any step', async () => {
  const h = await onboarded()
  const list = needles()
  const check = async (step: string) => assert.deepEqual(found(await dump([h.local, h.session]), list), [], `after ${step}`)
  await check('onboarding')

  await h.kr.importSubstrateAccount({ phrase: PHRASE, path: PATH, name: 'Mesh' })
  await h.kr.importSubstrateAccount({ phrase: PHRASE })
  await h.kr.importSubstrateAccount({ phrase: PHRASE, path: '/soft' })
  await check('phrase imports')
  const file = JSON.stringify(await encodeKeystore(keypairFromSuri(`${PHRASE}//keystore`), KEYSTORE_PASSWORD))
  await rejectsWith(h.kr.importSubstrateAccount({ keystore: file, keystorePassword: 'wrong' }), 'WRONG_KEYSTORE_PASSWORD')
  const fromFile = await h.kr.importSubstrateAccount({ keystore: file, keystorePassword: KEYSTORE_PASSWORD })
  await check('keystore import')
  await h.kr.signSubstrateMessage(fromFile.ss58, 'Phala Asset Receiver: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
  await check('signing')
  await h.kr.lock()
  await h.kr.unlock(PASSWORD)
  const again = h.restart()
  assert.equal(await again.restoreSession(), true)
  await again.signSubstrateMessage(fromFile.ss58, 'm')
  await check('lock, unlock, restart')
  await again.changePassword(PASSWORD, 'another password 2')
  await again.removeSubstrateAccount(fromFile.ss58)
  await check('password change and remove')
  assert.equal((await again.substrateAccounts()).length, 3)
})
