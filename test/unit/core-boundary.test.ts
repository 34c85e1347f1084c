// The core's boundary is a checked rule: src/ is platform-free. tsconfig.core.json typechecks it
// without DOM types; this test catches what types cannot (imports and browser globals by name).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('../../', import.meta.url).pathname
const srcDir = join(root, 'src')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|tsx)$/.test(n) ? [p] : []
  })
}

/** Code without comments and string contents, so "window" in a sentence does not count. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, '""')
}

export function boundaryViolations(file: string, text: string): string[] {
  const out: string[] = []
  const imports = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? m[3])
  for (const spec of imports) {
    if (spec === 'webextension-polyfill') out.push(`${file}: imports webextension-polyfill`)
    if (spec.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'http', 'net', 'crypto'].includes(spec)) out.push(`${file}: imports node module "${spec}"`)
    if (/^\.\.?\//.test(spec) && /(^|\/)(background|content|ui|devnet|test|bench)\//.test(spec.replace(/^(\.\.\/)+/, ''))) out.push(`${file}: imports outside src ("${spec}")`)
    if (spec.startsWith('preact')) out.push(`${file}: imports preact (ui belongs in ui/)`)
  }
  const code = codeOnly(text)
  for (const name of ['window', 'document', 'chrome', 'browser', 'localStorage', 'navigator']) {
    const re = new RegExp(`(?<![\\w$.'"])${name}(?=\\s*[.\\[(]|\\s*$)`, 'm')
    if (re.test(code)) out.push(`${file}: touches the global "${name}"`)
  }
  return out
}

test('src/ never imports webextension-polyfill, node or ui code, and never touches browser globals', () => {
  const files = sources(srcDir)
  assert.ok(files.length > 5, 'src/ has sources')
  const violations = files.flatMap((f) => boundaryViolations(relative(root, f), readFileSync(f, 'utf8')))
  assert.deepEqual(violations, [])
})

test('the boundary check catches each kind of violation (it can fail)', () => {
  assert.equal(boundaryViolations('x.ts', `import browser from 'webextension-polyfill'`).length, 1)
  assert.equal(boundaryViolations('x.ts', `import { readFileSync } from 'node:fs'`).length, 1)
  assert.equal(boundaryViolations('x.ts', `import { bg } from '../../ui/lib/background.ts'`).length, 1)
  assert.equal(boundaryViolations('x.ts', `const t = document.title`).length, 1)
  assert.equal(boundaryViolations('x.ts', `window.ethereum = {}`).length, 1)
  assert.equal(boundaryViolations('x.ts', `chrome.runtime.id`).length, 1)
  assert.equal(boundaryViolations('x.ts', `await browser.storage.local.get()`).length, 1)
  assert.deepEqual(boundaryViolations('x.ts', `// the window closes\nconst msg = 'open a browser window'\nconst o = { browser: 1 }; o.browser`), [])
})
