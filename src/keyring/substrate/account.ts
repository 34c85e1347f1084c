// The three names of one Substrate account the claim flow shows side by side.
import { h160FromPublicKey } from './h160.ts'
import { toHex, type HexString } from './hex.ts'
import { keypairFromSuri } from './keypair.ts'
import { SS58_PREFIX, ss58Encode } from './ss58.ts'

export interface SubstrateAccountIds {
  publicKey: HexString
  ss58: string
  /** first 20 bytes of the public key, EIP-55: the `user` of the claimer contracts */
  h160: HexString
}

export function accountIds(publicKey: Uint8Array, prefix: number = SS58_PREFIX.phala): SubstrateAccountIds {
  return { publicKey: toHex(publicKey), ss58: ss58Encode(publicKey, prefix), h160: h160FromPublicKey(publicKey) }
}

export function accountIdsFromSuri(suri: string, prefix: number = SS58_PREFIX.phala): SubstrateAccountIds {
  return accountIds(keypairFromSuri(suri).publicKey, prefix)
}
