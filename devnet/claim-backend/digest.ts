// The approval the devnet claimers verify (see devnet/phala/contracts/Claimer.sol):
//   digest = keccak256(abi.encode(uint256 chainId, address claimer, address user, uint256 free, uint256 staked, address receiver))
//   signature = EIP-191 personal_sign of the 32 digest bytes by the backend signer.
import { encodeAbiParameters, keccak256, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

export interface ClaimApproval {
  chainId: number
  claimer: Address
  user: Address
  free: bigint
  staked: bigint
  receiver: Address
}

export function claimDigest(a: ClaimApproval): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'uint256' }, { type: 'address' }, { type: 'address' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'address' }],
      [BigInt(a.chainId), a.claimer, a.user, a.free, a.staked, a.receiver],
    ),
  )
}

export function signClaimApproval(signerKey: Hex, a: ClaimApproval): Promise<Hex> {
  return privateKeyToAccount(signerKey).signMessage({ message: { raw: claimDigest(a) } })
}
