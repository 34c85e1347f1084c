// Launches Debian's Chromium with the built extension loaded unpacked (Playwright), and finds the
// extension's service worker and id.
import { chromium, type BrowserContext, type Worker } from 'playwright-core'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromiumPath } from '../../../scripts/lib/chromium.ts'

export { chromiumPath }

export const root = new URL('../../../', import.meta.url).pathname
/** the build under test: dist/ unless RW_DIST points build.mjs elsewhere */
export const distDir = join(root, process.env.RW_DIST ?? 'dist')
export const chromeDist = join(distDir, 'chrome')
export const firefoxDist = join(distDir, 'firefox')


export interface WalletBrowser {
  context: BrowserContext
  extensionId: string
  worker: Worker
  userDataDir: string
  close(): Promise<void>
}

/** The e2e tests run against the devnet: a release build (no devnet networks) is refused with the way out. */
export function requireDevnetBuild(): void {
  const info = join(distDir, 'build-info.json')
  if (existsSync(info) && JSON.parse(readFileSync(info, 'utf8')).devnet === false) {
    throw new Error('dist/ is a release build (no devnet networks): build with `node build.mjs --devnet` for the e2e tests')
  }
}

/** `extensionDir`: load another unpacked copy of the build (the popup bench's floor page) instead of dist/chrome */
export async function launchWithExtension(opts: { userDataDir?: string; keepProfile?: boolean; args?: string[]; extensionDir?: string } = {}): Promise<WalletBrowser> {
  if (!existsSync(join(chromeDist, 'manifest.json'))) throw new Error('dist/chrome is missing: run `node build.mjs --devnet` first')
  requireDevnetBuild()
  const extension = opts.extensionDir ?? chromeDist
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'rw-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(opts.args ?? []),
    ],
  })
  let worker = context.serviceWorkers()[0]
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 15_000 })
  const extensionId = new URL(worker.url()).host
  return {
    context,
    extensionId,
    worker,
    userDataDir,
    async close() {
      await context.close().catch(() => undefined)
      if (!opts.keepProfile && !opts.userDataDir) rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}
