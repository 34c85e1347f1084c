// Parsing what dApps send, by the EIPs that define each method. Every problem becomes -32602 with a
// sentence naming the parameter; nothing a page sends is trusted or passed on unparsed.
import { getAddress, hashTypedData, isAddress, isHex, validateTypedData, type Address, type Hex } from 'viem'
import { rpcError } from './rpc-errors.ts'
import type { TxRequest } from '../tx/types.ts'
import { typedDataProblem } from '../typed/check.ts'

export function paramsArray(params: unknown, method: string, min = 0): unknown[] {
  if (params === undefined && min === 0) return []
  if (!Array.isArray(params)) throw rpcError.invalidParams(`${method} expects params to be an array.`)
  if (params.length < min) throw rpcError.invalidParams(`${method} expects at least ${min} parameter${min === 1 ? '' : 's'}.`)
  return params
}

export function address(x: unknown, what: string): Address {
  if (typeof x !== 'string' || !isAddress(x, { strict: false })) throw rpcError.invalidParams(`${what} must be a 0x-prefixed 20-byte address.`)
  return getAddress(x)
}

export function hexData(x: unknown, what: string): Hex {
  if (typeof x !== 'string' || !isHex(x, { strict: true }) || x.length % 2 !== 0) throw rpcError.invalidParams(`${what} must be 0x-prefixed hex bytes.`)
  return x as Hex
}

/** A quantity as JSON-RPC sends it (0x-hex), or a decimal string/number some dApps send. */
export function quantity(x: unknown, what: string): bigint {
  if (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0) return BigInt(x)
  if (typeof x === 'string') {
    if (/^0x[0-9a-fA-F]{1,64}$/.test(x)) return BigInt(x)
    if (/^[0-9]{1,78}$/.test(x)) return BigInt(x)
  }
  throw rpcError.invalidParams(`${what} must be a non-negative quantity (0x-hex).`)
}

export function chainIdParam(x: unknown, what = 'chainId'): number {
  if (typeof x !== 'string' || !/^0x[0-9a-fA-F]{1,13}$/.test(x) || /^0x0+[0-9a-fA-F]/.test(x)) {
    throw rpcError.invalidParams(`${what} must be a 0x-hex string without leading zeros, e.g. "0x1".`)
  }
  const n = Number.parseInt(x, 16)
  if (!Number.isSafeInteger(n) || n <= 0) throw rpcError.invalidParams(`${what} is out of range.`)
  return n
}

export function plainObject(x: unknown, what: string): Record<string, unknown> {
  if (!x || typeof x !== 'object' || Array.isArray(x)) throw rpcError.invalidParams(`${what} must be an object.`)
  return x as Record<string, unknown>
}

/** eth_sendTransaction's single parameter. */
export function txParams(x: unknown, activeChainId: number): TxRequest {
  const t = plainObject(x, 'The transaction')
  const req: TxRequest = { from: address(t.from, 'from') }
  if (t.to !== undefined && t.to !== null) req.to = address(t.to, 'to')
  if (t.value !== undefined) req.value = quantity(t.value, 'value')
  const data = t.data ?? t.input
  if (data !== undefined && data !== null) req.data = hexData(data, 'data')
  if (req.to === undefined && (req.data === undefined || req.data === '0x')) throw rpcError.invalidParams('a transaction without "to" must carry contract creation code in "data".')
  const gas = t.gas ?? t.gasLimit
  if (gas !== undefined) req.gas = quantity(gas, 'gas')
  if (t.nonce !== undefined) {
    const n = quantity(t.nonce, 'nonce')
    if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw rpcError.invalidParams('nonce is out of range.')
    req.nonce = Number(n)
  }
  if (t.gasPrice !== undefined) req.gasPrice = quantity(t.gasPrice, 'gasPrice')
  if (t.maxFeePerGas !== undefined) req.maxFeePerGas = quantity(t.maxFeePerGas, 'maxFeePerGas')
  if (t.maxPriorityFeePerGas !== undefined) req.maxPriorityFeePerGas = quantity(t.maxPriorityFeePerGas, 'maxPriorityFeePerGas')
  if (req.gasPrice !== undefined && (req.maxFeePerGas !== undefined || req.maxPriorityFeePerGas !== undefined)) {
    throw rpcError.invalidParams('give either gasPrice or maxFeePerGas/maxPriorityFeePerGas, not both.')
  }
  if (t.type !== undefined) {
    const type = quantity(t.type, 'type')
    if (type === 0n) req.type = 'legacy'
    else if (type === 2n) req.type = 'eip1559'
    else throw rpcError.invalidParams(`transaction type ${type} is not supported (use 0x0 or 0x2).`)
  }
  if (t.chainId !== undefined) {
    const id = quantity(t.chainId, 'chainId')
    if (id !== BigInt(activeChainId)) throw rpcError.invalidParams(`chainId ${id} does not match the active chain ${activeChainId}; switch chains first.`)
  }
  return req
}

