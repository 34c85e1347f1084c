// The L1 gas of proveWithdrawalTransaction before the proof exists. Beyond a fixed part (the portal's
// checks, the withdrawal's hash, the proven record it writes), it follows the size of the message
// passer's storage proof the withdrawal carries: every byte of it is calldata, copied, hashed and
// RLP-decoded by the portal's trie verifier. That size follows how many withdrawals the L2 has ever
// sent: a live chain's trie is several nodes deeper than a devnet's (each full node is 532 bytes,
// about 28,000 gas). So the size is read from the L2 itself: eth_getProof of keys not in the trie
// today shows the path a new key crosses; the withdrawal adds its leaf at the end of it.
import { fromRlp, keccak256, numberToHex, concat, type Hex } from 'viem'
import type { RpcClient } from '../chains/rpc-client.ts'
import { L2_TO_L1_MESSAGE_PASSER } from '../chains/predeploys.ts'

export type PortalKind = 'portal2' | 'legacy'
/** 'eth': ETH through L2ToL1MessagePasser (viem's initiateWithdrawal); 'bridge-eth' / 'bridge-erc20': through L2StandardBridge */
export type WithdrawalPath = 'eth' | 'bridge-eth' | 'bridge-erc20'

/**
 * Prove gas = fixed[path] + perNode × proof nodes + perHundredBytes × proof bytes / 100, fitted to 44
 * proves on the devnet's portals (contracts-bedrock 0.17.3: 'portal2' = OptimismPortal2 3.10.0,
 * 'legacy' = OptimismPortal 2.8.1) over message-passer tries of 1 to 1,300 withdrawals (proofs of 2 to
 * 5 nodes): every proof within 160 gas of the formula. The fixed part differs by path because the
 * withdrawal's own data (empty for ETH through the message passer, a relayed bridge call otherwise) is
 * calldata and hashed too. test/integration/fees-bridge.test.ts checks it on every run.
 */
export const PROVE_GAS: Record<PortalKind, { fixed: Record<WithdrawalPath, bigint> }> & { perNode: bigint; perHundredBytes: bigint } = {
  portal2: { fixed: { eth: 150_480n, 'bridge-eth': 154_480n, 'bridge-erc20': 155_300n } },
  legacy: { fixed: { eth: 115_060n, 'bridge-eth': 119_020n, 'bridge-erc20': 119_840n } },
  perNode: 27_234n,
  perHundredBytes: 1_654n,
}

/** The storage proof a withdrawal carries: how many trie nodes, how many bytes in all. */
export interface ProofShape {
  nodes: number
  bytes: number
}

/** keys asked about at once; the deepest path is the estimate (a new key lands on any of them) */
export const PROBE_KEYS = 8
/** the withdrawal's leaf: the rest of its key's path (hex-prefix encoded) and the stored `true` */
export const LEAF_BYTES = 35
/** where a key's path ends at another key's leaf, that leaf becomes a branch over both leaves */
export const SPLIT_BRANCH_BYTES = 84
/** when the L2 cannot show a proof: a trie of some millions of withdrawals, six full nodes and a leaf */
export const UNKNOWN_TRIE: ProofShape = { nodes: 7, bytes: 6 * 532 + LEAF_BYTES }
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
    return storageProof.map((s) => withLeaf(s.proof)).reduce((a, b) => (b.nodes > a.nodes || (b.nodes === a.nodes && b.bytes > a.bytes) ? b : a))
  } catch {
    return null
  }
}

/** A key's non-inclusion proof, as the proof of a new leaf under that key. */
export function withLeaf(proof: readonly Hex[]): ProofShape {
  const sizes = proof.map((n) => (n.length - 2) / 2)
  const bytes = sizes.reduce((a, b) => a + b, 0)
  const last = proof.at(-1)
  // an empty trie (no withdrawal yet): the withdrawal writes its leaf and the passer's nonce, a branch over both
  if (!last || sizes.at(-1)! <= 1) return { nodes: 2, bytes: SPLIT_BRANCH_BYTES + LEAF_BYTES }
  const items = fromRlp(last, 'hex')
  // a branch whose slot for the key is empty: the leaf hangs there; else a leaf of another key (or an
  // extension) becomes a branch with both leaves below it
  if (Array.isArray(items) && items.length === 17) return { nodes: proof.length + 1, bytes: bytes + LEAF_BYTES }
  return { nodes: proof.length + 1, bytes: bytes - sizes.at(-1)! + SPLIT_BRANCH_BYTES + LEAF_BYTES }
}

export function proveGasFor(kind: PortalKind, path: WithdrawalPath, shape: ProofShape | null): bigint {
  const s = shape ?? UNKNOWN_TRIE
  return PROVE_GAS[kind].fixed[path] + PROVE_GAS.perNode * BigInt(s.nodes) + (PROVE_GAS.perHundredBytes * BigInt(s.bytes)) / 100n
}
