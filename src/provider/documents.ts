// The documents (pages and frames) talking to the wallet right now, each over its own channel: the
// runtime port its relay opened (background/pages.ts). An answer or an event is posted to one
// document's channel only, so it can never reach another page that later loads in the same tab or
// frame: when a document goes (navigation, closed tab, bfcache) its port closes with it. Kept in this
// worker's memory: a worker that stops closes every port, and each relay that still waits for an
// answer (or expects events) opens a new one and says hello again with its secret.
import type { WalletToPage } from '../wire/push.ts'

/** Where a document is, as the browser reported it when its port opened (never what the page said). */
export interface PageDoc {
  origin: string
  tabId: number
  frameId: number
  /** the relay's secret for its document (128 random bits, made where the page cannot read it) */
  doc: string
  /** the browser's own id of the document, where it has one (Chromium) */
  documentId?: string
}

/** What the core needs of a port. */
export interface PageChannel {
  /** false when the channel is closed (the message went nowhere) */
  post(msg: WalletToPage): boolean
  close(): void
}

export class DocumentRegistry {
  private readonly live = new Map<string, { who: PageDoc; channel: PageChannel }>()

  /** Registers a document's channel; a document that said hello again replaces its old channel. */
  open(who: PageDoc, channel: PageChannel): void {
    const old = this.live.get(who.doc)
    if (old && old.channel !== channel) old.channel.close()
    this.live.set(who.doc, { who, channel })
  }

  /** The document's channel closed: forgets it (only if that channel is still the registered one). */
  close(doc: string, channel?: PageChannel): PageDoc | null {
    const cur = this.live.get(doc)
    if (!cur || (channel && cur.channel !== channel)) return null
    this.live.delete(doc)
    return cur.who
  }

  get(doc: string): PageDoc | null {
    return this.live.get(doc)?.who ?? null
  }

  /** Is this exactly the live document (same secret, origin, tab and frame)? */
  matches(who: Pick<PageDoc, 'doc' | 'origin' | 'tabId' | 'frameId'>): boolean {
    const cur = this.live.get(who.doc)?.who
    return !!cur && cur.origin === who.origin && cur.tabId === who.tabId && cur.frameId === who.frameId
  }

  post(doc: string, msg: WalletToPage): boolean {
    const cur = this.live.get(doc)
    if (!cur) return false
    const ok = cur.channel.post(msg)
    if (!ok) this.live.delete(doc)
    return ok
  }

  list(): PageDoc[] {
    return [...this.live.values()].map((x) => x.who)
  }
}
