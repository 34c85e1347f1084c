// Builds the extension for Chrome and Firefox: dist/chrome/, dist/firefox/ (each loadable unpacked)
// and, for a release, a zip of each (without source maps) for the stores.
//   node build.mjs            release: minified, external source maps kept out of the zips, and no
//                             devnet: the shipped networks only (test/unit/release-build.test.ts checks
//                             that no local network is in the zips)
//   node build.mjs --devnet   the release's minified bundles with the local devnet's networks as the
//                             default (what the e2e tests and the benchmarks load); no zips
//   node build.mjs --dev      readable bundles with inline source maps, with the devnet (npm start)
//   node build.mjs --watch    --dev, rebuilding on every change
import * as esbuild from 'esbuild'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { iconPng } from './scripts/build/png.mjs'
import { zipDir } from './scripts/build/zip.mjs'
import { iconMarkup } from './scripts/build/icons.mjs'

const root = new URL('.', import.meta.url).pathname
const args = new Set(process.argv.slice(2))
const watch = args.has('--watch')
const dev = watch || args.has('--dev')
/** the local devnet's networks are embedded only in development and test builds, never in a release */
const withDevnet = dev || args.has('--devnet')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
// RW_DIST moves the output (several builds side by side, e.g. parallel test runs); default dist/
const dist = process.env.RW_DIST ? join(root, process.env.RW_DIST) : join(root, 'dist')

/** Scripts, and the UI pages that load them. */
const SCRIPTS = {
  background: 'background/index.ts',
  inpage: 'content/inpage.ts',
  relay: 'content/relay.ts',
  // the popup's first, small script: the picture of Home from the last open, shown while the main
  // script loads and the background answers (ui/popup/snapshot-boot.ts)
  'popup-snapshot': 'ui/popup/snapshot-boot.ts',
}
const PAGES = {
  // the popup's first frame is in its HTML: what its first render draws while it asks the background
  // for the wallet's state (ui/popup/App.tsx), painted as soon as the stylesheet is in, not once
  // the scripts are fetched and run; the first render replaces it (ui/popup/main.tsx). Its `first`
  // script, async and ahead of the main one, shows the picture of Home from the last open instead
  popup: {
    entry: 'ui/popup/main.tsx',
    title: 'Rollup Wallet',
    first: 'popup-snapshot',
    shell: '<div class="popup"><header class="popup-header brand-only"><span class="brand"><span class="brand-mark" aria-hidden="true">◎</span> Rollup Wallet</span></header><main class="view gate" id="main"></main></div>',
  },
  app: { entry: 'ui/app/main.tsx', title: 'Rollup Wallet' },
  approval: { entry: 'ui/approval/main.tsx', title: 'Rollup Wallet: approve' },
}

/** What the wallet embeds of the devnet: networks and contracts, never the test keys. */
function devnetForBundle() {
  if (!withDevnet) return null
  const file = join(root, 'devnet', 'manifest.json')
  if (!existsSync(file)) {
    console.warn('build: devnet/manifest.json not found; the wallet is built without the "Local devnet" networks')
    return null
  }
  const m = JSON.parse(readFileSync(file, 'utf8'))
  delete m.mnemonic
  delete m.accounts
  if (Array.isArray(m.substrateAccounts)) m.substrateAccounts = m.substrateAccounts.map(({ suri, ...pub }) => pub)
  return m
}

