// The OP Stack bridge contracts' calls the wallet makes or decodes (standard bridges, portal,
// message passer). viem's op-stack module covers ETH deposits and withdrawals; ERC-20 bridging
// through the standard bridges is encoded from these.
import { parseAbi } from 'viem'

export const l1StandardBridgeAbi = parseAbi([
  'function depositETH(uint32 minGasLimit, bytes extraData) payable',
  'function depositETHTo(address to, uint32 minGasLimit, bytes extraData) payable',
  'function depositERC20(address l1Token, address l2Token, uint256 amount, uint32 minGasLimit, bytes extraData)',
  'function depositERC20To(address l1Token, address l2Token, address to, uint256 amount, uint32 minGasLimit, bytes extraData)',
  'function bridgeETHTo(address to, uint32 minGasLimit, bytes extraData) payable',
  'function bridgeERC20To(address localToken, address remoteToken, address to, uint256 amount, uint32 minGasLimit, bytes extraData)',
  'function finalizeERC20Withdrawal(address l1Token, address l2Token, address from, address to, uint256 amount, bytes extraData)',
  'function finalizeETHWithdrawal(address from, address to, uint256 amount, bytes extraData) payable',
  'function messenger() view returns (address)',
  'function otherBridge() view returns (address)',
  'event ERC20DepositInitiated(address indexed l1Token, address indexed l2Token, address indexed from, address to, uint256 amount, bytes extraData)',
  'event ETHDepositInitiated(address indexed from, address indexed to, uint256 amount, bytes extraData)',
  'event ERC20WithdrawalFinalized(address indexed l1Token, address indexed l2Token, address indexed from, address to, uint256 amount, bytes extraData)',
  'event ETHWithdrawalFinalized(address indexed from, address indexed to, uint256 amount, bytes extraData)',
])

export const l2StandardBridgeAbi = parseAbi([
  'function withdraw(address l2Token, uint256 amount, uint32 minGasLimit, bytes extraData) payable',
  'function withdrawTo(address l2Token, address to, uint256 amount, uint32 minGasLimit, bytes extraData) payable',
  'function bridgeETHTo(address to, uint32 minGasLimit, bytes extraData) payable',
  'function bridgeERC20To(address localToken, address remoteToken, address to, uint256 amount, uint32 minGasLimit, bytes extraData)',
  'event WithdrawalInitiated(address indexed l1Token, address indexed l2Token, address indexed from, address to, uint256 amount, bytes extraData)',
  'event DepositFinalized(address indexed l1Token, address indexed l2Token, address indexed from, address to, uint256 amount, bytes extraData)',
])

export const portalDepositAbi = parseAbi([
  'function depositTransaction(address to, uint256 value, uint64 gasLimit, bool isCreation, bytes data) payable',
  'event TransactionDeposited(address indexed from, address indexed to, uint256 indexed version, bytes opaqueData)',
])

export const messagePasserAbi = parseAbi([
  'function initiateWithdrawal(address target, uint256 gasLimit, bytes data) payable',
  'event MessagePassed(uint256 indexed nonce, address indexed sender, address indexed target, uint256 value, uint256 gasLimit, bytes data, bytes32 withdrawalHash)',
])
