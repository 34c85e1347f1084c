// Typed data as a readable tree (each field with its type, nested structs and arrays opened), and
// the permits a user must recognise, whatever site sends them: an EIP-2612 Permit (and DAI's older
// form), Permit2's PermitSingle / PermitBatch (an allowance) and PermitTransferFrom /
// PermitBatchTransferFrom (a one-time transfer). Pure: token names and the spender's code are read
// by ./service.ts.
import { getAddress, isAddress, type Address } from 'viem'
import type { TypedDataLike } from './check.ts'

export interface TreeNode {
  name: string
  type: string
  /** a leaf's value as text */
  value?: string
  children?: TreeNode[]
}

export interface PermitItem {
  token: Address
  /** base units, decimal string ("allowed" DAI permits: unlimited) */
  amount: string
}

export interface PermitInfo {
  kind: 'erc2612' | 'dai' | 'permit2-allowance' | 'permit2-transfer'
  spender: Address
  items: PermitItem[]
  /** when the signature stops being usable (unix seconds); null when it never does */
  deadline: number | null
  /** Permit2 allowances: when the allowance itself expires (unix seconds, 0 = at once) */
  expiration?: number
  /** the contract that checks the signature (the token itself, or Permit2) */
  verifyingContract: Address | null
  /** true for a DAI permit with allowed = false (it revokes) */
  revokes?: boolean
}

type Field = { name: string; type: string }

export function typedTree(t: TypedDataLike): TreeNode[] {
  return nodesOf(t.types as Record<string, Field[]>, t.primaryType, t.message, 0)
}

function nodesOf(types: Record<string, Field[]>, type: string, value: unknown, depth: number): TreeNode[] {
  const fields = types[type] ?? []
  const obj = (value ?? {}) as Record<string, unknown>
  return fields.map((f) => node(types, f.name, f.type, obj[f.name], depth))
}

function node(types: Record<string, Field[]>, name: string, type: string, value: unknown, depth: number): TreeNode {
  if (depth > 8) return { name, type, value: '…' }
  const arr = /^(.*)\[(\d*)\]$/.exec(type)
  if (arr) {
    const list = Array.isArray(value) ? value : []
    return { name, type, children: list.slice(0, 100).map((v, i) => node(types, `${i}`, arr[1]!, v, depth + 1)) }
  }
  if (types[type]) return { name, type, children: nodesOf(types, type, value, depth + 1) }
  return { name, type, value: leaf(value) }
}

function leaf(v: unknown): string {
  if (typeof v === 'bigint') return v.toString()
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v === null || v === undefined) return ''
  return JSON.stringify(v)
}

const addr = (x: unknown): Address | null => (typeof x === 'string' && isAddress(x, { strict: false }) ? getAddress(x) : null)
const big = (x: unknown): bigint | null => {
  try {
    return typeof x === 'bigint' ? x : typeof x === 'number' ? BigInt(Math.trunc(x)) : typeof x === 'string' && x.trim() !== '' ? BigInt(x) : null
  } catch {
    return null
  }
}
const secs = (x: unknown): number | null => {
  const b = big(x)
  return b === null ? null : b > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(b)
}
const MAX_UINT = 2n ** 256n - 1n

export function permitOf(t: TypedDataLike): PermitInfo | null {
  const m = t.message
  const verifying = addr(t.domain.verifyingContract)
  const p = t.primaryType
  if (p === 'Permit' && addr(m.spender) && verifying) {
    if (m.value !== undefined && m.deadline !== undefined) {
      return { kind: 'erc2612', spender: addr(m.spender)!, items: [{ token: verifying, amount: (big(m.value) ?? 0n).toString() }], deadline: secs(m.deadline), verifyingContract: verifying }
    }
    if (m.allowed !== undefined && m.expiry !== undefined) {
      const allowed = m.allowed === true || m.allowed === 'true'
      const expiry = secs(m.expiry)
      return { kind: 'dai', spender: addr(m.spender)!, items: [{ token: verifying, amount: allowed ? MAX_UINT.toString() : '0' }], deadline: expiry === 0 ? null : expiry, verifyingContract: verifying, ...(allowed ? {} : { revokes: true }) }
    }
  }
  if ((p === 'PermitSingle' || p === 'PermitBatch') && addr(m.spender)) {
    const details = (p === 'PermitSingle' ? [m.details] : Array.isArray(m.details) ? m.details : []) as Record<string, unknown>[]
    const items = details.filter((d) => d && addr(d.token)).map((d) => ({ token: addr(d.token)!, amount: (big(d.amount) ?? 0n).toString() }))
    const expiration = details.map((d) => secs(d?.expiration) ?? 0).reduce((a, b) => Math.max(a, b), 0)
    return { kind: 'permit2-allowance', spender: addr(m.spender)!, items, deadline: secs(m.sigDeadline), expiration, verifyingContract: verifying }
  }
  if (/^Permit(Batch)?(Witness)?TransferFrom$/.test(p) && addr(m.spender)) {
    const permitted = (Array.isArray(m.permitted) ? m.permitted : [m.permitted]) as Record<string, unknown>[]
    const items = permitted.filter((x) => x && addr(x.token)).map((x) => ({ token: addr(x.token)!, amount: (big(x.amount) ?? 0n).toString() }))
    return { kind: 'permit2-transfer', spender: addr(m.spender)!, items, deadline: secs(m.deadline), verifyingContract: verifying }
  }
  return null
}
