// Bundles the test dApps (test/e2e/dapps/*.ts) with esbuild so a plain page on 127.0.0.1 can load
// them, and serves each at /<name>.html.
import * as esbuild from 'esbuild'
import { join } from 'node:path'

const dir = new URL('../dapps/', import.meta.url).pathname

export async function dappRoutes(names: string[]): Promise<Record<string, { type: string; body: string }>> {
  const routes: Record<string, { type: string; body: string }> = {}
  for (const name of names) {
    const out = await esbuild.build({ entryPoints: [join(dir, `${name}.ts`)], bundle: true, write: false, format: 'iife', target: 'chrome111', logLevel: 'error' })
    routes[`/${name}.js`] = { type: 'text/javascript', body: out.outputFiles[0].text }
    routes[`/${name}.html`] = {
      type: 'text/html; charset=utf-8',
      body: `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title></head><body><h1>${name}</h1><script src="/${name}.js"></script></body></html>`,
    }
  }
  return routes
}
