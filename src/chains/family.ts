// Networks grouped the way a rollup user thinks of them: an L1 and the rollups that settle to it
// ("Ethereum and its rollups", "Sepolia and its rollups", "the local devnet").

/** What grouping needs of a network (a Network, or the popup's cached ChainMeta mapped to it). */
export interface ChainLink {
  chainId: number
  rollup?: { l1ChainId: number } | undefined
}

/** The chain id of the L1 a network belongs to (itself for an L1). */
export function l1ChainOf(n: ChainLink): number {
  return n.rollup?.l1ChainId ?? n.chainId
}

/** The L1 first, then its rollups in list order. Unknown chain: empty. */
export function familyOf<N extends ChainLink>(networks: N[], chainId: number): N[] {
  const n = networks.find((x) => x.chainId === chainId)
  if (!n) return []
  const l1 = l1ChainOf(n)
  const members = networks.filter((x) => l1ChainOf(x) === l1)
  return [...members.filter((x) => x.chainId === l1), ...members.filter((x) => x.chainId !== l1)]
}

/** Every family, as L1 chain ids in list order (an L2 whose L1 is unknown counts as its own). */
export function families<N extends ChainLink>(networks: N[]): number[] {
  const ids = new Set(networks.map((n) => n.chainId))
  const out: number[] = []
  for (const n of networks) {
    const l1 = ids.has(l1ChainOf(n)) ? l1ChainOf(n) : n.chainId
    if (!out.includes(l1)) out.push(l1)
  }
  return out
}

/** A name short enough for a column: "Devnet OP 901 (fault proofs)" -> "Devnet OP 901". */
export function shortName(name: string): string {
  const bare = name.replace(/\s*\(.*\)\s*$/, '').trim()
  return bare.length <= 14 ? bare : `${bare.slice(0, 13)}…`
}
