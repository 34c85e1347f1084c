// Bundle sizes: raw and gzip per bundle, and the whole unpacked size of each dist.
import { gzipSync } from 'node:zlib'
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchResult } from './keyring.ts'
import { distDir } from '../test/e2e/support/browser.ts'


function dirSize(dir: string): number {
  return readdirSync(dir).reduce((sum, n) => {
    const p = join(dir, n)
    return sum + (statSync(p).isDirectory() ? dirSize(p) : n.endsWith('.map') ? 0 : statSync(p).size)
  }, 0)
}

/** Budgets in KB (1000 bytes) of gzip; only the popup has one at this stage. */
const GZIP_BUDGET_KB: Record<string, number> = { popup: 60 }

/** Each page's script with the chunks it imports before it runs (what a click on the icon loads). */
function pageClosures(chrome: string): { page: string; files: string[] }[] {
  const meta = JSON.parse(readFileSync(join(distDir, 'meta.json'), 'utf8')) as { outputs: Record<string, { imports: { path: string; kind: string }[] }> }
  const byName = new Map(Object.entries(meta.outputs).map(([k, o]) => [k.split('/chrome/')[1] ?? k, o]))
  const closure = (name: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(name)) return seen
    seen.add(name)
    for (const i of byName.get(name)?.imports ?? []) if (i.kind === 'import-statement') closure(i.path.split('/chrome/')[1] ?? i.path, seen)
    return seen
  }
  // every script the page's HTML loads (the popup's: its picture script and its main one), with their chunks
  const scripts = (page: string) => [...readFileSync(join(chrome, `${page}.html`), 'utf8').matchAll(/<script[^>]* src="([^"]+)"/g)].map((m) => m[1]!)
  return ['popup', 'app', 'approval']
    .filter((p) => existsSync(join(chrome, `${p}.html`)))
    .map((page) => ({ page, files: [...scripts(page).reduce((seen, s) => closure(s, seen), new Set<string>())] }))
}

export async function benchBundles(): Promise<BenchResult[]> {
  const chrome = join(distDir, 'chrome')
  if (!existsSync(chrome)) throw new Error('dist/chrome is missing: run `npm run build` first')
  const rows: BenchResult[] = []
  for (const name of readdirSync(chrome).filter((n) => n.endsWith('.js') || n.endsWith('.css')).sort()) {
    const buf = readFileSync(join(chrome, name))
    rows.push({ name: `${name} raw`, value: kb(buf.length), unit: 'KB', budget: Infinity })
    rows.push({ name: `${name} gzip`, value: kb(gzipSync(buf, { level: 9 }).length), unit: 'KB', budget: Infinity })
  }
  for (const { page, files } of pageClosures(chrome)) {
    const bufs = files.map((f) => readFileSync(join(chrome, f)))
    const gz = bufs.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0)
    rows.push({ name: `${page} page: ${files.join(' + ').replace(/chunks\/[^ ]+/g, 'chunk').replace(/( \+ chunk)+/, (m) => ` + ${m.split('chunk').length - 1} shared chunks`)}, gzip`, value: kb(gz), unit: 'KB', budget: GZIP_BUDGET_KB[page] ?? Infinity })
  }
  for (const b of ['chrome', 'firefox']) {
    rows.push({ name: `dist/${b} unpacked (without source maps)`, value: kb(dirSize(join(distDir, b))), unit: 'KB', budget: 1200 })
  }
  return rows
}

const kb = (bytes: number) => Math.round(bytes / 100) / 10
