// The bridge's full pages (app.html): #/bridge (everything tracked, rediscovery, the way to the
// comparison), #/bridge/item/<id> (one deposit or withdrawal: timeline, prove / finalize),
// #/bridge/compare (the supported L2s' exit time and cost today).
import { BridgeHome } from './BridgeHome.tsx'
import { ItemPage } from './ItemPage.tsx'
import { ComparePage } from './ComparePage.tsx'

export function BridgeApp({ route }: { route: string }) {
  const [, sub, ...rest] = route.split('?')[0].split('/')
  if (sub === 'item' && rest.length) return <ItemPage id={decodeURIComponent(rest.join('/'))} />
  if (sub === 'compare') return <ComparePage />
  return <BridgeHome />
}
