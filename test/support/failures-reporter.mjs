// A node:test reporter for test/run.mjs: each failed test (not the suites that failed only because a
// test inside them did, nor tests cancelled with their parent) with the first lines of its error,
// written as JSON lines to the reporter's destination. The run's summary prints them last, so that
// the end of a run's output says why each test failed, not only which.
export default async function* failures(source) {
  for await (const event of source) {
    if (event.type !== 'test:fail') continue
    const { name, file, details } = event.data
    const error = details?.error
    if (error?.failureType === 'subtestsFailed' || error?.failureType === 'cancelledByParent') continue
    const message = String(error?.cause?.message ?? error?.cause ?? error?.message ?? 'failed')
    yield `${JSON.stringify({ name, file, message: message.split('\n').filter((l) => l.trim()).slice(0, 3).map((l) => l.slice(0, 300)).join('\n') })}\n`
  }
}
