// What each found approval is worth now, in one Multicall3 eth_call per chain: ERC-20 allowance,
// isApprovedForAll, Permit2's allowance (amount, expiration), with every token's symbol, name and
// decimals in the same call. Spent, revoked and expired approvals are left out.
import { parseAbi, type Address } from 'viem'
import { readMany, value } from '../rollup/multicall.ts'
import type { FoundPair } from './scan.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

const abi = parseAbi([
  'function allowance(address owner, address spender) view returns (uint256)',
  'function isApprovedForAll(address owner, address operator) view returns (bool)',
  'function allowance(address owner, address token, address spender) view returns (uint160 amount, uint48 expiration, uint48 nonce)',
  'function symbol() view returns (string)',
  'function name() view returns (string)',
  'function decimals() view returns (uint8)',
])

export interface AllowanceRow {
  chainId: number
  kind: FoundPair['kind']
  token: Address
  symbol: string | null
  name: string | null
  decimals: number | null
  spender: Address
  /** base units (ERC-20, Permit2); absent for operators */
  amount?: string
  /** Permit2: unix seconds the allowance expires */
  expiration?: number
  via?: Address
  unlimited: boolean
}

export async function readAllowances(client: Pick<RpcClient, 'multicall'>, chainId: number, owner: Address, pairs: FoundPair[], nowSeconds: number): Promise<AllowanceRow[]> {
  if (!pairs.length) return []
  const tokens = [...new Set(pairs.map((p) => p.token))]
  const reads = [
    ...pairs.map((p) =>
      p.kind === 'erc20'
        ? { address: p.token, abi, functionName: 'allowance', args: [owner, p.spender] }
        : p.kind === 'operator'
          ? { address: p.token, abi, functionName: 'isApprovedForAll', args: [owner, p.spender] }
          : { address: p.via!, abi, functionName: 'allowance', args: [owner, p.token, p.spender] },
    ),
    ...tokens.flatMap((t) => [
      { address: t, abi, functionName: 'symbol' },
      { address: t, abi, functionName: 'name' },
      { address: t, abi, functionName: 'decimals' },
    ]),
  ]
  const res = await readMany(client, reads)
  const meta = new Map(tokens.map((t, i) => {
    const at = pairs.length + i * 3
    const decimals = value<number>(res[at + 2])
    return [t, { symbol: value<string>(res[at]) ?? null, name: value<string>(res[at + 1]) ?? null, decimals: decimals === undefined ? null : Number(decimals) }]
  }))
  const rows: AllowanceRow[] = []
  pairs.forEach((p, i) => {
    const m = meta.get(p.token)!
    const base = { chainId, kind: p.kind, token: p.token, symbol: m.symbol ? String(m.symbol).slice(0, 16) : null, name: m.name ? String(m.name).slice(0, 64) : null, decimals: p.kind === 'operator' ? null : m.decimals, spender: p.spender }
    if (p.kind === 'erc20') {
      const amount = value<bigint>(res[i])
      if (amount && amount > 0n) rows.push({ ...base, amount: amount.toString(), unlimited: amount >= 2n ** 255n })
    } else if (p.kind === 'operator') {
      if (value<boolean>(res[i]) === true) rows.push({ ...base, unlimited: true })
    } else {
      const a = value<readonly [bigint, number, number]>(res[i])
      if (a && a[0] > 0n && (a[1] === 0 || a[1] > nowSeconds)) rows.push({ ...base, amount: a[0].toString(), expiration: Number(a[1]), via: p.via!, unlimited: a[0] >= 2n ** 159n })
    }
  })
  return rows
}
