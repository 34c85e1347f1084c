// Full-page views of the wallet (app.html) opened from the popup or elsewhere, in a new tab.
import browser from 'webextension-polyfill'

export function appUrl(path: string): string {
  return browser.runtime.getURL(`app.html#/${path.replace(/^[#/]+/, '')}`)
}

export async function openApp(path: string): Promise<void> {
  await browser.tabs.create({ url: appUrl(path) })
}
