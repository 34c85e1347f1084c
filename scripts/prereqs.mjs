// Installs what the tests need and a fresh Debian machine lacks: Debian's chromium and firefox-esr.
// (The anvil binary comes with `npm ci`: @foundry-rs/anvil-linux-amd64, the Linux x64 build of anvil.)
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

const wanted = [
  { pkg: 'chromium', paths: [process.env.CHROMIUM_PATH, '/usr/bin/chromium'] },
  { pkg: 'firefox-esr', paths: [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr'] },
]
const missing = wanted.filter((w) => !w.paths.some((p) => p && existsSync(p))).map((w) => w.pkg)
if (!missing.length) {
  console.log('prereqs: chromium and firefox-esr are installed')
  process.exit(0)
}
const root = typeof process.getuid === 'function' && process.getuid() === 0
const sudo = root ? [] : ['sudo', '-n']
const run = (args) => {
  console.log(`prereqs: ${[...sudo, ...args].join(' ')}`)
  const r = spawnSync(sudo[0] ?? args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  if (r.status !== 0) {
    console.error(`prereqs: could not install ${missing.join(', ')}; install them (apt-get install -y ${missing.join(' ')}) and run again`)
    process.exit(1)
  }
}
run(['apt-get', 'update', '-qq'])
run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing])
