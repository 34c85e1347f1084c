// The site in the active tab and its own network: each site keeps its own chain (as in MetaMask and
// Rabby), and the user can change it here for that site only. Shown only for a site that talked to
// the wallet. The popup opened as a page (tests, a pinned tab) names the tab with ?tab=<id>.
import { SafeText } from '../components/SafeText.tsx'
import { DISPLAY_LIMITS } from '../../src/util/display.ts'
import { useEffect, useState } from 'preact/hooks'
import browser from 'webextension-polyfill'
import type { Network } from '../../src/chains/types.ts'
import { bg } from '../lib/background.ts'
import { asWalletError } from '../lib/errors.ts'
import { useTopic } from '../lib/topic.ts'

function useActiveTabId(): number | null {
  const [tabId, setTabId] = useState<number | null>(() => {
    const hinted = Number(new URLSearchParams(location.search).get('tab'))
    return Number.isSafeInteger(hinted) && hinted > 0 ? hinted : null
  })
  useEffect(() => {
    if (tabId !== null) return
    browser.tabs
      .query({ active: true, lastFocusedWindow: true })
      .then(([tab]) => {
        if (tab?.id !== undefined && tab.id >= 0) setTabId(tab.id)
      })
      .catch(() => undefined)
  }, [])
  return tabId
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host
  } catch {
    return origin
  }
}

export function SiteChain() {
  const tabId = useActiveTabId()
  const site = useTopic('site', tabId === null ? null : String(tabId), { keyed: true }).value
  const [networks, setNetworks] = useState<Network[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (site && !networks) bg('wallet.networks', {}).then(setNetworks, (e) => setError(asWalletError(e).message))
  }, [site?.origin])
  if (!site || !networks) return null
  const choose = async (chainId: number) => {
    setError(null)
    try {
      await bg('sites.setChain', { origin: site.origin, chainId })
    } catch (e) {
      setError(asWalletError(e).message)
    }
  }
  return (
    <div class="site-chain" data-testid="site-chain" data-no-snapshot>
      <span class={`site-dot ${site.connected ? 'on' : ''}`} aria-hidden="true" />
      <span class="site-origin" title={site.origin} data-testid="site-origin">
        <SafeText value={hostOf(site.origin)} max={DISPLAY_LIMITS.origin} note={false} />
      </span>
      <label class="site-select">
        <span class="sr-only">Network for {site.origin}</span>
        <select title="The network this site uses" value={String(site.chainId)} onChange={(e) => void choose(Number((e.target as HTMLSelectElement).value))} data-testid="site-chain-select">
          {networks.map((n) => (
            <option key={n.chainId} value={String(n.chainId)}>
              {n.name}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p class="error site-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
