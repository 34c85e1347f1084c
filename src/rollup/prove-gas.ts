// The L1 gas of proveWithdrawalTransaction before the proof exists. Beyond a fixed part (the portal's
// checks, the withdrawal's hash, the proven record it writes), it follows the size of the message
// passer's storage proof the withdrawal carries: every byte of it is calldata, copied, hashed and
// RLP-decoded by the portal's trie verifier. That size follows how many withdrawals the L2 has ever
// sent: a live chain's trie is several nodes deeper than a devnet's (each full branch node is 532
// bytes, about 36,000 gas). So the size is read from the L2 itself: eth_getProof of keys not in the trie
// today shows the path a new key crosses; the withdrawal adds its leaf at the end of it.
import { fromRlp, keccak256, numberToHex, concat, type Hex } from 'viem'
import type { RpcClient } from '../chains/rpc-client.ts'
import { L2_TO_L1_MESSAGE_PASSER } from '../chains/predeploys.ts'

export type PortalKind = 'portal2' | 'legacy'
/** 'eth': ETH through L2ToL1MessagePasser (viem's initiateWithdrawal); 'bridge-eth' / 'bridge-erc20': through L2StandardBridge */
export type WithdrawalPath = 'eth' | 'bridge-eth' | 'bridge-erc20'

/**
 * Prove gas = fixed[path] + perBranch × branch nodes + perShort × leaf and extension nodes +
 * perHundredBytes × proof bytes / 100 (each node is RLP-decoded item by item: a branch has 17 items, a
 * leaf or an extension 2). Fitted to 44 proves on the devnet's portals (contracts-bedrock 0.17.3:
 * 'portal2' = OptimismPortal2 3.10.0, 'legacy' = OptimismPortal 2.8.1) over message-passer tries of 1
 * to 1,300 withdrawals (proofs of 1 to 4 branches and a leaf): every proof within 160 gas; the short
 * node's figure from a proof with an extension (a trie of a few keys), within 50 gas. The fixed part
 * differs by path because the withdrawal's own data (empty for ETH through the message passer, a
 * relayed bridge call otherwise) is calldata and hashed too. test/integration/fees-bridge.test.ts
 * checks the formula against every prove it sends.
 */
export const PROVE_GAS: Record<PortalKind, { fixed: Record<WithdrawalPath, bigint> }> & { perBranch: bigint; perShort: bigint; perHundredBytes: bigint } = {
  portal2: { fixed: { eth: 165_014n, 'bridge-eth': 169_014n, 'bridge-erc20': 169_834n } },
  legacy: { fixed: { eth: 129_594n, 'bridge-eth': 133_554n, 'bridge-erc20': 134_374n } },
  perBranch: 27_234n,
  perShort: 12_700n,
  perHundredBytes: 1_654n,
}

/** The storage proof a withdrawal carries: its branch nodes, its leaf and extension nodes, its bytes in all. */
export interface ProofShape {
  branches: number
  shorts: number
  bytes: number
}

/** The shape of a proof (its nodes as eth_getProof gives them). */
export function shapeOf(proof: readonly Hex[]): ProofShape {
  let branches = 0
  let bytes = 0
  for (const node of proof) {
    bytes += (node.length - 2) / 2
    if (isBranch(node)) branches++
  }
  return { branches, shorts: proof.length - branches, bytes }
}

function isBranch(node: Hex): boolean {
  const items = fromRlp(node, 'hex')
  return Array.isArray(items) && items.length === 17
}

/** keys asked about at once; the deepest path is the estimate (a new key lands on any of them) */
export const PROBE_KEYS = 8
/** the withdrawal's leaf: the rest of its key's path (hex-prefix encoded) and the stored `true` */
export const LEAF_BYTES = 35
/** where a key's path ends at another key's leaf, that leaf becomes a branch over both leaves */
export const SPLIT_BRANCH_BYTES = 84
/** when the L2 cannot show a proof: a trie of some millions of withdrawals, six full branches and a leaf */
export const UNKNOWN_TRIE: ProofShape = { branches: 6, shorts: 1, bytes: 6 * 532 + LEAF_BYTES }
/** how long a chain's answer is used again (a trie gets deeper over months, not minutes) */
export const SHAPE_TTL_MS = 60_000

const shapes = new Map<string, { at: number; shape: Promise<ProofShape | null> }>()

/**
 * The storage proof a withdrawal sent now on this L2 would carry: the deepest of `PROBE_KEYS` keys
 * not in the trie, with the leaf the withdrawal adds; null when the L2 does not answer eth_getProof.
 */
export function expectedProofShape(l2: Pick<RpcClient, 'getProof'>, chainId: number, now = Date.now()): Promise<ProofShape | null> {
  const key = String(chainId)
  const hit = shapes.get(key)
  if (hit && now - hit.at < SHAPE_TTL_MS) return hit.shape
  const shape = probe(l2, chainId)
  shapes.set(key, { at: now, shape })
  // an unanswered probe is asked again next time
  void shape.then((s) => {
    if (!s && shapes.get(key)?.shape === shape) shapes.delete(key)
  })
  return shape
}

async function probe(l2: Pick<RpcClient, 'getProof'>, chainId: number): Promise<ProofShape | null> {
  const storageKeys = Array.from({ length: PROBE_KEYS }, (_, i) => keccak256(concat([numberToHex(chainId, { size: 32 }), numberToHex(i, { size: 1 })])))
  try {
    const { storageProof } = await l2.getProof({ address: L2_TO_L1_MESSAGE_PASSER, storageKeys, blockTag: 'latest' })
    if (storageProof.length !== PROBE_KEYS) return null
    const gas = (s: ProofShape) => proveGasFor('portal2', 'eth', s)
    return storageProof.map((s) => withLeaf(s.proof)).reduce((a, b) => (gas(b) > gas(a) ? b : a))
  } catch {
    return null
  }
}

/** A key's non-inclusion proof, as the proof of a new leaf under that key. */
export function withLeaf(proof: readonly Hex[]): ProofShape {
  const last = proof.at(-1)
  // an empty trie (no withdrawal yet): the withdrawal writes its leaf and the passer's nonce, a branch over both
  if (!last || last.length <= 4) return { branches: 1, shorts: 1, bytes: SPLIT_BRANCH_BYTES + LEAF_BYTES }
  const path = shapeOf(proof)
  // a branch whose slot for the key is empty: the leaf hangs there
  if (isBranch(last)) return { branches: path.branches, shorts: path.shorts + 1, bytes: path.bytes + LEAF_BYTES }
  // a leaf of another key (or an extension) where the key's path goes on: a branch over both takes its place
  return { branches: path.branches + 1, shorts: path.shorts, bytes: path.bytes - (last.length - 2) / 2 + SPLIT_BRANCH_BYTES + LEAF_BYTES }
}

export function proveGasFor(kind: PortalKind, path: WithdrawalPath, shape: ProofShape | null): bigint {
  const s = shape ?? UNKNOWN_TRIE
  return PROVE_GAS[kind].fixed[path] + PROVE_GAS.perBranch * BigInt(s.branches) + PROVE_GAS.perShort * BigInt(s.shorts) + (PROVE_GAS.perHundredBytes * BigInt(s.bytes)) / 100n
}
