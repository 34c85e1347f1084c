// The one test command (`npm test`, also what .ci/run calls): every step in order, a summary at the end.
// Steps: prereqs (chromium, firefox-esr), typecheck, core boundary, unit (node), build, integration (node against the devnet), e2e (Chromium;
// the scenarios in test/e2e/scenarios in Chromium and Firefox), web-ext lint. `npm test -- unit` (or any step names) runs only those steps.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const only = process.argv.slice(2)

function files(dir, suffix) {
  const out = []
  const walk = (d) => {
    if (!existsSync(d)) return
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (p.endsWith(suffix)) out.push(relative(root, p))
    }
  }
  walk(join(root, dir))
  return out
}

// each failed test with the first lines of its error, per step (test/support/failures-reporter.mjs)
const failuresFile = (step) => join(root, '.cache', `failures-${step}.jsonl`)

function nodeTests(dir, concurrency, timeoutMs = 600_000) {
  const list = files(dir, '.test.ts')
  if (!list.length) return { cmd: null, why: `no tests in ${dir}` }
  const step = dir.split('/').pop()
  rmSync(failuresFile(step), { force: true })
  return {
    cmd: [process.execPath, '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, `--test-timeout=${timeoutMs}`, '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=./test/support/failures-reporter.mjs', `--test-reporter-destination=${failuresFile(step)}`, ...list],
  }
}

const browserTimesFile = join(root, '.cache', 'e2e-browsers.json')

const steps = [
  ['prereqs', () => ({ cmd: [process.execPath, 'scripts/prereqs.mjs'] })],
  ['typecheck', () => ({ cmd: [process.execPath, 'node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json'] })],
  ['core-boundary', () => ({ cmd: [process.execPath, 'node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.core.json'] })],
  ['unit', () => nodeTests('test/unit', 2)],
  // the e2e tests run against the devnet: the build with its networks (a release has none)
  ['build', () => ({ cmd: [process.execPath, 'build.mjs', '--devnet'] })],
  ['integration', () => nodeTests('test/integration', 1)],
  // (each browser's time in the scenarios goes to .cache/e2e-browsers.json, printed in the summary)
  ['e2e', () => {
    rmSync(browserTimesFile, { force: true })
    const t = nodeTests('test/e2e', 1)
    if (t.cmd) t.cmd.splice(t.cmd.indexOf('--test-reporter=spec') + 2, 0, '--test-reporter=./test/e2e/driver/browser-times.mjs', `--test-reporter-destination=${browserTimesFile}`)
    return t
  }],
  ['lint-firefox', () => ({ cmd: [process.execPath, 'scripts/lint-firefox.mjs'] })],
]

mkdirSync(join(root, '.cache'), { recursive: true })
const results = []
for (const [name, make] of steps) {
  if (only.length && !only.includes(name)) continue
  const { cmd, why } = make()
  if (!cmd) { results.push([name, 'skip', why, 0]); continue }
  console.log(`\n=== ${name}: ${cmd.slice(1).join(' ').slice(0, 200)}`)
  const t0 = Date.now()
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } })
  results.push([name, r.status === 0 ? 'pass' : 'FAIL', r.status === 0 ? '' : `exit ${r.status ?? r.signal}`, Date.now() - t0])
}

console.log('\n=== summary')
for (const [name, state, why, ms] of results) console.log(`${state.padEnd(5)} ${name.padEnd(14)} ${(ms / 1000).toFixed(1).padStart(7)} s  ${why}`)
if (results.some((r) => r[0] === 'e2e') && existsSync(browserTimesFile)) {
  try {
    const { browsers, flows } = JSON.parse(readFileSync(browserTimesFile, 'utf8'))
    for (const [browser, t] of Object.entries(browsers)) {
      console.log(`      e2e ${browser.padEnd(10)} ${(t.ms / 1000).toFixed(1).padStart(7)} s  ${t.pass ?? 0} scenario tests passed, ${t.fail ?? 0} failed`)
    }
    // each flow of the scenarios (written once, run by both drivers) with its result in each browser
    const names = Object.keys(browsers)
    console.log(`\n=== e2e flows (${names.join(', ')})`)
    for (const [flow, by] of Object.entries(flows)) {
      const cells = names.map((b) => `${b} ${(by[b] ?? '—').padEnd(4)}`).join('  ')
      console.log(`${cells}  ${flow.length > 150 ? `${flow.slice(0, 149)}…` : flow}`)
    }
  } catch {
    // no per-browser results: the step's own line stands
  }
}
// why each test failed, last (a run's output is often read from its end)
const why = []
for (const [name, state] of results) {
  if (state !== 'FAIL' || !['unit', 'integration', 'e2e'].includes(name) || !existsSync(failuresFile(name))) continue
  for (const line of readFileSync(failuresFile(name), 'utf8').split('\n').filter(Boolean)) {
    try {
      const f = JSON.parse(line)
      why.push(`${name} · ${f.file ? relative(root, f.file) : '?'} · ${f.name}\n    ${f.message.replace(/\n/g, '\n    ')}`)
    } catch {
      // a line cut short: skip it
    }
  }
}
if (why.length) {
  console.log(`\n=== why (${why.length} failed test${why.length === 1 ? '' : 's'}${why.length > 15 ? ', the first 15' : ''})`)
  for (const w of why.slice(0, 15)) console.log(w)
}
const failed = results.filter((r) => r[1] === 'FAIL')
console.log(failed.length ? `\n${failed.length} step(s) failed` : '\nall steps passed')
process.exit(failed.length ? 1 : 0)
