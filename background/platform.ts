// The Platform of src/wallet over webextension APIs, and the seams where browsers differ.
import browser from 'webextension-polyfill'
import type { Platform } from '../src/wallet/platform.ts'

export const browserPlatform: Platform = {
  now: () => Date.now(),
  async openWindow(path, size) {
    const win = await browser.windows.create({ url: browser.runtime.getURL(path), type: 'popup', focused: true, ...size })
    return win.id ?? -1
  },
  async focusWindow(windowId) {
    try {
      await browser.windows.update(windowId, { focused: true })
      return true
    } catch {
      return false
    }
  },
  async closeWindow(windowId) {
    await browser.windows.remove(windowId).catch(() => undefined)
  },
  async windowExists(windowId) {
    try {
      await browser.windows.get(windowId)
      return true
    } catch {
      return false
    }
  },
  setAlarm(name, when) {
    void browser.alarms.create(name, { when: Math.max(when, Date.now() + 1000) })
  },
  clearAlarm(name) {
    void browser.alarms.clear(name)
  },
  notify(id, title, message) {
    void browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('icons/128.png'), title, message })
  },
  setBadge(text) {
    void browser.action.setBadgeText({ text })
    void browser.action.setBadgeBackgroundColor({ color: '#4f3bd9' })
  },
}

/**
 * The browser's own id of the document behind a message sender or port, where it has one: Chromium
 * reports `documentId` (stable for the document's life, new after a navigation); Firefox does not, and
 * there the relay's secret alone tells documents apart (a new document gets a new relay and a new
 * secret, and its port is another port).
 */
export function documentIdOf(sender: browser.Runtime.MessageSender): string | undefined {
  const id = (sender as { documentId?: unknown }).documentId
  return typeof id === 'string' && id.length > 0 && id.length <= 128 ? id : undefined
}
