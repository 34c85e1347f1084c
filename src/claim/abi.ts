// The parts of the claimers and the vPHA vault the wallet calls (../shared/reference/abis/).
import { parseAbi } from 'viem'

/** Both claimers: claim, claimed and the custom errors a claim can revert with. */
export const claimerAbi = parseAbi([
  'function claim(address user, uint256 free, uint256 staked, address receiver, bytes signature)',
  'function claimed(address user) view returns (bool)',
  'event Claimed(address indexed user, uint256 free, uint256 staked, address receiver)',
  'event ClaimedAndBridged(address indexed user, uint256 free, uint256 staked, address l1Receiver, address l2Receiver)',
  'error AlreadyClaimed(address user)',
  'error NoAssetsToClaim(address user)',
  'error InvalidReceiver(address receiver)',
  'error InvalidSignature()',
  'error NotDeposited()',
  'error InvalidBridgeConfig()',
  'error ECDSAInvalidSignature()',
  'error ECDSAInvalidSignatureLength(uint256 length)',
  'error ECDSAInvalidSignatureS(bytes32 s)',
  'error SafeERC20FailedOperation(address token)',
])

/** The Phala claimer only: where staked vPHA is bridged. */
export const phalaClaimerAbi = parseAbi(['function bridgeConfig() view returns (address l1Bridge, address l2Token, uint32 minGasLimit)'])

export const phaVaultAbi = parseAbi([
  'function balanceOf(address account) view returns (uint256)',
  'function convertToAssets(uint256 shares) view returns (uint256)',
  'function unlockPeriod() view returns (uint256)',
  'function unlockRequests(address owner) view returns ((address receiver, uint256 assets, uint256 startTime)[])',
])
