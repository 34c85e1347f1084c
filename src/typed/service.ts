// What the window shows for typed data beyond the tree: a permit's tokens by symbol and decimals
// (read from the chain), whether the spender is a contract, and the warnings.
import { getAddress } from 'viem'
import type { Network } from '../chains/types.ts'
import { metaOf, tokenInfo } from '../simulate/tokens.ts'
import type { TokenMeta, Warning } from '../simulate/types.ts'
import type { TypedDataLike } from './check.ts'
import { permitOf, typedTree, type PermitInfo, type TreeNode } from './describe.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export interface TypedInsight {
  primaryType: string
  domain: Record<string, string>
  tree: TreeNode[]
  permit: PermitInfo | null
  tokens: Record<string, TokenMeta>
  /** the spender has no code: an ordinary account */
  spenderIsEoa: boolean | null
  warnings: Warning[]
}

const UNLIMITED = 2n ** 159n

export async function typedInsight(d: { network: Network | null; client: RpcClient | null; now(): number }, t: TypedDataLike): Promise<TypedInsight> {
  const permit = permitOf(t)
  const domain = Object.fromEntries(Object.entries(t.domain).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : String(v)]))
  const base: TypedInsight = { primaryType: t.primaryType, domain, tree: typedTree(t), permit, tokens: {}, spenderIsEoa: null, warnings: [] }
  if (!permit) return base
  let tokens: Record<string, TokenMeta> = {}
  let spenderIsEoa: boolean | null = null
  if (d.client && d.network) {
    const [info, code] = await Promise.all([
      tokenInfo(d.client, d.network.chainId, permit.items.map((i) => i.token)).catch(() => ({})),
      d.client.getCode({ address: permit.spender }).then((c) => !c || c === '0x', () => null),
    ])
    tokens = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, metaOf(v)]))
    spenderIsEoa = code
  }
  return { ...base, tokens, spenderIsEoa, warnings: permitWarnings(permit, tokens, spenderIsEoa, d.now()) }
}

export function permitWarnings(p: PermitInfo, tokens: Record<string, TokenMeta>, spenderIsEoa: boolean | null, nowMs: number): Warning[] {
  const out: Warning[] = []
  const names = p.items.map((i) => tokens[getAddress(i.token)]?.symbol ?? 'a token').join(', ') || 'tokens'
  const unlimited = p.items.some((i) => BigInt(i.amount) >= UNLIMITED)
  if (p.revokes) {
    out.push({ code: 'unlimited-approval', level: 'info', title: 'This permit revokes', text: 'Signing it takes the spender’s permission away.' })
    return out
  }
  const what = p.kind === 'permit2-transfer' ? `take ${names} from you once` : `spend your ${names}`
  out.push({
    code: unlimited ? 'unlimited-approval' : 'approval-for-all',
    level: 'danger',
    title: p.kind === 'permit2-transfer' ? 'A signature that moves tokens' : unlimited ? 'Unlimited permit' : 'A signature that approves spending',
    text: `This is not a login: signing lets the spender ${what}${unlimited ? ', with no limit on the amount' : ''}, without asking you again. Sign only on the app you meant to use.`,
  })
  if (spenderIsEoa) out.push({ code: 'spender-eoa', level: 'danger', title: 'The spender is not a contract', text: 'The spender is an ordinary account, not a contract: whoever holds its key could use this permit. Apps use their contracts as spenders.' })
  if (p.deadline !== null && p.deadline * 1000 < nowMs) out.push({ code: 'reverts', level: 'warning', title: 'Already expired', text: 'The signature’s deadline has passed: it cannot be used.' })
  return out
}

export async function typedInsightFor(deps: { network(chainId: number): Promise<Network>; client(n: Network): RpcClient; now(): number }, chainId: number | null, t: TypedDataLike): Promise<TypedInsight> {
  const network = chainId === null ? null : await deps.network(chainId).catch(() => null)
  return typedInsight({ network, client: network ? deps.client(network) : null, now: deps.now }, t)
}

