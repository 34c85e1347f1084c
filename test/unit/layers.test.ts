// The house's arrows point one way. This test reads every import of src/, ui/, background/ and
// content/ (type-only ones included) and fails on any import cycle and on any import against the
// order below. It reads source text only, so it runs in a second.
//
// The layers of src/, lowest first. A file may import files of its own layer or of a lower one,
// never of a higher one:
//
//   base       util/ errors.ts brand.ts abi/ topics/   things every layer uses and that use nothing of the wallet
//   wire       wire/          what crosses between contexts: the page protocol, the envelope, ids, pushes,
//                             their guards, the typed client and server, the call contracts' shapes.
//                             content/ needs this and nothing else of the wallet
//   storage    storage/       the KV, the settings and their one writer, migrations, the guard
//   chains     chains/        networks, RPC clients, rollup discovery from a portal
//   tokens     tokens/        the token registry
//   prices     prices/        USD prices from on-chain feeds
//   keyring    keyring/       keys, vault, accounts, Substrate accounts
//   wallet     wallet/        the Wallet (keyring + settings + networks + alarms) and the Platform seam
//   activity   activity/      the wallet's own transactions and their watcher
//   tx         tx/            the basic transaction and fee types, and the one pipeline: prepare, quote, send
//   rollup     rollup/        proof systems, fees, exit times
//   approvals  approvals/     what a dApp asks the user to approve
//   balances   balances/      the balance engine
//   flows      flows/         the engine behind every multi-step flow
//   bridge     bridge/        deposits, withdrawals and their flows
//   claim      claim/         the PHA migration claim and its flow
//   names      names/         the address book, ENS names, recent recipients
//   simulate   simulate/      what a transaction would do (simulated on the chain's RPC) and its warnings
//   typed      typed/         typed data and messages as a person reads them, permits recognised
//   allowances allowances/    every approval of an account, found from logs, and their revoke
//   provider   provider/ send/  the EIP-1193 router, the send screen's core
//   calls      */calls.ts     each domain's UI call contracts beside their handlers
//   top        calls.ts topics.ts storage-map.ts   the assembled contracts, topics and storage map
//   root       core.ts        the composition root
//
// Around src/: background/, ui/ and content/ may import src/; src/ imports none of them; ui/ and
// background/ never import each other; content/ imports only the base and wire layers (and the
// settings it reads to decide about window.ethereum); src/calls.ts and src/topics.ts are imported
// by ui/ and background/ only, src/core.ts by background/ only.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cycles, graphOf, readSources, type Graph } from '../support/imports.ts'

const root = new URL('../../', import.meta.url).pathname

