// What the popup asks the background for before its first screen is drawn: the wallet's state, and,
// when Home is the screen, Home's cached balances for the account and the prices. The account is
// known for sure only once the wallet's state has come; the popup remembers the account Home showed
// last (an address, in the extension's localStorage) and asks for its balances together with the
// state, so the usual open costs one round trip to the background, not two. When the state names
// another account, or a locked wallet, that guess is only a cached value nobody shows. Used by the
// boot step (ui/popup/boot.ts, first in the popup's script) and by ui/popup/main.tsx; it imports only
// what imports nothing.
import { routeName } from '../lib/hash-route.ts'

export interface FirstWalletState {
  initialized?: boolean
  unlocked?: boolean
  selected?: string | null
  halted?: unknown
}

export type FirstTopic = { topic: 'balances' | 'prices'; key: string | null }

/** Where the guess is kept; the popup's localStorage, or null where a page has none. */
export type HintStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export const HOME_ACCOUNT_KEY = 'rw.popup.homeAccount'

const isHome = (hash: string) => routeName(hash, 'home') === 'home'
const onHome = (account: string): FirstTopic[] => [
  { topic: 'balances', key: account.toLowerCase() },
  { topic: 'prices', key: null },
]

/** The topics Home shows first for this wallet state and location hash ("#/send" is not Home). */
export function homeTopics(wallet: FirstWalletState | null | undefined, hash: string): FirstTopic[] {
  if (!isHome(hash) || !wallet?.unlocked || !wallet.selected || wallet.halted) return []
  return onHome(wallet.selected)
}

/** Home's topics for the account Home showed last, asked for before the wallet's state is known. */
export function guessedHomeTopics(hash: string, store: HintStore | null): FirstTopic[] {
  if (!isHome(hash) || !store) return []
  try {
    const account = store.getItem(HOME_ACCOUNT_KEY)
    return account && /^0x[0-9a-f]{40}$/.test(account) ? onHome(account) : []
  } catch {
    return []
  }
}

/** Keeps the guess true: the selected account of an unlocked wallet; none once there is no wallet. */
export function rememberHomeAccount(wallet: FirstWalletState | null | undefined, store: HintStore | null): void {
  if (!store || !wallet) return
  try {
    if (wallet.initialized === false) store.removeItem(HOME_ACCOUNT_KEY)
    else if (wallet.unlocked && wallet.selected && !wallet.halted) {
      const account = wallet.selected.toLowerCase()
      // a write costs a round trip to the browser's storage; most states do not change it
      if (store.getItem(HOME_ACCOUNT_KEY) !== account) store.setItem(HOME_ACCOUNT_KEY, account)
    }
  } catch {
    // storage full or refused: the popup asks after the state instead
  }
}

/** The page's localStorage, or null (a page without one, or one that refuses access). */
export function hintStore(): HintStore | null {
  try {
    return (globalThis as { localStorage?: HintStore }).localStorage ?? null
  } catch {
    return null
  }
}