function manifestFor(browser) {
  const base = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'))
  base.version = pkg.version
  if (browser === 'firefox') {
    delete base.minimum_chrome_version
    // Firefox runs the background as an event page (`scripts`); dist/firefox is only for Firefox,
    // so it carries no `service_worker` key (web-ext lint: BACKGROUND_SERVICE_WORKER_IGNORED).
    base.background = { scripts: ['background.js'] }
    base.browser_specific_settings = {
      gecko: {
        id: 'wallet@rollupwallet.io',
        // 140 (the ESR line since 2025-06) is the first to read data_collection_permissions,
        // which AMO requires of new add-ons; Firefox for Android reads it from 142.
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    }
  }
  return base
}

function html(title, script, shell = '', first = '') {
  const split = SPLIT_PAGES.includes(script)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
${first ? `<script async src="${first}.js"></script>\n` : ''}${split ? '' : `<script defer src="${script}.js"></script>\n`}<link rel="stylesheet" href="styles.css">
${(preloads[script] ?? []).map((f) => `<link rel="modulepreload" href="${f}">\n`).join('')}</head>
<body>
<div id="root">${shell}</div>
${split ? `<script type="module" src="${script}.js"></script>\n` : ''}</body>
</html>
`
}

/**
 * One copy of a library npm installed twice in one minor version: viem and ox pin @noble/curves
 * 1.9.1 while @scure/bip32 and @scure/sr25519 share a newer 1.9 patch at the top level. Imports of
 * `pkg` from inside `from` resolve to the top-level copy when it is the same major.minor and no older
 * (a patch release is compatible by semver), so the bundle carries it once.
 */
function samePackageOnce(pairs) {
  const version = (dir) => {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version.split('.').map(Number)
    } catch {
      return null
    }
  }
  const rules = pairs
    .map(({ pkg, from }) => ({ pkg, from: join(root, 'node_modules', from) }))
    .filter((r) => {
      const a = version(join(r.from, 'node_modules', r.pkg))
      const b = version(join(root, 'node_modules', r.pkg))
      return a && b && a[0] === b[0] && a[1] === b[1] && b[2] >= a[2]
    })
  return {
    name: 'same-package-once',
    setup(b) {
      b.onResolve({ filter: /^@noble\// }, (args) => {
        if (args.pluginData?.redirected) return undefined
        const rule = rules.find((r) => (args.path === r.pkg || args.path.startsWith(`${r.pkg}/`)) && args.importer.startsWith(`${r.from}/`))
        if (!rule) return undefined
        return b.resolve(args.path, { kind: args.kind, resolveDir: root, pluginData: { redirected: true } })
      })
    },
  }
}

const dedupe = samePackageOnce([
  { pkg: '@noble/curves', from: 'viem' },
  { pkg: '@noble/curves', from: 'ox' },
])

const common = {
  absWorkingDir: root,
  outdir: join(dist, 'chrome'),
  bundle: true,
  target: ['chrome111', 'firefox140'],
  platform: 'browser',
  minify: !dev,
  sourcemap: dev ? 'inline' : 'external',
  legalComments: 'none',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  metafile: true,
  logLevel: 'warning',
  define: {
    __DEVNET_MANIFEST__: JSON.stringify(devnetForBundle()),
    __WALLET_VERSION__: JSON.stringify(pkg.version),
    // the token and chain icons' SVG markup (scripts/build/icons.mjs)
    __ICONS__: JSON.stringify(await iconMarkup()),
    'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production'),
  },
  plugins: [dedupe],
}

/**
 * The pages make no RPC calls and recover no signatures (the background does): viem's lazily loaded
 * parts (CCIP read, secp256k1 for signature recovery, the WebSocket shim) would become chunks of their
 * own, each pulling viem's call action and its contract bytecode in with it, because esbuild follows
 * a dynamic import even in code it shakes out. In the pages a library's dynamic import resolves to a
 * module that fails loudly instead, so a page that ever needed one would say so.
 */
const noLazyLibraryChunks = {
  name: 'no-lazy-library-chunks',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' && args.importer.includes(`${join('node_modules')}/`) ? { path: args.path, namespace: 'page-lazy' } : undefined))
    b.onLoad({ filter: /.*/, namespace: 'page-lazy' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`The wallet's pages do not load ${args.path}: this runs in the background only`)})`,
      loader: 'js',
    }))
  },
}

/** The background and the content scripts: one self-contained file each (a worker and content scripts load no modules). */
const scriptOptions = { ...common, entryPoints: SCRIPTS, format: 'iife' }
/**
 * The popup opens on every click: one classic script of its own, fetched as soon as its HTML's head
 * is read and run once the body is parsed. Measured against ES modules with their chunks
 * modulepreloaded (bench/popup.ts, alternating builds), it paints the cached balances about 20 ms
 * sooner: one fetch of an extension file instead of five. Its first import asks the background for
 * the first screen (ui/popup/boot.ts).
 */
const popupOptions = { ...common, entryPoints: { popup: PAGES.popup.entry }, format: 'iife', plugins: [...common.plugins, noLazyLibraryChunks] }
/** The full-page app and the approval window: ES modules sharing chunks (preact, the components, the polyfill once). */
const SPLIT_PAGES = ['app', 'approval']
const pageOptions = {
  ...common,
  entryPoints: Object.fromEntries(SPLIT_PAGES.map((name) => [name, PAGES[name].entry])),
  format: 'esm',
  splitting: true,
  plugins: [...common.plugins, noLazyLibraryChunks],
  chunkNames: 'chunks/[name]-[hash]',
}

/**
 * Each split page's chunks that load before it runs (its static imports, and theirs), as
 * `<link rel="modulepreload">` in its HTML: the browser fetches and compiles them alongside the
 * page's own script instead of finding them only once that script is parsed (on the popup's
 * opening, a waterfall of two fetches of extension files in a row).
 */
