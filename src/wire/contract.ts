// Call contracts: each UI call's params as a schema (valibot), checked at the background's boundary,
// and its result as a type. A domain declares its calls once (`<domain>/calls.ts`); the params type
// the handler receives is inferred from the same schema the background checks, so the two cannot
// drift apart. A malformed call gets BAD_PARAMS with the field and what was expected.
import * as v from 'valibot'
import type { Address, Hex } from 'viem'
import { WalletError } from '../errors.ts'
import type { ParamsCheck } from './messaging.ts'

export interface Contract<P extends v.GenericSchema = v.GenericSchema, R = unknown> {
  params: P
  /** phantom: only its type matters */
  result: R
  /** a call screens make on their own (a re-quote, a refresh): it does not count as user activity for the auto-lock */
  passive?: boolean
}

/** `call(schema).returns<Result>()`; `{ passive: true }` for a call that is not user activity */
export function call<P extends v.GenericSchema>(params: P, opts: { passive?: boolean } = {}) {
  return { returns: <R>(): Contract<P, R> => ({ params, result: undefined as R, ...(opts.passive ? { passive: true } : {}) }) }
}

export type Contracts = Record<string, Contract>

/**
 * The call map a set of contracts defines: name -> { params (what the handler gets, checked),
 * input (what a caller may send: plain strings where the check brands them as addresses), result }.
 */
export type CallsOf<S extends Contracts> = { [K in keyof S]: { params: v.InferOutput<S[K]['params']>; input: v.InferInput<S[K]['params']>; result: S[K]['result'] } }

/** The boundary check over every contract: params parsed by their schema, or a coded error naming the field. */
export function contractCheck(contracts: Contracts): ParamsCheck {
  return (name, params) => {
    const c = Object.prototype.hasOwnProperty.call(contracts, name) ? contracts[name] : undefined
    if (!c) throw new WalletError('UNKNOWN_CALL', `Unknown call "${name}".`)
    const r = v.safeParse(c.params, params ?? {})
    if (r.success) return r.output
    const issue = r.issues[0]
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? ''
    throw new WalletError('BAD_PARAMS', `"${name}": ${path ? `${path}: ` : ''}${issue.message}`)
  }
}

/** The calls that are not user activity. */
export function passiveCalls(contracts: Contracts): Set<string> {
  return new Set(Object.entries(contracts).filter(([, c]) => c.passive).map(([name]) => name))
}

// ------------------------------------------------------------------ the shapes calls share

const msg = (what: string) => `expected ${what}`
export const none = v.object({})
export const text = (max = 200) => v.pipe(v.string(msg('a string')), v.maxLength(max, `at most ${max} characters`))
export const address = v.pipe(v.string(msg('an address')), v.regex(/^0x[0-9a-fA-F]{40}$/, msg('an address: 0x followed by 40 hex digits')), v.transform((s) => s as Address))
export const hex = v.pipe(v.string(msg('hex')), v.regex(/^0x[0-9a-fA-F]*$/, msg('0x-prefixed hex')), v.maxLength(262_144, 'at most 128 KiB of hex'), v.transform((s) => s as Hex))
export const hash = v.pipe(v.string(msg('a hash')), v.regex(/^0x[0-9a-fA-F]{64}$/, msg('a 32-byte hash')), v.transform((s) => s as Hex))
export const quantity = v.pipe(v.string(msg('a hex quantity')), v.regex(/^0x[0-9a-fA-F]{1,64}$/, msg('a 0x-hex number')), v.transform((s) => s as Hex))
/** base units as a decimal string (uint256) */
export const units = v.pipe(v.string(msg('a decimal amount')), v.regex(/^\d{1,78}$/, msg('a whole number of base units')))
export const int = (min = 0, max = Number.MAX_SAFE_INTEGER) => v.pipe(v.number(msg('a number')), v.integer(msg('a whole number')), v.minValue(min), v.maxValue(max))
export const chainId = int(1)
export const id = v.pipe(v.string(msg('an id')), v.minLength(1), v.maxLength(200))

export const preparedTx = v.object({
  chainId,
  from: address,
  to: v.nullable(address),
  value: quantity,
  data: hex,
  nonce: int(),
  gas: quantity,
  gasEstimate: v.optional(quantity),
  keepNonce: v.optional(v.literal(true)),
  type: v.picklist(['eip1559', 'legacy']),
  maxFeePerGas: v.optional(quantity),
  maxPriorityFeePerGas: v.optional(quantity),
  gasPrice: v.optional(quantity),
})

/** What a fee editor chose (src/tx/fee-levels.ts FeeChoice): exactly what is signed. */
export const feeChoice = v.object({
  maxFeePerGas: v.optional(quantity),
  maxPriorityFeePerGas: v.optional(quantity),
  gasPrice: v.optional(quantity),
  gas: v.optional(quantity),
  nonce: v.optional(int(0)),
})
