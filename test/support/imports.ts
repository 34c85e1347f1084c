// Reads the import graph of TypeScript sources as text: every `import … from`, `import type … from`,
// `export … from` and `import('…')` of a relative path, type-only imports included (they tie
// modules together as much as any other for whoever changes them).
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g

/** path (relative to the root, '/'-separated) -> the relative paths it imports, resolved. */
export type Graph = Map<string, string[]>

export function graphOf(sources: Map<string, string>): Graph {
  const g: Graph = new Map()
  for (const [file, text] of sources) {
    const deps: string[] = []
    // strip comments so an example in prose is not an import
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1')
    for (const m of code.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]
      deps.push(normalize(join(dirname(file), spec)).split('\\').join('/'))
    }
    g.set(file, deps)
  }
  return g
}

export function readSources(root: string, dirs: string[]): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.set(relative(root, p).split('\\').join('/'), readFileSync(p, 'utf8'))
    }
  }
  for (const d of dirs) if (existsSync(join(root, d))) walk(join(root, d))
  return out
}

/** Every cycle of the graph (its strongly connected components of more than one file, or a file importing itself). */
export function cycles(g: Graph): string[][] {
  let index = 0
  const idx = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const on = new Set<string>()
  const out: string[][] = []
  const visit = (v: string) => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    on.add(v)
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue
      if (!idx.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!))
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = []
      let w: string
      do {
        w = stack.pop()!
        on.delete(w)
        c.push(w)
      } while (w !== v)
      if (c.length > 1 || (g.get(v) ?? []).includes(v)) out.push(c.sort())
    }
  }
  for (const v of g.keys()) if (!idx.has(v)) visit(v)
  return out
}
