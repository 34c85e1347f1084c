// The full-page wallet (app.html): onboarding, one Settings (accounts, networks, tokens, connected
// sites, security, PHA migration), the bridge pages; a header with the way back to the wallet.
// Hash routes:
//   #/welcome  #/create  #/import  #/done
//   #/settings/{accounts,networks,tokens,sites,phrase,export,password,auto-lock,pha,reset}  #/allowances  #/contacts
//   #/networks #/tokens #/claim/…  (the same sections, as older links name them)
//   #/bridge  #/bridge/item/<id>  #/bridge/compare
import { useRoute } from '../lib/route.ts'
import { useWalletState } from '../lib/wallet-state.ts'
import { Alert } from '../components/Alert.tsx'
import { WalletStopped } from '../components/WalletStopped.tsx'
import { StorageProblems } from '../components/StorageProblems.tsx'
import { Welcome } from './onboarding/Welcome.tsx'
import { CreateFlow } from './onboarding/CreateFlow.tsx'
import { ImportFlow } from './onboarding/ImportFlow.tsx'
import { Done } from './onboarding/Done.tsx'
import { Settings } from './settings/Settings.tsx'
import { BridgeApp } from './bridge/BridgeApp.tsx'
import { AllowancesPage } from './allowances/AllowancesPage.tsx'
import { AddressBook } from './contacts/AddressBook.tsx'

export function App() {
  const route = useRoute('welcome')
  const wallet = useWalletState()
  const { state, error } = wallet
  const [top, sub] = route.split('?')[0].split('/')

  let body
  if (!state) {
    body = error ? (
      <section class="page-body">
        <h1>The wallet is not answering</h1>
        <Alert>
          <p>{error.message}</p>
        </Alert>
        <button type="button" onClick={() => void wallet.refresh()}>
          Try again
        </button>
      </section>
    ) : (
      <p class="muted page-body" aria-live="polite">
        Loading…
      </p>
    )
  } else if (state.halted) body = <section class="page-body"><WalletStopped halt={state.halted} /></section>
  else if (top === 'create') body = <CreateFlow wallet={wallet} />
  else if (top === 'import') body = <ImportFlow wallet={wallet} />
  else if (top === 'done' && state.initialized) body = <Done state={state} />
  else if (top === 'settings' && state.initialized) body = <Settings section={sub || 'accounts'} wallet={wallet} />
  else if (top === 'claim' && state.initialized) body = <Settings section="pha" wallet={wallet} />
  else if ((top === 'networks' || top === 'tokens') && state.initialized) body = <Settings section={top} wallet={wallet} />
  else if (top === 'bridge' && state.initialized) body = <BridgeApp route={route} />
  else if (top === 'allowances' && state.initialized) body = <AllowancesPage wallet={wallet} />
  else if (top === 'contacts' && state.initialized) body = <AddressBook />
  else body = <Welcome wallet={wallet} />

  const inSettings = ['settings', 'claim', 'networks', 'tokens'].includes(top) && state?.initialized
  return (
    <div class={inSettings ? 'app app-settings' : 'app app-onboarding'}>
      <header class="app-header">
        <a class="brand" href={state?.initialized ? 'popup.html' : '#/welcome'}>
          <span class="brand-mark" aria-hidden="true">◎</span> Rollup Wallet
        </a>
        {state?.initialized && (
          <nav class="app-links" aria-label="Wallet">
            <a href="popup.html" data-testid="back-to-wallet">
              ← Back to the wallet
            </a>
            <a href="#/bridge" aria-current={top === 'bridge' ? 'page' : undefined}>
              Bridge
            </a>
            <a href="#/settings/accounts" aria-current={inSettings ? 'page' : undefined}>
              Settings
            </a>
          </nav>
        )}
        {state?.initialized && (
          <span class={state.unlocked ? 'lock-state unlocked' : 'lock-state'} data-testid="lock-state">
            {state.unlocked ? 'Unlocked' : 'Locked'}
          </span>
        )}
      </header>
      <main id="main" class="app-main">
        {state && !state.halted && <StorageProblems problems={state.problems ?? []} />}
        {body}
      </main>
    </div>
  )
}