let preloads = {}
function preloadsFrom(metafile) {
  const dir = join(dist, 'chrome')
  const rel = (p) => join(root, p).slice(dir.length + 1)
  const outputs = new Map(Object.entries(metafile.outputs).map(([p, o]) => [rel(p), o]))
  const out = {}
  for (const name of SPLIT_PAGES) {
    if (!outputs.has(`${name}.js`)) continue
    const seen = new Set()
    const walk = (file) => {
      for (const i of outputs.get(file)?.imports ?? []) {
        if (i.kind !== 'import-statement' || i.external) continue
        const f = rel(i.path)
        if (!seen.has(f)) {
          seen.add(f)
          walk(f)
        }
      }
    }
    walk(`${name}.js`)
    // the page's own script first: it is the largest, and its fetch starts before the body is parsed
    out[name] = [`${name}.js`, ...seen]
  }
  return out
}

/** One stylesheet for every page: ui/styles.css first, then each area's own .css files. */
function stylesheet() {
  const files = []
  const walk = (d) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n)
      if (statSync(p).isDirectory()) walk(p)
      else if (n.endsWith('.css') && p !== join(root, 'ui', 'styles.css')) files.push(p)
    }
  }
  walk(join(root, 'ui'))
  return [join(root, 'ui', 'styles.css'), ...files].map((f) => `/* ${f.slice(root.length)} */\n${readFileSync(f, 'utf8')}`).join('\n')
}

async function writeStatic() {
  const chrome = join(dist, 'chrome')
  mkdirSync(join(chrome, 'icons'), { recursive: true })
  for (const size of [16, 32, 48, 128]) writeFileSync(join(chrome, 'icons', `${size}.png`), iconPng(size))
  const css = stylesheet()
  writeFileSync(join(chrome, 'styles.css'), dev ? css : (await esbuild.transform(css, { loader: 'css', minify: true, target: ['chrome111', 'firefox140'] })).code)
  for (const [name, p] of Object.entries(PAGES)) writeFileSync(join(chrome, `${name}.html`), html(p.title, name, p.shell, p.first))
  writeFileSync(join(chrome, 'manifest.json'), JSON.stringify(manifestFor('chrome'), null, 2))
  const firefox = join(dist, 'firefox')
  rmSync(firefox, { recursive: true, force: true })
  cpSync(chrome, firefox, { recursive: true })
  writeFileSync(join(firefox, 'manifest.json'), JSON.stringify(manifestFor('firefox'), null, 2))
}

function zips() {
  for (const b of ['chrome', 'firefox']) {
    const out = join(dist, `rollup-wallet-${b}-${pkg.version}.zip`)
    const { files, bytes } = zipDir(join(dist, b), out)
    console.log(`build: ${out.slice(root.length)} (${files} files, ${(bytes / 1024).toFixed(1)} KiB)`)
  }
}

rmSync(dist, { recursive: true, force: true })
if (watch) {
  const onEnd = { name: 'static', setup: (b) => b.onEnd(async (r) => { if (!r.errors.length) { if (r.metafile && Object.values(r.metafile.outputs).some((o) => o.entryPoint === PAGES.app.entry)) preloads = preloadsFrom(r.metafile); await writeStatic(); console.log(`build: rebuilt ${new Date().toLocaleTimeString()}`) } }) }
  for (const o of [scriptOptions, popupOptions, pageOptions]) await (await esbuild.context({ ...o, plugins: [...o.plugins, onEnd] })).watch()
  console.log('build: watching for changes (Ctrl-C to stop)')
} else {
  const t0 = Date.now()
  const [scripts, popup, pages] = await Promise.all([esbuild.build(scriptOptions), esbuild.build(popupOptions), esbuild.build(pageOptions)])
  preloads = preloadsFrom(pages.metafile)
  await writeStatic()
  if (!withDevnet) zips()
  const metafile = { inputs: { ...scripts.metafile.inputs, ...popup.metafile.inputs, ...pages.metafile.inputs }, outputs: { ...scripts.metafile.outputs, ...popup.metafile.outputs, ...pages.metafile.outputs } }
  writeFileSync(join(dist, 'meta.json'), JSON.stringify(metafile))
  writeFileSync(join(dist, 'build-info.json'), JSON.stringify({ devnet: withDevnet, dev }))
  console.log(`build: dist/chrome and dist/firefox in ${Date.now() - t0} ms${dev ? ' (dev, with the devnet)' : withDevnet ? ' (with the devnet)' : ' (release: no devnet)'}`)
}
