// Where Debian's Chromium (or another the user points to) lives: used by `npm start` to open the
// wallet and by the e2e tests to drive it.
import { existsSync } from 'node:fs'

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean) as string[]
  const found = candidates.find((p) => existsSync(p))
  if (!found) throw new Error('Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH')
  return found
}
