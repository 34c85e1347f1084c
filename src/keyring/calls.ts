// The keyring's calls: onboarding, lock and unlock, accounts, secrets behind a fresh password
// ('keyring.*'), and the Substrate accounts of the PHA migration ('substrate.*': secrets only come in).
import * as v from 'valibot'
import type { Handlers } from '../wire/messaging.ts'
import { address, call, int, none, text, type CallsOf } from '../wire/contract.ts'
import type { Wallet, WalletState } from '../wallet/wallet.ts'
import type { AccountInfo } from './accounts.ts'
import type { SubstrateAccountInfo } from './substrate-accounts.ts'

const secret = text(1024)
const name = v.optional(text(200))

export const keyringContracts = {
  'keyring.createPhrase': call(v.object({ words: v.optional(v.picklist([12, 24])) })).returns<{ phrase: string; confirm: number[] }>(),
  'keyring.verifyWords': call(v.object({ phrase: secret, answers: v.pipe(v.array(v.object({ position: int(1, 24), word: text(50) })), v.maxLength(24)) })).returns<{ wrong: number[] }>(),
  'keyring.checkPhrase': call(v.object({ phrase: secret })).returns<{ words: number }>(),
  'keyring.initialize': call(
    v.union([v.object({ mnemonic: secret, passphrase: v.optional(secret), password: secret }), v.object({ privateKey: secret, password: secret })], 'expected a phrase or a private key with a password'),
  ).returns<WalletState>(),
  'keyring.unlock': call(v.object({ password: secret })).returns<WalletState>(),
  'keyring.lock': call(none).returns<WalletState>(),
  'keyring.addAccount': call(v.object({ name })).returns<AccountInfo>(),
  'keyring.renameAccount': call(v.object({ address, name: text(200) })).returns<AccountInfo>(),
  'keyring.setHidden': call(v.object({ address, hidden: v.boolean() })).returns<AccountInfo>(),
  'keyring.reorder': call(v.object({ addresses: v.pipe(v.array(address), v.maxLength(1000)) })).returns<AccountInfo[]>(),
  'keyring.importPrivateKey': call(v.object({ privateKey: secret, name })).returns<AccountInfo>(),
  'keyring.removeImportedKey': call(v.object({ address })).returns<WalletState>(),
  'keyring.revealPhrase': call(v.object({ password: secret })).returns<{ phrase: string }>(),
  'keyring.exportPrivateKey': call(v.object({ password: secret, address })).returns<{ privateKey: string }>(),
  'keyring.changePassword': call(v.object({ oldPassword: secret, newPassword: secret })).returns<WalletState>(),
  'keyring.reset': call(none).returns<WalletState>(),

  'substrate.list': call(none).returns<SubstrateAccountInfo[]>(),
  'substrate.import': call(
    v.union(
      [
        v.object({ phrase: secret, path: v.optional(text(500)), name }),
        // the file's JSON as the user picked it: parsed and checked by the keystore decoder
        v.object({ keystore: v.union([text(64 * 1024), v.record(v.string(), v.unknown())]), keystorePassword: secret, name }),
      ],
      'expected a secret phrase or a JSON account file with its password',
    ),
  ).returns<SubstrateAccountInfo>(),
  'substrate.remove': call(v.object({ account: text(100) })).returns<SubstrateAccountInfo[]>(),
}
export type KeyringCalls = CallsOf<typeof keyringContracts>

export function keyringHandlers(wallet: Wallet): Handlers<KeyringCalls> {
  const kr = wallet.keyring
  const state = () => wallet.state()
  return {
    'keyring.createPhrase': ({ words }) => {
      const phrase = kr.createPhrase(words === 24 ? 24 : 12)
      return { phrase, confirm: kr.pickConfirmationWords(phrase) }
    },
    'keyring.verifyWords': ({ phrase, answers }) => ({ wrong: kr.verifyConfirmationWords(phrase, answers) }),
    'keyring.checkPhrase': ({ phrase }) => ({ words: kr.validatePhrase(phrase).split(' ').length }),
    'keyring.initialize': async (input) => {
      await kr.initialize(input)
      const first = (await kr.status()).accounts[0]
      if (first) await wallet.updateSettings({ selectedAccount: first.address })
      await wallet.armAutoLock()
      return state()
    },
    'keyring.unlock': async ({ password }) => {
      await kr.unlock(password)
      await wallet.armAutoLock()
      return state()
    },
    'keyring.lock': async () => {
      await kr.lock()
      await wallet.armAutoLock()
      return state()
    },
    'keyring.addAccount': ({ name }) => kr.addAccount(name),
    'keyring.renameAccount': ({ address, name }) => kr.renameAccount(address, name),
    'keyring.setHidden': ({ address, hidden }) => kr.setHidden(address, hidden),
    'keyring.reorder': ({ addresses }) => kr.reorder(addresses),
    'keyring.importPrivateKey': ({ privateKey, name }) => kr.importPrivateKey(privateKey, name),
    'keyring.removeImportedKey': async ({ address }) => {
      await kr.removeImportedKey(address)
      return state()
    },
    'keyring.revealPhrase': async ({ password }) => ({ phrase: await kr.revealPhrase(password) }),
    'keyring.exportPrivateKey': async ({ password, address }) => ({ privateKey: await kr.exportPrivateKey(password, address) }),
    'keyring.changePassword': async ({ oldPassword, newPassword }) => {
      await kr.changePassword(oldPassword, newPassword)
      return state()
    },
    'keyring.reset': async () => {
      await kr.reset()
      await wallet.updateSettings({ selectedAccount: null })
      await wallet.armAutoLock()
      return state()
    },

    'substrate.list': () => kr.substrateAccounts(),
    'substrate.import': (input) => kr.importSubstrateAccount(input),
    'substrate.remove': ({ account }) => kr.removeSubstrateAccount(account),
  }
}