const LAYERS: [name: string, owns: (f: string) => boolean][] = [
  ['base', (f) => /^src\/(util|abi|topics)\//.test(f) || f === 'src/errors.ts' || f === 'src/brand.ts'],
  ['wire', (f) => f.startsWith('src/wire/')],
  ['storage', (f) => f.startsWith('src/storage/')],
  ['chains', (f) => f.startsWith('src/chains/')],
  ['tokens', (f) => f.startsWith('src/tokens/')],
  ['prices', (f) => f.startsWith('src/prices/')],
  ['keyring', (f) => f.startsWith('src/keyring/')],
  ['wallet', (f) => f.startsWith('src/wallet/')],
  ['activity', (f) => f.startsWith('src/activity/')],
  ['tx', (f) => f.startsWith('src/tx/')],
  ['rollup', (f) => f.startsWith('src/rollup/')],
  ['approvals', (f) => f.startsWith('src/approvals/')],
  ['balances', (f) => f.startsWith('src/balances/')],
  ['flows', (f) => f.startsWith('src/flows/')],
  ['bridge', (f) => f.startsWith('src/bridge/')],
  ['claim', (f) => f.startsWith('src/claim/')],
  ['names', (f) => f.startsWith('src/names/')],
  ['simulate', (f) => f.startsWith('src/simulate/')],
  ['typed', (f) => f.startsWith('src/typed/')],
  ['allowances', (f) => f.startsWith('src/allowances/')],
  ['provider', (f) => f.startsWith('src/provider/') || f.startsWith('src/send/')],
  ['calls', () => false],
  ['top', (f) => ['src/calls.ts', 'src/topics.ts', 'src/storage-map.ts'].includes(f)],
  ['root', (f) => f === 'src/core.ts'],
]

export function layerOf(file: string): number {
  if (/^src\/[^/]+\/calls\.ts$/.test(file)) return LAYERS.findIndex(([n]) => n === 'calls')
  return LAYERS.findIndex(([, owns]) => owns(file))
}

const context = (f: string) => f.split('/')[0]

/** Every import against the rules above, as "from -> to: why". */
export function violations(g: Graph): string[] {
  const out: string[] = []
  for (const [from, deps] of g) {
    for (const to of deps) {
      const [cf, ct] = [context(from), context(to)]
      if (cf === 'src') {
        if (ct !== 'src') out.push(`${from} -> ${to}: src/ imports nothing outside src/`)
        else {
          const [lf, lt] = [layerOf(from), layerOf(to)]
          if (lf < 0) out.push(`${from}: not in any layer (add it to the order in test/unit/layers.test.ts)`)
          else if (lt < 0) out.push(`${to}: not in any layer`)
          else if (lt > lf) out.push(`${from} (${LAYERS[lf][0]}) -> ${to} (${LAYERS[lt][0]}): a lower layer imports a higher one`)
        }
        continue
      }
      if ((cf === 'ui' && ct === 'background') || (cf === 'background' && ct === 'ui')) out.push(`${from} -> ${to}: ui/ and background/ share only src/`)
      if (cf === 'content' && ct !== 'content') {
        const l = layerOf(to)
        if (!(ct === 'src' && (l <= 1 || to === 'src/storage/settings.ts'))) out.push(`${from} -> ${to}: content/ needs only the wire layer`)
      }
      if (to === 'src/core.ts' && cf !== 'background') out.push(`${from} -> ${to}: only background/ builds the core`)
      if ((to === 'src/calls.ts' || to === 'src/topics.ts') && cf !== 'ui' && cf !== 'background' && from !== 'src/core.ts') out.push(`${from} -> ${to}: only ui/ and background/ (and the core) use the assembled calls and topics`)
    }
  }
  return out
}

const real = () => graphOf(readSources(root, ['src', 'ui', 'background', 'content']))

test('no import cycle anywhere in src/, ui/, background/, content/ (type-only imports included)', () => {
  const found = cycles(real())
  assert.deepEqual(found, [], `import cycles:\n${found.map((c) => c.join(' -> ')).join('\n')}`)
})

test('every import follows the layer order and the rules between contexts', () => {
  const g = real()
  const files = [...g.keys()].filter((f) => f.startsWith('src/'))
  assert.ok(files.length > 100, `the test sees the tree (${files.length} files)`)
  assert.deepEqual(violations(g), [])
})

test('self-test: a planted cycle and planted layer violations are caught', () => {
  const planted = new Map(readSources(root, ['src', 'ui', 'background', 'content']))
  // a cycle through a type-only import: tx/types.ts -> bridge/types.ts -> tx/types.ts
  planted.set('src/tx/types.ts', `${planted.get('src/tx/types.ts')}\nimport type { BridgeItem } from '../bridge/types.ts'\n`)
  planted.set('src/bridge/types.ts', `${planted.get('src/bridge/types.ts')}\nimport type { PreparedTx } from '../tx/types.ts'\n`)
  // content reaching past the wire layer, ui reaching into background
  planted.set('content/relay.ts', `${planted.get('content/relay.ts')}\nimport { Keyring } from '../src/keyring/keyring.ts'\n`)
  planted.set('ui/lib/background.ts', `${planted.get('ui/lib/background.ts')}\nexport { browserKV } from '../../background/storage.ts'\n`)
  const g = graphOf(planted)
  const cyc = cycles(g)
  assert.ok(cyc.some((c) => c.includes('src/tx/types.ts') && c.includes('src/bridge/types.ts')), 'the planted cycle is found')
  const v = violations(g)
  assert.ok(v.some((x) => x.startsWith('src/tx/types.ts (tx) -> src/bridge/types.ts (bridge)')), v.join('\n'))
  assert.ok(v.some((x) => x.startsWith('content/relay.ts -> src/keyring/keyring.ts')), v.join('\n'))
  assert.ok(v.some((x) => x.startsWith('ui/lib/background.ts -> background/storage.ts')), v.join('\n'))
  // and a comment that shows an import is not one
  assert.deepEqual(graphOf(new Map([['src/a.ts', "// import { x } from './b.ts'\n/* export * from './c.ts' */\n"]])).get('src/a.ts'), [])
})
