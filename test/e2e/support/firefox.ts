// Launches firefox-esr through puppeteer-core over WebDriver BiDi and installs dist/firefox.
import puppeteer, { type Browser } from 'puppeteer-core'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { firefoxDist, requireDevnetBuild } from './browser.ts'

export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(Boolean) as string[]
  const found = candidates.find((p) => existsSync(p))
  if (!found) throw new Error('Firefox not found: install it (apt-get install -y firefox-esr) or set FIREFOX_PATH')
  return found
}

/** Fixed moz-extension:// uuid for the tests (pref extensions.webextensions.uuids). */
export const FIREFOX_EXTENSION_UUID = '6b7e1a52-2f3c-4c1e-9a7d-3f1f0d5c2e11'
export const FIREFOX_EXTENSION_ID = 'wallet@rollupwallet.io'

/** `profile`: a profile directory of the caller's (kept on close: the caller removes it) */
export async function launchFirefoxWithExtension(opts: { args?: string[]; prefs?: Record<string, unknown>; profile?: string } = {}): Promise<{ browser: Browser; profile: string; close(): Promise<void> }> {
  if (!existsSync(join(firefoxDist, 'manifest.json'))) throw new Error('dist/firefox is missing: run `node build.mjs --devnet` first')
  requireDevnetBuild()
  const profile = opts.profile ?? mkdtempSync(join(tmpdir(), 'rw-firefox-'))
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    userDataDir: profile,
    args: opts.args ?? [],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_EXTENSION_ID]: FIREFOX_EXTENSION_UUID }),
      'xpinstall.signatures.required': false,
      'extensions.autoDisableScopes': 0,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      ...opts.prefs,
    },
  })
  await browser.installExtension(firefoxDist)
  return {
    browser,
    profile,
    async close() {
      await browser.close().catch(() => undefined)
      if (!opts.profile) rmSync(profile, { recursive: true, force: true })
    },
  }
}
