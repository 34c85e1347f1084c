import { Nav, type NavItem } from '../components/Nav.tsx'
import { useRoute } from '../lib/route.ts'
import { Home } from './views/Home.tsx'
import { Placeholder } from './views/Placeholder.tsx'

const NAV: NavItem[] = [
  { route: 'home', label: 'Home', icon: '◎' },
  { route: 'send', label: 'Send', icon: '↗' },
  { route: 'bridge', label: 'Bridge', icon: '⇅' },
  { route: 'activity', label: 'Activity', icon: '≡' },
  { route: 'settings', label: 'Settings', icon: '⚙' },
]

export function App() {
  const route = useRoute('home')
  const item = NAV.find((n) => n.route === route) ?? NAV[0]
  return (
    <div class="popup">
      <main class="view" id="main" tabIndex={-1} aria-label={item.label}>
        {item.route === 'home' ? <Home /> : <Placeholder title={item.label} />}
      </main>
      <Nav items={NAV} current={item.route} />
    </div>
  )
}
