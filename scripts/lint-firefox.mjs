// web-ext lint on dist/firefox (offline): fails on any error, prints warnings with their reasons.
import { spawnSync } from 'node:child_process'

const r = spawnSync(process.execPath, ['node_modules/web-ext/bin/web-ext.js', 'lint', '--source-dir', (process.env.RW_DIST ?? 'dist') + '/firefox', '--self-hosted', '--output', 'json'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
})
let report
try {
  report = JSON.parse(r.stdout)
} catch {
  console.error(r.stdout, r.stderr)
  console.error('lint-firefox: web-ext lint did not produce a report')
  process.exit(1)
}
for (const kind of ['errors', 'warnings', 'notices']) {
  for (const m of report[kind]) console.log(`${kind.slice(0, -1)}: ${m.code} ${m.file ?? ''} ${m.message}`)
}
console.log(`lint-firefox: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`)
process.exit(report.summary.errors === 0 ? 0 : 1)
