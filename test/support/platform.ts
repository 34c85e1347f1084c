// An in-memory Platform (src/wallet/platform.ts) for node tests: it records what the wallet asked
// the browser to do (windows, pushes to tabs, alarms, notifications, badge) so tests can assert on
// it. The browser itself is exercised by the e2e tests; this stands in for it in node only.
import type { Platform } from '../../src/wallet/platform.ts'
import type { PushToTab } from '../../src/wire/push.ts'

export class TestPlatform implements Platform {
  clock = Date.now()
  windows = new Map<number, string>()
  private nextWindow = 1
  pushes: { tabId: number; frameId: number; msg: PushToTab }[] = []
  /** frames that no longer exist: pushes to them fail */
  goneFrames = new Set<string>()
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
    return this.windows.has(id)
  }
  async closeWindow(id: number) {
    this.windows.delete(id)
  }
  async windowExists(id: number) {
    return this.windows.has(id)
  }
  async pushToTab(tabId: number, frameId: number, msg: PushToTab) {
    if (this.goneFrames.has(`${tabId}:${frameId}`)) return false
    this.pushes.push({ tabId, frameId, msg })
    return true
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

  /** pushes of one kind to one frame, in order */
  responses(tabId: number, frameId = 0) {
    return this.pushes.filter((p) => p.tabId === tabId && p.frameId === frameId && p.msg.kind === 'response').map((p) => p.msg as Extract<PushToTab, { kind: 'response' }>)
  }
  events(tabId: number, frameId = 0, event?: string) {
    return this.pushes
      .filter((p) => p.tabId === tabId && p.frameId === frameId && p.msg.kind === 'event' && (!event || (p.msg as { event: string }).event === event))
      .map((p) => p.msg as Extract<PushToTab, { kind: 'event' }>)
  }
}
