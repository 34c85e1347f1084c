// The selector table shipped in the extension: the calls (and custom errors) the wallet names
// without asking anyone. Token standards (ERC-20 with EIP-2612, ERC-721, ERC-1155), WETH, Permit2,
// Multicall3, the OP Stack bridges and portals, the PHA claimer, and the top-level calls of common
// swap routers. Where two standards share a selector (ERC-20 and ERC-721 `approve` /
// `transferFrom`), the first entry decodes and the target contract tells which it is (src/simulate).
// Signatures are public interface facts, written here in viem's human-readable ABI form (inputs only:
// decoding calldata needs nothing else).
import { parseAbi, toFunctionSelector, type Abi, type AbiFunction } from 'viem'
import { formatAbiItem } from 'viem/utils'

export interface SelectorGroup {
  /** where the signatures come from, as the user reads it: "ERC-20", "Uniswap V2 router" */
  source: string
  abi: Abi
}

export const ERC20_SELECTORS = parseAbi([
  'function transfer(address to, uint256 amount)',
  'function transferFrom(address from, address to, uint256 amount)',
  'function approve(address spender, uint256 amount)',
  'function increaseAllowance(address spender, uint256 addedValue)',
  'function decreaseAllowance(address spender, uint256 subtractedValue)',
  'function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)',
])

export const ERC721_SELECTORS = parseAbi([
  'function safeTransferFrom(address from, address to, uint256 tokenId)',
  'function safeTransferFrom(address from, address to, uint256 tokenId, bytes data)',
  'function setApprovalForAll(address operator, bool approved)',
])

export const ERC1155_SELECTORS = parseAbi([
  'function safeTransferFrom(address from, address to, uint256 id, uint256 amount, bytes data)',
  'function safeBatchTransferFrom(address from, address to, uint256[] ids, uint256[] amounts, bytes data)',
])

export const WETH_SELECTORS = parseAbi(['function deposit() payable', 'function withdraw(uint256 amount)'])

/** Uniswap's Permit2 (0x000000000022D473030F116dDEE9F6B43aC78BA3 on every chain it is on). */
export const PERMIT2_ADDRESS = '0x000000000022D473030F116dDEE9F6B43aC78BA3'
export const PERMIT2_SELECTORS = parseAbi([
  'function approve(address token, address spender, uint160 amount, uint48 expiration)',
  'function permit(address owner, ((address token, uint160 amount, uint48 expiration, uint48 nonce) details, address spender, uint256 sigDeadline) permitSingle, bytes signature)',
  'function permit(address owner, ((address token, uint160 amount, uint48 expiration, uint48 nonce)[] details, address spender, uint256 sigDeadline) permitBatch, bytes signature)',
  'function transferFrom(address from, address to, uint160 amount, address token)',
  'function permitTransferFrom(((address token, uint256 amount) permitted, uint256 nonce, uint256 deadline) permit, (address to, uint256 requestedAmount) transferDetails, address owner, bytes signature)',
  'function lockdown((address token, address spender)[] approvals)',
  'function invalidateNonces(address token, address spender, uint48 newNonce)',
  'function invalidateUnorderedNonces(uint256 wordPos, uint256 mask)',
])

export const MULTICALL_SELECTORS = parseAbi([
  'function aggregate((address target, bytes callData)[] calls) payable',
  'function aggregate3((address target, bool allowFailure, bytes callData)[] calls) payable',
  'function aggregate3Value((address target, bool allowFailure, uint256 value, bytes callData)[] calls) payable',
  'function tryAggregate(bool requireSuccess, (address target, bytes callData)[] calls) payable',
  'function multicall(bytes[] data) payable',
  'function multicall(uint256 deadline, bytes[] data) payable',
])

