// web-ext lint on dist/firefox (offline). Fails on any error and on any warning that is in our
// control; prints every message. The only warning allowed is the one named in KNOWN below, which
// comes from a library's code, not ours (the README lists it with its reason).
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const dir = (process.env.RW_DIST ?? 'dist') + '/firefox'
const r = spawnSync(process.execPath, ['node_modules/web-ext/bin/web-ext.js', 'lint', '--source-dir', dir, '--self-hosted', '--output', 'json'], {
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

/**
 * Preact's renderer assigns `innerHTML` only for the `dangerouslySetInnerHTML` prop (and clears it
 * when that prop goes away). The wallet never passes that prop (test/unit/no-inner-html.test.ts
 * fails the build if ui/ ever does), so the assignment is dead code for us; the linter cannot know.
 */
const KNOWN = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    why: "preact's dangerouslySetInnerHTML path (never used by the wallet)",
    matches: (m) => /innerHTML/.test(m.message) && typeof m.file === 'string' && fileHas(m.file, 'dangerouslySetInnerHTML'),
  },
]

function fileHas(file, text) {
  try {
    return readFileSync(`${dir}/${file}`, 'utf8').includes(text)
  } catch {
    return false
  }
}

let unexpected = 0
for (const kind of ['errors', 'warnings', 'notices']) {
  for (const m of report[kind]) {
    const known = kind === 'warnings' ? KNOWN.find((k) => k.code === m.code && k.matches(m)) : undefined
    if (kind === 'warnings' && !known) unexpected++
    console.log(`${kind.slice(0, -1)}: ${m.code} ${m.file ?? ''} ${m.message}${known ? ` (known: ${known.why})` : ''}`)
  }
}
console.log(`lint-firefox: ${report.summary.errors} errors, ${report.summary.warnings} warnings (${unexpected} in our control), ${report.summary.notices} notices`)
process.exit(report.summary.errors === 0 && unexpected === 0 ? 0 : 1)
