// Keys of the devnet. Everything derives from the well-known test mnemonic: indices 0..19 belong to
// users and tests; the devnet's own services sign with indices from 100 up, so a wallet user on
// account 0 never races a service for nonces.
import type { Address, Hex } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { bytesToHex } from 'viem'

export const TEST_MNEMONIC = 'test test test test test test test test test test test junk'
export const USER_ACCOUNT_COUNT = 20

export interface KeyedAccount {
  index: number
  address: Address
  privateKey: Hex
}

/** Service roles and their mnemonic indices. Addresses are fixed, hence so is the manifest. */
export const ROLE_INDEX = {
  /** deploys everything; proxy admin; owner of SystemConfig, DisputeGameFactory, DelayedWETH, the oracle */
  deployer: 100,
  /** SuperchainConfig guardian: pauses, sets the portals' respected game type */
  guardian: 101,
  /** proposer of chain 901 (PermissionedDisputeGame proposer) */
  proposer901: 102,
  /** challenger of chain 901 (PermissionedDisputeGame challenger); never acts */
  challenger901: 103,
  /** proposer of chain 902 (oracle-approved proposer / type-6 game creator) */
  proposer902: 104,
  /** challenger of chain 902 (oracle challenger, may delete outputs); never acts */
  challenger902: 105,
  /** batcher address recorded in SystemConfig; the devnet posts no batches */
  batcher: 106,
  /** reserved for the Phala assets deployment, so its addresses do not depend on the OP Stack deploy */
  assetDeployer: 110,
  /** the claim backend's ECDSA signer, trusted by the claimers (part of their CREATE2 addresses) */
  claimSigner: 111,
  /** deploys ENS on the L1 and acts as its .eth registrar (devnet/ens) */
  ensDeployer: 112,
} as const

export type Role = keyof typeof ROLE_INDEX

/** Keys only the 'current' devnet uses (listed in its manifest's serviceAccounts, not in the legacy one). */
export const CURRENT_ROLE_INDEX = {
  /** not the proposer: posts games with false root claims for permissionless game types */
  outsider: 107,
} as const

export function deriveAccount(index: number, mnemonic = TEST_MNEMONIC): KeyedAccount {
  const acct = mnemonicToAccount(mnemonic, { addressIndex: index })
  const hd = acct.getHdKey()
  if (!hd.privateKey) throw new Error(`no private key at index ${index}`)
  return { index, address: acct.address, privateKey: bytesToHex(hd.privateKey) }
}

export function userAccounts(mnemonic = TEST_MNEMONIC): KeyedAccount[] {
  return Array.from({ length: USER_ACCOUNT_COUNT }, (_, i) => deriveAccount(i, mnemonic))
}

export function roleAccounts(mnemonic = TEST_MNEMONIC): Record<Role, KeyedAccount> {
  return Object.fromEntries(
    Object.entries(ROLE_INDEX).map(([role, index]) => [role, deriveAccount(index, mnemonic)]),
  ) as Record<Role, KeyedAccount>
}