export const OP_STACK_SELECTORS = parseAbi([
  'function depositETH(uint32 minGasLimit, bytes extraData) payable',
  'function depositETHTo(address to, uint32 minGasLimit, bytes extraData) payable',
  'function depositERC20(address l1Token, address l2Token, uint256 amount, uint32 minGasLimit, bytes extraData)',
  'function depositERC20To(address l1Token, address l2Token, address to, uint256 amount, uint32 minGasLimit, bytes extraData)',
  'function bridgeETH(uint32 minGasLimit, bytes extraData) payable',
  'function bridgeETHTo(address to, uint32 minGasLimit, bytes extraData) payable',
  'function bridgeERC20(address localToken, address remoteToken, uint256 amount, uint32 minGasLimit, bytes extraData)',
  'function bridgeERC20To(address localToken, address remoteToken, address to, uint256 amount, uint32 minGasLimit, bytes extraData)',
  'function withdraw(address l2Token, uint256 amount, uint32 minGasLimit, bytes extraData) payable',
  'function withdrawTo(address l2Token, address to, uint256 amount, uint32 minGasLimit, bytes extraData) payable',
  'function depositTransaction(address to, uint256 value, uint64 gasLimit, bool isCreation, bytes data) payable',
  'function initiateWithdrawal(address target, uint256 gasLimit, bytes data) payable',
  'function proveWithdrawalTransaction((uint256 nonce, address sender, address target, uint256 value, uint256 gasLimit, bytes data) tx, uint256 disputeGameIndex, (bytes32 version, bytes32 stateRoot, bytes32 messagePasserStorageRoot, bytes32 latestBlockhash) outputRootProof, bytes[] withdrawalProof)',
  'function finalizeWithdrawalTransaction((uint256 nonce, address sender, address target, uint256 value, uint256 gasLimit, bytes data) tx)',
  'function finalizeWithdrawalTransactionExternalProof((uint256 nonce, address sender, address target, uint256 value, uint256 gasLimit, bytes data) tx, address proofSubmitter)',
  'function sendMessage(address target, bytes message, uint32 minGasLimit) payable',
])

export const CLAIMER_SELECTORS = parseAbi(['function claim(address user, uint256 free, uint256 staked, address receiver, bytes signature)'])

export const ROUTER_SELECTORS = parseAbi([
  // Uniswap V2 router (and its many forks)
  'function swapExactETHForTokens(uint256 amountOutMin, address[] path, address to, uint256 deadline) payable',
  'function swapETHForExactTokens(uint256 amountOut, address[] path, address to, uint256 deadline) payable',
  'function swapExactTokensForETH(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline)',
  'function swapTokensForExactETH(uint256 amountOut, uint256 amountInMax, address[] path, address to, uint256 deadline)',
  'function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline)',
  'function swapTokensForExactTokens(uint256 amountOut, uint256 amountInMax, address[] path, address to, uint256 deadline)',
  'function swapExactETHForTokensSupportingFeeOnTransferTokens(uint256 amountOutMin, address[] path, address to, uint256 deadline) payable',
  'function swapExactTokensForETHSupportingFeeOnTransferTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline)',
  'function swapExactTokensForTokensSupportingFeeOnTransferTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline)',
  'function addLiquidity(address tokenA, address tokenB, uint256 amountADesired, uint256 amountBDesired, uint256 amountAMin, uint256 amountBMin, address to, uint256 deadline)',
  'function addLiquidityETH(address token, uint256 amountTokenDesired, uint256 amountTokenMin, uint256 amountETHMin, address to, uint256 deadline) payable',
  'function removeLiquidity(address tokenA, address tokenB, uint256 liquidity, uint256 amountAMin, uint256 amountBMin, address to, uint256 deadline)',
  'function removeLiquidityETH(address token, uint256 liquidity, uint256 amountTokenMin, uint256 amountETHMin, address to, uint256 deadline)',
  // Uniswap V3 SwapRouter
  'function exactInputSingle((address tokenIn, address tokenOut, uint24 fee, address recipient, uint256 deadline, uint256 amountIn, uint256 amountOutMinimum, uint160 sqrtPriceLimitX96) params) payable',
  'function exactInput((bytes path, address recipient, uint256 deadline, uint256 amountIn, uint256 amountOutMinimum) params) payable',
  'function exactOutputSingle((address tokenIn, address tokenOut, uint24 fee, address recipient, uint256 deadline, uint256 amountOut, uint256 amountInMaximum, uint160 sqrtPriceLimitX96) params) payable',
  'function exactOutput((bytes path, address recipient, uint256 deadline, uint256 amountOut, uint256 amountInMaximum) params) payable',
  // Uniswap SwapRouter02 (no deadline in the struct)
  'function exactInputSingle((address tokenIn, address tokenOut, uint24 fee, address recipient, uint256 amountIn, uint256 amountOutMinimum, uint160 sqrtPriceLimitX96) params) payable',
  'function exactOutputSingle((address tokenIn, address tokenOut, uint24 fee, address recipient, uint256 amountOut, uint256 amountInMaximum, uint160 sqrtPriceLimitX96) params) payable',
  // Uniswap Universal Router
  'function execute(bytes commands, bytes[] inputs, uint256 deadline) payable',
  'function execute(bytes commands, bytes[] inputs) payable',
  // 1inch aggregation router v6
  'function swap(address executor, (address srcToken, address dstToken, address srcReceiver, address dstReceiver, uint256 amount, uint256 minReturnAmount, uint256 flags) desc, bytes data) payable',
  // 0x exchange proxy
  'function transformERC20(address inputToken, address outputToken, uint256 inputTokenAmount, uint256 minOutputTokenAmount, (uint32 deploymentNonce, bytes data)[] transformations) payable',
  'function sellToUniswap(address[] tokens, uint256 sellAmount, uint256 minBuyAmount, bool isSushi) payable',
])

