// The full-page wallet (app.html): onboarding and the settings that need room. Hash routes:
//   #/welcome  #/create  #/import  #/done
//   #/settings/{accounts,phrase,export,password,auto-lock,reset}
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
import { ClaimPage } from './claim/ClaimPage.tsx'
import { Manage } from './networks/Manage.tsx'
import { BridgeApp } from './bridge/BridgeApp.tsx'

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
  else if (top === 'claim' && state.initialized) body = <ClaimPage wallet={wallet} />
  else if ((top === 'networks' || top === 'tokens') && state.initialized) body = <Manage top={top} />
  else if (top === 'bridge' && state.initialized) body = <BridgeApp route={route} />
  else body = <Welcome wallet={wallet} />

  return (
    <div class={top === 'settings' && state?.initialized ? 'app app-settings' : 'app app-onboarding'}>
      <header class="app-header">
        <a class="brand" href="#/welcome">
          <span class="brand-mark" aria-hidden="true">◎</span> Rollup Wallet
        </a>
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
