// The devnet's tokens (PHA and vPHA on its L1 and on each L2), from its manifest. They join the
// shipped PHA/vPHA entries, so the devnet shows PHA in the same row as mainnet would.
import type { DevnetManifest } from '../chains/devnet-manifest.ts'
import type { TokenDef } from './types.ts'

export function devnetTokens(m: DevnetManifest | null | undefined): TokenDef[] {
  if (!m) return []
  const out: TokenDef[] = []
  for (const [id, symbol, name] of [
    ['pha', 'PHA', 'Phala'],
    ['vpha', 'vPHA', 'Staked Phala (vault share)'],
  ] as const) {
    const addresses: TokenDef['addresses'] = {}
    const l1 = m.l1.contracts[id]
    if (l1) addresses[m.l1.chainId] = l1
    for (const l2 of m.l2s) {
      const a = l2.l2Contracts[id]
      if (a) addresses[l2.chainId] = a
    }
    if (Object.keys(addresses).length) out.push({ id, symbol, name, decimals: 18, addresses, source: 'devnet' })
  }
  return out
}