/** Custom errors decoded in revert reasons (besides Error(string) and Panic(uint256)). */
export const KNOWN_ERRORS = parseAbi([
  'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)',
  'error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)',
  'error ERC20InvalidReceiver(address receiver)',
  'error ERC20InvalidSpender(address spender)',
  'error ERC721NonexistentToken(uint256 tokenId)',
  'error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)',
  'error ERC721InsufficientApproval(address operator, uint256 tokenId)',
  'error ERC1155InsufficientBalance(address sender, uint256 balance, uint256 needed, uint256 tokenId)',
  'error ERC1155MissingApprovalForAll(address operator, address owner)',
  'error AllowanceExpired(uint256 deadline)',
  'error InsufficientAllowance(uint256 amount)',
  'error InvalidNonce()',
  'error InvalidSignature()',
  'error SignatureExpired(uint256 signatureDeadline)',
  'error TransactionDeadlinePassed()',
  'error V3TooLittleReceived()',
  'error V3TooMuchRequested()',
  'error V2TooLittleReceived()',
  'error V2TooMuchRequested()',
  'error ExecutionFailed(uint256 commandIndex, bytes message)',
  'error AlreadyClaimed(address user)',
  'error NoAssetsToClaim(address user)',
  'error InvalidReceiver(address receiver)',
  'error NotDeposited()',
  'error OptimismPortal_InvalidOutputRootProof()',
  'error OptimismPortal_Unproven()',
  'error OptimismPortal_ProofNotOldEnough()',
  'error OptimismPortal_AlreadyFinalized()',
])

export const SELECTOR_GROUPS: SelectorGroup[] = [
  { source: 'ERC-20', abi: ERC20_SELECTORS },
  { source: 'ERC-721', abi: ERC721_SELECTORS },
  { source: 'ERC-1155', abi: ERC1155_SELECTORS },
  { source: 'WETH', abi: WETH_SELECTORS },
  { source: 'Permit2', abi: PERMIT2_SELECTORS },
  { source: 'Multicall', abi: MULTICALL_SELECTORS },
  { source: 'OP Stack bridge', abi: OP_STACK_SELECTORS },
  { source: 'PHA claimer', abi: CLAIMER_SELECTORS },
  { source: 'swap router', abi: ROUTER_SELECTORS },
]

export interface KnownSelector {
  item: AbiFunction
  source: string
  signature: string
}

let table: Map<string, KnownSelector> | undefined

/** selector (0x + 8 hex) -> the function the wallet knows for it (the first group wins a clash). */
export function selectorTable(): Map<string, KnownSelector> {
  if (table) return table
  table = new Map()
  for (const g of SELECTOR_GROUPS) {
    for (const item of g.abi) {
      if (item.type !== 'function') continue
      const sel = toFunctionSelector(item)
      if (!table.has(sel)) table.set(sel, { item, source: g.source, signature: formatAbiItem(item, { includeName: true }) })
    }
  }
  return table
}
