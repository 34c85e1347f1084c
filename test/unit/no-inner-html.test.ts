// The wallet's pages never hand raw HTML to the DOM: no dangerouslySetInnerHTML, no innerHTML /
// outerHTML / insertAdjacentHTML writes in ui/, content/ or background/. scripts/lint-firefox.mjs
// relies on this to call the one innerHTML assignment web-ext lint finds (inside preact) dead code.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : []
  })
}

test('no page code writes raw HTML into the DOM', () => {
  const offenders: string[] = []
  for (const dir of ['ui', 'content', 'background']) {
    for (const f of files(join(root, dir))) {
      const text = readFileSync(f, 'utf8')
      if (/dangerouslySetInnerHTML|\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write\(/.test(text)) offenders.push(f.slice(root.length + 1))
    }
  }
  assert.deepEqual(offenders, [], `raw HTML written in: ${offenders.join(', ')}`)
})
