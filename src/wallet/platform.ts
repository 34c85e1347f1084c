// What only the browser can do, as the core asks for it. The background implements it over
// webextension APIs; node tests implement it in memory.

export interface Platform {
  now(): number
  /** Opens an extension page (e.g. "approval.html#/…") in a popup window; returns its window id. */
  openWindow(path: string, size: { width: number; height: number }): Promise<number>
  focusWindow(windowId: number): Promise<boolean>
  closeWindow(windowId: number): Promise<void>
  windowExists(windowId: number): Promise<boolean>
  setAlarm(name: string, when: number): void
  clearAlarm(name: string): void
  notify(id: string, title: string, message: string): void
  setBadge(text: string): void
}
