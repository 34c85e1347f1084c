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
const GZIP_BUDGET_KB: Record<string, number> = { 'popup.js': 60 }

export async function benchBundles(): Promise<BenchResult[]> {
  const chrome = join(distDir, 'chrome')
  if (!existsSync(chrome)) throw new Error('dist/chrome is missing: run `npm run build` first')
  const rows: BenchResult[] = []
  for (const name of readdirSync(chrome).filter((n) => n.endsWith('.js') || n.endsWith('.css')).sort()) {
    const buf = readFileSync(join(chrome, name))
    const gz = gzipSync(buf, { level: 9 }).length
    rows.push({ name: `${name} raw`, value: kb(buf.length), unit: 'KB', budget: Infinity })
    rows.push({ name: `${name} gzip`, value: kb(gz), unit: 'KB', budget: GZIP_BUDGET_KB[name] ?? Infinity })
  }
  for (const b of ['chrome', 'firefox']) {
    rows.push({ name: `dist/${b} unpacked (without source maps)`, value: kb(dirSize(join(distDir, b))), unit: 'KB', budget: 1200 })
  }
  return rows
}

const kb = (bytes: number) => Math.round(bytes / 100) / 10
