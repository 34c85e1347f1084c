// The popup gates on the wallet's state: no wallet yet -> set up (in a full tab); locked ->
// unlock; unlocked -> the wallet with its header (account switcher, lock) and bottom navigation.
// The state is fetched again when the background locks (auto-lock included) or accounts change.
import { useEffect, useLayoutEffect } from 'preact/hooks'
import { Nav, type NavItem } from '../components/Nav.tsx'
import { Alert } from '../components/Alert.tsx'
import { WalletStopped } from '../components/WalletStopped.tsx'
import { StorageProblems } from '../components/StorageProblems.tsx'
import { useRoute } from '../lib/route.ts'
import { useWalletState, type WalletStateHandle } from '../lib/wallet-state.ts'
import { prepareDates } from '../lib/time.ts'
import { homeKey } from '../../src/wallet/home-snapshot.ts'
import { Header } from './Header.tsx'
import { leaveSnapshot } from './snapshot.ts'
import { SiteChain } from './SiteChain.tsx'
import { Setup } from './Setup.tsx'
import { Unlock } from './Unlock.tsx'
import { Home } from './views/Home.tsx'
import { Receive } from './views/Receive.tsx'
import { Settings } from './views/Settings.tsx'
import { Placeholder } from './views/Placeholder.tsx'
import { Send } from './views/Send.tsx'
import { Activity } from './views/activity/Activity.tsx'
import { Bridge } from './views/Bridge.tsx'

const NAV: NavItem[] = [
  { route: 'home', label: 'Home', icon: '◎' },
  { route: 'send', label: 'Send', icon: '↗' },
  { route: 'bridge', label: 'Bridge', icon: '⇅' },
  { route: 'activity', label: 'Activity', icon: '≡' },
  { route: 'settings', label: 'Settings', icon: '⚙' },
]

export function App() {
  const wallet = useWalletState()
  // made while the background answers the subscription above, not while Home draws its balances
  useEffect(() => {
    const t = setTimeout(prepareDates, 0)
    return () => clearTimeout(t)
  }, [])
  const { state, error } = wallet
  const unlocked = !!(state?.initialized && state.unlocked && !state.halted)
  // a locked, new or stopped wallet (or one that does not answer) never shows the picture of Home
  useLayoutEffect(() => {
    if (!unlocked && (state || error)) leaveSnapshot()
  }, [unlocked, !!state, !!error])
  if (unlocked) return <Unlocked wallet={wallet} />
  return (
    <div class="popup">
      <header class="popup-header brand-only">
        <span class="brand">
          <span class="brand-mark" aria-hidden="true">
            ◎
          </span>{' '}
          Rollup Wallet
        </span>
      </header>
      <main class="view gate" id="main">
        {!state ? (
          error && (
            <Alert>
              <p>{error.message}</p>
              <button type="button" onClick={() => void wallet.refresh()}>
                Try again
              </button>
            </Alert>
          )
        ) : state.halted ? (
          <WalletStopped halt={state.halted} />
        ) : !state.initialized ? (
          <Setup />
        ) : (
          <>
            <StorageProblems problems={state.problems ?? []} />
            <Unlock wallet={wallet} />
          </>
        )}
      </main>
    </div>
  )
}

function Unlocked({ wallet }: { wallet: WalletStateHandle }) {
  const [route, query = ''] = useRoute('home').split('?')
  const state = wallet.state!
  const item = NAV.find((n) => n.route === route) ?? NAV[0]
  const account = state.accounts.find((a) => a.address === state.selected) ?? null
  const onHome = !(route === 'receive' && account) && item.route === 'home'
  useLayoutEffect(() => {
    if (!onHome) leaveSnapshot()
  }, [onHome])
  let view
  if (route === 'receive' && account) view = <Receive account={account} />
  else if (onHome) view = <Home account={account} showTestnets={state.showTestnets} snapshotKey={homeKey(state)} />
  else if (item.route === 'settings') view = <Settings wallet={wallet} />
  else if (item.route === 'send' && account) view = <Send account={account} activeChainId={state.activeChainId} showTestnets={state.showTestnets} />
  else if (item.route === 'activity') view = <Activity account={account} only={txHashesOf(query)} />
  else if (item.route === 'bridge' && account) view = <Bridge account={account} activeChainId={state.activeChainId} showTestnets={state.showTestnets} />
  else view = <Placeholder title={item.label} />
  return (
    <div class="popup">
      <Header wallet={wallet} />
      <StorageProblems problems={state.problems ?? []} />
      <SiteChain />
      <main class="view" id="main" tabIndex={-1} aria-label={route === 'receive' ? 'Receive' : item.label}>
        {view}
      </main>
      <Nav items={NAV} current={route === 'receive' ? 'home' : item.route} />
    </div>
  )
}

/** "#/activity?tx=0x…,0x…" (where wallet_showCallsStatus opens): the transactions to show alone. */
function txHashesOf(query: string): string[] | null {
  const tx = new URLSearchParams(query).get('tx')
  const hashes = (tx ?? '').split(',').filter((h) => /^0x[0-9a-fA-F]{64}$/.test(h)).map((h) => h.toLowerCase())
  return hashes.length ? hashes : null
}
