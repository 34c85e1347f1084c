// A node:test reporter for the e2e step: the time and the pass / fail counts of each browser's
// scenarios (the top-level "chromium" / "firefox" suites of test/e2e/scenarios), and each scenario
// test's result per browser (the flows: title → { chromium, firefox }), written as JSON
// to the reporter's destination; test/run.mjs prints them in its summary.
export default async function* browserTimes(source) {
  const browsers = {}
  const flows = {}
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue
    const { name, nesting, details, skip } = event.data
    if (nesting === 0 && (name === 'chromium' || name === 'firefox')) {
      const t = (browsers[name] ??= { ms: 0, suites: 0, failedSuites: 0 })
      t.ms += details?.duration_ms ?? 0
      t.suites += 1
      if (event.type === 'test:fail') t.failedSuites += 1
    }
    if (nesting === 1) {
      const m = /^(chromium|firefox): (.*)$/s.exec(name)
      if (m) {
        const [, browser, title] = m
        const t = (browsers[browser] ??= { ms: 0, suites: 0, failedSuites: 0 })
        const result = event.type === 'test:fail' ? 'FAIL' : skip ? 'skip' : 'pass'
        t.pass = (t.pass ?? 0) + (result === 'pass' ? 1 : 0)
        t.fail = (t.fail ?? 0) + (result === 'FAIL' ? 1 : 0)
        ;(flows[title] ??= {})[browser] = result
      }
    }
  }
  yield JSON.stringify({ browsers, flows })
}
