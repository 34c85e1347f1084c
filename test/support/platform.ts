// An in-memory Platform (src/wallet/platform.ts) for node tests: it records what the wallet asked
// the browser to do (windows, alarms, notifications, badge) and what it posted to pages' channels
// (test/support/pages.ts records there) so tests can assert on it. The browser itself is exercised
// by the e2e tests; this stands in for it in node only.
import type { Platform } from '../../src/wallet/platform.ts'
import type { WalletToPage } from '../../src/wire/push.ts'

export class TestPlatform implements Platform {
  clock = Date.now()
  windows = new Map<number, string>()
  private nextWindow = 1
  /** what the wallet posted to each document's channel, with where the document was */
  pushes: { tabId: number; frameId: number; doc: string; msg: WalletToPage }[] = []
  /** window focus requests, in order */
  focused: number[] = []
  alarms = new Map<string, number>()
  notifications: { id: string; title: string; message: string }[] = []
  badge = ''

  now() {
    return this.clock
  }
  async openWindow(path: string) {
    const id = this.nextWindow++
    this.windows.set(id, path)
    return id
  }
  async focusWindow(id: number) {
    this.focused.push(id)
    return this.windows.has(id)
  }
  async closeWindow(id: number) {
    this.windows.delete(id)
  }
  async windowExists(id: number) {
    return this.windows.has(id)
  }
  setAlarm(name: string, when: number) {
    this.alarms.set(name, when)
  }
  clearAlarm(name: string) {
    this.alarms.delete(name)
  }
  notify(id: string, title: string, message: string) {
    this.notifications.push({ id, title, message })
  }
  setBadge(text: string) {
    this.badge = text
  }

  /** answers posted to the documents of one frame, in order */
  responses(tabId: number, frameId = 0) {
    return this.pushes.filter((p) => p.tabId === tabId && p.frameId === frameId && p.msg.kind === 'response').map((p) => p.msg as Extract<WalletToPage, { kind: 'response' }>)
  }
  events(tabId: number, frameId = 0, event?: string) {
    return this.pushes
      .filter((p) => p.tabId === tabId && p.frameId === frameId && p.msg.kind === 'event' && (!event || (p.msg as { event: string }).event === event))
      .map((p) => p.msg as Extract<WalletToPage, { kind: 'event' }>)
  }
  /** everything posted to one document */
  toDoc(doc: string) {
    return this.pushes.filter((p) => p.doc === doc).map((p) => p.msg)
  }
}
