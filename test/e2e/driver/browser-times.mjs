// A node:test reporter for the e2e step: the time and the pass / fail counts of each browser's
// scenarios (the top-level "chromium" / "firefox" suites of test/e2e/scenarios), written as JSON
// to the reporter's destination; test/run.mjs prints them in its summary.
export default async function* browserTimes(source) {
  const totals = {}
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue
    const { name, nesting, details } = event.data
    if (nesting === 0 && (name === 'chromium' || name === 'firefox')) {
      const t = (totals[name] ??= { ms: 0, suites: 0, failedSuites: 0 })
      t.ms += details?.duration_ms ?? 0
      t.suites += 1
      if (event.type === 'test:fail') t.failedSuites += 1
    }
    if (nesting === 1) {
      const browser = /^(chromium|firefox): /.exec(name)?.[1]
      if (browser) {
        const t = (totals[browser] ??= { ms: 0, suites: 0, failedSuites: 0 })
        t.pass = (t.pass ?? 0) + (event.type === 'test:pass' ? 1 : 0)
        t.fail = (t.fail ?? 0) + (event.type === 'test:fail' ? 1 : 0)
      }
    }
  }
  yield JSON.stringify(totals)
}
