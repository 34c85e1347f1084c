// The popup's picture of Home: the elements Home last drew with its figures, kept in storage.session
// (memory only, gone with the browser; pages of the web and content scripts cannot read it). The next
// popup shows it as soon as its first, small script has read it (ui/popup/snapshot-boot.ts), before
// the popup's main script has run and before the background answers (a stopped worker takes 200+ ms
// to start), and puts the live screen in its place once that has its figures (ui/popup/snapshot.ts).
//
// It must never show what the wallet no longer shows. The popup writes it with the key of the state it
// drew (homeKey); on every change of the wallet's state the background removes it unless that state
// has the same key: locked, another account or its name, another active chain or testnet choice. Its
// times are written as moments, and the popup words them again when it shows it ("Updated 5 min ago").
import type { KV } from '../storage/kv.ts'
import type { WalletState } from './wallet.ts'

export const HOME_SNAPSHOT_KEY = 'popup.homeSnapshot'
/** Home's picture is ~15 KB as JSON; a larger one is not kept (or shown) */
export const HOME_SNAPSHOT_MAX_CHARS = 200_000

/**
 * The popup's elements as data, never as HTML: a text, or an element's tag, attributes and
 * children. The popup builds it again with createElement (ui/popup/snapshot.ts), so nothing in it is
 * ever parsed as markup.
 */
export type SnapshotNode = string | [tag: string, attrs: Record<string, string>, ...children: SnapshotNode[]]

export interface HomeSnapshot {
  v: 1
  /** homeKey() of the state Home was drawn for */
  key: string
  /** the popup's screen (header, Home, navigation), without ids, test ids or the site's row */
  tree: SnapshotNode
  savedAt: number
}

/** Never built again from a stored picture, whatever it says: what could run, load or submit anything. */
const REFUSED_TAGS = new Set(['script', 'style', 'link', 'meta', 'base', 'iframe', 'object', 'embed', 'form', 'input', 'textarea', 'template'])
/** Attributes that hold a URL: a javascript: or data: one is never built. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'poster', 'srcset'])

/** Whether the popup builds an element of this tag from a stored picture. */
export function buildsTag(tag: unknown): tag is string {
  return typeof tag === 'string' && /^[a-z][a-z0-9-]*$/i.test(tag) && !REFUSED_TAGS.has(tag.toLowerCase())
}

/** Whether the popup sets this attribute from a stored picture: no event handler, no script or data URL. */
export function buildsAttribute(name: string, value: unknown): value is string {
  if (typeof value !== 'string' || !/^[a-z][a-z0-9:._-]*$/i.test(name) || /^on/i.test(name)) return false
  return !(URL_ATTRIBUTES.has(name.toLowerCase()) && /^\s*(javascript|data|vbscript):/i.test(value))
}

/** What of the wallet's state Home's picture shows; null when the popup would not show Home. */
export function homeKey(s: Pick<WalletState, 'initialized' | 'unlocked' | 'halted' | 'selected' | 'accounts' | 'activeChainId' | 'showTestnets'>): string | null {
  if (!s.initialized || !s.unlocked || s.halted || !s.selected) return null
  const selected = s.selected.toLowerCase()
  const name = s.accounts.find((a) => a.address.toLowerCase() === selected)?.name ?? ''
  return JSON.stringify([selected, name, s.activeChainId, s.showTestnets])
}

/** A stored picture, or null when there is none or it is not one. */
export function readHomeSnapshot(raw: unknown): HomeSnapshot | null {
  const r = raw as Partial<HomeSnapshot> | null
  if (!r || typeof r !== 'object' || r.v !== 1) return null
  if (typeof r.key !== 'string' || typeof r.savedAt !== 'number' || !Number.isFinite(r.savedAt)) return null
  if (!Array.isArray(r.tree) || typeof r.tree[0] !== 'string' || JSON.stringify(r.tree).length > HOME_SNAPSHOT_MAX_CHARS) return null
  return { v: 1, key: r.key, tree: r.tree, savedAt: r.savedAt }
}

/** What is wrong with a stored picture (the storage map's check), or null. */
export function homeSnapshotProblem(raw: unknown): string | null {
  return readHomeSnapshot(raw) ? null : 'it is not a picture of Home (version, key, elements and time)'
}

/**
 * Removes the picture whenever the wallet's state changes to one it does not show. Changes are
 * handled one after the other. A wallet stopped at start (src/wallet/wallet.ts) leaves it: it
 * writes nothing, and its session began with the extension's start, which clears the area.
 */
export function guardHomeSnapshot(wallet: { onChange(f: () => void): unknown; state(): Promise<WalletState> }, session: KV): void {
  let queue = Promise.resolve()
  wallet.onChange(() => {
    queue = queue
      .then(async () => {
        // most changes find no picture: the state is read only when there is one
        const stored = await session.get(HOME_SNAPSHOT_KEY)
        if (stored === undefined) return
        const state = await wallet.state()
        // a stopped wallet writes nothing (its popup shows the stop screen instead of any picture)
        if (state.halted) return
        const key = homeKey(state)
        if (key === null || readHomeSnapshot(stored)?.key !== key) await session.remove([HOME_SNAPSHOT_KEY])
      })
      .catch((err) => console.error("the popup's picture of Home could not be checked", err))
  })
}
