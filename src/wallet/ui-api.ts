// The background's answers to the wallet's own pages (UiCalls in messages.ts). Every call except
// the ping counts as user activity for the auto-lock.
import type { Handlers } from '../messaging.ts'
import type { UiCallsOf, BackgroundInfo } from '../messages.ts'
import { WalletError } from '../errors.ts'
import type { Wallet } from './wallet.ts'

export function uiHandlers(wallet: Wallet, info: () => BackgroundInfo): Handlers<UiCallsOf<'app' | 'wallet' | 'settings' | 'keyring'>, null> {
  const kr = wallet.keyring
  const state = () => wallet.state()
  const str = (x: unknown, what: string): string => {
    if (typeof x !== 'string') throw new WalletError('BAD_PARAMS', `${what} is missing.`)
    return x
  }
  return {
    'app.ping': () => info(),

    'wallet.state': state,
    'wallet.selectAccount': async ({ address }) => {
      await wallet.selectAccount(str(address, 'The account'))
      return state()
    },
    'wallet.networks': () => wallet.networks.list(),
    'wallet.switchChain': async ({ chainId }) => {
      await wallet.switchChain(chainId)
      return state()
    },
    'settings.update': async (patch) => {
      if (patch.autoLockMinutes !== undefined) {
        await kr.setAutoLockMinutes(patch.autoLockMinutes)
        await wallet.armAutoLock()
      }
      if (patch.defaultWallet !== undefined) await wallet.updateSettings({ defaultWallet: patch.defaultWallet === true })
      return state()
    },

    'keyring.createPhrase': ({ words }) => {
      const phrase = kr.createPhrase(words === 24 ? 24 : 12)
      return { phrase, confirm: kr.pickConfirmationWords(phrase) }
    },
    'keyring.verifyWords': ({ phrase, answers }) => ({ wrong: kr.verifyConfirmationWords(str(phrase, 'The phrase'), Array.isArray(answers) ? answers : []) }),
    'keyring.checkPhrase': ({ phrase }) => ({ words: kr.validatePhrase(str(phrase, 'The phrase')).split(' ').length }),
    'keyring.initialize': async (input) => {
      await kr.initialize(input)
      const first = (await kr.status()).accounts[0]
      if (first) await wallet.updateSettings({ selectedAccount: first.address })
      await wallet.armAutoLock()
      return state()
    },
    'keyring.unlock': async ({ password }) => {
      await kr.unlock(str(password, 'The password'))
      await wallet.armAutoLock()
      return state()
    },
    'keyring.lock': async () => {
      await kr.lock()
      await wallet.armAutoLock()
      return state()
    },
    'keyring.addAccount': ({ name }) => kr.addAccount(name),
    'keyring.renameAccount': ({ address, name }) => kr.renameAccount(str(address, 'The account'), str(name, 'The name')),
    'keyring.setHidden': ({ address, hidden }) => kr.setHidden(str(address, 'The account'), hidden === true),
    'keyring.reorder': ({ addresses }) => kr.reorder(Array.isArray(addresses) ? addresses : []),
    'keyring.importPrivateKey': ({ privateKey, name }) => kr.importPrivateKey(str(privateKey, 'The private key'), name),
    'keyring.removeImportedKey': async ({ address }) => {
      await kr.removeImportedKey(str(address, 'The account'))
      return state()
    },
    'keyring.revealPhrase': async ({ password }) => ({ phrase: await kr.revealPhrase(str(password, 'The password')) }),
    'keyring.exportPrivateKey': async ({ password, address }) => ({ privateKey: await kr.exportPrivateKey(str(password, 'The password'), str(address, 'The account')) }),
    'keyring.changePassword': async ({ oldPassword, newPassword }) => {
      await kr.changePassword(str(oldPassword, 'The current password'), str(newPassword, 'The new password'))
      return state()
    },
    'keyring.reset': async () => {
      await kr.reset()
      await wallet.updateSettings({ selectedAccount: null })
      await wallet.armAutoLock()
      return state()
    },
  }
}

/** Calls that do not count as user activity. */
export const PASSIVE_UI_CALLS = new Set<string>([
  'app.ping',
  // what screens poll on their own (every block, or while something is on its way): an open
  // screen must not hold the auto-lock off
  'tx.quote',
  'bridge.overview',
  'bridge.refresh',
  'bridge.item',
  'bridge.txStatus',
  'bridge.cost',
  'balances.refresh',
  'activity.check',
  'claim.status',
  'claim.positions',
  'claim.waitTx',
])
