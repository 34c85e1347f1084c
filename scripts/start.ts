// `npm start`: the wallet against the local devnet, on one machine with no network.
//   1. starts the devnet (devnet/cli.ts: L1 900, OP Stack L2s 901 and 902, PHA claim backend),
//   2. builds the extension (it embeds the devnet's networks as its default "Local devnet"),
//   3. opens Chromium with the wallet loaded (profile kept in .cache/profile), when there is a display.
// The devnet's commands (warp <seconds>, propose <chainId>, status, quit) are typed here. Ctrl-C stops all.
// The devnet's service chatter (proposals, resolutions: timestamped lines) goes to .cache/devnet.log,
// so the instructions stay on screen; `--verbose` prints it here too.
import { spawn, spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { chromiumPath } from './lib/chromium.ts'

const root = new URL('..', import.meta.url).pathname
const args = process.argv.slice(2)
const noBrowser = args.includes('--no-browser')
const verbose = args.includes('--verbose')
const devnetArgs = args.filter((a) => a !== '--no-browser' && a !== '--verbose')
mkdirSync(join(root, '.cache'), { recursive: true })
const logPath = join(root, '.cache', 'devnet.log')
const log = createWriteStream(logPath, { flags: 'w' })
/** A service line of the devnet ("12:03:04 proposed game …"): chatter, not instructions. */
const isChatter = (line: string) => /^\d\d:\d\d:\d\d /.test(line)

const devnet = spawn(process.execPath, ['--import', 'tsx', join(root, 'devnet', 'cli.ts'), ...devnetArgs], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] })
process.stdin.pipe(devnet.stdin!)
let browser: BrowserContext | undefined
let stopping = false

const stop = async (code = 0) => {
  if (stopping) return
  stopping = true
  await browser?.close().catch(() => undefined)
  if (devnet.exitCode === null) {
    devnet.kill('SIGINT')
    await new Promise((r) => devnet.once('exit', r))
  }
  process.exit(code)
}
process.on('SIGINT', () => void stop(0))
process.on('SIGTERM', () => void stop(0))
devnet.on('exit', (code) => {
  if (!stopping) {
    console.error(`the devnet stopped (exit ${code})`)
    void stop(code ?? 1)
  }
})

let ready = false
let pending = ''
devnet.stdout!.on('data', (chunk: Buffer) => {
  pending += chunk.toString()
  const lines = pending.split('\n')
  pending = lines.pop() ?? ''
  for (const line of lines) {
    log.write(`${line}\n`)
    if (verbose || !isChatter(line)) process.stdout.write(`${line}\n`)
  }
  if (!ready && lines.some((l) => l.includes('Ready in'))) {
    console.log(`(devnet service messages go to ${logPath}${verbose ? '' : '; start with --verbose to see them here'})`)
    ready = true
    void afterDevnet().catch((e) => {
      console.error(e instanceof Error ? e.message : String(e))
      void stop(1)
    })
  }
})

async function afterDevnet() {
  const build = spawnSync(process.execPath, [join(root, 'build.mjs'), '--dev'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) throw new Error('the extension build failed')
  const ext = join(root, 'dist', 'chrome')
  const hasDisplay = !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform === 'darwin' || process.platform === 'win32'
  if (!noBrowser && !hasDisplay) {
    console.log('\nNo display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so Chromium is not opened.')
    console.log('To see the wallet: run `npm start` from a desktop session, or under a virtual display (`xvfb-run -a npm start`),')
    console.log('or load the built extension by hand in a browser on a machine with a screen, as below.')
  }
  if (noBrowser || !hasDisplay) {
    console.log(`\nThe wallet is built: load ${ext} as an unpacked extension (chrome://extensions, Developer mode, "Load unpacked"),`)
    console.log(`or ${join(root, 'dist', 'firefox')} in Firefox (about:debugging, "Load Temporary Add-on", pick its manifest.json).`)
    console.log('Import the test mnemonic above to use the funded devnet accounts.')
    return
  }
  // asked before Chromium creates the profile: afterwards it always exists
  const firstStart = !existsSync(join(root, '.cache', 'profile', 'Default'))
  browser = await chromium.launchPersistentContext(join(root, '.cache', 'profile'), {
    executablePath: chromiumPath(),
    headless: false,
    viewport: null,
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-first-run', '--disable-background-networking', '--disable-sync'],
  })
  browser.on('close', () => void stop(0))
  console.log(`\nChromium is open with the wallet (profile: .cache/profile). Import the test mnemonic above to use the funded accounts.`)
  if (firstStart) console.log('First start: the onboarding page opens by itself.')
}