/** personal_sign takes [message, address]; some dApps send [address, message]: accept both, unambiguously. */
export function personalSignParams(params: unknown): { message: Hex; address: Address } {
  const [a, b] = paramsArray(params, 'personal_sign', 2)
  const aIsAddr = typeof a === 'string' && isAddress(a, { strict: false })
  const bIsAddr = typeof b === 'string' && isAddress(b, { strict: false })
  const [msg, addr] = bIsAddr || !aIsAddr ? [a, b] : [b, a]
  if (typeof msg !== 'string') throw rpcError.invalidParams('the message must be a string (0x-hex bytes or text).')
  const message = isHex(msg, { strict: true }) && msg.length % 2 === 0 ? (msg as Hex) : utf8ToHex(msg)
  return { message, address: address(addr, 'the address') }
}

export function typedDataParams(params: unknown, method = 'eth_signTypedData_v4'): { address: Address; typedData: Record<string, unknown>; domainChainId: number | null } {
  const [addr, data] = paramsArray(params, method, 2)
  let typed: unknown = data
  if (typeof data === 'string') {
    if (data.length > 256 * 1024) throw rpcError.invalidParams('typed data is too large.')
    try {
      typed = JSON.parse(data)
    } catch {
      throw rpcError.invalidParams('typed data must be JSON.')
    }
  }
  const t = plainObject(typed, 'typed data')
  const types = plainObject(t.types, 'typed data "types"')
  if (typeof t.primaryType !== 'string' || !Object.prototype.hasOwnProperty.call(types, t.primaryType)) throw rpcError.invalidParams('typed data "primaryType" must name one of its "types".')
  const domain = t.domain === undefined ? {} : plainObject(t.domain, 'typed data "domain"')
  const message = plainObject(t.message, 'typed data "message"')
  // what the window shows must be what is hashed (src/typed/check.ts)
  const problem = typedDataProblem({ types, primaryType: t.primaryType, domain, message })
  if (problem) throw rpcError.invalidParams(problem)
  let domainChainId: number | null = null
  if (domain.chainId !== undefined) {
    const id = quantity(domain.chainId, 'domain.chainId')
    if (id > BigInt(Number.MAX_SAFE_INTEGER)) throw rpcError.invalidParams('domain.chainId is out of range.')
    domainChainId = Number(id)
  }
  const account = address(addr, 'the address')
  // checked as it will be signed (types, primary type, every field of the message): a request the
  // wallet cannot hash is refused now, not after the user approved it
  try {
    // as the signer gets it (completeApproval): the site's own EIP712Domain type, when it gives one, included
    const args = { domain, types, primaryType: t.primaryType, message: t.message } as unknown as Parameters<typeof hashTypedData>[0]
    validateTypedData(args as Parameters<typeof validateTypedData>[0])
    hashTypedData(args)
  } catch (err) {
    const why = ((err as { shortMessage?: string }).shortMessage ?? (err as Error)?.message ?? 'unreadable').split('\n')[0].slice(0, 200)
    throw rpcError.invalidParams(`the typed data does not follow EIP-712: ${why}`)
  }
  return { address: account, typedData: t, domainChainId }
}

export function utf8ToHex(s: string): Hex {
  return `0x${Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/** The message as text when it is readable UTF-8, else null (show hex). */
export function readableText(message: Hex): string | null {
  const bytes = new Uint8Array((message.length - 2) / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(message.slice(2 + i * 2, 4 + i * 2), 16)
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u0008\u000e-\u001f\u007f]/.test(text) ? null : text
  } catch {
    return null
  }
}
