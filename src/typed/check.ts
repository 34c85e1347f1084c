// Typed data (EIP-712) is signed only when what the window shows is what is hashed. The domain is
// hashed with `types.EIP712Domain` when a site sends one: its fields must then be exactly the
// domain's fields, each with its standard type, or a field shown on screen (the chain, the
// contract) would not be part of the signature. A primaryType of EIP712Domain signs a bare domain
// and is refused. Every other rule of EIP-712 (types that exist, values that fit) is viem's check.
import { validateTypedData } from 'viem'
import { printable } from '../util/display.ts'

/** The EIP-712 domain fields and their types. */
export const DOMAIN_FIELDS: Record<string, string> = { name: 'string', version: 'string', chainId: 'uint256', verifyingContract: 'address', salt: 'bytes32' }

export interface TypedDataLike {
  types: Record<string, unknown>
  primaryType: string
  domain: Record<string, unknown>
  message: Record<string, unknown>
}

/** null when the typed data may be shown and signed; else why not, as a sentence. */
export function typedDataProblem(t: TypedDataLike): string | null {
  if (t.primaryType === 'EIP712Domain') return 'the typed data\'s primaryType is "EIP712Domain": it would sign a bare domain, which no app needs. Refusing.'
  const present = Object.keys(t.domain).filter((k) => t.domain[k] !== undefined && t.domain[k] !== null)
  // own keys only: "constructor" or "__proto__" are `in` any object literal
  const known = (k: unknown): k is string => typeof k === 'string' && Object.hasOwn(DOMAIN_FIELDS, k)
  for (const k of present) if (!known(k)) return `the domain has a field "${printable(k)}", which EIP-712 does not define (only ${Object.keys(DOMAIN_FIELDS).join(', ')}).`
  const declared = t.types.EIP712Domain
  if (declared !== undefined) {
    if (!Array.isArray(declared)) return 'types.EIP712Domain must be a list of fields.'
    const fields = declared as { name?: unknown; type?: unknown }[]
    const names: unknown[] = fields.map((f) => f?.name)
    if (new Set(names).size !== names.length) return 'types.EIP712Domain lists a field twice.'
    for (const f of fields) {
      const name = f?.name
      if (!known(name)) return `types.EIP712Domain has a field "${printable(name)}", which EIP-712 does not define.`
      if (f.type !== DOMAIN_FIELDS[name]) return `types.EIP712Domain gives "${name}" the type ${printable(f.type)}; EIP-712 says ${DOMAIN_FIELDS[name]}.`
    }
    const missing = present.filter((k) => !names.includes(k))
    const extra = (names as string[]).filter((k) => !present.includes(k))
    if (missing.length || extra.length) {
      const parts = [missing.length ? `the domain's ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in types.EIP712Domain` : '', extra.length ? `types.EIP712Domain lists ${extra.join(', ')}, which the domain does not have` : ''].filter(Boolean)
      return `types.EIP712Domain does not match the domain (${parts.join('; ')}): what would be shown is not what would be signed. Refusing.`
    }
  }
  try {
    const { EIP712Domain: _d, ...types } = t.types
    validateTypedData({ domain: t.domain as never, types: types as never, primaryType: t.primaryType, message: t.message } as never)
  } catch (err) {
    const e = err as { shortMessage?: string; message?: string }
    return `the typed data is not valid EIP-712: ${(e.shortMessage ?? e.message ?? 'invalid').split('\n')[0]}`
  }
  return null
}
