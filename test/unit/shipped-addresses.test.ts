// Every address the wallet ships (networks' L1 contracts, tokens, claimers, price feeds) is an
// EIP-55 checksummed address, and equal to ../shared/FACTS.md wherever FACTS names it. A typo in a
// shipped address fails here, not on a user's screen ("Address … is invalid").
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { getAddress, isAddress } from 'viem'
import { BUILTIN_NETWORKS } from '../../src/chains/builtin.ts'
import { MAINNET_CLAIM } from '../../src/claim/config.ts'
import { BUILTIN_FEEDS } from '../../src/prices/feeds.ts'
import { BUILTIN_TOKENS } from '../../src/tokens/builtin.ts'

const root = new URL('../../', import.meta.url).pathname

/** [where, address] for every shipped address. */
function shipped(): [string, string][] {
  const out: [string, string][] = []
  for (const n of BUILTIN_NETWORKS) {
    for (const [k, v] of Object.entries(n.rollup ?? {})) if (typeof v === 'string' && v.startsWith('0x')) out.push([`${n.name} ${k}`, v])
  }
  for (const t of BUILTIN_TOKENS) for (const [chain, a] of Object.entries(t.addresses)) if (a !== 'native') out.push([`${t.symbol} on ${chain}`, a])
  for (const [k, v] of Object.entries(MAINNET_CLAIM.claimers)) out.push([`${k} claimer`, v])
  for (const [k, v] of Object.entries({ pha: MAINNET_CLAIM.pha, vpha: MAINNET_CLAIM.vpha })) for (const [side, a] of Object.entries(v)) out.push([`claim ${k} ${side}`, a])
  for (const f of BUILTIN_FEEDS) out.push([`${f.pair} feed on ${f.chainId}`, f.address])
  return out
}

test('every shipped address is EIP-55 checksummed', () => {
  const bad = shipped().filter(([, a]) => !isAddress(a, { strict: true }) || getAddress(a) !== a)
  assert.deepEqual(
    bad.map(([w, a]) => `${w}: ${a} (should be ${isAddress(a, { strict: false }) ? getAddress(a) : 'not an address'})`),
    [],
  )
})

test('the checksum check catches a one-letter case change (the OP Mainnet USDC typo)', () => {
  assert.equal(isAddress('0x0b2C639c533813f4Aa9D7837cAf62653d097Ff85', { strict: true }), false)
  assert.equal(isAddress('0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85', { strict: true }), true)
})

function facts(): string | null {
  for (const dir of [join(root, '..', 'shared'), join(root, '..', '..', 'shared'), join(root, 'shared')]) {
    const f = join(dir, 'FACTS.md')
    if (existsSync(f)) return readFileSync(f, 'utf8')
  }
  return null
}

const ADDRESS = /0x[0-9a-fA-F]{40}/g

test('shipped addresses equal ../shared/FACTS.md where FACTS names them', (t) => {
  const text = facts()
  if (!text) {
    if (process.env.CI) assert.fail('shared/FACTS.md not found beside the repository')
    return t.skip('shared/FACTS.md not found beside this checkout')
  }
  const rows = text.split('\n').filter((l) => l.startsWith('|'))
  const cells = (l: string) => l.split('|').slice(1, -1).map((c) => c.trim())
  const inFacts = new Map<string, string>()
  for (const a of text.match(ADDRESS) ?? []) inFacts.set(a.toLowerCase(), a)

  // 1. an address FACTS also has is spelled exactly as FACTS spells it
  for (const [where, a] of shipped()) {
    const f = inFacts.get(a.toLowerCase())
    if (f) assert.equal(a, f, `${where}`)
  }

  // 2. what FACTS names is what the wallet ships
  const byName = (name: string) => BUILTIN_NETWORKS.find((n) => n.name === name)!
  const row = (first: RegExp) => rows.find((l) => first.test(cells(l)[0] ?? ''))
  const cell = (first: RegExp, col = 1) => {
    const r = row(first)
    assert.ok(r, `FACTS has a row for ${first}`)
    return (cells(r)[col].match(ADDRESS) ?? [])[0]
  }
  const phala = byName('Phala L2').rollup!
  assert.equal(phala.portal, cell(/^OptimismPortal2 \(v/))
  assert.equal(phala.l1StandardBridge, cell(/^L1StandardBridge$/))
  assert.equal(phala.systemConfig, cell(/^SystemConfig$/))
  assert.equal(phala.disputeGameFactory, cell(/^DisputeGameFactory$/))

  // "| OP Mainnet | 10 | portal 0x…, DGF 0x…, L1StandardBridge 0x… | …"
  for (const r of rows) {
    const [name, id, contracts] = cells(r)
    if (!/^\d+$/.test(id ?? '') || !contracts) continue
    const n = BUILTIN_NETWORKS.find((x) => x.chainId === Number(id))
    assert.ok(n, `FACTS names chain ${id} (${name}); the wallet ships it`)
    const pick = (label: string) => contracts.match(new RegExp(`${label} (0x[0-9a-fA-F]{40})`))?.[1]
    assert.equal(n.rollup?.portal, pick('portal'), `${name} portal`)
    if (pick('DGF')) assert.equal(n.rollup?.disputeGameFactory, pick('DGF'), `${name} DGF`)
    if (pick('L1StandardBridge')) assert.equal(n.rollup?.l1StandardBridge, pick('L1StandardBridge'), `${name} L1StandardBridge`)
  }

  // "| PHA | Ethereum | 0x… |"
  const chainOf: Record<string, number> = { Ethereum: 1, 'Phala L2': 2035 }
  let tokens = 0
  for (const r of rows) {
    const [sym, chain, addr] = cells(r)
    const id = chainOf[chain ?? '']
    const token = BUILTIN_TOKENS.find((t) => t.symbol === sym || sym?.startsWith(`${t.symbol} `))
    if (!id || !token || !addr?.match(ADDRESS)) continue
    assert.equal(token.addresses[id], addr.match(ADDRESS)![0], `${sym} on ${chain}`)
    tokens++
  }
  assert.equal(tokens, 4, 'PHA and vPHA on Ethereum and Phala L2 are in FACTS')
  assert.equal(MAINNET_CLAIM.claimers.phala, cell(/^Phala claimer/))
  assert.equal(MAINNET_CLAIM.claimers.khala, cell(/^Khala claimer/))
})
