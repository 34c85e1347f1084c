// The popup's picture of Home (src/wallet/home-snapshot.ts) on screen. The popup's first script
// (./snapshot-boot.ts) shows it in place of the root while the main script loads and the background
// answers; it gives way to the live screen once that is Home with its figures (after the picture was
// presented: replacing it before would only lose that frame) or at once when the live screen is
// another one (unlock, set up, another route). The live Home writes it for the next open. No preact:
// both scripts use this file, and they share its state through one global.
import { buildsAttribute, buildsTag, HOME_SNAPSHOT_KEY, HOME_SNAPSHOT_MAX_CHARS, type HomeSnapshot, type SnapshotNode } from '../../src/wallet/home-snapshot.ts'
import { routeName } from '../lib/hash-route.ts'
import { ago } from '../lib/time.ts'

export interface SnapshotState {
  /** the live screen took over (or chose another screen): no picture is shown from now on */
  settled: boolean
  /** the picture, while it is on screen */
  shown: HTMLElement | null
  /** resolves once the picture on screen has been presented (or when that cannot be known) */
  presented: Promise<void>
}

interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>
  set(entries: Record<string, unknown>): Promise<void>
}

const g = globalThis as { __rwHomeSnapshot?: SnapshotState; browser?: { storage?: { session?: SessionArea } }; chrome?: { storage?: { session?: SessionArea } } }

/** A live screen that does not come (a background that does not answer) is shown as it is after this. */
const GIVE_UP_MS = 3_000
/** Without word that the picture was presented (Element Timing), it gives way after this. */
const PRESENTED_CAP_MS = 400
/** Home is written this long after its last change, and not while it updates. */
const SAVE_DELAY_MS = 300
/** Never in the picture: the id-like attributes (the live screen has them), what is live only. */
const STRIPPED = new Set(['id', 'data-testid', 'aria-live', 'tabindex', 'autofocus'])
const SVG = 'http://www.w3.org/2000/svg'

export function sessionArea(): SessionArea | null {
  try {
    return g.browser?.storage?.session ?? g.chrome?.storage?.session ?? null
  } catch {
    return null
  }
}

export const isHomeRoute = (hash: string) => routeName(hash, 'home') === 'home'

/** The picture's state in this page, made by whichever script asks first. */
export function snapshotState(): SnapshotState {
  return (g.__rwHomeSnapshot ??= { settled: false, shown: null, presented: Promise.resolve() })
}

/** Shows the picture in place of the root, unless the live screen is already there. */
export function showSnapshot(snap: HomeSnapshot, state = snapshotState()): void {
  const root = document.getElementById('root')
  if (state.settled || state.shown || !root) return
  const built = buildNode(snap.tree, false)
  if (!(built instanceof HTMLElement)) return
  const el = document.createElement('div')
  el.className = 'home-snapshot'
  el.inert = true
  el.setAttribute('aria-hidden', 'true')
  el.append(built)
  const now = Date.now()
  for (const t of el.querySelectorAll<HTMLElement>('[data-ago]')) {
    const at = Number(t.dataset.ago)
    if (Number.isFinite(at)) t.textContent = ago(at, now)
  }
  root.before(el)
  root.hidden = true
  state.shown = el
  state.presented = presented(el)
  setTimeout(() => leaveSnapshot(state), GIVE_UP_MS)
  performance.mark('home-snapshot')
}

/** The live screen is not Home with its figures: it shows at once. */
export function leaveSnapshot(state = snapshotState()): void {
  state.settled = true
  const shown = state.shown
  if (!shown) return
  state.shown = null
  shown.remove()
  const root = document.getElementById('root')
  if (root) root.hidden = false
}

/** The live Home has its figures: the picture gives way once it has been presented. */
export function handOverSnapshot(state = snapshotState()): void {
  state.settled = true
  if (state.shown) void state.presented.then(() => leaveSnapshot(state))
}

/** Writes the popup's screen for the next open, a moment after Home's last change; the returned function cancels it. */
export function saveSnapshot(key: string): () => void {
  const timer = setTimeout(() => {
    const popup = document.getElementById('root')?.firstElementChild
    // only Home, as it is (not with a menu open), and only while the popup still shows it
    if (!popup || !popup.querySelector('section.home') || !isHomeRoute(location.hash) || popup.querySelector('[aria-expanded="true"]')) return
    const tree = snapshotTree(popup)
    if (!tree || JSON.stringify(tree).length > HOME_SNAPSHOT_MAX_CHARS) return
    const record: HomeSnapshot = { v: 1, key, tree, savedAt: Date.now() }
    void sessionArea()
      ?.set({ [HOME_SNAPSHOT_KEY]: record })
      .catch(() => undefined)
  }, SAVE_DELAY_MS)
  return () => clearTimeout(timer)
}

/**
 * An element as data: its tag, its attributes but the id-like ones, its children; parts marked
 * data-no-snapshot (the site's row, which is the current tab's, errors of the moment) left out.
 */
export function snapshotTree(node: Node): SnapshotNode | null {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? ''
  if (node.nodeType !== Node.ELEMENT_NODE) return null
  const el = node as Element
  if (el.hasAttribute('data-no-snapshot')) return null
  const attrs: Record<string, string> = {}
  for (const a of el.attributes) if (!STRIPPED.has(a.name)) attrs[a.name] = a.value
  // a select shows its chosen option, which the DOM keeps as a property
  if (el instanceof HTMLOptionElement && el.selected) attrs.selected = ''
  const children: SnapshotNode[] = []
  for (const c of el.childNodes) {
    const t = snapshotTree(c)
    if (t !== null) children.push(t)
  }
  return [el.localName, attrs, ...children]
}

/**
 * The elements again, with createElement: text stays text; a tag or attribute that could run or load
 * anything is not made (the rules: src/wallet/home-snapshot.ts, buildsTag and buildsAttribute).
 */
export function buildNode(n: SnapshotNode, inSvg: boolean): Node | null {
  if (typeof n === 'string') return document.createTextNode(n)
  if (!Array.isArray(n)) return null
  const [tag, attrs, ...children] = n
  if (!buildsTag(tag)) return null
  const svg = inSvg || tag === 'svg'
  const el = svg ? document.createElementNS(SVG, tag) : document.createElement(tag)
  for (const [name, value] of Object.entries(attrs && typeof attrs === 'object' ? attrs : {})) {
    if (!buildsAttribute(name, value)) continue
    try {
      el.setAttribute(name, value)
    } catch {
      // a name the DOM refuses: left out
    }
  }
  for (const c of children) {
    const built = buildNode(c, svg && tag !== 'foreignObject')
    if (built) el.append(built)
  }
  return el
}

/** Resolves when the picture's figures were presented (Element Timing), or after two frames where it is not known. */
function presented(el: HTMLElement): Promise<void> {
  return new Promise((resolve) => {
    if (!PerformanceObserver.supportedEntryTypes?.includes('element')) {
      requestAnimationFrame(() => requestAnimationFrame(() => resolve()))
      return
    }
    const observer = new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => el.contains((e as PerformanceEntry & { element?: Element | null }).element ?? null))) done()
    })
    const cap = setTimeout(() => done(), PRESENTED_CAP_MS)
    function done() {
      clearTimeout(cap)
      observer.disconnect()
      resolve()
    }
    observer.observe({ type: 'element', buffered: true })
  })
}
