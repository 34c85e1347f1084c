// What the claim backend answers, apart from HTTP: the real API's shapes (FACTS.md, Phala-Network/apps).
//   GET  /account/{ss58}  -> { free, staked, pwRefund }        (unknown account: zeros)
//   POST /claim {address, signature, receiver} -> { h160, free, staked, signature }
// The sr25519 signature must be over `<Bytes>Phala Asset Receiver: <receiver></Bytes>` with the receiver
// exactly as posted (Phala's app posts the same checksummed string it signed); a signature over the
// bare text is accepted too. A claim of an account with nothing is approved with zeros: the claimer
// itself refuses it with NoAssetsToClaim.
import { getAddress, isAddress, type Address, type Hex } from 'viem'
import { h160FromPublicKey, isSubstrateKeyError, ss58Decode, verifyRaw } from '../../src/keyring/substrate/index.ts'
import { findAccount, type ClaimNetworkName, type ClaimSnapshot } from '../phala/snapshot.ts'
import { signClaimApproval } from './digest.ts'

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export interface NetworkContext {
  network: ClaimNetworkName
  snapshot: ClaimSnapshot
  signerKey: Hex
  claimer: Address
  chainId: number
}

function decodeAddress(address: unknown): Uint8Array {
  if (typeof address !== 'string') throw new HttpError(400, '"address" must be the SS58 address of the parachain account')
  try {
    return ss58Decode(address).publicKey
  } catch (err) {
    throw new HttpError(400, isSubstrateKeyError(err) ? err.message : 'invalid SS58 address')
  }
}

export function accountInfo(ctx: NetworkContext, address: string): { free: string; staked: string; pwRefund: string } {
  decodeAddress(address)
  const entry = findAccount(ctx.snapshot, ctx.network, address)
  return { free: entry?.free ?? '0', staked: entry?.staked ?? '0', pwRefund: entry?.pwRefund ?? '0' }
}

export async function claim(ctx: NetworkContext, body: unknown): Promise<{ h160: Address; free: string; staked: string; signature: Hex }> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'the body must be a JSON object {address, signature, receiver}')
  const { address, signature, receiver } = body as Record<string, unknown>
  const publicKey = decodeAddress(address)
  if (typeof receiver !== 'string' || !isAddress(receiver, { strict: true })) {
    throw new HttpError(400, '"receiver" must be an Ethereum address (0x and 40 hex digits, valid EIP-55 checksum if mixed case)')
  }
  if (typeof signature !== 'string') throw new HttpError(400, '"signature" must be the 0x-hex sr25519 signature')
  const label = ctx.network === 'khala' ? 'Khala' : 'Phala'
  const message = `${label} Asset Receiver: ${receiver}`
  let valid: boolean
  try {
    valid = verifyRaw(message, signature, publicKey, { acceptUnwrapped: true })
  } catch (err) {
    throw new HttpError(400, isSubstrateKeyError(err) ? err.message : 'invalid signature')
  }
  if (!valid) throw new HttpError(400, `the signature is not "${message}" signed by ${String(address)}`)
  const entry = findAccount(ctx.snapshot, ctx.network, address as string)
  const free = entry?.free ?? '0'
  const staked = entry?.staked ?? '0'
  const h160 = h160FromPublicKey(publicKey) as Address
  const approval = await signClaimApproval(ctx.signerKey, {
    chainId: ctx.chainId,
    claimer: ctx.claimer,
    user: h160,
    free: BigInt(free),
    staked: BigInt(staked),
    receiver: getAddress(receiver),
  })
  return { h160, free, staked, signature: approval }
}
