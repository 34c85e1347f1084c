// Raw-message signing the way Polkadot wallets do it (polkadot.js extension signRaw with type 'bytes'):
// the message is wrapped as `<Bytes>` + message + `</Bytes>` so that a signed text can never be a valid
// extrinsic payload. A message that is already wrapped is not wrapped twice.
import { sign, verify } from '@scure/sr25519'
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { SubstrateKeyError } from './errors.ts'
import { toChecksumAddress } from './h160.ts'
import { fromHex, toHex, type HexString } from './hex.ts'
import type { Sr25519Keypair } from './keypair.ts'
import { ss58Decode } from './ss58.ts'

const PREFIX = utf8ToBytes('<Bytes>')
const POSTFIX = utf8ToBytes('</Bytes>')

function toBytes(message: Uint8Array | string): Uint8Array {
  return typeof message === 'string' ? utf8ToBytes(message) : message
}

function startsWith(data: Uint8Array, part: Uint8Array, at: number): boolean {
  if (at < 0 || at + part.length > data.length) return false
  for (let i = 0; i < part.length; i++) if (data[at + i] !== part[i]) return false
  return true
}

export function isWrapped(message: Uint8Array | string): boolean {
  const data = toBytes(message)
  return data.length >= PREFIX.length + POSTFIX.length && startsWith(data, PREFIX, 0) && startsWith(data, POSTFIX, data.length - POSTFIX.length)
}

export function wrapBytes(message: Uint8Array | string): Uint8Array {
  const data = toBytes(message)
  return isWrapped(data) ? data : concatBytes(PREFIX, data, POSTFIX)
}

/** Signs `<Bytes>message</Bytes>`; returns the 64-byte signature as hex, as signRaw does. */
export function signRaw(pair: Sr25519Keypair, message: Uint8Array | string): HexString {
  return toHex(sign(pair.secretKey, wrapBytes(message)))
}

/** Accepts a 64-byte sr25519 signature, or a 65-byte MultiSignature whose first byte is 1 (Sr25519). */
export function parseSr25519Signature(signature: string | Uint8Array): Uint8Array {
  const bytes = typeof signature === 'string' ? fromHex(signature, 'the signature', 'BAD_SIGNATURE') : signature
  if (bytes.length === 64) return bytes
  if (bytes.length === 65 && bytes[0] === 1) return bytes.subarray(1)
  throw new SubstrateKeyError('BAD_SIGNATURE', `an sr25519 signature is 64 bytes, got ${bytes.length}`)
}

export interface VerifyOptions {
  /** Also accept a signature over the bare message (some signers do not wrap). Default false. */
  acceptUnwrapped?: boolean
}

/**
 * Verifies a raw-message signature by a public key (32 bytes) or an SS58 address. Returns false for a
 * well-formed signature that does not match; throws SubstrateKeyError for input that is not a signature.
 */
export function verifyRaw(
  message: Uint8Array | string,
  signature: string | Uint8Array,
  signer: Uint8Array | string,
  options: VerifyOptions = {},
): boolean {
  const sig = parseSr25519Signature(signature)
  const publicKey = typeof signer === 'string' ? ss58Decode(signer).publicKey : signer
  const check = (msg: Uint8Array): boolean => {
    try {
      return verify(msg, sig, publicKey)
    } catch {
      return false // not a valid point / signature marker: simply not a signature by this key
    }
  }
  const data = toBytes(message)
  if (check(wrapBytes(data))) return true
  return options.acceptUnwrapped === true && !isWrapped(data) && check(data)
}

export type ClaimNetwork = 'phala' | 'khala'

/**
 * The text a parachain account signs to name its Ethereum receiver in the PHA migration claim.
 * Phala's app signs the address its Ethereum wallet reports (wagmi checksums it with getAddress), so
 * the receiver is written in EIP-55 form; the backend checks the same string that is posted with it.
 */
export function claimMessage(network: ClaimNetwork, receiver: string): string {
  const label = network === 'khala' ? 'Khala' : 'Phala'
  return `${label} Asset Receiver: ${toChecksumAddress(receiver)}`
}
