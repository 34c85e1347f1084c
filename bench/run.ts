// `npm run bench`: every measured budget, printed as a table. Figures are counts, sizes, ratios
// and medians; nothing here fails a test run, it reports.
import { spawnSync } from 'node:child_process'
import { benchBundles } from './bundle.ts'
import { benchPopupPaint } from './popup.ts'
import { benchKeyring, type BenchResult } from './keyring.ts'
import { benchProvider } from './provider.ts'

const root = new URL('../', import.meta.url).pathname
const only = process.argv.slice(2)

const suites: [string, () => Promise<BenchResult[]>][] = [
  ['bundle', benchBundles],
  ['popup', () => benchPopupPaint()],
  ['keyring', benchKeyring],
  ['provider', () => benchProvider()],
  ['browsers', async () => (await import('./browsers.ts')).benchBrowsers()],
  ['fees', async () => (await import('./fees.ts')).benchFees()],
  ['bridge', async () => (await import('./bridge.ts')).benchBridge()],
  ['exits', async () => (await import('./exits.ts')).benchExits()],
  ['balances', async () => (await import('./balances.ts')).benchBalances()],
  ['signing', async () => (await import('./signing.ts')).benchSigning()],
]

// the benchmarks run against the devnet: the minified build with its networks
const build = spawnSync(process.execPath, ['build.mjs', '--devnet'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(1)

let over = 0
for (const [name, run] of suites) {
  if (only.length && !only.includes(name)) continue
  console.log(`\n== ${name}`)
  try {
    for (const r of await run()) {
      const hasBudget = Number.isFinite(r.budget)
      const ok = !hasBudget || r.value <= r.budget
      if (!ok) over++
      console.log(`${hasBudget ? (ok ? 'pass' : 'OVER') : '    '}  ${String(r.value).padStart(9)} ${r.unit.padEnd(5)} ${hasBudget ? `(budget ${r.budget} ${r.unit})`.padEnd(20) : ''.padEnd(20)} ${r.name}`)
    }
  } catch (err) {
    over++
    console.log(`ERROR ${name}: ${(err as Error).message}`)
  }
}
console.log(over ? `\n${over} figure(s) over budget or failed` : '\nall figures within budget')
