// What the popup asks the background for before its first screen is drawn: the wallet's state, then,
// once that state names an unlocked account and Home is the screen, Home's cached balances for the
// account and the prices. Used by the boot script (ui/popup/boot.ts, before the modules load) and by
// ui/popup/main.tsx (when the boot script's port was lost); no imports, so the boot script stays small.

export interface FirstWalletState {
  unlocked?: boolean
  selected?: string | null
  halted?: unknown
}

/** The topics Home shows first for this wallet state and location hash ("#/send" is not Home). */
export function homeTopics(wallet: FirstWalletState | null | undefined, hash: string): { topic: 'balances' | 'prices'; key: string | null }[] {
  const home = (hash.replace(/^#\/?/, '') || 'home') === 'home'
  if (!home || !wallet?.unlocked || !wallet.selected || wallet.halted) return []
  return [
    { topic: 'balances', key: wallet.selected.toLowerCase() },
    { topic: 'prices', key: null },
  ]
}
