// The claim backend's HTTP API (../shared/FACTS.md):
//   GET  {base}/account/{ss58}                         -> { free, staked, pwRefund }
//   POST {base}/claim { address, signature, receiver } -> { h160, free, staked, signature }
// Every request has a timeout; every failure is a sentence that names the service and says that
// nothing was sent.
import { isAddress, isHex, type Address, type Hex } from 'viem'
import { WalletError } from '../errors.ts'
import { BODY_LIMITS, readTextCapped } from '../util/http.ts'
import { isSecureOrLoopbackUrl } from '../util/origin.ts'
import { networkLabel, type ClaimNetwork } from './config.ts'

export const BACKEND_TIMEOUT_MS = 10_000

export interface AccountBalances {
  /** PHA, 18 decimals */
  free: bigint
  /** vPHA shares, 18 decimals */
  staked: bigint
  /** PHA refunded for PhalaWorld, shown as the backend gives it */
  pwRefund: bigint
}

/** The backend's answer to POST /claim, checked for shape only (checkApproval compares it). */
export interface BackendApproval {
  h160: Address
  free: bigint
  staked: bigint
  signature: Hex
}

export interface BackendTarget {
  url: string
  network: ClaimNetwork
  timeoutMs?: number
}

export async function fetchAccount(t: BackendTarget, ss58: string): Promise<AccountBalances> {
  const body = await call(t, `/account/${encodeURIComponent(ss58)}`, { method: 'GET' })
  return {
    free: amount(t, body, 'free'),
    staked: amount(t, body, 'staked'),
    pwRefund: body.pwRefund === undefined || body.pwRefund === null ? 0n : amount(t, body, 'pwRefund'),
  }
}

export async function postClaim(t: BackendTarget, req: { address: string; signature: Hex; receiver: Address }): Promise<BackendApproval> {
  const body = await call(t, '/claim', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req) })
  if (typeof body.h160 !== 'string' || !isAddress(body.h160, { strict: false })) throw badAnswer(t, 'it has no account (h160)')
  if (typeof body.signature !== 'string' || !isHex(body.signature)) throw badAnswer(t, 'it has no approval signature')
  return { h160: body.h160 as Address, free: amount(t, body, 'free'), staked: amount(t, body, 'staked'), signature: body.signature as Hex }
}

export function noBackend(network: ClaimNetwork): WalletError {
  return new WalletError('NO_CLAIM_BACKEND', `Set the address of the ${networkLabel(network)} claim service first: this wallet does not ship one for this network.`)
}

function service(t: BackendTarget): string {
  return `the ${networkLabel(t.network)} claim service`
}

async function call(t: BackendTarget, path: string, init: RequestInit): Promise<Record<string, unknown>> {
  if (!t.url) throw noBackend(t.network)
  if (!isSecureOrLoopbackUrl(t.url)) throw new WalletError('BAD_URL', `${cap(service(t))} address ${t.url} is not https: nothing was sent. Set an https:// address.`)
  const timeoutMs = t.timeoutMs ?? BACKEND_TIMEOUT_MS
  let res: Response
  try {
    res = await fetch(`${t.url}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) })
  } catch (err) {
    const name = (err as { name?: string })?.name
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new WalletError('CLAIM_BACKEND_DOWN', `${cap(service(t))} (${t.url}) did not answer within ${Math.round(timeoutMs / 1000)} s. Nothing was sent; try again later.`)
    }
    throw new WalletError('CLAIM_BACKEND_DOWN', `${cap(service(t))} at ${t.url} cannot be reached. Check your connection and the service address; nothing was sent.`)
  }
  let text = ''
  try {
    text = await readTextCapped(res, BODY_LIMITS.backend)
  } catch {
    throw new WalletError('CLAIM_BACKEND_DOWN', `${cap(service(t))} at ${t.url} broke off its answer. Nothing was sent; try again.`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  if (!res.ok) {
    const why = json && typeof json === 'object' && typeof (json as { error?: unknown }).error === 'string' ? (json as { error: string }).error : `HTTP ${res.status}`
    throw new WalletError('CLAIM_BACKEND_REFUSED', `${cap(service(t))} refused: ${why.slice(0, 200)}. Nothing was sent.`)
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw badAnswer(t, 'it is not a JSON object')
  return json as Record<string, unknown>
}

function amount(t: BackendTarget, body: Record<string, unknown>, field: string): bigint {
  const v = body[field]
  if (typeof v === 'string' && /^(\d{1,78}|0x[0-9a-fA-F]{1,64})$/.test(v)) return BigInt(v)
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v)
  throw badAnswer(t, `"${field}" is not an amount`)
}

function badAnswer(t: BackendTarget, why: string): WalletError {
  return new WalletError('CLAIM_BACKEND_BAD_ANSWER', `${cap(service(t))} gave an answer this wallet cannot read (${why}). Nothing was sent.`)
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
